/**
 * Billing use cases: subscribe, cancel, resume, accept a new price, list subscriptions and
 * invoices, earnings; and the money paths the engine and webhooks drive: charge what is due,
 * settle a charge (from the provider's answer or a webhook, whichever comes first, once),
 * refunds. The state machine (subscription-machine.ts) decides; this file persists its answers.
 *
 * Money safety:
 * - Every charge has an invoice row written BEFORE the provider is called, keyed by
 *   `seer-sub-<id>-p<period>-a<attempt>`; a retried or restarted job reuses the key, so the
 *   provider never charges twice, and a partial unique index allows one paid charge per period.
 * - Settling is one transaction: invoice pending -> final (guarded), subscription transition
 *   (row locked), earnings journal, outbox events. Doing it twice changes nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { type AuthCache, authChange } from '../accounts/auth-cache';
import type { Principal } from '../accounts/principal';
import type { Db } from '../db/db';
import { withTransaction } from '../db/db';
import type { Database } from '../db/schema';
import { AppError, forbidden, notFound, registerErrorCodes } from '../errors';
import { type BillingRepo, createBillingRepo, type InvoiceRow, type SubscriptionRow } from './billing.repo';
import type { CreateSubscription, EarningsView, InvoiceView, SubscriptionView } from './billing.schemas';
import { bookingMonth, paidPeriod } from './periods';
import type { ChargeResult, PaymentProvider, WebhookHeaders } from './providers/payment-provider';
import {
  type BillingPolicy,
  chargeTarget,
  grantsAccess,
  nextAction,
  nextDueAt,
  type OutboxEventType,
  type SubscriptionEvent,
  type SubscriptionState,
  startSubscription,
  type Transition,
  transition,
} from './subscription-machine';

registerErrorCodes({
  subscription_exists: 409,
  subscription_own_model: 422,
  model_has_no_plan: 409,
  payment_method_required: 402,
  payment_declined: 402,
  invoice_not_refundable: 409,
});

/** A pending charge is re-checked with the provider after this long (platform time) if no webhook came. */
export const RECONCILE_AFTER_MS = 60_000;
/** A trial_ending notice goes out this long before the trial ends. */
export const TRIAL_ENDING_NOTICE_MS = 3 * 86_400_000;

type Trx = Transaction<Database>;

export interface BillingServiceDeps {
  db: Db;
  provider: PaymentProvider;
  /** Platform time (the replay clock in a demo): periods, renewals and access follow it. */
  clock: () => Date;
  policy: BillingPolicy;
  /** Platform fee in whole percent of each charge. */
  feePercent: number;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  /** The process's auth cache: told after each commit that changes a subscription here. */
  cache?: AuthCache;
}

/** The platform's share of `grossMinor`, rounded half up, in integer arithmetic. */
export function platformFee(grossMinor: number, feePercent: number): number {
  if (!Number.isSafeInteger(grossMinor) || !Number.isInteger(feePercent))
    throw new RangeError('integers only');
  return Math.floor((grossMinor * feePercent + 50) / 100);
}

export function stateOf(r: SubscriptionRow): SubscriptionState {
  return {
    status: r.status,
    priceMinor: Number(r.price_minor),
    currency: r.currency,
    trialEnd: r.trial_end,
    anchorAt: r.anchor_at,
    periodIndex: r.period_index,
    currentPeriodStart: r.current_period_start,
    currentPeriodEnd: r.current_period_end,
    cancelAtPeriodEnd: r.cancel_at_period_end,
    cancelRequestedAt: r.cancel_requested_at,
    endedAt: r.ended_at,
    endReason: r.end_reason,
    failedAttempts: r.failed_attempts,
    nextRetryAt: r.next_retry_at,
    graceUntil: r.grace_until,
    pending:
      r.pending_plan_id !== null && r.pending_price_minor !== null && r.pending_currency !== null
        ? {
            planId: r.pending_plan_id,
            priceMinor: Number(r.pending_price_minor),
            currency: r.pending_currency,
          }
        : null,
  };
}

