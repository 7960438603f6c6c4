import { describe, expect, it } from 'vitest';
import { addMonthsClamped, bookingMonth, DAY_MS, paidPeriod, trialPeriod } from './periods';
import {
  DEFAULT_POLICY,
  grantsAccess,
  nextAction,
  nextDueAt,
  type SubscriptionEvent,
  type SubscriptionState,
  startSubscription,
  transition,
} from './subscription-machine';

const d = (s: string) => new Date(s);
const iso = (x: Date) => x.toISOString();

describe('calendar-month periods anchored at the start (UTC)', () => {
  it('31 Jan -> 28 Feb -> 31 Mar -> 30 Apr, computed from the anchor, not the previous period', () => {
    const a = d('2027-01-31T10:00:00Z');
    const ends = [1, 2, 3, 4, 5].map((n) => iso(paidPeriod(a, n).end));
    expect(ends).toEqual([
      '2027-02-28T10:00:00.000Z',
      '2027-03-31T10:00:00.000Z',
      '2027-04-30T10:00:00.000Z',
      '2027-05-31T10:00:00.000Z',
      '2027-06-30T10:00:00.000Z',
    ]);
    expect(iso(paidPeriod(a, 2).start)).toBe('2027-02-28T10:00:00.000Z');
  });
  it('a leap year gives 29 Feb; crossing a year works; negative months too', () => {
    expect(iso(addMonthsClamped(d('2028-01-31T00:00:00Z'), 1))).toBe('2028-02-29T00:00:00.000Z');
    expect(iso(addMonthsClamped(d('2027-11-30T23:59:59.999Z'), 3))).toBe('2028-02-29T23:59:59.999Z');
    expect(iso(addMonthsClamped(d('2027-03-31T00:00:00Z'), -1))).toBe('2027-02-28T00:00:00.000Z');
    expect(iso(addMonthsClamped(d('2027-12-15T00:00:00Z'), 12))).toBe('2028-12-15T00:00:00.000Z');
  });
  it('periods tile: each starts where the previous ended', () => {
    const a = d('2027-08-31T00:00:00Z');
    for (let n = 1; n < 30; n++) expect(paidPeriod(a, n + 1).start).toEqual(paidPeriod(a, n).end);
    expect(() => paidPeriod(a, 0)).toThrow(RangeError);
  });
  it('trials are whole days; booking months are the first of the month', () => {
    expect(iso(trialPeriod(d('2027-02-20T12:00:00Z'), 14).end)).toBe('2027-03-06T12:00:00.000Z');
    expect(bookingMonth(d('2027-02-28T23:59:59Z'))).toBe('2027-02-01');
  });
});

const T0 = d('2027-01-31T09:00:00Z');
const trialing = () =>
  startSubscription({ at: T0, priceMinor: 1900, currency: 'USD', trialDays: 14, trialAllowed: true });
const paying = () =>
  startSubscription({ at: T0, priceMinor: 1900, currency: 'USD', trialDays: 0, trialAllowed: true });
const apply = (s: SubscriptionState, ...events: SubscriptionEvent[]) =>
  events.reduce((acc, e) => transition(acc, e).state, s);
const code = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return 'no error';
};

describe('starting', () => {
  it('a plan with a trial starts trialing; the paid months are anchored at the trial end', () => {
    const s = trialing();
    expect(s.status).toBe('trialing');
    expect(s.periodIndex).toBe(0);
    expect(iso(s.currentPeriodEnd)).toBe('2027-02-14T09:00:00.000Z');
    expect(s.anchorAt).toEqual(s.currentPeriodEnd);
  });
  it('a trial already used (or none in the plan) starts incomplete, waiting for the first charge', () => {
    const s = startSubscription({
      at: T0,
      priceMinor: 1900,
      currency: 'USD',
      trialDays: 14,
      trialAllowed: false,
    });
    expect(s.status).toBe('incomplete');
    expect(s.periodIndex).toBe(1);
    expect(iso(s.currentPeriodEnd)).toBe('2027-02-28T09:00:00.000Z');
    expect(nextAction(s, T0)).toEqual({ kind: 'charge', periodIndex: 1 });
  });
  it('a free plan is active at once and renews without charging', () => {
    const s = startSubscription({ at: T0, priceMinor: 0, currency: 'USD', trialDays: 0, trialAllowed: true });
    expect(s.status).toBe('active');
    expect(nextAction(s, s.currentPeriodEnd)).toEqual({ kind: 'renew_free', periodIndex: 2 });
  });
  it('refuses a fractional or negative price', () => {
    expect(() =>
      startSubscription({ at: T0, priceMinor: 19.5, currency: 'USD', trialDays: 0, trialAllowed: true }),
    ).toThrow(RangeError);
  });
});

