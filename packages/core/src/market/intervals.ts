/**
 * Bar intervals and their boundaries. Every interval Seer supports is a whole number of hours
 * that divides a UTC day, so boundaries are plain multiples of the interval since the Unix epoch
 * (which is itself 00:00 UTC): 1h on the hour, 4h at 00, 04, 08, 12, 16, 20 UTC, 1d at 00:00 UTC.
 * No I/O here: the scheduler and the ingest both build on these.
 */
/** The one interval type (issue 8 item 7): bars, manifests, schedules and metrics all use it. */
export type Interval = '1h' | '4h' | '1d';
/** @deprecated the same type under its old name; use `Interval`. */
export type BarInterval = Interval;

export const INTERVALS: readonly Interval[] = ['1h', '4h', '1d'];
/** @deprecated the same list under its old name; use `INTERVALS`. */
export const BAR_INTERVALS: readonly Interval[] = INTERVALS;

const HOUR_MS = 3_600_000;

const INTERVAL_MS: Record<Interval, number> = {
  '1h': HOUR_MS,
  '4h': 4 * HOUR_MS,
  '1d': 24 * HOUR_MS,
};

export function isBarInterval(value: unknown): value is Interval {
  return typeof value === 'string' && (INTERVALS as readonly string[]).includes(value);
}

export function intervalMs(interval: Interval): number {
  return INTERVAL_MS[interval];
}

/** A bar opened at `ts` closes (and may be revealed) at `ts + interval`. */
export function barCloseTime(ts: Date, interval: Interval): Date {
  return new Date(ts.getTime() + INTERVAL_MS[interval]);
}

/** Whether `t` falls exactly on a boundary of the interval (a valid bar open time). */
export function isBoundary(t: Date, interval: Interval): boolean {
  const ms = t.getTime();
  return Number.isFinite(ms) && mod(ms, INTERVAL_MS[interval]) === 0;
}

/** The latest boundary at or before `t`: `t` itself when it is a boundary. */
export function previousBoundary(t: Date, interval: Interval): Date {
  const ms = t.getTime();
  return new Date(ms - mod(ms, INTERVAL_MS[interval]));
}

/** The earliest boundary strictly after `t`: the instant to wake up at for the next bar close. */
export function nextBoundary(t: Date, interval: Interval): Date {
  return new Date(previousBoundary(t, interval).getTime() + INTERVAL_MS[interval]);
}

/** Whether the bar opened at `ts` has closed at instant `now` (close time <= now). */
export function isBarClosed(ts: Date, interval: Interval, now: Date): boolean {
  return ts.getTime() + INTERVAL_MS[interval] <= now.getTime();
}

// JavaScript's % keeps the sign of the dividend; instants before 1970 need a true modulo.
function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
