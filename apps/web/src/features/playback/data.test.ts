import { describe, expect, it } from 'vitest';
import type { Bar } from '../../api/types';
import { buildPlayback, durationMs, hitRate, indexAtOrBefore, predictedDirection } from './data';

const hour = 3_600_000;
const t0 = Date.parse('2024-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function bars(closes: number[]): Bar[] {
  return closes.map((c, i) => ({
    ts: iso(t0 + i * hour),
    open: c,
    high: c + 1,
    low: c - 1,
    close: c,
    volume: null,
  }));
}

function prediction(asOfMs: number, value: number, realized: number | null) {
  return {
    as_of: iso(asOfMs),
    target: 'return',
    value,
    horizon: '1h',
    outcome:
      realized === null
        ? null
        : {
            base_close: 100,
            realized_close: 100 * (1 + realized),
            realized_return: realized,
            realized_direction: Math.sign(realized),
            realized_value: realized,
          },
  };
}

describe('playback columns from the ledger and bars', () => {
  it('puts each prediction on the bar that closed at its as_of and moves equity when its outcome is realized', () => {
    // Bars open at t0, t0+1h, t0+2h, t0+3h; a prediction at as_of t0+1h belongs to bar 0.
    const cols = buildPlayback(
      bars([100, 101, 99, 102]),
      [
        prediction(t0 + hour, 0.001, 0.01), // up, went up 1%: hit, realized at bar 1
        prediction(t0 + 2 * hour, 0.002, -0.02), // up, went down 2%: miss, realized at bar 2
        prediction(t0 + 3 * hour, -0.001, null), // down, not known yet
      ],
      '1h',
    );
    expect(cols.ts).toEqual([0, 1, 2, 3].map((i) => (t0 + i * hour) / 1000));
    expect(cols.prediction).toEqual([1, 1, -1, null]);
    expect(cols.outcome).toEqual([1, -1, null, null]);
    expect(cols.equity[0]).toBe(1);
    expect(cols.equity[1]).toBeCloseTo(1.01);
    expect(cols.equity[2]).toBeCloseTo(1.01 * 0.98);
    expect(cols.equity[3]).toBeCloseTo(1.01 * 0.98);
    expect(hitRate(cols, 3)).toEqual({ hits: 1, scored: 2 });
  });

  it('ignores predictions without a matching bar', () => {
    const cols = buildPlayback(bars([100, 101]), [prediction(t0 + 10 * hour, 0.5, 0.1)], '1h');
    expect(cols.prediction).toEqual([null, null]);
    expect(cols.equity).toEqual([1, 1]);
  });

  it('reads direction from price targets against the base close', () => {
    const base = prediction(t0, 0, 0.01);
    expect(predictedDirection({ ...base, target: 'price', value: 101 })).toBe(1);
    expect(predictedDirection({ ...base, target: 'price', value: 99 })).toBe(-1);
    expect(predictedDirection({ ...base, target: 'direction', value: -1 })).toBe(-1);
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
