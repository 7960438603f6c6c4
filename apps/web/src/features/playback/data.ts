/**
 * The playback's data shape: columns, one row per bar, so a year of hourly data (~8,760 rows)
 * is a handful of flat arrays, built from the playback API's columns (fromPlaybackApi).
 */

export interface PlaybackColumns {
  /** Bar open time, UTC seconds (lightweight-charts' UTCTimestamp). */
  ts: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  /** Predicted direction made at this bar's close: 1 up, -1 down, 0 flat; null: no prediction. */
  prediction: (number | null)[];
  /** What then happened over the horizon: 1 up, -1 down, 0 flat; null: not known (yet). */
  outcome: (number | null)[];
  /** Running equity of following the predictions (1 = start), applied when each outcome is realized. */
  equity: number[];
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

export function durationMs(text: string): number {
  const m = /^(\d+)([mhd])$/.exec(text);
  if (!m) throw new Error(`unsupported duration ${text}`);
  return Number(m[1]) * (UNIT_MS[m[2] as string] ?? 0);
}

/** Index of the last row with ts <= t (seconds); -1 when t is before the first row. */
export function indexAtOrBefore(ts: readonly number[], t: number): number {
  let lo = 0;
  let hi = ts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((ts[mid] as number) <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Hit rate over rows [0, end]: share of predictions with a known outcome whose direction matched. */
export function hitRate(cols: PlaybackColumns, end: number): { hits: number; scored: number } {
  let hits = 0;
  let scored = 0;
  for (let i = 0; i <= end && i < cols.ts.length; i++) {
    const p = cols.prediction[i];
    const o = cols.outcome[i];
    if (p === null || p === undefined || o === null || o === undefined || p === 0) continue;
    scored++;
    if (p === o) hits++;
  }
  return { hits, scored };
}

/** The shape the playback API (`GET /v1/models/{slug}/playback`) answers, as far as the chart needs it. */
export interface PlaybackApiColumns {
  interval: string;
  target: string;
  t: number[];
  open: (number | null)[];
  high: (number | null)[];
  low: (number | null)[];
  close: (number | null)[];
  prediction: (number | null)[];
  realizedReturn: (number | null)[];
  equity: number[];
}

/**
 * The playback API's columns as the chart's: rows without a bar are dropped, `t` (as_of, the
 * bar's close) becomes the bar's open time, the prediction and the outcome become directions and
 * the equity (a running sum of strategy returns from 0) is drawn from 1.
 */
export function fromPlaybackApi(p: PlaybackApiColumns): PlaybackColumns {
  const step = durationMs(p.interval) / 1000;
  const cols: PlaybackColumns = {
    ts: [],
    open: [],
    high: [],
    low: [],
    close: [],
    prediction: [],
    outcome: [],
    equity: [],
  };
  for (let i = 0; i < p.t.length; i++) {
    const o = p.open[i];
    const h = p.high[i];
    const l = p.low[i];
    const c = p.close[i];
    if (o == null || h == null || l == null || c == null) continue;
    cols.ts.push((p.t[i] as number) - step);
    cols.open.push(o);
    cols.high.push(h);
    cols.low.push(l);
    cols.close.push(c);
    const v = p.prediction[i];
    cols.prediction.push(v == null ? null : Math.sign(p.target === 'price' ? v - c : v));
    const r = p.realizedReturn[i];
    cols.outcome.push(r == null ? null : Math.sign(r));
    cols.equity.push(1 + (p.equity[i] ?? 0));
  }
  return cols;
}

/** Drawdown at each point: equity minus its running peak (the peak starts at `start`), so 0 or below. */
export function drawdown(equity: readonly number[], start = 0): number[] {
  let peak = start;
  return equity.map((e) => {
    if (e > peak) peak = e;
    return e - peak;
  });
}