describe('lifecycle: trial -> first charge -> renewals -> failed charge -> recovery', () => {
  it('walks every step with the right periods, events and access', () => {
    let s = trialing();
    expect(nextAction(s, d('2027-02-14T08:59:59Z'))).toEqual({ kind: 'none' });
    const trialEnd = s.currentPeriodEnd;
    expect(nextAction(s, trialEnd)).toEqual({ kind: 'charge', periodIndex: 1 });
    // Early charge is refused.
    expect(code(() => transition(s, { type: 'charge_succeeded', periodIndex: 1, at: T0 }))).toBe(
      'subscription_illegal_transition',
    );
    let t = transition(s, { type: 'charge_succeeded', periodIndex: 1, at: trialEnd });
    expect(t.events).toEqual(['renewed']);
    s = t.state;
    expect(s.status).toBe('active');
    expect([iso(s.currentPeriodStart), iso(s.currentPeriodEnd)]).toEqual([
      '2027-02-14T09:00:00.000Z',
      '2027-03-14T09:00:00.000Z',
    ]);
    s = apply(s, { type: 'charge_succeeded', periodIndex: 2, at: s.currentPeriodEnd });
    expect(s.periodIndex).toBe(2);
    expect(iso(s.currentPeriodEnd)).toBe('2027-04-14T09:00:00.000Z');
    // Renewal of period 3 fails: past_due on period 3, access kept within grace.
    const failAt = s.currentPeriodEnd;
    t = transition(s, { type: 'charge_failed', periodIndex: 3, at: failAt });
    expect(t.events).toEqual(['payment_failed']);
    s = t.state;
    expect(s.status).toBe('past_due');
    expect(s.periodIndex).toBe(3);
    expect(s.graceUntil?.getTime()).toBe(failAt.getTime() + 7 * DAY_MS);
    expect(s.nextRetryAt?.getTime()).toBe(failAt.getTime() + DAY_MS);
    expect(grantsAccess(s, new Date(failAt.getTime() + 6 * DAY_MS))).toBe(true);
    expect(nextAction(s, new Date(failAt.getTime() + DAY_MS - 1))).toEqual({ kind: 'none' });
    expect(nextAction(s, new Date(failAt.getTime() + DAY_MS))).toEqual({ kind: 'charge', periodIndex: 3 });
    // First retry fails too: next one at +3 days.
    s = apply(s, { type: 'charge_failed', periodIndex: 3, at: new Date(failAt.getTime() + DAY_MS) });
    expect(s.failedAttempts).toBe(2);
    expect(s.nextRetryAt?.getTime()).toBe(failAt.getTime() + 3 * DAY_MS);
    expect(nextDueAt(s)?.getTime()).toBe(failAt.getTime() + 3 * DAY_MS);
    // Recovery: active again, same period (the anchor never moves).
    t = transition(s, {
      type: 'charge_succeeded',
      periodIndex: 3,
      at: new Date(failAt.getTime() + 3 * DAY_MS),
    });
    s = t.state;
    expect(s.status).toBe('active');
    expect([s.failedAttempts, s.nextRetryAt, s.graceUntil]).toEqual([0, null, null]);
    expect(iso(s.currentPeriodEnd)).toBe('2027-05-14T09:00:00.000Z');
  });

  it('retries exhausted: past_due -> expired (no access); or grace over -> expired', () => {
    let s = apply(paying(), { type: 'charge_succeeded', periodIndex: 1, at: T0 });
    const failAt = s.currentPeriodEnd;
    s = apply(s, { type: 'charge_failed', periodIndex: 2, at: failAt });
    s = apply(s, { type: 'charge_failed', periodIndex: 2, at: new Date(failAt.getTime() + DAY_MS) });
    s = apply(s, { type: 'charge_failed', periodIndex: 2, at: new Date(failAt.getTime() + 3 * DAY_MS) });
    expect(s.status).toBe('past_due');
    const t = transition(s, {
      type: 'charge_failed',
      periodIndex: 2,
      at: new Date(failAt.getTime() + 5 * DAY_MS),
    });
    expect(t.state.status).toBe('expired');
    expect(t.state.endReason).toBe('payment_failed');
    expect(t.events).toEqual(['payment_failed', 'expired']);
    expect(grantsAccess(t.state, new Date(failAt.getTime() + 5 * DAY_MS))).toBe(false);

    const p = apply(
      paying(),
      { type: 'charge_succeeded', periodIndex: 1, at: T0 },
      {
        type: 'charge_failed',
        periodIndex: 2,
        at: failAt,
      },
    );
    const graceEnd = p.graceUntil as Date;
    expect(nextAction(p, graceEnd)).toEqual({ kind: 'expire' });
    expect(code(() => transition(p, { type: 'expire', at: new Date(graceEnd.getTime() - 1) }))).toBe(
      'subscription_illegal_transition',
    );
    expect(apply(p, { type: 'expire', at: graceEnd }).status).toBe('expired');
    expect(grantsAccess(p, graceEnd)).toBe(false);
  });

  it('a declined first charge ends an incomplete subscription without access', () => {
    const t = transition(paying(), { type: 'charge_failed', periodIndex: 1, at: T0 });
    expect(t.state.status).toBe('expired');
    expect(grantsAccess(paying(), T0)).toBe(false);
  });

  it('a payment for the wrong period is refused', () => {
    expect(code(() => transition(paying(), { type: 'charge_succeeded', periodIndex: 2, at: T0 }))).toBe(
      'subscription_illegal_transition',
    );
    expect(code(() => transition(trialing(), { type: 'charge_failed', periodIndex: 0, at: T0 }))).toBe(
      'subscription_illegal_transition',
    );
  });
});

