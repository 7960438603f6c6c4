/**
 * Data freshness, without I/O: how old an instrument's newest bar is, and how long a bar the
 * trading calendar says has closed has been missing. The second is what alerts: a weekday
 * market's data is two days old every Monday morning, and that is not a stale feed.
 */
import { isSessionBoundary, type TradingCalendar } from './calendar';
import { type Interval, intervalMs, previousBoundary } from './intervals';

export interface Freshness {
  /** Seconds from the newest bar's close to now (0 when none is stored: see overdueSeconds). */
  ageSeconds: number;
  /** Seconds since the newest bar the calendar expects closed; 0 when it is stored. */
  overdueSeconds: number;
}

/** The close time of the newest bar the market has produced by `now` (a session boundary). */
export function expectedNewestClose(calendar: TradingCalendar, interval: Interval, now: Date): Date {
  const step = intervalMs(interval);
  let boundary = previousBoundary(now, interval);
  // A weekday calendar has at most a weekend (plus the day's bars) without a session.
  for (let i = 0; i < 400 && !isSessionBoundary(calendar, boundary, interval); i++) {
    boundary = new Date(boundary.getTime() - step);
  }
  return boundary;
}

export function dataFreshness(input: {
  calendar: TradingCalendar;
  interval: Interval;
  /** Open time of the newest stored bar; undefined when the instrument has none at this interval. */
  newestBarOpen: Date | undefined;
  now: Date;
}): Freshness {
  const { calendar, interval, newestBarOpen, now } = input;
  const expected = expectedNewestClose(calendar, interval, now);
  if (!newestBarOpen) return { ageSeconds: 0, overdueSeconds: 0 };
  const newestClose = newestBarOpen.getTime() + intervalMs(interval);
  return {
    ageSeconds: Math.max(0, (now.getTime() - newestClose) / 1000),
    overdueSeconds:
      newestClose >= expected.getTime() ? 0 : Math.max(0, (now.getTime() - expected.getTime()) / 1000),
  };
}
