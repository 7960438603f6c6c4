/**
 * Scheduling rules, without I/O. A deployed version owes one live run per boundary of its
 * interval after it was deployed. A boundary is run only while it is fresh: its closing bar must
 * be stored for every symbol within the grace period; past that it is recorded as missed and never
 * executed, because a live track record may only hold predictions made in real time. A boundary
 * whose bar no symbol's market produces (a weekend for a 'weekdays' calendar) is not a slot at all:
 * it is recorded as market_closed and left out of coverage.
 */
import { isSessionBoundary, type TradingCalendar } from '../market/calendar';
import { type Interval, intervalMs, nextBoundary, previousBoundary } from '../market/intervals';

const UNIT_MS: Record<string, number> = { h: 3_600_000, d: 86_400_000 };

/** '1h', '4h', '1d', '2d'... (resolution is one hour or coarser). undefined when unparseable. */
export function parseDuration(text: string): number | undefined {
  const m = /^([1-9][0-9]{0,3})([hd])$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * (UNIT_MS[m[2] as string] as number);
}

/**
 * The grace actually applied: the configured one, but always shorter than the horizon (a run
 * started after its outcome could be known would not be a forecast).
 */
export function effectiveGraceMs(graceMs: number, horizonMs: number): number {
  return Math.max(0, Math.min(graceMs, Math.floor(horizonMs / 2)));
}

/** A live run may not START after this instant; it is recorded as missed instead. */
export function liveStartDeadline(asOf: Date, graceMs: number, horizonMs: number): Date {
  return new Date(asOf.getTime() + Math.min(2 * effectiveGraceMs(graceMs, horizonMs), horizonMs - 1));
}

/**
 * A live prediction may not be STORED at or after this instant (as_of + horizon, when its outcome
 * can be known): a result that comes in later is recorded as a late run, never as a forecast.
 */
export function liveStoreDeadline(asOf: Date, horizonMs: number): Date {
  return new Date(asOf.getTime() + horizonMs - 1);
}

/** Boundaries b with after < b <= until, ascending, at most `limit` of them (the earliest). */
export function boundariesBetween(interval: Interval, after: Date, until: Date, limit = 100_000): Date[] {
  const out: Date[] = [];
  const step = intervalMs(interval);
  for (let t = nextBoundary(after, interval).getTime(); t <= until.getTime() && out.length < limit; t += step)
    out.push(new Date(t));
  return out;
}

/** Number of boundaries b with after < b <= until. */
export function countBoundaries(interval: Interval, after: Date, until: Date): number {
  if (until.getTime() <= after.getTime()) return 0;
  const step = intervalMs(interval);
  const first = nextBoundary(after, interval).getTime();
  const last = previousBoundary(until, interval).getTime();
  return last < first ? 0 : Math.floor((last - first) / step) + 1;
}

export type SlotDecision =
  | 'run'
  | 'wait'
  | 'missed_data_late'
  | 'missed_not_scheduled'
  | 'market_closed'
  | 'future';

/**
 * The symbols of a version whose market produces the bar closing at `boundary` (opened one
 * interval earlier). A symbol without a known calendar counts as in session (24x7): an unknown
 * instrument must not turn a data problem into a closed market.
 */
export function symbolsInSession(opts: {
  symbols: readonly string[];
  calendars: ReadonlyMap<string, TradingCalendar>;
  boundary: Date;
  interval: Interval;
}): string[] {
  return opts.symbols.filter((s) =>
    isSessionBoundary(opts.calendars.get(s) ?? '24x7', opts.boundary, opts.interval),
  );
}

/**
 * What to do with one boundary now. `dataReady`: the bar closing at the boundary is stored for
 * every symbol of the version that is in session. `inSession` (default true): at least one symbol
 * is; when none is, the slot is market_closed at once, whatever the grace (the calendar is known
 * in advance and no bar will come).
 */
export function decideSlot(opts: {
  boundary: Date;
  now: Date;
  graceMs: number;
  horizonMs: number;
  dataReady: boolean;
  inSession?: boolean;
}): SlotDecision {
  const b = opts.boundary.getTime();
  const now = opts.now.getTime();
  if (b > now) return 'future';
  if (opts.inSession === false) return 'market_closed';
  const fresh = now <= b + effectiveGraceMs(opts.graceMs, opts.horizonMs);
  if (fresh) return opts.dataReady ? 'run' : 'wait';
  return opts.dataReady ? 'missed_not_scheduled' : 'missed_data_late';
}

export interface ScheduledVersion {
  id: string;
  interval: Interval;
  horizonMs: number;
  deployedAt: Date;
  retiredAt: Date | null;
}

/**
 * Boundaries of a version still to be decided: after deploy (and after the window the scheduler
 * has already settled), up to now (or retirement), minus those that already have a run.
 */
export function openBoundaries(opts: {
  version: ScheduledVersion;
  now: Date;
  /** Latest live as_of recorded for the version, if any. */
  lastAsOf: Date | null;
  /** as_of values (ms) already recorded with as_of > now - lookBackMs. */
  recorded: ReadonlySet<number>;
  /** How far back holes are re-examined (must exceed the grace). */
  lookBackMs: number;
  limit?: number;
}): Date[] {
  const v = opts.version;
  const until = v.retiredAt && v.retiredAt < opts.now ? v.retiredAt : opts.now;
  let after = v.deployedAt;
  if (opts.lastAsOf) {
    // Everything before min(lastAsOf, now - lookBack) has been settled by an earlier tick.
    const settled = Math.min(opts.lastAsOf.getTime(), opts.now.getTime() - opts.lookBackMs);
    if (settled > after.getTime()) after = new Date(settled);
  }
  return boundariesBetween(v.interval, after, until, opts.limit).filter(
    (b) => !opts.recorded.has(b.getTime()),
  );
}

/** Boundaries at or before this instant are decided for coverage (their grace has passed). */
export function coverageDecidedUntil(opts: {
  retiredAt: Date | null;
  now: Date;
  graceMs: number;
  horizonMs: number;
}): Date {
  const decided = new Date(opts.now.getTime() - effectiveGraceMs(opts.graceMs, opts.horizonMs));
  return opts.retiredAt && opts.retiredAt < decided ? opts.retiredAt : decided;
}

/**
 * Coverage of a version's live record: succeeded runs over every slot since deploy whose
 * decision time has passed (missed and failed slots count against it). Boundaries recorded as
 * market_closed are not slots: `marketClosed` counts those up to coverageDecidedUntil. null
 * before the first slot.
 */
export function coverageRatio(opts: {
  interval: Interval;
  deployedAt: Date;
  retiredAt: Date | null;
  now: Date;
  graceMs: number;
  horizonMs: number;
  succeeded: number;
  marketClosed?: number;
}): { slots: number; succeeded: number; coverage: number | null } {
  const until = coverageDecidedUntil(opts);
  const slots = Math.max(
    0,
    countBoundaries(opts.interval, opts.deployedAt, until) - (opts.marketClosed ?? 0),
  );
  // A run may succeed inside the grace window before its slot counts as decided.
  const denominator = Math.max(slots, opts.succeeded);
  return {
    slots: denominator,
    succeeded: opts.succeeded,
    coverage: denominator === 0 ? null : opts.succeeded / denominator,
  };
}
