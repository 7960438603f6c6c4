// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// jsdom has no canvas: the chart library is replaced by a recorder (the real one runs in Chromium).
const calls = vi.hoisted(() => ({
  setData: [] as unknown[][],
  update: [] as unknown[],
  markers: [] as unknown[][],
  removed: 0,
}));
vi.mock('lightweight-charts', () => {
  const series = () => ({
    setData: (d: unknown[]) => calls.setData.push(d),
    update: (d: unknown) => calls.update.push(d),
  });
  return {
    CandlestickSeries: 'Candlestick',
    LineSeries: 'Line',
    createChart: () => ({
      addSeries: series,
      panes: () => [{ setStretchFactor() {} }, { setStretchFactor() {} }],
      subscribeCrosshairMove() {},
      timeScale: () => ({ fitContent() {} }),
      remove: () => {
        calls.removed++;
      },
    }),
    createSeriesMarkers: () => ({ setMarkers: (m: unknown[]) => calls.markers.push(m) }),
  };
});

import type { PlaybackColumns } from './data';
import { PlaybackChart, prepare } from './PlaybackChart';

const hour = 3600;
const t0 = Date.parse('2024-01-01T00:00:00Z') / 1000;

function columns(n: number): PlaybackColumns {
  const ts = Array.from({ length: n }, (_, i) => t0 + i * hour);
  return {
    ts,
    open: ts.map(() => 1),
    high: ts.map(() => 2),
    low: ts.map(() => 0.5),
    close: ts.map((_, i) => 1 + i / 100),
    prediction: ts.map((_, i) => (i % 2 ? 1 : -1)),
    outcome: ts.map((_, i) => (i % 3 ? 1 : -1)),
    equity: ts.map((_, i) => 1 + i / 1000),
  };
}

describe('PlaybackChart', () => {
  beforeEach(() => {
    calls.setData.length = 0;
    calls.update.length = 0;
    calls.markers.length = 0;
    calls.removed = 0;
  });
  afterEach(cleanup);

  it('prepares candles, equity and one marker per prediction, coloured by outcome', () => {
    const p = prepare(columns(6));
    expect(p.candles).toHaveLength(6);
    expect(p.markers).toHaveLength(6);
    expect(p.markers[0]).toMatchObject({ shape: 'arrowDown', position: 'aboveBar', color: '#1a7f37' });
    expect(p.markers[1]).toMatchObject({ shape: 'arrowUp', color: '#1a7f37' });
    expect(p.markers[3]).toMatchObject({ shape: 'arrowUp', color: '#c2261b' });
    expect(Array.from(p.markerCount)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('shows the whole range, steps back and forward, and reads out the bar under the cursor', () => {
    render(<PlaybackChart columns={columns(48)} symbol="USDCHF" />);
    // Initially the whole range is shown: 48 candles (and 48 equity points).
    expect(calls.setData.some((d) => d.length === 48)).toBe(true);
    expect(screen.getByText(/bar 48 of 48/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Step back one bar' }));
    expect(screen.getByText(/bar 47 of 48/)).toBeTruthy();
    expect(calls.setData.at(-1)).toHaveLength(47);

    calls.update.length = 0;
    fireEvent.click(screen.getByRole('button', { name: 'Step forward one bar' }));
    expect(screen.getByText(/bar 48 of 48/)).toBeTruthy();
    // Moving forward appends (candle + equity point) instead of resetting the data.
    expect(calls.update).toHaveLength(2);
    expect(calls.markers.at(-1)).toHaveLength(48);
    expect(screen.getByText(/predicted up; then the price went up \(hit\)/)).toBeTruthy();
  });

  it('plays from the start when at the end, and pauses', async () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'performance'] });
    try {
      render(<PlaybackChart columns={columns(100)} symbol="USDCHF" />);
      fireEvent.click(screen.getByRole('button', { name: 'Play' }));
      expect(screen.getByText(/bar 1 of 100/)).toBeTruthy();
      await act(async () => {
        vi.advanceTimersByTime(1000); // 16 bars per second by default
      });
      const shown = Number(/bar (\d+) of 100/.exec(document.body.textContent ?? '')?.[1]);
      expect(shown).toBeGreaterThan(10);
      expect(shown).toBeLessThan(30);
      fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
      expect(screen.getByRole('button', { name: 'Play' })).toBeTruthy();
    } finally {
      vi.useRealTimers();
    }
  });

  it('removes the chart on unmount', () => {
    const { unmount } = render(<PlaybackChart columns={columns(5)} symbol="USDCHF" />);
    unmount();
    expect(calls.removed).toBe(1);
  });
});
