import { describe, expect, it } from 'vitest';
import type { Subscription } from '../../api/types';
import {
  actionsFor,
  describeSubscription,
  isLive,
  nextCharge,
  normalizeCard,
  statusLabel,
} from './subscriptions';

const base: Subscription = {
  id: 's1',
  modelId: 'm1',
  modelSlug: 'momentum',
  status: 'active',
  priceMinor: 1900,
  currency: 'USD',
  trialEnd: null,
  currentPeriodStart: '2000-01-03T00:00:00.000Z',
  currentPeriodEnd: '2000-02-03T00:00:00.000Z',
  cancelAtPeriodEnd: false,
  endedAt: null,
  endReason: null,
  graceUntil: null,
  nextRetryAt: null,
  pendingPrice: null,
  access: true,
  createdAt: '2000-01-03T00:00:00.000Z',
};
const sub = (over: Partial<Subscription>): Subscription => ({ ...base, ...over });

describe('how a subscription reads to its subscriber', () => {
  it('a trial: its end, the first charge, cancel offered', () => {
    const s = sub({
      status: 'trialing',
      trialEnd: '2000-01-17T00:00:00.000Z',
      currentPeriodEnd: '2000-01-17T00:00:00.000Z',
    });
    expect(statusLabel(s)).toBe('Free trial');
    expect(describeSubscription(s)).toBe(
      'Free trial until 2000-01-17, then $19.00/month (first charge 2000-01-17).',
    );
    expect(nextCharge(s)).toBe('2000-01-17T00:00:00.000Z');
    expect(actionsFor(s)).toEqual({ cancel: true, resume: false });
  });

  it('a canceled trial is never charged and can be resumed', () => {
    const s = sub({ status: 'trialing', cancelAtPeriodEnd: true, trialEnd: '2000-01-17T00:00:00.000Z' });
    expect(statusLabel(s)).toBe('Free trial · canceled at period end');
    expect(describeSubscription(s)).toContain('never be charged');
    expect(nextCharge(s)).toBeNull();
    expect(actionsFor(s)).toEqual({ cancel: false, resume: true });
  });

  it('active, then canceled at the period end: access until then, resume offered', () => {
    expect(describeSubscription(base)).toBe('Active at $19.00/month; next charge 2000-02-03.');
    expect(nextCharge(base)).toBe(base.currentPeriodEnd);
    const c = sub({ cancelAtPeriodEnd: true });
    expect(describeSubscription(c)).toBe('Canceled: access until 2000-02-03, no further charge.');
    expect(actionsFor(c)).toEqual({ cancel: false, resume: true });
  });

  it('past due: grace and the next retry; cancel ends it at once, no resume', () => {
    const s = sub({
      status: 'past_due',
      graceUntil: '2000-02-10T00:00:00.000Z',
      nextRetryAt: '2000-02-04T00:00:00.000Z',
    });
    expect(statusLabel(s)).toBe('Payment failed');
    expect(describeSubscription(s)).toBe(
      'The last payment failed. Access continues until 2000-02-10; next retry 2000-02-04.',
    );
    expect(nextCharge(s)).toBe('2000-02-04T00:00:00.000Z');
    expect(actionsFor(s)).toEqual({ cancel: true, resume: false });
  });

  it('ended subscriptions offer nothing and are not live', () => {
    for (const status of ['canceled', 'expired'] as const) {
      const s = sub({
        status,
        endedAt: '2000-02-03T00:00:00.000Z',
        endReason: 'payment_failed',
        access: false,
      });
      expect(isLive(s)).toBe(false);
      expect(actionsFor(s)).toEqual({ cancel: false, resume: false });
      expect(nextCharge(s)).toBeNull();
      expect(describeSubscription(s)).toContain('(payment failed)');
    }
    expect(isLive(sub({ status: 'incomplete' }))).toBe(true);
    expect(nextCharge(sub({ status: 'incomplete' }))).toBeNull();
  });

  it('card numbers lose the spaces and dashes people type', () => {
    expect(normalizeCard(' 4242 4242-4242 4242 ')).toBe('4242424242424242');
  });
});