function columnsOf(s: SubscriptionState) {
  return {
    status: s.status,
    price_minor: s.priceMinor,
    currency: s.currency,
    trial_end: s.trialEnd,
    anchor_at: s.anchorAt,
    period_index: s.periodIndex,
    current_period_start: s.currentPeriodStart,
    current_period_end: s.currentPeriodEnd,
    cancel_at_period_end: s.cancelAtPeriodEnd,
    cancel_requested_at: s.cancelRequestedAt,
    ended_at: s.endedAt,
    end_reason: s.endReason,
    failed_attempts: s.failedAttempts,
    next_retry_at: s.nextRetryAt,
    grace_until: s.graceUntil,
    pending_plan_id: s.pending?.planId ?? null,
    pending_price_minor: s.pending?.priceMinor ?? null,
    pending_currency: s.pending?.currency ?? null,
    next_due_at: nextDueAt(s),
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function invoiceView(i: InvoiceRow): InvoiceView {
  return {
    id: i.id,
    subscriptionId: i.subscription_id,
    modelId: i.model_id,
    kind: i.kind,
    refundOf: i.refund_of,
    status: i.status,
    amountMinor: Number(i.amount_minor),
    currency: i.currency,
    periodStart: i.period_start.toISOString(),
    periodEnd: i.period_end.toISOString(),
    attempt: i.attempt,
    failureCode: i.failure_code,
    createdAt: i.created_at.toISOString(),
    settledAt: iso(i.settled_at),
  };
}

function dedupeKey(type: OutboxEventType, id: string, s: SubscriptionState): string {
  switch (type) {
    case 'renewed':
      return `renewed:${id}:${s.periodIndex}`;
    case 'payment_failed':
      return `payment_failed:${id}:${s.periodIndex}:${s.failedAttempts}`;
    case 'price_change_pending':
      return `price_change_pending:${id}:${s.pending?.planId ?? 'none'}`;
    default:
      return `${type}:${id}`;
  }
}

const isAdminPrincipal = (p: Pick<Principal, 'roles' | 'via' | 'scopes'>) =>
  p.roles.includes('admin') && (p.via === 'jwt' || ((p.scopes ?? []) as readonly string[]).includes('admin'));

export function createBillingService(deps: BillingServiceDeps) {
  const { db, provider, clock, policy } = deps;
  const repo: BillingRepo = createBillingRepo(db);
  const log = deps.log ?? (() => {});

  function view(r: SubscriptionRow & { model_slug: string }): SubscriptionView {
    const s = stateOf(r);
    return {
      id: r.id,
      modelId: r.model_id,
      modelSlug: r.model_slug,
      status: r.status,
      priceMinor: s.priceMinor,
      currency: s.currency,
      trialEnd: iso(r.trial_end),
      currentPeriodStart: r.current_period_start.toISOString(),
      currentPeriodEnd: r.current_period_end.toISOString(),
      cancelAtPeriodEnd: r.cancel_at_period_end,
      endedAt: iso(r.ended_at),
      endReason: r.end_reason,
      graceUntil: iso(r.grace_until),
      nextRetryAt: iso(r.next_retry_at),
      pendingPrice: s.pending ? { priceMinor: s.pending.priceMinor, currency: s.pending.currency } : null,
      access: grantsAccess(s, clock()),
      createdAt: r.created_at.toISOString(),
    };
  }

  /** Persists a transition (the row must be locked by trx) and its outbox events. */
  async function save(trx: Trx, row: SubscriptionRow, t: Transition, at: Date): Promise<SubscriptionRow> {
    const updated = await repo.updateSubscription(row.id, { ...columnsOf(t.state), updated_at: at }, trx);
    for (const type of t.events) {
      await repo.insertOutbox(
        {
          dedupe_key: dedupeKey(type, row.id, t.state),
          type,
          subscription_id: row.id,
          user_id: row.user_id,
          payload: {
            subscriptionId: row.id,
            modelId: row.model_id,
            status: t.state.status,
            periodIndex: t.state.periodIndex,
            currentPeriodEnd: t.state.currentPeriodEnd.toISOString(),
            priceMinor: t.state.priceMinor,
            currency: t.state.currency,
            ...(t.state.pending
              ? { pendingPriceMinor: t.state.pending.priceMinor, pendingCurrency: t.state.pending.currency }
              : {}),
          },
          created_at: at,
        },
        trx,
      );
    }
    return updated;
  }

  /** Applies one event to a subscription in its own transaction (row locked). */
  async function applyEvent(id: string, event: (s: SubscriptionState) => SubscriptionEvent | null) {
    const row = await withTransaction(db, async (trx) => {
      const row = await repo.lockSubscription(id, trx);
      if (!row) throw notFound('subscription');
      const e = event(stateOf(row));
      if (!e) return row;
      return save(trx, row, transition(stateOf(row), e, policy), e.at);
    });
    changed(row);
    return row;
  }

  /**
   * After a commit that changed a subscription: this process's cached entitlement goes now (the
   * trigger's notification tells every process, this one included, a moment later).
   */
  function changed(row: Pick<SubscriptionRow, 'user_id' | 'model_id'> | undefined) {
    if (row) deps.cache?.invalidate(authChange.subscriptions(row.user_id, row.model_id));
  }

  async function ownSubscription(principal: Principal, id: string) {
    const row = await repo.findWithSlug(id);
    // Someone else's subscription does not exist for you (admins see all).
    if (!row || (row.user_id !== principal.userId && !isAdminPrincipal(principal)))
      throw notFound('subscription');
    return row;
  }

  async function ensurePaymentMethod(principal: Principal, paymentMethod: string | undefined) {
    let customer = await repo.findCustomer(principal.userId, provider.name);
    if (!customer) {
      const c = await provider.createCustomer({
        userId: principal.userId,
        email: principal.email,
        idempotencyKey: `seer-customer-${principal.userId}`,
      });
      await repo.upsertCustomer({
        user_id: principal.userId,
        provider: provider.name,
        customer_id: c.customerId,
      });
      customer = await repo.findCustomer(principal.userId, provider.name);
    }
    if (!customer) throw new Error('customer row missing after upsert');
    if (paymentMethod !== undefined) {
      const pm = await provider.attachPaymentMethod({ customerId: customer.customer_id, paymentMethod });
      await repo.setPaymentMethod(principal.userId, provider.name, {
        id: pm.paymentMethodId,
        brand: pm.brand,
        last4: pm.last4,
      });
      customer = { ...customer, payment_method_id: pm.paymentMethodId };
    }
    return customer;
  }

  /** Writes the double-entry lines of a settled charge (or, reversed, of a refund). */
  async function journal(trx: Trx, inv: InvoiceRow, sign: 1 | -1, at: Date) {
    const ownerId = await repo.modelOwner(inv.model_id, trx);
    if (!ownerId) throw new Error(`model ${inv.model_id} of invoice ${inv.id} is gone`);
    const gross = Number(inv.amount_minor);
    const fee = platformFee(gross, deps.feePercent);
    await repo.writeJournal(
      {
        journalId: randomUUID(),
        invoiceId: inv.id,
        developerId: ownerId,
        modelId: inv.model_id,
        currency: inv.currency,
        month: bookingMonth(at),
        at,
        lines: [
          { account: 'customer_cash', amountMinor: sign * gross },
          { account: 'platform_fees', amountMinor: -sign * fee },
          { account: 'developer_payable', amountMinor: -sign * (gross - fee) },
        ],
      },
      trx,
    );
  }

  /**
   * Records the final result of a charge, once: invoice, subscription transition, journal,
   * events. Returns 'refund' when money arrived for a subscription that no longer wants it.
   */
  async function settleCharge(
    invoiceId: string,
    result: ChargeResult,
  ): Promise<'settled' | 'noop' | 'refund'> {
    if (result.status === 'pending') return 'noop';
    const at = clock();
    let touched: SubscriptionRow | undefined;
    const outcome = await withTransaction(db, async (trx) => {
      const inv = await repo.lockInvoice(invoiceId, trx);
      if (inv?.kind !== 'charge' || inv.status !== 'pending') return 'noop' as const;
      const row = await repo.lockSubscription(inv.subscription_id, trx);
      if (!row) return 'noop' as const;
      touched = row;
      await repo.settleInvoice(
        inv.id,
        {
          status: result.status as 'succeeded' | 'failed',
          failure_code: result.failureCode,
          provider_ref: result.chargeId,
          at,
        },
        trx,
      );
      const event: SubscriptionEvent =
        result.status === 'succeeded'
          ? { type: 'charge_succeeded', periodIndex: inv.period_index, at }
          : { type: 'charge_failed', periodIndex: inv.period_index, at };
      let t: Transition | null = null;
      try {
        t = transition(stateOf(row), event, policy);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        log('billing: a charge settled for a subscription that moved on', { invoiceId, status: row.status });
      }
      if (t) await save(trx, row, t, at);
      if (result.status === 'succeeded') await journal(trx, { ...inv, status: 'succeeded' }, 1, at);
      return result.status === 'succeeded' && !t ? ('refund' as const) : ('settled' as const);
    });
    changed(touched);
    if (outcome === 'refund') await refundCharge(invoiceId);
    return outcome;
  }

  /** Refunds a paid charge in full (idempotent: one refund per charge). */
  async function refundCharge(chargeInvoiceId: string): Promise<InvoiceRow> {
    const inv = await repo.findInvoice(chargeInvoiceId);
    if (inv?.kind !== 'charge') throw notFound('invoice');
    if (inv.status !== 'succeeded' || !inv.provider_ref)
      throw new AppError('invoice_not_refundable', { detail: 'Only a paid charge can be refunded.' });
    const at = clock();
    const refund = await repo.ensureInvoice({
      subscription_id: inv.subscription_id,
      user_id: inv.user_id,
      model_id: inv.model_id,
      kind: 'refund',
      refund_of: inv.id,
      period_index: inv.period_index,
      period_start: inv.period_start,
      period_end: inv.period_end,
      attempt: 1,
      amount_minor: Number(inv.amount_minor),
      currency: inv.currency,
      status: 'pending',
      provider: inv.provider,
      idempotency_key: `seer-refund-${inv.id}`,
      created_at: at,
    });
    if (refund.status !== 'pending') return refund;
    const r = await provider.refund({
      chargeId: inv.provider_ref,
      amountMinor: Number(inv.amount_minor),
      idempotencyKey: refund.idempotency_key,
    });
    if (r.status === 'pending') {
      await repo.setProviderRef(refund.id, r.refundId);
      return (await repo.findInvoice(refund.id)) as InvoiceRow;
    }
    await settleRefund(refund.id, r.status, r.refundId);
    return (await repo.findInvoice(refund.id)) as InvoiceRow;
  }

  async function settleRefund(refundInvoiceId: string, status: 'succeeded' | 'failed', ref: string | null) {
    const at = clock();
    await withTransaction(db, async (trx) => {
      const inv = await repo.lockInvoice(refundInvoiceId, trx);
      if (inv?.status !== 'pending') return;
      await repo.settleInvoice(
        inv.id,
        { status, failure_code: status === 'failed' ? 'refund_failed' : null, provider_ref: ref, at },
        trx,
      );
      if (status === 'succeeded') await journal(trx, inv, -1, at);
    });
  }

  /** Charges (or re-checks) the given paid period of a subscription. */
  async function driveCharge(row: SubscriptionRow, periodIndex: number): Promise<void> {
    const s = stateOf(row);
    if (chargeTarget(s) !== periodIndex) return;
    const attempt = s.status === 'past_due' ? s.failedAttempts + 1 : 1;
    const period = paidPeriod(s.anchorAt, periodIndex);
    const inv = await repo.ensureInvoice({
      subscription_id: row.id,
      user_id: row.user_id,
      model_id: row.model_id,
      kind: 'charge',
      refund_of: null,
      period_index: periodIndex,
      period_start: period.start,
      period_end: period.end,
      attempt,
      amount_minor: s.priceMinor,
      currency: s.currency,
      status: 'pending',
      provider: row.provider,
      idempotency_key: `seer-sub-${row.id}-p${periodIndex}-a${attempt}`,
      created_at: clock(),
    });
    if (inv.status !== 'pending') return;
    let result: ChargeResult;
    if (inv.provider_ref) {
      // Already sent: ask for the truth instead of charging (a lost webhook, a restarted job).
      result = await provider.retrieveCharge(inv.provider_ref);
    } else {
      const customer = await repo.findCustomer(row.user_id, row.provider);
      if (!customer?.payment_method_id) {
        result = {
          chargeId: '',
          status: 'failed',
          failureCode: 'no_payment_method',
          amountMinor: Number(inv.amount_minor),
          currency: inv.currency,
          refundedMinor: 0,
          metadata: {},
        };
      } else {
        result = await provider.charge({
          customerId: customer.customer_id,
          paymentMethodId: customer.payment_method_id,
          amountMinor: Number(inv.amount_minor),
          currency: inv.currency,
          idempotencyKey: inv.idempotency_key,
          description: `Seer subscription ${row.id}, period ${periodIndex}`,
          metadata: { invoiceId: inv.id, subscriptionId: row.id },
        });
        await repo.setProviderRef(inv.id, result.chargeId);
      }
    }
    if (result.status === 'pending') {
      // Wait for the webhook; look again later in case it never comes.
      await repo.postpone(row.id, row.version, new Date(clock().getTime() + RECONCILE_AFTER_MS));
      return;
    }
    await settleCharge(inv.id, { ...result, chargeId: result.chargeId || (inv.provider_ref ?? '') });
  }

  /** Sends (or re-checks) the first charge of an incomplete subscription; a decline is a 402. */
  async function finishFirstCharge(row: SubscriptionRow): Promise<SubscriptionView> {
    await driveCharge(row, row.period_index);
    const after = (await repo.findSubscription(row.id)) as SubscriptionRow;
    if (after.status === 'expired')
      throw new AppError('payment_declined', {
        detail: 'The payment was declined; no subscription was started. Try another card.',
      });
    return view((await repo.findWithSlug(row.id)) as SubscriptionRow & { model_slug: string });
  }

  return {
    repo,
    provider,
    /** Platform time, as billing sees it. */
    now: clock,

    async subscribe(principal: Principal, input: CreateSubscription): Promise<SubscriptionView> {
      const model = await repo.subscribableModel(input.model);
      if (!model) throw notFound(`Model ${input.model}`);
      if (model.owner_id === principal.userId)
        throw new AppError('subscription_own_model', {
          detail: 'You own this model and can already read its predictions.',
        });
      const now = clock();
      const plan = await repo.planAt(model.id, now);
      if (!plan)
        throw new AppError('model_has_no_plan', {
          detail: 'This model has no plan yet; it cannot be subscribed to.',
        });
      const live = await repo.liveSubscription(principal.userId, model.id);
      if (live) {
        // A retry of a subscribe whose first charge never got an answer (the API was killed, the
        // connection dropped): finish that one instead of refusing. The first charge reuses its
        // invoice and idempotency key, so the card is charged at most once.
        const row = await repo.findSubscription(live.id);
        if (row?.status === 'incomplete') return finishFirstCharge(row);
      }
      if (live)
        throw new AppError('subscription_exists', {
          detail: `You already subscribe to this model (${live.id}).`,
        });
      const trialAllowed = !(await repo.hadTrial(principal.userId, model.id));
      const state = startSubscription({
        at: now,
        priceMinor: Number(plan.price_minor),
        currency: plan.currency,
        trialDays: plan.trial_days,
        trialAllowed,
      });
      if (state.priceMinor > 0) {
        const customer = await ensurePaymentMethod(principal, input.paymentMethod);
        if (!customer.payment_method_id)
          throw new AppError('payment_method_required', {
            detail: 'This plan is paid: send paymentMethod once (a test card number with the mock provider).',
          });
      }
      const created = await withTransaction(db, async (trx) => {
        const row = await repo.insertSubscription(
          {
            user_id: principal.userId,
            model_id: model.id,
            plan_id: plan.id,
            provider: provider.name,
            ...columnsOf(state),
            created_at: now,
            updated_at: now,
          },
          trx,
        );
        if (!row)
          throw new AppError('subscription_exists', { detail: 'You already subscribe to this model.' });
        if (state.status === 'trialing') {
          const first = await repo.insertTrial(
            { user_id: principal.userId, model_id: model.id, subscription_id: row.id, started_at: now },
            trx,
          );
          // A concurrent request used the trial first: this whole subscription is rolled back.
          if (!first)
            throw new AppError('subscription_exists', {
              detail: 'You already started a trial of this model.',
            });
        }
        await repo.insertOutbox(
          {
            dedupe_key: `created:${row.id}`,
            type: 'created',
            subscription_id: row.id,
            user_id: row.user_id,
            payload: {
              subscriptionId: row.id,
              modelId: model.id,
              status: row.status,
              trial: state.status === 'trialing',
            },
            created_at: now,
          },
          trx,
        );
        return row;
      });
      changed(created);
      if (created.status === 'incomplete') return finishFirstCharge(created);
      return view((await repo.findWithSlug(created.id)) as SubscriptionRow & { model_slug: string });
    },

    async list(principal: Principal): Promise<SubscriptionView[]> {
      return (await repo.listForUser(principal.userId)).map(view);
    },

    async get(principal: Principal, id: string): Promise<SubscriptionView> {
      return view(await ownSubscription(principal, id));
    },

    async cancel(principal: Principal, id: string): Promise<SubscriptionView> {
      await ownSubscription(principal, id);
      await applyEvent(id, () => ({ type: 'cancel', at: clock() }));
      return view(await ownSubscription(principal, id));
    },

    async resume(principal: Principal, id: string): Promise<SubscriptionView> {
      await ownSubscription(principal, id);
      await applyEvent(id, () => ({ type: 'resume', at: clock() }));
      return view(await ownSubscription(principal, id));
    },

    async acceptPrice(principal: Principal, id: string): Promise<SubscriptionView> {
      await ownSubscription(principal, id);
      await applyEvent(id, () => ({ type: 'accept_price', at: clock() }));
      return view(await ownSubscription(principal, id));
    },

    async invoices(principal: Principal, opts: { all?: boolean | undefined } = {}): Promise<InvoiceView[]> {
      if (opts.all && !isAdminPrincipal(principal)) throw forbidden('Only admins can list every invoice.');
      return (await repo.listInvoices(opts.all ? null : principal.userId)).map(invoiceView);
    },

    async refund(principal: Principal, invoiceId: string): Promise<InvoiceView> {
      if (!isAdminPrincipal(principal)) throw forbidden('Only admins can refund.');
      return invoiceView(await refundCharge(invoiceId));
    },

    /** A developer's earnings per model and month; admins get the whole platform. */
    async earnings(principal: Principal): Promise<EarningsView> {
      const platform = isAdminPrincipal(principal);
      if (!platform && !principal.roles.includes('developer'))
        throw forbidden('Earnings are for developers (their models) and admins (the platform).');
      const rows = await repo.earnings(platform ? null : principal.userId);
      const totals = new Map<string, { gross: number; fee: number; net: number }>();
      for (const r of rows) {
        const t = totals.get(r.currency) ?? { gross: 0, fee: 0, net: 0 };
        t.gross += Number(r.gross);
        t.fee += Number(r.fee);
        t.net += Number(r.net);
        totals.set(r.currency, t);
      }
      return {
        scope: platform ? 'platform' : 'developer',
        items: rows.map((r) => ({
          modelId: r.model_id,
          modelSlug: r.model_slug,
          developerId: r.developer_id,
          month: r.month,
          currency: r.currency,
          grossMinor: Number(r.gross),
          feeMinor: Number(r.fee),
          netMinor: Number(r.net),
        })),
        totals: [...totals.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([currency, t]) => ({ currency, grossMinor: t.gross, feeMinor: t.fee, netMinor: t.net })),
      };
    },

    /**
     * A provider webhook: verify the signature on the raw body, then fetch the truth from the
     * provider and apply it. The same event twice, or events out of order, change nothing more.
     */
    async handleWebhook(
      providerName: string,
      rawBody: Buffer,
      headers: WebhookHeaders,
    ): Promise<{ duplicate: boolean }> {
      if (providerName !== provider.name)
        throw notFound(`webhook endpoint for ${providerName} (this server uses ${provider.name})`);
      const event = provider.parseWebhook(rawBody, headers);
      if (await repo.webhookSeen(provider.name, event.id)) return { duplicate: true };
      if (event.chargeId && event.type !== 'other') {
        const truth = await provider.retrieveCharge(event.chargeId);
        const inv =
          (await repo.findChargeByRef(provider.name, truth.chargeId)) ??
          (truth.metadata.invoiceId ? await repo.findInvoice(truth.metadata.invoiceId) : undefined);
        if (inv && inv.kind === 'charge') {
          if (inv.status === 'pending') await settleCharge(inv.id, truth);
          if (truth.refundedMinor >= Number(inv.amount_minor)) {
            const existing = await repo.findRefundOf(inv.id);
            if (!existing) await refundCharge(inv.id);
            else if (existing.status === 'pending')
              await settleRefund(existing.id, 'succeeded', existing.provider_ref);
          }
        }
      }
      const fresh = await repo.recordWebhook(provider.name, event.id, event.type);
      return { duplicate: !fresh };
    },

    /** The engine's job for one subscription: do whatever is due now (idempotent). */
    async processDue(subscriptionId: string): Promise<string> {
      const row = await repo.findSubscription(subscriptionId);
      if (!row) return 'missing';
      const now = clock();
      const action = nextAction(stateOf(row), now);
      switch (action.kind) {
        case 'none':
          return 'none';
        case 'charge':
          await driveCharge(row, action.periodIndex);
          return 'charge';
        case 'renew_free':
          await applyEvent(row.id, (s) =>
            nextAction(s, now).kind === 'renew_free'
              ? { type: 'charge_succeeded', periodIndex: s.periodIndex + 1, at: now }
              : null,
          );
          return 'renew_free';
        case 'end':
          await applyEvent(row.id, (s) =>
            nextAction(s, now).kind === 'end' ? { type: 'period_end', at: now } : null,
          );
          return 'end';
        case 'expire':
          await applyEvent(row.id, (s) =>
            nextAction(s, now).kind === 'expire' ? { type: 'expire', at: now } : null,
          );
          return 'expire';
      }
    },

    /** Tells subscribers about price rises of their model's plan (a price_change_pending event each). */
    async notePriceChanges(): Promise<number> {
      const now = clock();
      const rises = await repo.priceRises(now);
      for (const r of rises)
        await applyEvent(r.id, (s) =>
          ['trialing', 'active', 'past_due'].includes(s.status)
            ? {
                type: 'price_change',
                plan: { planId: r.plan_id, priceMinor: Number(r.price_minor), currency: r.currency },
                at: now,
              }
            : null,
        );
      return rises.length;
    },

    /** Writes a trial_ending event for trials that end within the notice period (once each). */
    async noteTrialsEnding(): Promise<number> {
      const now = clock();
      let n = 0;
      for (const r of await repo.trialsEndingBefore(new Date(now.getTime() + TRIAL_ENDING_NOTICE_MS))) {
        const fresh = await withTransaction(db, (trx) =>
          repo.insertOutbox(
            {
              dedupe_key: `trial_ending:${r.id}`,
              type: 'trial_ending',
              subscription_id: r.id,
              user_id: r.user_id,
              payload: {
                subscriptionId: r.id,
                modelId: r.model_id,
                trialEnd: r.current_period_end.toISOString(),
              },
              created_at: now,
            },
            trx,
          ),
        );
        if (fresh) n++;
      }
      return n;
    },

    settleCharge,
    refundCharge,
  };
}

export type BillingService = ReturnType<typeof createBillingService>;