describe('cancel and resume', () => {
  it('a trial canceled is never charged: it ends at the trial end', () => {
    let s = apply(trialing(), { type: 'cancel', at: d('2027-02-01T00:00:00Z') });
    expect(s.cancelAtPeriodEnd).toBe(true);
    expect(grantsAccess(s, d('2027-02-13T00:00:00Z'))).toBe(true);
    expect(nextAction(s, s.currentPeriodEnd)).toEqual({ kind: 'end' });
    expect(
      code(() => transition(s, { type: 'charge_succeeded', periodIndex: 1, at: s.currentPeriodEnd })),
    ).toBe('subscription_illegal_transition');
    const t = transition(s, { type: 'period_end', at: s.currentPeriodEnd });
    s = t.state;
    expect(s.status).toBe('canceled');
    expect(t.events).toEqual(['canceled']);
    expect(s.endedAt).toEqual(s.currentPeriodEnd);
    expect(grantsAccess(s, s.currentPeriodEnd)).toBe(false);
  });
  it('active: access to the end of the paid period, then canceled; cancel twice is harmless', () => {
    let s = apply(paying(), { type: 'charge_succeeded', periodIndex: 1, at: T0 }, { type: 'cancel', at: T0 });
    expect(transition(s, { type: 'cancel', at: T0 }).state).toEqual(s);
    expect(grantsAccess(s, new Date(s.currentPeriodEnd.getTime() - 1))).toBe(true);
    expect(grantsAccess(s, s.currentPeriodEnd)).toBe(false);
    s = apply(s, { type: 'period_end', at: s.currentPeriodEnd });
    expect(s.status).toBe('canceled');
    expect(code(() => transition(s, { type: 'cancel', at: T0 }))).toBe('subscription_illegal_transition');
    expect(code(() => transition(s, { type: 'resume', at: T0 }))).toBe('subscription_illegal_transition');
  });
  it('resume before the period ends undoes the cancel; after it, it is refused', () => {
    const c = apply(trialing(), { type: 'cancel', at: T0 });
    const r = apply(c, { type: 'resume', at: d('2027-02-10T00:00:00Z') });
    expect(r.cancelAtPeriodEnd).toBe(false);
    expect(nextAction(r, r.currentPeriodEnd)).toEqual({ kind: 'charge', periodIndex: 1 });
    expect(code(() => transition(c, { type: 'resume', at: c.currentPeriodEnd }))).toBe(
      'subscription_illegal_transition',
    );
    expect(code(() => transition(trialing(), { type: 'resume', at: T0 }))).toBe(
      'subscription_illegal_transition',
    );
  });
  it('past_due canceled ends at once (no paid period is left); incomplete canceled too', () => {
    const p = apply(paying(), { type: 'charge_succeeded', periodIndex: 1, at: T0 });
    const pd = apply(p, { type: 'charge_failed', periodIndex: 2, at: p.currentPeriodEnd });
    const c = apply(pd, { type: 'cancel', at: p.currentPeriodEnd });
    expect([c.status, c.endReason, grantsAccess(c, p.currentPeriodEnd)]).toEqual([
      'canceled',
      'canceled',
      false,
    ]);
    expect(apply(paying(), { type: 'cancel', at: T0 }).status).toBe('canceled');
  });
  it('period_end without a reason, or too early, is illegal', () => {
    const s = apply(paying(), { type: 'charge_succeeded', periodIndex: 1, at: T0 });
    expect(code(() => transition(s, { type: 'period_end', at: s.currentPeriodEnd }))).toBe(
      'subscription_illegal_transition',
    );
    const c = apply(s, { type: 'cancel', at: T0 });
    expect(code(() => transition(c, { type: 'period_end', at: T0 }))).toBe('subscription_illegal_transition');
  });
});

