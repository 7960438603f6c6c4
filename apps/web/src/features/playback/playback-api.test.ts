import { describe, expect, it } from 'vitest';
import { drawdown, fromPlaybackApi } from './data';

const H = 3600;

describe('the playback API columns as the chart draws them', () => {
  it('drops rows without a bar, moves t to the bar open, turns predictions and outcomes into directions', () => {
    const cols = fromPlaybackApi({
      interval: '1h',
      target: 'return',
      t: [10 * H, 11 * H, 12 * H, 13 * H],
      open: [1, null, 1.2, 1.3],
      high: [1.1, null, 1.3, 1.4],
      low: [0.9, null, 1.1, 1.2],
      close: [1.05, null, 1.25, 1.35],
      prediction: [0.002, 0.001, -0.003, null],
      realizedReturn: [0.01, 0.02, 0.004, null],
      equity: [0.01, 0.03, 0.026, 0.026],
    });
    expect(cols.ts).toEqual([9 * H, 11 * H, 12 * H]);
    expect(cols.close).toEqual([1.05, 1.25, 1.35]);
    expect(cols.prediction).toEqual([1, -1, null]);
    expect(cols.outcome).toEqual([1, 1, null]);
    // Equity is drawn from 1 (the API's running sum starts at 0).
    expect(cols.equity[0]).toBeCloseTo(1.01);
    expect(cols.equity[2]).toBeCloseTo(1.026);
  });

  it('a price target predicts the direction of the price against the close', () => {
    const cols = fromPlaybackApi({
      interval: '1d',
      target: 'price',
      t: [86_400, 2 * 86_400],
      open: [10, 10],
      high: [11, 11],
      low: [9, 9],
      close: [10, 10],
      prediction: [10.5, 9.5],
      realizedReturn: [-0.01, 0],
      equity: [0, 0],
    });
    expect(cols.ts).toEqual([0, 86_400]);
    expect(cols.prediction).toEqual([1, -1]);
    expect(cols.outcome).toEqual([-1, 0]);
  });

  it('drawdown is the distance below the running peak, which starts at 0', () => {
    expect(drawdown([])).toEqual([]);
    const dd = drawdown([-0.01, 0.02, 0.01, 0.03, -0.02]);
    const want = [-0.01, 0, -0.01, 0, -0.05];
    for (let i = 0; i < want.length; i++) expect(dd[i]).toBeCloseTo(want[i] as number, 12);
  });
});
