/**
 * The subscription state machine: pure functions over plain values, no I/O, no clock of its own
 * (every event carries its instant). The service persists what this returns; the renewal engine
 * asks `nextAction` what is due. docs/BILLING.md draws the diagram.
 *
 *   incomplete --charge ok--> active            (no trial: the first charge is confirmed)
 *   incomplete --charge failed / cancel--> expired / canceled
 *   trialing --charge ok (trial ended)--> active
 *   active --charge ok (renewal)--> active      (next calendar month)
 *   trialing | active --charge failed--> past_due   (retries on a schedule, access within grace)
 *   past_due --retry ok--> active
 *   past_due --retries exhausted or grace over--> expired
 *   trialing | active --cancel--> same status, cancel_at_period_end; --period end--> canceled
 *   past_due --cancel--> canceled at once (no paid period is left to run out)
 *   resume before the period ends undoes a cancel; a price rise waits for acceptance, else the
 *   subscription ends at the period's end.
 */
import { AppError, registerErrorCodes } from '../errors';
import { DAY_MS, paidPeriod, trialPeriod } from './periods';

registerErrorCodes({ subscription_illegal_transition: 409 });

export const SUBSCRIPTION_STATUSES = [
  'incomplete',
  'trialing',
  'active',
  'past_due',
  'canceled',
  'expired',
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];
/** Statuses the one-live-subscription-per-user-and-model index covers. */
export const LIVE_STATUSES: readonly SubscriptionStatus[] = ['incomplete', 'trialing', 'active', 'past_due'];

export type EndReason = 'canceled' | 'payment_failed' | 'price_not_accepted';

export interface PendingPrice {
  planId: string;
  priceMinor: number;
  currency: string;
}

export interface SubscriptionState {
  status: SubscriptionStatus;
  priceMinor: number;
  currency: string;
  trialEnd: Date | null;
  anchorAt: Date;
  /** 0 = the trial, n >= 1 = paid period n. */
  periodIndex: number;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  cancelAtPeriodEnd: boolean;
  cancelRequestedAt: Date | null;
  endedAt: Date | null;
  endReason: EndReason | null;
  failedAttempts: number;
  nextRetryAt: Date | null;
  graceUntil: Date | null;
  pending: PendingPrice | null;
}

export interface BillingPolicy {
  /** After the first failed charge of a period, retries at these offsets (ms after that failure). */
  retryOffsetsMs: readonly number[];
  /** Access continues this long after the first failed charge; then the subscription expires. */
  graceMs: number;
}

export const DEFAULT_POLICY: BillingPolicy = {
  retryOffsetsMs: [1 * DAY_MS, 3 * DAY_MS, 5 * DAY_MS],
  graceMs: 7 * DAY_MS,
};

export type SubscriptionEvent =
  | { type: 'charge_succeeded'; periodIndex: number; at: Date }
  | { type: 'charge_failed'; periodIndex: number; at: Date }
  | { type: 'cancel'; at: Date }
  | { type: 'resume'; at: Date }
  | { type: 'period_end'; at: Date }
  | { type: 'expire'; at: Date }
  | { type: 'price_change'; plan: PendingPrice; at: Date }
  | { type: 'accept_price'; at: Date };

/** What happened, for the outbox (notifications follow from these). */
export type OutboxEventType =
  | 'created'
  | 'trial_ending'
  | 'renewed'
  | 'payment_failed'
  | 'canceled'
  | 'expired'
  | 'price_change_pending';

export interface Transition {
  state: SubscriptionState;
  /** Outbox events the transition produces (empty when nothing notable happened). */
  events: OutboxEventType[];
}

function illegal(s: SubscriptionState, what: string): AppError {
  return new AppError('subscription_illegal_transition', {
    detail: `A subscription that is ${s.status}${s.cancelAtPeriodEnd ? ' (canceling at period end)' : ''} cannot ${what}.`,
  });
}

export interface StartInput {
  at: Date;
  priceMinor: number;
  currency: string;
  trialDays: number;
  /** False when this user already had a trial of this model (one per user and model, ever). */
  trialAllowed: boolean;
}

/** A new subscription: a trial when the plan has one and it is allowed, else awaiting the first charge. */
export function startSubscription(input: StartInput): SubscriptionState {
  if (!Number.isSafeInteger(input.priceMinor) || input.priceMinor < 0)
    throw new RangeError('priceMinor must be a non-negative integer');
  const base = {
    priceMinor: input.priceMinor,
    currency: input.currency,
    cancelAtPeriodEnd: false,
    cancelRequestedAt: null,
    endedAt: null,
    endReason: null,
    failedAttempts: 0,
    nextRetryAt: null,
    graceUntil: null,
    pending: null,
  };
  if (input.trialDays > 0 && input.trialAllowed) {
    const trial = trialPeriod(input.at, input.trialDays);
    return {
      ...base,
      status: 'trialing',
      trialEnd: trial.end,
      anchorAt: trial.end,
      periodIndex: 0,
      currentPeriodStart: trial.start,
      currentPeriodEnd: trial.end,
    };
  }
  const p = paidPeriod(input.at, 1);
  return {
    ...base,
    // A free plan has nothing to charge: active at once.
    status: input.priceMinor === 0 ? 'active' : 'incomplete',
    trialEnd: null,
    anchorAt: input.at,
    periodIndex: 1,
    currentPeriodStart: p.start,
    currentPeriodEnd: p.end,
  };
}

