/**
 * Validation of incoming bars, whatever format they arrived in (CSV file, JSON body, a feed).
 * Pure: rows in, accepted bars and rejected rows (with the reason and where they came from) out.
 * A bad row never sinks the good ones; a file never gets to choose between two versions of a bar.
 */
import type { Bar } from './bar';
import { type Interval, intervalMs, isBarClosed, isBoundary } from './intervals';

/** Where a row came from: a CSV line number (the header is line 1) or a JSON array index (0-based). */
export type RowRef = { line: number } | { index: number };

export type CandidateBar = Bar & { at: RowRef };

export const REJECT_CODES = [
  'malformed_row',
  'invalid_ts',
  'misaligned_ts',
  'invalid_number',
  'inconsistent_ohlc',
  'invalid_volume',
  'duplicate_ts',
  'not_closed',
  'conflict',
] as const;
export type RejectCode = (typeof REJECT_CODES)[number];

export interface RejectedRow {
  line?: number;
  index?: number;
  /** The row's ts as given, when it could be read. */
  ts?: string;
  code: RejectCode;
  message: string;
}

export function reject(at: RowRef, code: RejectCode, message: string, ts?: string): RejectedRow {
  return { ...at, ...(ts !== undefined ? { ts } : {}), code, message };
}

// ISO 8601 / RFC 3339 in UTC only: a timestamp without an explicit UTC offset is ambiguous.
const TS_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|z|\+00:?00)$/;

/** Parses an ISO 8601 UTC timestamp strictly (no local times, no impossible dates); undefined if invalid. */
export function parseUtcTimestamp(text: string): Date | undefined {
  const m = TS_RE.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as number[];
  const frac = m[7] ?? '';
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
  if (y === undefined || mo === undefined || d === undefined || h === undefined || mi === undefined) {
    return undefined;
  }
  const t = Date.UTC(y, mo - 1, d, h, mi, s ?? 0, ms);
  const date = new Date(t);
  // Date.UTC rolls 2021-02-30 over into March; a real calendar date survives the round trip.
  if (
    date.getUTCFullYear() !== y ||
    date.getUTCMonth() !== mo - 1 ||
    date.getUTCDate() !== d ||
    date.getUTCHours() !== h ||
    date.getUTCMinutes() !== mi ||
    date.getUTCSeconds() !== s
  ) {
    return undefined;
  }
  // Sub-millisecond digits beyond what a Date holds must be zero, or the ts is not what it says.
  if (/[1-9]/.test(frac.slice(3))) return undefined;
  return date;
}

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A finite decimal number, or undefined (NaN, Infinity, hex, empty and 1e999 are all refused). */
export function parseFiniteNumber(text: string): number | undefined {
  const s = text.trim();
  if (!NUMBER_RE.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** Checks one bar's own consistency; returns the problem or undefined when it is sound. */
export function checkBar(bar: Bar, interval: Interval): { code: RejectCode; message: string } | undefined {
  if (!Number.isFinite(bar.ts.getTime())) return { code: 'invalid_ts', message: 'ts is not a valid instant' };
  if (!isBoundary(bar.ts, interval)) {
    return {
      code: 'misaligned_ts',
      message: `ts ${bar.ts.toISOString()} is not aligned to the ${interval} interval (bars open on multiples of ${intervalMs(interval) / 3_600_000}h since 00:00 UTC)`,
    };
  }
  for (const k of ['open', 'high', 'low', 'close'] as const) {
    if (typeof bar[k] !== 'number' || !Number.isFinite(bar[k])) {
      return { code: 'invalid_number', message: `${k} must be a finite number` };
    }
  }
  if (bar.volume !== null && (!Number.isFinite(bar.volume) || bar.volume < 0)) {
    return { code: 'invalid_volume', message: 'volume must be empty or a finite number >= 0' };
  }
  const { open, high, low, close } = bar;
  if (high < low || high < open || high < close || low > open || low > close) {
    return {
      code: 'inconsistent_ohlc',
      message: `OHLC is inconsistent (need low <= open, close <= high): open=${open} high=${high} low=${low} close=${close}`,
    };
  }
  return undefined;
}

export interface ScreenOptions {
  interval: Interval;
  /** Bars that have not closed by this instant are refused: only closed bars are history. */
  now?: Date;
}

/**
 * Screens candidates that parsed: per-bar checks, closed-by-now, and duplicates within the batch.
 * Every occurrence of a duplicated ts is rejected, because the batch itself cannot say which is right.
 */
export function screenBars(
  candidates: readonly CandidateBar[],
  opts: ScreenOptions,
): { accepted: CandidateBar[]; rejected: RejectedRow[] } {
  const rejected: RejectedRow[] = [];
  const sound: CandidateBar[] = [];
  for (const c of candidates) {
    const problem = checkBar(c, opts.interval);
    const tsText = Number.isFinite(c.ts.getTime()) ? c.ts.toISOString() : undefined;
    if (problem) {
      rejected.push(reject(c.at, problem.code, problem.message, tsText));
      continue;
    }
    if (opts.now && !isBarClosed(c.ts, opts.interval, opts.now)) {
      rejected.push(
        reject(
          c.at,
          'not_closed',
          `the ${opts.interval} bar opened at ${tsText} has not closed yet (it closes at ${new Date(c.ts.getTime() + intervalMs(opts.interval)).toISOString()})`,
          tsText,
        ),
      );
      continue;
    }
    sound.push(c);
  }
  const byTs = new Map<number, CandidateBar[]>();
  for (const c of sound) {
    const list = byTs.get(c.ts.getTime());
    if (list) list.push(c);
    else byTs.set(c.ts.getTime(), [c]);
  }
  const accepted: CandidateBar[] = [];
  for (const c of sound) {
    const same = byTs.get(c.ts.getTime()) ?? [];
    if (same.length === 1) {
      accepted.push(c);
      continue;
    }
    const others = same.filter((o) => o !== c).map(describeRef);
    rejected.push(
      reject(
        c.at,
        'duplicate_ts',
        `ts appears more than once in this batch (also ${others.join(', ')})`,
        c.ts.toISOString(),
      ),
    );
  }
  rejected.sort((a, b) => refOrder(a) - refOrder(b));
  return { accepted, rejected };
}

export function describeRef(r: { at: RowRef } | RowRef): string {
  const at = 'at' in r ? r.at : r;
  return 'line' in at ? `line ${at.line}` : `index ${at.index}`;
}

function refOrder(r: RejectedRow): number {
  return r.line ?? r.index ?? 0;
}