describe('price lock', () => {
  const rise = { planId: 'p2', priceMinor: 2900, currency: 'USD' };
  it('a rise is pending until accepted; unaccepted, the subscription ends at period end', () => {
    const s = apply(paying(), { type: 'charge_succeeded', periodIndex: 1, at: T0 });
    const t = transition(s, { type: 'price_change', plan: rise, at: T0 });
    expect(t.events).toEqual(['price_change_pending']);
    expect(t.state.priceMinor).toBe(1900);
    // Told once: the same change again is no event.
    expect(transition(t.state, { type: 'price_change', plan: rise, at: T0 }).events).toEqual([]);
    expect(nextAction(t.state, s.currentPeriodEnd)).toEqual({ kind: 'end' });
    const end = apply(t.state, { type: 'period_end', at: s.currentPeriodEnd });
    expect([end.status, end.endReason]).toEqual(['canceled', 'price_not_accepted']);
    expect(grantsAccess(t.state, s.currentPeriodEnd)).toBe(false);
  });
  it('accepted, the next renewal is at the new price', () => {
    const s = apply(
      paying(),
      { type: 'charge_succeeded', periodIndex: 1, at: T0 },
      { type: 'price_change', plan: rise, at: T0 },
      { type: 'accept_price', at: T0 },
    );
    expect([s.priceMinor, s.pending]).toEqual([2900, null]);
    expect(nextAction(s, s.currentPeriodEnd)).toEqual({ kind: 'charge', periodIndex: 2 });
    expect(code(() => transition(s, { type: 'accept_price', at: T0 }))).toBe(
      'subscription_illegal_transition',
    );
  });
  it('a lower price or the same price changes nothing; a new currency needs acceptance', () => {
    const s = apply(paying(), { type: 'charge_succeeded', periodIndex: 1, at: T0 });
    expect(
      transition(s, { type: 'price_change', plan: { planId: 'x', priceMinor: 900, currency: 'USD' }, at: T0 })
        .state,
    ).toBe(s);
    expect(
      transition(s, {
        type: 'price_change',
        plan: { planId: 'y', priceMinor: 1900, currency: 'EUR' },
        at: T0,
      }).events,
    ).toEqual(['price_change_pending']);
    const ended = apply(s, { type: 'cancel', at: T0 }, { type: 'period_end', at: s.currentPeriodEnd });
    expect(code(() => transition(ended, { type: 'price_change', plan: rise, at: T0 }))).toBe(
      'subscription_illegal_transition',
    );
  });
});

