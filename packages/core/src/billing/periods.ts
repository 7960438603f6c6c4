/**
 * Billing periods: calendar months anchored at the start, in UTC. Period n (1-based) runs from
 * anchor + (n-1) months to anchor + n months, each computed from the anchor (never from the
 * previous period), so 31 Jan -> 28/29 Feb -> 31 Mar -> 30 Apr -> 31 May.
 */

const DAY_MS = 86_400_000;

function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/** anchor + `months` calendar months, the day clamped to the target month's length (UTC). */
export function addMonthsClamped(anchor: Date, months: number): Date {
  const y = anchor.getUTCFullYear();
  const m = anchor.getUTCMonth() + months;
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const day = Math.min(anchor.getUTCDate(), daysInMonth(targetYear, targetMonth));
  return new Date(
    Date.UTC(
      targetYear,
      targetMonth,
      day,
      anchor.getUTCHours(),
      anchor.getUTCMinutes(),
      anchor.getUTCSeconds(),
      anchor.getUTCMilliseconds(),
    ),
  );
}

export interface Period {
  start: Date;
  end: Date;
}

/** Paid period n (n >= 1) of a subscription anchored at `anchor`. */
export function paidPeriod(anchor: Date, n: number): Period {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`period index must be an integer >= 1, got ${n}`);
  return { start: addMonthsClamped(anchor, n - 1), end: addMonthsClamped(anchor, n) };
}

/** The trial: `trialDays` whole days from `start`. */
export function trialPeriod(start: Date, trialDays: number): Period {
  return { start, end: new Date(start.getTime() + trialDays * DAY_MS) };
}

/** First day (UTC) of the month `at` falls in, as YYYY-MM-DD: the month money is booked in. */
export function bookingMonth(at: Date): string {
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}-01`;
}

export { DAY_MS };
