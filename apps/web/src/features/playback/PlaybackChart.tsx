/**
 * Playback of a model's predictions against what happened: candlesticks with an arrow at each
 * prediction (green when the outcome matched, red when not, grey while unknown), the running
 * equity on a second pane, and play/pause/step/speed controls, a date range and a cursor.
 *
 * Performance: the whole range is prepared once (candles, equity points, markers); playing
 * appends one bar per step with `update()` and sets markers at most once per animation frame
 * from a slice of the prebuilt array, so a year of hourly bars plays smoothly.
 */
import {
  type CandlestickData,
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type LineData,
  LineSeries,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { formatPercent } from '../../components/format';
import { hitRate, indexAtOrBefore, type PlaybackColumns } from './data';

const SPEEDS = [1, 4, 16, 64, 256] as const;
const UP = '#1a7f37';
const DOWN = '#c2261b';
const UNKNOWN = '#6e7781';

interface Prepared {
  candles: CandlestickData<Time>[];
  equity: LineData<Time>[];
  markers: SeriesMarker<Time>[];
  /** markerCount[i]: markers at rows <= i (markers are in row order). */
  markerCount: Int32Array;
}

export function prepare(cols: PlaybackColumns): Prepared {
  const n = cols.ts.length;
  const candles: CandlestickData<Time>[] = new Array(n);
  const equity: LineData<Time>[] = new Array(n);
  const markers: SeriesMarker<Time>[] = [];
  const markerCount = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const time = cols.ts[i] as UTCTimestamp;
    candles[i] = {
      time,
      open: cols.open[i] as number,
      high: cols.high[i] as number,
      low: cols.low[i] as number,
      close: cols.close[i] as number,
    };
    equity[i] = { time, value: cols.equity[i] as number };
    const p = cols.prediction[i];
    if (p !== null && p !== undefined && p !== 0) {
      const o = cols.outcome[i];
      const color = o === null || o === undefined ? UNKNOWN : o === p ? UP : DOWN;
      markers.push(
        p > 0
          ? { time, position: 'belowBar', shape: 'arrowUp', color }
          : { time, position: 'aboveBar', shape: 'arrowDown', color },
      );
    }
    markerCount[i] = markers.length;
  }
  return { candles, equity, markers, markerCount };
}

function dayOf(tsSeconds: number): string {
  return new Date(tsSeconds * 1000).toISOString().slice(0, 10);
}

function directionWord(d: number | null | undefined): string {
  if (d === null || d === undefined) return 'not known yet';
  return d > 0 ? 'up' : d < 0 ? 'down' : 'flat';
}

export interface PlaybackChartProps {
  columns: PlaybackColumns;
  symbol: string;
  /** Accessible name of the chart region. */
  title?: string;
}