describe('exhaustive: every status x every event either transitions or throws the stable code', () => {
  const at = d('2030-01-01T00:00:00Z');
  const states: Record<string, SubscriptionState> = {
    incomplete: paying(),
    trialing: trialing(),
    active: apply(paying(), { type: 'charge_succeeded', periodIndex: 1, at: T0 }),
  };
  states.past_due = apply(states.active as SubscriptionState, {
    type: 'charge_failed',
    periodIndex: 2,
    at: (states.active as SubscriptionState).currentPeriodEnd,
  });
  states.canceled = apply(
    states.active as SubscriptionState,
    { type: 'cancel', at: T0 },
    { type: 'period_end', at },
  );
  states.expired = apply(paying(), { type: 'charge_failed', periodIndex: 1, at: T0 });
  const events = (s: SubscriptionState): SubscriptionEvent[] => [
    { type: 'charge_succeeded', periodIndex: s.periodIndex + 1, at },
    { type: 'charge_failed', periodIndex: s.periodIndex + 1, at },
    { type: 'cancel', at },
    { type: 'resume', at: T0 },
    { type: 'period_end', at },
    { type: 'expire', at },
    { type: 'price_change', plan: { planId: 'z', priceMinor: 99_999, currency: 'USD' }, at },
    { type: 'accept_price', at },
  ];
  const table: Record<string, string[]> = {};
  for (const [name, s] of Object.entries(states)) {
    table[name] = events(s).map((e) => {
      try {
        return `${e.type}:${transition(s, e, DEFAULT_POLICY).state.status}`;
      } catch (err) {
        return `${e.type}:${(err as { code: string }).code === 'subscription_illegal_transition' ? 'illegal' : 'OTHER'}`;
      }
    });
  }
  it('matches the documented table', () => {
    expect(table).toEqual({
      incomplete: [
        'charge_succeeded:illegal', // the first charge is for period 1 (the current one), not 2
        'charge_failed:illegal',
        'cancel:canceled',
        'resume:illegal',
        'period_end:illegal',
        'expire:illegal',
        'price_change:illegal',
        'accept_price:illegal',
      ],
      trialing: [
        'charge_succeeded:active',
        'charge_failed:past_due',
        'cancel:trialing',
        'resume:illegal',
        'period_end:illegal',
        'expire:illegal',
        'price_change:trialing',
        'accept_price:illegal',
      ],
      active: [
        'charge_succeeded:active',
        'charge_failed:past_due',
        'cancel:active',
        'resume:illegal',
        'period_end:illegal',
        'expire:illegal',
        'price_change:active',
        'accept_price:illegal',
      ],
      past_due: [
        'charge_succeeded:illegal',
        'charge_failed:illegal',
        'cancel:canceled',
        'resume:illegal',
        'period_end:illegal',
        'expire:expired',
        'price_change:past_due',
        'accept_price:illegal',
      ],
      canceled: [
        'charge_succeeded:illegal',
        'charge_failed:illegal',
        'cancel:illegal',
        'resume:illegal',
        'period_end:illegal',
        'expire:illegal',
        'price_change:illegal',
        'accept_price:illegal',
      ],
      expired: [
        'charge_succeeded:illegal',
        'charge_failed:illegal',
        'cancel:illegal',
        'resume:illegal',
        'period_end:illegal',
        'expire:illegal',
        'price_change:illegal',
        'accept_price:illegal',
      ],
    });
  });
  it('terminal states grant nothing and want nothing', () => {
    for (const name of ['canceled', 'expired'] as const) {
      const s = states[name] as SubscriptionState;
      expect(grantsAccess(s, T0)).toBe(false);
      expect(nextAction(s, at)).toEqual({ kind: 'none' });
      expect(nextDueAt(s)).toBeNull();
    }
  });
});
