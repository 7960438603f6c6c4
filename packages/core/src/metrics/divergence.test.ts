/** The divergence alarm on plain values, with expected statistics worked out by hand. */
import { describe, expect, it } from 'vitest';
import { DIVERGENCE_ALPHA, divergence, divergenceFromDifferences, pairedDifferences } from './divergence';
import type { ScoredPrediction } from './metrics';

/** 30 alternating values a+b, a-b: mean a, sd b*sqrt(30/29), so z = (a/b)*sqrt(29). */
const alternating = (a: number, b: number) =>
  Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? a + b : a - b));

describe('divergenceFromDifferences', () => {
  it('a clear, persistent gap is diverging: z = sqrt(29), p ~ 7.2e-8', () => {
    const d = divergenceFromDifferences(alternating(0.01, 0.01));
    expect(d.status).toBe('diverging');
    expect(d.n).toBe(30);
    expect(d.statistic).toBeCloseTo(Math.sqrt(29), 9);
    expect(d.pValue).toBeGreaterThan(5e-8);
    expect(d.pValue).toBeLessThan(1e-7);
    expect(d.meanDifference).toBeCloseTo(0.01, 12);
  });

  it('a gap chance explains at the 1% level is consistent: z = 2, p = 0.0455', () => {
    const d = divergenceFromDifferences(alternating((2 / Math.sqrt(29)) * 0.01, 0.01));
    expect(d.statistic).toBeCloseTo(2, 9);
    expect(d.pValue).toBeCloseTo(0.0455003, 6);
    expect(d.pValue as number).toBeGreaterThan(DIVERGENCE_ALPHA);
    expect(d.status).toBe('consistent');
  });

  it('the same gap is diverging with a looser alpha', () => {
    expect(
      divergenceFromDifferences(alternating((2 / Math.sqrt(29)) * 0.01, 0.01), { alpha: 0.05 }).status,
    ).toBe('diverging');
  });

  it('negative gaps count the same (two-sided)', () => {
    const d = divergenceFromDifferences(alternating(-0.01, 0.01));
    expect(d.statistic).toBeCloseTo(-Math.sqrt(29), 9);
    expect(d.status).toBe('diverging');
  });

  it('below the minimum sample there is no verdict', () => {
    const d = divergenceFromDifferences(alternating(0.05, 0.001).slice(0, 29));
    expect(d).toMatchObject({
      status: 'insufficient_data',
      statistic: null,
      pValue: null,
      n: 29,
      minPeriods: 30,
    });
    expect(divergenceFromDifferences([])).toMatchObject({
      status: 'insufficient_data',
      n: 0,
      meanDifference: null,
    });
  });

  it('identical records are consistent; a constant non-zero gap diverges', () => {
    expect(divergenceFromDifferences(new Array(40).fill(0))).toMatchObject({
      status: 'consistent',
      statistic: 0,
      pValue: 1,
    });
    expect(divergenceFromDifferences(new Array(40).fill(0.002))).toMatchObject({
      status: 'diverging',
      statistic: null,
      pValue: 0,
    });
  });
});

describe('divergence over predictions', () => {
  const pred = (t: number, value: number, realizedReturn: number | null): ScoredPrediction => ({
    t,
    symbol: 'AAA',
    target: 'return',
    value,
    realizedValue: realizedReturn,
    realizedReturn,
    baseClose: 100,
  });

  it('pairs only the periods resolved in both records', () => {
    const live = { t: [1, 2, 3], returns: [0.1, 0.2, 0.3] };
    const bt = { t: [2, 3, 4], returns: [0.05, 0.3, 9] };
    const d = pairedDifferences(live, bt);
    expect(d).toHaveLength(2);
    expect(d[0]).toBeCloseTo(0.15, 12);
    expect(d[1]).toBeCloseTo(0, 12);
  });

  it('a live record that calls the opposite direction of its backtest diverges', () => {
    const live: ScoredPrediction[] = [];
    const bt: ScoredPrediction[] = [];
    for (let i = 0; i < 40; i++) {
      const r = i % 3 === 0 ? -0.004 : 0.01; // realized returns, mostly up
      bt.push(pred(i * 3600_000, 0.01, r)); // backtest said up: +r
      live.push(pred(i * 3600_000, -0.01, r)); // live said down: -r
    }
    live.push(pred(99 * 3600_000, 0.01, null)); // pending: ignored
    const d = divergence(live, bt);
    expect(d.n).toBe(40);
    expect(d.status).toBe('diverging');
    expect(divergence(bt, bt)).toMatchObject({ status: 'consistent', n: 40, pValue: 1 });
  });
});
