import { describe, expect, it } from 'vitest';
import { comparePredictions } from './rerun-compare';

describe('comparePredictions', () => {
  it('reports no difference for identical predictions in any order', () => {
    const a = [
      { symbol: 'A', value: 0.1 + 0.2, confidence: 0.5 },
      { symbol: 'B', value: -1e-17, confidence: null },
    ];
    expect(comparePredictions(a, [...a].reverse())).toEqual({ compared: 2, differences: [] });
  });

  it('lists changed values, changed confidences, and symbols present on one side only', () => {
    const r = comparePredictions(
      [
        { symbol: 'A', value: 0.3, confidence: 0.5 },
        { symbol: 'B', value: 1, confidence: 0.5 },
        { symbol: 'C', value: 2, confidence: null },
      ],
      [
        { symbol: 'A', value: 0.30000000000000004, confidence: 0.5 },
        { symbol: 'B', value: 1, confidence: 0.6 },
        { symbol: 'D', value: 3, confidence: null },
      ],
    );
    expect(r.compared).toBe(4);
    expect(r.differences).toEqual([
      {
        symbol: 'A',
        stored: { value: 0.3, confidence: 0.5 },
        rerun: { value: 0.30000000000000004, confidence: 0.5 },
      },
      { symbol: 'B', stored: { value: 1, confidence: 0.5 }, rerun: { value: 1, confidence: 0.6 } },
      { symbol: 'C', stored: { value: 2, confidence: null }, rerun: null },
      { symbol: 'D', stored: null, rerun: { value: 3, confidence: null } },
    ]);
  });
});