/** The paid period the next charge is for: the current one when unpaid, else the next. */
export function chargeTarget(s: SubscriptionState): number {
  return s.status === 'incomplete' || s.status === 'past_due' ? s.periodIndex : s.periodIndex + 1;
}

function movedTo(s: SubscriptionState, n: number): SubscriptionState {
  const p = paidPeriod(s.anchorAt, n);
  return { ...s, periodIndex: n, currentPeriodStart: p.start, currentPeriodEnd: p.end };
}

const paidUp = (s: SubscriptionState): SubscriptionState => ({
  ...s,
  status: 'active',
  failedAttempts: 0,
  nextRetryAt: null,
  graceUntil: null,
});

function ended(s: SubscriptionState, status: 'canceled' | 'expired', at: Date, reason: EndReason) {
  return {
    ...s,
    status,
    endedAt: at,
    endReason: reason,
    cancelAtPeriodEnd: status === 'canceled' ? s.cancelAtPeriodEnd : false,
    nextRetryAt: null,
  };
}

/** Applies one event; throws `subscription_illegal_transition` (409) for anything not allowed. */
export function transition(
  s: SubscriptionState,
  e: SubscriptionEvent,
  policy: BillingPolicy = DEFAULT_POLICY,
): Transition {
  switch (e.type) {
    case 'charge_succeeded': {
      if (
        e.periodIndex !== chargeTarget(s) ||
        !['incomplete', 'trialing', 'active', 'past_due'].includes(s.status)
      )
        throw illegal(s, `record a payment for period ${e.periodIndex}`);
      if (s.status === 'trialing' || s.status === 'active') {
        if (s.cancelAtPeriodEnd) throw illegal(s, 'renew');
        if (s.pending) throw illegal(s, 'renew before the new price is accepted');
        if (e.at.getTime() < s.currentPeriodEnd.getTime()) throw illegal(s, 'renew before its period ends');
        return { state: paidUp(movedTo(s, e.periodIndex)), events: ['renewed'] };
      }
      return { state: paidUp(s), events: ['renewed'] };
    }
    case 'charge_failed': {
      if (e.periodIndex !== chargeTarget(s))
        throw illegal(s, `record a failed payment for period ${e.periodIndex}`);
      if (s.status === 'incomplete')
        return { state: ended(s, 'expired', e.at, 'payment_failed'), events: ['payment_failed', 'expired'] };
      if (s.status === 'trialing' || s.status === 'active') {
        if (s.cancelAtPeriodEnd || s.pending) throw illegal(s, 'renew');
        if (e.at.getTime() < s.currentPeriodEnd.getTime()) throw illegal(s, 'renew before its period ends');
        const next = movedTo(s, e.periodIndex);
        const first = policy.retryOffsetsMs[0];
        return {
          state: {
            ...next,
            status: 'past_due',
            failedAttempts: 1,
            graceUntil: new Date(e.at.getTime() + policy.graceMs),
            nextRetryAt: first === undefined ? null : new Date(e.at.getTime() + first),
          },
          events: ['payment_failed'],
        };
      }
      if (s.status === 'past_due') {
        const failed = s.failedAttempts + 1;
        const firstFailure = (s.graceUntil as Date).getTime() - policy.graceMs;
        const offset = policy.retryOffsetsMs[failed - 1];
        const retryAt = offset === undefined ? null : firstFailure + offset;
        if (retryAt === null || retryAt >= (s.graceUntil as Date).getTime())
          return {
            state: { ...ended(s, 'expired', e.at, 'payment_failed'), failedAttempts: failed },
            events: ['payment_failed', 'expired'],
          };
        return {
          state: { ...s, failedAttempts: failed, nextRetryAt: new Date(retryAt) },
          events: ['payment_failed'],
        };
      }
      throw illegal(s, 'record a failed payment');
    }
    case 'cancel': {
      if (s.status === 'incomplete')
        return { state: ended(s, 'canceled', e.at, 'canceled'), events: ['canceled'] };
      if (s.status === 'past_due')
        return {
          state: { ...ended(s, 'canceled', e.at, 'canceled'), cancelRequestedAt: e.at, graceUntil: null },
          events: ['canceled'],
        };
      if (s.status === 'trialing' || s.status === 'active') {
        if (s.cancelAtPeriodEnd) return { state: s, events: [] }; // asking twice changes nothing
        return { state: { ...s, cancelAtPeriodEnd: true, cancelRequestedAt: e.at }, events: [] };
      }
      throw illegal(s, 'be canceled');
    }
    case 'resume': {
      if ((s.status !== 'trialing' && s.status !== 'active') || !s.cancelAtPeriodEnd)
        throw illegal(s, 'be resumed (only a cancel pending at period end can be undone)');
      if (e.at.getTime() >= s.currentPeriodEnd.getTime())
        throw illegal(s, 'be resumed after its period ended');
      return { state: { ...s, cancelAtPeriodEnd: false, cancelRequestedAt: null }, events: [] };
    }
    case 'period_end': {
      if (s.status !== 'trialing' && s.status !== 'active') throw illegal(s, 'end at period end');
      if (e.at.getTime() < s.currentPeriodEnd.getTime()) throw illegal(s, 'end before its period ends');
      if (s.cancelAtPeriodEnd)
        return { state: ended(s, 'canceled', s.currentPeriodEnd, 'canceled'), events: ['canceled'] };
      if (s.pending)
        return {
          state: { ...ended(s, 'canceled', s.currentPeriodEnd, 'price_not_accepted'), pending: null },
          events: ['canceled'],
        };
      throw illegal(s, 'end at period end without a cancel or an unaccepted price');
    }
    case 'expire': {
      if (s.status !== 'past_due' || !s.graceUntil || e.at.getTime() < s.graceUntil.getTime())
        throw illegal(s, 'expire');
      return { state: ended(s, 'expired', e.at, 'payment_failed'), events: ['expired'] };
    }
    case 'price_change': {
      if (!['trialing', 'active', 'past_due'].includes(s.status)) throw illegal(s, 'take a new price');
      const rise = e.plan.currency !== s.currency || e.plan.priceMinor > s.priceMinor;
      const same =
        s.pending?.planId === e.plan.planId ||
        (s.pending?.priceMinor === e.plan.priceMinor && s.pending?.currency === e.plan.currency);
      // The price is locked: a lower price never raises anything and a rise needs acceptance.
      if (!rise || same) return { state: s, events: [] };
      return { state: { ...s, pending: { ...e.plan } }, events: ['price_change_pending'] };
    }
    case 'accept_price': {
      if (!s.pending || !['trialing', 'active', 'past_due'].includes(s.status))
        throw illegal(s, 'accept a price (no price change is pending)');
      return {
        state: { ...s, priceMinor: s.pending.priceMinor, currency: s.pending.currency, pending: null },
        events: [],
      };
    }
  }
}