export function PlaybackChart({ columns, symbol, title = 'Prediction playback' }: PlaybackChartProps) {
  const n = columns.ts.length;
  const id = useId();
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const candles = useRef<ISeriesApi<'Candlestick'> | null>(null);
  const equityLine = useRef<ISeriesApi<'Line'> | null>(null);
  const markers = useRef<ISeriesMarkersPluginApi<Time> | null>(null);
  const prepared = useMemo(() => prepare(columns), [columns]);

  const firstDay = n ? dayOf(columns.ts[0] as number) : '';
  const lastDay = n ? dayOf(columns.ts[n - 1] as number) : '';
  const [range, setRange] = useState({ from: firstDay, to: lastDay });
  const start = Math.max(
    0,
    indexAtOrBefore(columns.ts, Date.parse(`${range.from}T00:00:00Z`) / 1000 - 1) + 1,
  );
  const endRaw = indexAtOrBefore(columns.ts, Date.parse(`${range.to}T23:59:59Z`) / 1000);
  const end = Math.max(start, endRaw);

  const [cursor, setCursor] = useState(end);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(16);
  const [hover, setHover] = useState<number | null>(null);
  /** The row the chart currently shows up to (kept outside React state for the animation loop). */
  const shown = useRef(-1);

  // Create the chart once per mount (StrictMode mounts twice: the cleanup removes it).
  useEffect(() => {
    if (!container.current) return;
    const c = createChart(container.current, {
      autoSize: true,
      layout: { background: { color: '#ffffff' }, textColor: '#1b1f24', attributionLogo: true },
      grid: { vertLines: { color: '#eef0f3' }, horzLines: { color: '#eef0f3' } },
      timeScale: { timeVisible: true, secondsVisible: false },
      rightPriceScale: { borderVisible: false },
    });
    const s = c.addSeries(CandlestickSeries, {
      upColor: UP,
      downColor: DOWN,
      wickUpColor: UP,
      wickDownColor: DOWN,
      borderVisible: false,
    });
    const e = c.addSeries(LineSeries, { color: '#0b5cad', lineWidth: 2, priceLineVisible: false }, 1);
    c.panes()[1]?.setStretchFactor(0.35);
    chart.current = c;
    candles.current = s;
    equityLine.current = e;
    markers.current = createSeriesMarkers(s, []);
    c.subscribeCrosshairMove((param) => {
      if (param.time === undefined) setHover(null);
      else setHover(indexAtOrBefore(columns.ts, param.time as number));
    });
    return () => {
      c.remove();
      chart.current = null;
      candles.current = null;
      equityLine.current = null;
      markers.current = null;
      shown.current = -1;
    };
  }, [columns.ts]);

  /** Shows rows [start, to]: appends when moving forward by a few rows, resets otherwise. */
  const showUpTo = useCallback(
    (to: number) => {
      const s = candles.current;
      const e = equityLine.current;
      if (!s || !e) return;
      const prev = shown.current;
      if (prev >= start && to >= prev && to - prev <= 64) {
        for (let i = prev + 1; i <= to; i++) {
          s.update(prepared.candles[i] as CandlestickData<Time>);
          e.update(prepared.equity[i] as LineData<Time>);
        }
      } else {
        s.setData(prepared.candles.slice(start, to + 1));
        e.setData(prepared.equity.slice(start, to + 1));
      }
      const from = start > 0 ? (prepared.markerCount[start - 1] ?? 0) : 0;
      markers.current?.setMarkers(prepared.markers.slice(from, prepared.markerCount[to] ?? 0));
      shown.current = to;
    },
    [prepared, start],
  );

  // Range change: reset to the whole range.
  useEffect(() => {
    shown.current = -1;
    setCursor(end);
    setPlaying(false);
    showUpTo(end);
    chart.current?.timeScale().fitContent();
  }, [end, showUpTo]);

  // The cursor drives what is shown (step, seek, play).
  useEffect(() => {
    if (cursor !== shown.current) showUpTo(cursor);
  }, [cursor, showUpTo]);

  // Play: advance `speed` bars per second, at most one chart update per animation frame.
  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    let last = performance.now();
    let carry = 0;
    const tick = (now: number) => {
      carry += ((now - last) / 1000) * speed;
      last = now;
      const stepBy = Math.floor(carry);
      if (stepBy > 0) {
        carry -= stepBy;
        setCursor((c) => {
          const next = Math.min(end, c + stepBy);
          if (next >= end) setPlaying(false);
          return next;
        });
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, end]);

  const play = () => {
    if (cursor >= end) {
      setCursor(start);
      shown.current = -1;
    }
    setPlaying(true);
  };

  const focus = hover ?? cursor;
  const p = columns.prediction[focus];
  const o = columns.outcome[focus];
  const score = hitRate(columns, cursor);
  const equityNow = columns.equity[cursor] ?? 1;
  const equityStart = start > 0 ? (columns.equity[start - 1] ?? 1) : 1;

  if (n === 0) return null;
  return (
    <section className="playback" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <fieldset className="playback-controls">
        <legend className="visually-hidden">Playback controls</legend>
        <button type="button" onClick={() => (playing ? setPlaying(false) : play())} aria-pressed={playing}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <button
          type="button"
          onClick={() => setCursor((c) => Math.max(start, c - 1))}
          disabled={playing || cursor <= start}
          aria-label="Step back one bar"
        >
          ◀ Step
        </button>
        <button
          type="button"
          onClick={() => setCursor((c) => Math.min(end, c + 1))}
          disabled={playing || cursor >= end}
          aria-label="Step forward one bar"
        >
          Step ▶
        </button>
        <label>
          Speed{' '}
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value) as (typeof SPEEDS)[number])}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s} bars/s
              </option>
            ))}
          </select>
        </label>
        <label>
          From{' '}
          <input
            type="date"
            value={range.from}
            min={firstDay}
            max={range.to}
            onChange={(e) => e.target.value && setRange((r) => ({ ...r, from: e.target.value }))}
          />
        </label>
        <label>
          To{' '}
          <input
            type="date"
            value={range.to}
            min={range.from}
            max={lastDay}
            onChange={(e) => e.target.value && setRange((r) => ({ ...r, to: e.target.value }))}
          />
        </label>
      </fieldset>
      <label className="playback-seek">
        <span className="visually-hidden">Position</span>
        <input
          type="range"
          min={start}
          max={end}
          value={cursor}
          onChange={(e) => {
            setPlaying(false);
            setCursor(Number(e.target.value));
          }}
          aria-valuetext={new Date((columns.ts[cursor] ?? 0) * 1000).toISOString()}
        />
      </label>
      <figure className="playback-figure">
        <div ref={container} className="playback-chart" />
        <figcaption className="visually-hidden">
          {symbol} candlesticks with the model's predicted directions (arrows), and its running equity below.
        </figcaption>
      </figure>
      <div className="playback-readout" aria-live="polite">
        <p>
          <strong>
            {new Date((columns.ts[focus] ?? 0) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC
          </strong>{' '}
          close {columns.close[focus]}:{' '}
          {p === null || p === undefined
            ? 'no prediction at this bar.'
            : `predicted ${directionWord(p)}; then the price went ${directionWord(o)}${
                o === null || o === undefined ? '' : o === p ? ' (hit)' : ' (miss)'
              }.`}
        </p>
        <p className="muted small">
          Equity over the range {formatPercent(equityNow / equityStart - 1)} · hit rate{' '}
          {score.scored ? `${formatPercent(score.hits / score.scored)} of ${score.scored}` : '—'} · bar{' '}
          {cursor - start + 1} of {end - start + 1}
        </p>
      </div>
    </section>
  );
}
