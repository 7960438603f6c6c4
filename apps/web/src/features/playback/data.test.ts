import { describe, expect, it } from 'vitest';
import { durationMs, hitRate, indexAtOrBefore, type PlaybackColumns } from './data';

const hour = 3_600_000;

function columns(prediction: (number | null)[], outcome: (number | null)[]): PlaybackColumns {
  const ts = prediction.map((_, i) => i * 3600);
  const ones = ts.map(() => 1);
  return { ts, open: ones, high: ones, low: ones, close: ones, prediction, outcome, equity: ones };
}

describe('playback columns', () => {
  it('scores only predictions with a direction and a known outcome, up to the cursor', () => {
    // hit, miss, outcome unknown, flat prediction, no prediction, hit (past the cursor)
    const cols = columns([1, 1, -1, 0, null, -1], [1, -1, null, 1, 1, -1]);
    expect(hitRate(cols, 4)).toEqual({ hits: 1, scored: 2 });
    expect(hitRate(cols, 5)).toEqual({ hits: 2, scored: 3 });
    expect(hitRate(cols, 99)).toEqual({ hits: 2, scored: 3 });
  });

  it('parses durations and finds rows by time', () => {
    expect(durationMs('4h')).toBe(4 * hour);
    expect(durationMs('1d')).toBe(24 * hour);
    expect(() => durationMs('1w')).toThrow();
    const ts = [10, 20, 30];
    expect(indexAtOrBefore(ts, 5)).toBe(-1);
    expect(indexAtOrBefore(ts, 20)).toBe(1);
    expect(indexAtOrBefore(ts, 29)).toBe(1);
    expect(indexAtOrBefore(ts, 99)).toBe(2);
  });
});