export type NextAction =
  | { kind: 'none' }
  | { kind: 'charge'; periodIndex: number }
  | { kind: 'renew_free'; periodIndex: number }
  | { kind: 'end' }
  | { kind: 'expire' };

/** What the renewal engine should do with this subscription at `now`. */
export function nextAction(s: SubscriptionState, now: Date): NextAction {
  const t = now.getTime();
  switch (s.status) {
    case 'incomplete':
      // The first charge was started by the subscribe call; the engine re-drives it if it was lost.
      return { kind: 'charge', periodIndex: s.periodIndex };
    case 'trialing':
    case 'active':
      if (t < s.currentPeriodEnd.getTime()) return { kind: 'none' };
      if (s.cancelAtPeriodEnd || s.pending) return { kind: 'end' };
      if (s.priceMinor === 0) return { kind: 'renew_free', periodIndex: s.periodIndex + 1 };
      return { kind: 'charge', periodIndex: s.periodIndex + 1 };
    case 'past_due':
      if (s.graceUntil && t >= s.graceUntil.getTime()) return { kind: 'expire' };
      if (s.nextRetryAt && t >= s.nextRetryAt.getTime())
        return { kind: 'charge', periodIndex: s.periodIndex };
      return { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}

/** How long after subscribing the engine re-drives a first charge that is still unconfirmed. */
export const INCOMPLETE_RECHECK_MS = 60_000;

/** When nextAction next changes from none (for the engine's due query); null when never. */
export function nextDueAt(s: SubscriptionState): Date | null {
  switch (s.status) {
    case 'incomplete':
      // The subscribe call charges at once; the engine steps in only if that got lost.
      return new Date(s.currentPeriodStart.getTime() + INCOMPLETE_RECHECK_MS);
    case 'trialing':
    case 'active':
      return s.currentPeriodEnd;
    case 'past_due': {
      const r = s.nextRetryAt?.getTime() ?? Number.POSITIVE_INFINITY;
      const g = s.graceUntil?.getTime() ?? Number.POSITIVE_INFINITY;
      const m = Math.min(r, g);
      return Number.isFinite(m) ? new Date(m) : null;
    }
    default:
      return null;
  }
}

/**
 * Whether the subscription lets its holder read predictions at `now`: trialing or active (until
 * the period ends when canceling; a renewal that is due keeps access until it is decided),
 * past_due within grace. incomplete, canceled and expired do not.
 */
export function grantsAccess(
  s: Pick<SubscriptionState, 'status' | 'cancelAtPeriodEnd' | 'currentPeriodEnd' | 'graceUntil' | 'pending'>,
  now: Date,
): boolean {
  const t = now.getTime();
  switch (s.status) {
    case 'trialing':
    case 'active':
      return t < s.currentPeriodEnd.getTime() || (!s.cancelAtPeriodEnd && !s.pending);
    case 'past_due':
      return s.graceUntil !== null && t < s.graceUntil.getTime();
    default:
      return false;
  }
}
