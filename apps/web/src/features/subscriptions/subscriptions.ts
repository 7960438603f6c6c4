/** Subscriptions and invoices: queries, mutations and how a subscription's state reads to a person. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { Subscription, SubscriptionStatus } from '../../api/types';
import { formatDay, formatPrice } from '../../components/format';

/** Statuses that still hold the one live subscription of a user to a model. */
export const LIVE: readonly SubscriptionStatus[] = ['incomplete', 'trialing', 'active', 'past_due'];

export function isLive(s: Pick<Subscription, 'status'>): boolean {
  return LIVE.includes(s.status);
}

export function useSubscriptions(enabled = true) {
  return useQuery({
    queryKey: ['subscriptions'],
    queryFn: () => call(api.GET('/v1/subscriptions')),
    enabled,
    // A first charge settles by webhook shortly after subscribing: follow it.
    refetchInterval: (q) => (q.state.data?.items.some((s) => s.status === 'incomplete') ? 2000 : false),
  });
}

export function useInvoices() {
  return useQuery({ queryKey: ['invoices'], queryFn: () => call(api.GET('/v1/invoices')) });
}

/** Cancel (at the period's end) or resume a subscription; refreshes the lists. */
export function useSubscriptionAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'cancel' | 'resume' | 'accept-price' }) => {
      const params = { params: { path: { id } } };
      if (action === 'cancel') return call(api.POST('/v1/subscriptions/{id}/cancel', params));
      if (action === 'resume') return call(api.POST('/v1/subscriptions/{id}/resume', params));
      return call(api.POST('/v1/subscriptions/{id}/accept-price', params));
    },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ['subscriptions'] });
      await queryClient.invalidateQueries({ queryKey: ['invoices'] });
    },
  });
}

export function useSubscribe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { model: string; paymentMethod?: string }) =>
      call(api.POST('/v1/subscriptions', { body })),
    onSuccess: async () => {
      // A subscriber reads the full record, no longer the delayed public one.
      await queryClient.invalidateQueries({ queryKey: ['playback-api'] });
      await queryClient.invalidateQueries({ queryKey: ['subscriptions'] });
      await queryClient.invalidateQueries({ queryKey: ['invoices'] });
    },
  });
}

/** The card number as the API takes it: digits only (spaces and dashes as typed are dropped). */
export function normalizeCard(input: string): string {
  return input.replace(/[\s-]/g, '');
}

const STATUS_LABEL: Record<SubscriptionStatus, string> = {
  incomplete: 'Waiting for payment',
  trialing: 'Free trial',
  active: 'Active',
  past_due: 'Payment failed',
  canceled: 'Canceled',
  expired: 'Expired',
};

/** A short label for the status, with a pending cancel made explicit. */
export function statusLabel(s: Pick<Subscription, 'status' | 'cancelAtPeriodEnd'>): string {
  if (s.cancelAtPeriodEnd && (s.status === 'trialing' || s.status === 'active')) {
    return `${STATUS_LABEL[s.status]} · canceled at period end`;
  }
  return STATUS_LABEL[s.status];
}

/** When the next charge is due, or null when none will be made. */
export function nextCharge(s: Subscription): string | null {
  if (s.cancelAtPeriodEnd || !isLive(s)) return null;
  if (s.status === 'past_due') return s.nextRetryAt;
  if (s.status === 'incomplete') return null;
  return s.currentPeriodEnd;
}

/** One sentence on where the subscription stands and what happens next. */
export function describeSubscription(s: Subscription): string {
  const price = formatPrice(s.priceMinor, s.currency);
  switch (s.status) {
    case 'incomplete':
      return `Waiting for the first payment of ${price} to be confirmed.`;
    case 'trialing':
      return s.cancelAtPeriodEnd
        ? `Free trial until ${formatDay(s.trialEnd ?? s.currentPeriodEnd)}; canceled, so you will never be charged.`
        : `Free trial until ${formatDay(s.trialEnd ?? s.currentPeriodEnd)}, then ${price} (first charge ${formatDay(s.currentPeriodEnd)}).`;
    case 'active':
      return s.cancelAtPeriodEnd
        ? `Canceled: access until ${formatDay(s.currentPeriodEnd)}, no further charge.`
        : `Active at ${price}; next charge ${formatDay(s.currentPeriodEnd)}.`;
    case 'past_due':
      return `The last payment failed. Access continues until ${formatDay(s.graceUntil)}${
        s.nextRetryAt ? `; next retry ${formatDay(s.nextRetryAt)}` : ''
      }.`;
    case 'canceled':
      return `Canceled ${formatDay(s.endedAt)}${s.endReason ? ` (${s.endReason.replaceAll('_', ' ')})` : ''}.`;
    case 'expired':
      return `Expired ${formatDay(s.endedAt)}${s.endReason ? ` (${s.endReason.replaceAll('_', ' ')})` : ''}.`;
  }
}

/** Which of cancel / resume the subscriber can do now. */
export function actionsFor(s: Subscription): { cancel: boolean; resume: boolean } {
  if (!isLive(s)) return { cancel: false, resume: false };
  const pendingCancel = s.cancelAtPeriodEnd && (s.status === 'trialing' || s.status === 'active');
  return { cancel: !pendingCancel, resume: pendingCancel };
}
