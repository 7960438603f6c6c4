/** SQL for billing: subscriptions, trials, customers, invoices, the earnings journal, the outbox. */
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Db, Executor } from '../db/db';
import type {
  BillingCustomersTable,
  InvoicesTable,
  LedgerAccount,
  ProviderName,
  SubscriptionsTable,
} from './billing.tables';
import { LIVE_STATUSES, type OutboxEventType } from './subscription-machine';

export type SubscriptionRow = Selectable<SubscriptionsTable>;
export type NewSubscription = Insertable<SubscriptionsTable>;
export type SubscriptionPatch = Updateable<SubscriptionsTable>;
export type InvoiceRow = Selectable<InvoicesTable>;
export type CustomerRow = Selectable<BillingCustomersTable>;

export interface LedgerLine {
  account: LedgerAccount;
  amountMinor: number;
}

export interface EarningsAggregate {
  model_id: string;
  model_slug: string;
  developer_id: string;
  month: string;
  currency: string;
  gross: number;
  fee: number;
  net: number;
}

export function createBillingRepo(db: Db) {
  const k = db.kysely;
  return {
    /** A model that can be subscribed to: it exists and has a deployed version. */
    async subscribableModel(slug: string, ex: Executor = k) {
      return ex
        .selectFrom('models as m')
        .select(['m.id', 'm.owner_id', 'm.slug'])
        .where('m.slug', '=', slug)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('model_versions as v')
              .select('v.id')
              .whereRef('v.model_id', '=', 'm.id')
              .where('v.status', '=', 'deployed'),
          ),
        )
        .executeTakeFirst();
    },

    /** The plan in force for a model at `at`. */
    async planAt(modelId: string, at: Date, ex: Executor = k) {
      return ex
        .selectFrom('plans')
        .selectAll()
        .where('model_id', '=', modelId)
        .where('effective_from', '<=', at)
        .orderBy('effective_from', 'desc')
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    async liveSubscription(userId: string, modelId: string, ex: Executor = k) {
      return ex
        .selectFrom('subscriptions')
        .select('id')
        .where('user_id', '=', userId)
        .where('model_id', '=', modelId)
        .where('status', 'in', [...LIVE_STATUSES])
        .executeTakeFirst();
    },

    async modelOwner(modelId: string, ex: Executor = k): Promise<string | undefined> {
      const r = await ex.selectFrom('models').select('owner_id').where('id', '=', modelId).executeTakeFirst();
      return r?.owner_id;
    },

    async findSubscription(id: string, ex: Executor = k): Promise<SubscriptionRow | undefined> {
      return ex.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** The row, locked until the transaction ends (state changes are serialized per subscription). */
    async lockSubscription(id: string, ex: Executor): Promise<SubscriptionRow | undefined> {
      return ex.selectFrom('subscriptions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    /** Inserts unless the user already has a live subscription of the model (the partial unique index). */
    async insertSubscription(values: NewSubscription, ex: Executor): Promise<SubscriptionRow | undefined> {
      return ex
        .insertInto('subscriptions')
        .values(values)
        .onConflict((oc) =>
          oc
            .columns(['user_id', 'model_id'])
            .where('status', 'in', [...LIVE_STATUSES])
            .doNothing(),
        )
        .returningAll()
        .executeTakeFirst();
    },

    async updateSubscription(id: string, patch: SubscriptionPatch, ex: Executor): Promise<SubscriptionRow> {
      return ex
        .updateTable('subscriptions')
        .set({ ...patch, version: sql`version + 1` })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** Moves the next look at a subscription later, unless it changed meanwhile. */
    async postpone(id: string, version: number, until: Date, ex: Executor = k): Promise<void> {
      await ex
        .updateTable('subscriptions')
        .set({ next_due_at: until })
        .where('id', '=', id)
        .where('version', '=', version)
        .execute();
    },

    async listForUser(userId: string, ex: Executor = k) {
      return ex
        .selectFrom('subscriptions as s')
        .innerJoin('models as m', 'm.id', 's.model_id')
        .selectAll('s')
        .select('m.slug as model_slug')
        .where('s.user_id', '=', userId)
        .orderBy('s.created_at', 'desc')
        .orderBy('s.id', 'desc')
        .limit(500)
        .execute();
    },

    async findWithSlug(id: string, ex: Executor = k) {
      return ex
        .selectFrom('subscriptions as s')
        .innerJoin('models as m', 'm.id', 's.model_id')
        .selectAll('s')
        .select('m.slug as model_slug')
        .where('s.id', '=', id)
        .executeTakeFirst();
    },

    /** Subscriptions of a user and model that may still grant access (live ones, and canceled ones). */
    async accessCandidates(userId: string, modelId: string, ex: Executor = k): Promise<SubscriptionRow[]> {
      return ex
        .selectFrom('subscriptions')
        .selectAll()
        .where('user_id', '=', userId)
        .where('model_id', '=', modelId)
        .where('status', 'in', ['trialing', 'active', 'past_due'])
        .execute();
    },

    async hadTrial(userId: string, modelId: string, ex: Executor = k): Promise<boolean> {
      const r = await ex
        .selectFrom('billing_trials')
        .select('user_id')
        .where('user_id', '=', userId)
        .where('model_id', '=', modelId)
        .executeTakeFirst();
      return r !== undefined;
    },

    /** false when this user already had a trial of this model (one per user and model, ever). */
    async insertTrial(
      v: { user_id: string; model_id: string; subscription_id: string; started_at: Date },
      ex: Executor,
    ): Promise<boolean> {
      const r = await ex
        .insertInto('billing_trials')
        .values(v)
        .onConflict((oc) => oc.columns(['user_id', 'model_id']).doNothing())
        .returning('user_id')
        .executeTakeFirst();
      return r !== undefined;
    },

    async findCustomer(
      userId: string,
      provider: ProviderName,
      ex: Executor = k,
    ): Promise<CustomerRow | undefined> {
      return ex
        .selectFrom('billing_customers')
        .selectAll()
        .where('user_id', '=', userId)
        .where('provider', '=', provider)
        .executeTakeFirst();
    },

    async upsertCustomer(
      v: { user_id: string; provider: ProviderName; customer_id: string },
      ex: Executor = k,
    ): Promise<void> {
      await ex
        .insertInto('billing_customers')
        .values(v)
        .onConflict((oc) => oc.columns(['user_id', 'provider']).doNothing())
        .execute();
    },

    async setPaymentMethod(
      userId: string,
      provider: ProviderName,
      pm: { id: string; brand: string; last4: string },
      ex: Executor = k,
    ): Promise<void> {
      await ex
        .updateTable('billing_customers')
        .set({ payment_method_id: pm.id, card_brand: pm.brand, card_last4: pm.last4, updated_at: new Date() })
        .where('user_id', '=', userId)
        .where('provider', '=', provider)
        .execute();
    },

    /** The invoice with this idempotency key, created if it does not exist yet. */
    async ensureInvoice(v: Insertable<InvoicesTable>, ex: Executor = k): Promise<InvoiceRow> {
      await ex
        .insertInto('invoices')
        .values(v)
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .execute();
      return ex
        .selectFrom('invoices')
        .selectAll()
        .where('idempotency_key', '=', v.idempotency_key)
        .executeTakeFirstOrThrow();
    },

    async findInvoice(id: string, ex: Executor = k): Promise<InvoiceRow | undefined> {
      return ex.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async lockInvoice(id: string, ex: Executor): Promise<InvoiceRow | undefined> {
      return ex.selectFrom('invoices').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    async findChargeByRef(
      provider: ProviderName,
      ref: string,
      ex: Executor = k,
    ): Promise<InvoiceRow | undefined> {
      return ex
        .selectFrom('invoices')
        .selectAll()
        .where('provider', '=', provider)
        .where('provider_ref', '=', ref)
        .where('kind', '=', 'charge')
        .executeTakeFirst();
    },

    async findRefundOf(chargeInvoiceId: string, ex: Executor = k): Promise<InvoiceRow | undefined> {
      return ex
        .selectFrom('invoices')
        .selectAll()
        .where('refund_of', '=', chargeInvoiceId)
        .where('kind', '=', 'refund')
        .executeTakeFirst();
    },

    async setProviderRef(invoiceId: string, ref: string, ex: Executor = k): Promise<void> {
      await ex
        .updateTable('invoices')
        .set({ provider_ref: ref })
        .where('id', '=', invoiceId)
        .where('provider_ref', 'is', null)
        .execute();
    },

    async settleInvoice(
      id: string,
      v: {
        status: 'succeeded' | 'failed';
        failure_code: string | null;
        provider_ref: string | null;
        at: Date;
      },
      ex: Executor,
    ): Promise<boolean> {
      const r = await ex
        .updateTable('invoices')
        .set({
          status: v.status,
          failure_code: v.failure_code,
          settled_at: v.at,
          provider_ref: sql`coalesce(provider_ref, ${v.provider_ref})`,
        })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .returning('id')
        .executeTakeFirst();
      return r !== undefined;
    },

    async listInvoices(userId: string | null, ex: Executor = k): Promise<InvoiceRow[]> {
      let q = ex.selectFrom('invoices').selectAll();
      if (userId !== null) q = q.where('user_id', '=', userId);
      return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1000).execute();
    },

    async writeJournal(
      v: {
        journalId: string;
        invoiceId: string;
        developerId: string;
        modelId: string;
        currency: string;
        month: string;
        at: Date;
        lines: LedgerLine[];
      },
      ex: Executor,
    ): Promise<void> {
      await ex
        .insertInto('earnings_entries')
        .values(
          v.lines.map((l) => ({
            journal_id: v.journalId,
            invoice_id: v.invoiceId,
            account: l.account,
            developer_id: v.developerId,
            model_id: v.modelId,
            amount_minor: l.amountMinor,
            currency: v.currency,
            month: v.month,
            created_at: v.at,
          })),
        )
        .onConflict((oc) => oc.columns(['invoice_id', 'account']).doNothing())
        .execute();
    },

    /** Gross, fee and net per model, month and currency; only this developer's models when given. */
    async earnings(developerId: string | null, ex: Executor = k): Promise<EarningsAggregate[]> {
      let q = ex
        .selectFrom('earnings_entries as e')
        .innerJoin('models as m', 'm.id', 'e.model_id')
        .select([
          'e.model_id',
          'm.slug as model_slug',
          'e.developer_id',
          sql<string>`to_char(e.month, 'YYYY-MM')`.as('month'),
          'e.currency',
          sql<number>`coalesce(sum(e.amount_minor) FILTER (WHERE e.account = 'customer_cash'), 0)::bigint`.as(
            'gross',
          ),
          sql<number>`coalesce(-sum(e.amount_minor) FILTER (WHERE e.account = 'platform_fees'), 0)::bigint`.as(
            'fee',
          ),
          sql<number>`coalesce(-sum(e.amount_minor) FILTER (WHERE e.account = 'developer_payable'), 0)::bigint`.as(
            'net',
          ),
        ])
        .groupBy(['e.model_id', 'm.slug', 'e.developer_id', 'e.month', 'e.currency'])
        .orderBy('e.month', 'desc')
        .orderBy('m.slug');
      if (developerId !== null) q = q.where('e.developer_id', '=', developerId);
      return q.execute();
    },

    async insertOutbox(
      v: {
        dedupe_key: string;
        type: OutboxEventType;
        subscription_id: string;
        user_id: string;
        payload: Record<string, unknown>;
        created_at: Date;
      },
      ex: Executor,
    ): Promise<boolean> {
      const r = await ex
        .insertInto('billing_outbox')
        .values({ ...v, payload: JSON.stringify(v.payload) })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      return r !== undefined;
    },

    async pendingOutbox(limit: number, ex: Executor = k) {
      return ex
        .selectFrom('billing_outbox')
        .select(['id'])
        .where('dispatched_at', 'is', null)
        .orderBy('created_at')
        .limit(limit)
        .execute();
    },

    async findOutbox(id: string, ex: Executor = k) {
      return ex.selectFrom('billing_outbox').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async markDispatched(id: string, at: Date, ex: Executor = k): Promise<void> {
      await ex
        .updateTable('billing_outbox')
        .set({ dispatched_at: at })
        .where('id', '=', id)
        .where('dispatched_at', 'is', null)
        .execute();
    },

    async webhookSeen(provider: string, eventId: string, ex: Executor = k): Promise<boolean> {
      const r = await ex
        .selectFrom('billing_webhook_events')
        .select('event_id')
        .where('provider', '=', provider)
        .where('event_id', '=', eventId)
        .executeTakeFirst();
      return r !== undefined;
    },

    async recordWebhook(provider: string, eventId: string, type: string, ex: Executor = k): Promise<boolean> {
      const r = await ex
        .insertInto('billing_webhook_events')
        .values({ provider, event_id: eventId, type })
        .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
        .returning('event_id')
        .executeTakeFirst();
      return r !== undefined;
    },

    /** Live subscriptions whose next action is due at `now`. */
    async due(now: Date, limit: number, ex: Executor = k): Promise<string[]> {
      const rows = await ex
        .selectFrom('subscriptions')
        .select('id')
        .where('status', 'in', [...LIVE_STATUSES])
        .where('next_due_at', '<=', now)
        .orderBy('next_due_at')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },

    /** Trials ending before `until` that are not canceling: candidates for a trial_ending notice. */
    async trialsEndingBefore(until: Date, ex: Executor = k): Promise<SubscriptionRow[]> {
      return ex
        .selectFrom('subscriptions')
        .selectAll()
        .where('status', '=', 'trialing')
        .where('cancel_at_period_end', '=', false)
        .where('current_period_end', '<=', until)
        .limit(1000)
        .execute();
    },

    /**
     * Live subscriptions whose model's plan in force at `now` costs more than the locked price (or
     * is in another currency) and that were not yet told about that plan.
     */
    async priceRises(now: Date, ex: Executor = k) {
      return ex
        .selectFrom('subscriptions as s')
        .innerJoinLateral(
          (eb) =>
            eb
              .selectFrom('plans as p')
              .select(['p.id', 'p.price_minor', 'p.currency'])
              .whereRef('p.model_id', '=', 's.model_id')
              .where('p.effective_from', '<=', now)
              .orderBy('p.effective_from', 'desc')
              .orderBy('p.created_at', 'desc')
              .limit(1)
              .as('cur'),
          (join) => join.onTrue(),
        )
        .select(['s.id', 'cur.id as plan_id', 'cur.price_minor', 'cur.currency'])
        .where('s.status', 'in', ['trialing', 'active', 'past_due'])
        .where((eb) =>
          eb.or([
            eb('cur.price_minor', '>', eb.ref('s.price_minor')),
            eb('cur.currency', '<>', eb.ref('s.currency')),
          ]),
        )
        .where((eb) =>
          eb.or([eb('s.pending_plan_id', 'is', null), eb('s.pending_plan_id', '<>', eb.ref('cur.id'))]),
        )
        .limit(1000)
        .execute();
    },
  };
}

export type BillingRepo = ReturnType<typeof createBillingRepo>;
