/**
 * Trading calendars, without I/O: whether an instrument's market produces a bar for a given
 * bar. Deliberately coarse: '24x7' (crypto, synthetic series) and 'weekdays' (FX and equities,
 * stamped in UTC). Exchange holidays are not modelled: a holiday's slot is recorded as missed.
 */
import { type Interval, intervalMs } from './intervals';

export const TRADING_CALENDARS = ['24x7', 'weekdays'] as const;
export type TradingCalendar = (typeof TRADING_CALENDARS)[number];

export function isTradingCalendar(value: unknown): value is TradingCalendar {
  return typeof value === 'string' && (TRADING_CALENDARS as readonly string[]).includes(value);
}

/**
 * Whether the market produces the bar that opens at `barOpenTs`. 'weekdays': the bar's OPEN time
 * falls Monday..Friday UTC (so Friday's last bar, closing at Saturday 00:00, is in session).
 * `interval` is part of the rule's signature so finer calendars (sessions within a day) fit.
 */
export function isSessionBar(calendar: TradingCalendar, barOpenTs: Date, _interval: Interval): boolean {
  if (calendar === '24x7') return true;
  const day = barOpenTs.getUTCDay();
  return day >= 1 && day <= 5;
}

/** The bar closing at a scheduling boundary opened one interval earlier. */
export function isSessionBoundary(calendar: TradingCalendar, boundary: Date, interval: Interval): boolean {
  return isSessionBar(calendar, new Date(boundary.getTime() - intervalMs(interval)), interval);
}
