/**
 * Equity and drawdown of one record (lightweight-charts): the running sum of strategy returns on
 * top, its drawdown from the running peak below. Loaded lazily with the chart library.
 */
import { AreaSeries, createChart, LineSeries, type Time, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { drawdown } from '../playback/data';

export interface EquityChartProps {
  /** as_of of each point, epoch seconds. */
  t: readonly number[];
  /** Running sum of strategy returns, from 0. */
  equity: readonly number[];
  label: string;
}

export function EquityChart({ t, equity, label }: EquityChartProps) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const chart = createChart(container.current, {
      autoSize: true,
      layout: { background: { color: '#ffffff' }, textColor: '#1b1f24', attributionLogo: true },
      grid: { vertLines: { color: '#eef0f3' }, horzLines: { color: '#eef0f3' } },
      timeScale: { timeVisible: true, secondsVisible: false },
      rightPriceScale: { borderVisible: false },
      localization: { priceFormatter: (p: number) => `${(p * 100).toFixed(1)}%` },
    });
    const eq = chart.addSeries(LineSeries, { color: '#0b5cad', lineWidth: 2, priceLineVisible: false });
    const dd = chart.addSeries(
      AreaSeries,
      {
        lineColor: '#c2261b',
        topColor: 'rgba(194, 38, 27, 0.05)',
        bottomColor: 'rgba(194, 38, 27, 0.35)',
        invertFilledArea: true,
        lineWidth: 1,
        priceLineVisible: false,
      },
      1,
    );
    chart.panes()[1]?.setStretchFactor(0.45);
    const dds = drawdown(equity);
    eq.setData(t.map((time, i) => ({ time: time as UTCTimestamp as Time, value: equity[i] as number })));
    dd.setData(t.map((time, i) => ({ time: time as UTCTimestamp as Time, value: dds[i] as number })));
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [t, equity]);
  return (
    <figure className="equity-figure">
      <div ref={container} className="equity-chart" />
      <figcaption className="muted small">
        {label}: equity (sum of the strategy's period returns, from 0) above, drawdown from its running peak
        below.
      </figcaption>
    </figure>
  );
}
