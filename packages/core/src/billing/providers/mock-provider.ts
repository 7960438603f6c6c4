/**
 * The mock payment provider: behaves like a real one, without money. It keeps its own "remote"
 * records in the mock_provider_* tables (so, like a real provider, it remembers idempotency keys
 * across our process crashes), settles charges asynchronously, and announces results through
 * HMAC-SHA256-signed webhooks (Stripe-style `t=<unix>,v1=<hex>` over `<t>.<raw body>`) delivered to
 * POST /v1/billing/webhooks/mock.
 *
 * Test cards (docs/BILLING.md):
 *   4242 4242 4242 4242  every charge succeeds (asynchronously: pending, then a webhook)
 *   4000 0000 0000 0002  every charge is declined at once (card_declined)
 *   4000 0000 0000 0341  attaches fine, every charge fails asynchronously (card_declined)
 *   4000 0000 0000 00N9  the Nth charge on this card fails asynchronously (N = 1..9), others succeed
 *   any other 12-19 digit number succeeds; anything else is refused (payment_method_invalid)
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/db';
import { withTransaction } from '../../db/db';
import { AppError } from '../../errors';
import type {
  ChargeInput,
  ChargeResult,
  PaymentProvider,
  WebhookEvent,
  WebhookHeaders,
} from './payment-provider';
import { headerValue } from './payment-provider';

export const MOCK_SIGNATURE_HEADER = 'seer-mock-signature';
/** Signatures older than this (wall clock) are refused: a captured webhook cannot be replayed later. */
const TOLERANCE_S = 300;

export const MOCK_TEST_CARDS = {
  success: '4242424242424242',
  declined: '4000000000000002',
  failsAsync: '4000000000000341',
  /** The Nth charge fails (1..9). */
  failsNth: (n: number) => `40000000000000${n}9`,
} as const;

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

type Decision = { outcome: 'succeeded' | 'failed'; sync: boolean; failureCode: string | null };

/** What the card does on its `n`th charge (pure). */
export function mockCardDecision(card: string, n: number): Decision {
  if (card === MOCK_TEST_CARDS.declined)
    return { outcome: 'failed', sync: true, failureCode: 'card_declined' };
  if (card === MOCK_TEST_CARDS.failsAsync)
    return { outcome: 'failed', sync: false, failureCode: 'card_declined' };
  const nth = /^40000000000000([1-9])9$/.exec(card);
  if (nth && Number(nth[1]) === n) return { outcome: 'failed', sync: false, failureCode: 'card_declined' };
  return { outcome: 'succeeded', sync: false, failureCode: null };
}

export function signMockWebhook(
  secret: string,
  rawBody: string,
  nowS = Math.floor(Date.now() / 1000),
): string {
  const v1 = createHmac('sha256', secret).update(`${nowS}.${rawBody}`).digest('hex');
  return `t=${nowS},v1=${v1}`;
}

export function verifyMockSignature(
  secret: string,
  rawBody: Buffer,
  header: string | undefined,
  nowS = Math.floor(Date.now() / 1000),
): void {
  const bad = (detail: string) => new AppError('webhook_signature_invalid', { detail });
  if (!header) throw bad(`Missing ${MOCK_SIGNATURE_HEADER} header.`);
  const parts = new Map(
    header.split(',').map((kv) => {
      const i = kv.indexOf('=');
      return [kv.slice(0, i).trim(), kv.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) throw bad('Malformed signature header.');
  if (Math.abs(nowS - t) > TOLERANCE_S) throw bad('Signature timestamp outside the tolerance.');
  const expected = createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest();
  if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) throw bad('Signature does not verify.');
}

export interface MockProvider extends PaymentProvider {
  readonly name: 'mock';
  /**
   * The provider's "back office": settles pending charges (pending -> their decided outcome)
   * and writes the events; returns how many charges it settled.
   */
  settlePending(): Promise<number>;
  /** Sends undelivered events, signed, through `send`; a non-2xx answer leaves them for later. */
  deliverWebhooks(
    send: (rawBody: string, headers: Record<string, string>) => Promise<number>,
  ): Promise<number>;
  /** Both, in order: what happens "eventually" at a real provider. */
  flush(send: (rawBody: string, headers: Record<string, string>) => Promise<number>): Promise<number>;
}

export function createMockProvider(deps: { db: Db; webhookSecret: string }): MockProvider {
  const { db, webhookSecret } = deps;
  const k = db.kysely;

  async function chargeView(chargeId: string): Promise<ChargeResult> {
    const c = await k
      .selectFrom('mock_provider_charges')
      .selectAll()
      .where('id', '=', chargeId)
      .executeTakeFirst();
    if (!c) throw new AppError('payment_provider_error', { detail: `No such charge ${chargeId}.` });
    return {
      chargeId: c.id,
      status: c.status,
      failureCode: c.status === 'failed' ? c.failure_code : null,
      amountMinor: Number(c.amount_minor),
      currency: c.currency,
      refundedMinor: Number(c.refunded_minor),
      metadata: (typeof c.metadata === 'string' ? JSON.parse(c.metadata) : c.metadata) as Record<
        string,
        string
      >,
    };
  }

  async function settlePending(): Promise<number> {
    return withTransaction(db, async (trx) => {
      const settled = await trx
        .updateTable('mock_provider_charges')
        .set((eb) => ({ status: eb.ref('outcome') }))
        .where('status', '=', 'pending')
        .returning(['id', 'outcome'])
        .execute();
      for (const c of settled)
        await trx
          .insertInto('mock_provider_events')
          .values({ id: id('evt_mock'), type: `charge.${c.outcome}`, object_id: c.id })
          .execute();
      return settled.length;
    });
  }

  async function deliverWebhooks(
    send: (rawBody: string, headers: Record<string, string>) => Promise<number>,
  ): Promise<number> {
    const events = await k
      .selectFrom('mock_provider_events')
      .selectAll()
      .where('delivered_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .limit(100)
      .execute();
    let delivered = 0;
    for (const e of events) {
      const body = JSON.stringify({
        id: e.id,
        type: e.type,
        created: Math.floor(e.created_at.getTime() / 1000),
        data: { object: { id: e.object_id } },
      });
      let status = 0;
      try {
        status = await send(body, {
          'content-type': 'application/json',
          [MOCK_SIGNATURE_HEADER]: signMockWebhook(webhookSecret, body),
        });
      } catch {
        status = 0; // unreachable endpoint: retried on the next delivery round
      }
      const ok = status >= 200 && status < 300;
      await k
        .updateTable('mock_provider_events')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), ...(ok ? { delivered_at: new Date() } : {}) }))
        .where('id', '=', e.id)
        .execute();
      if (ok) delivered++;
    }
    return delivered;
  }

  return {
    name: 'mock',

    async createCustomer({ email, idempotencyKey }) {
      const newId = id('cus_mock');
      await k
        .insertInto('mock_provider_customers')
        .values({ id: newId, idempotency_key: idempotencyKey, email })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .execute();
      const row = await k
        .selectFrom('mock_provider_customers')
        .select('id')
        .where('idempotency_key', '=', idempotencyKey)
        .executeTakeFirstOrThrow();
      return { customerId: row.id };
    },

    async attachPaymentMethod({ customerId, paymentMethod }) {
      const card = paymentMethod.replace(/[\s-]/g, '');
      if (!/^\d{12,19}$/.test(card))
        throw new AppError('payment_method_invalid', {
          detail:
            'The mock provider takes a card number of 12 to 19 digits (see the test cards in docs/BILLING.md).',
        });
      const customer = await k
        .selectFrom('mock_provider_customers')
        .select('id')
        .where('id', '=', customerId)
        .executeTakeFirst();
      if (!customer)
        throw new AppError('payment_provider_error', { detail: `No such customer ${customerId}.` });
      const pm = id('pm_mock');
      await k
        .insertInto('mock_provider_payment_methods')
        .values({ id: pm, customer_id: customerId, card_number: card })
        .execute();
      return {
        paymentMethodId: pm,
        brand: card.startsWith('4') ? 'visa' : card.startsWith('5') ? 'mastercard' : 'card',
        last4: card.slice(-4),
      };
    },

    async charge(input: ChargeInput): Promise<ChargeResult> {
      if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0)
        throw new AppError('payment_provider_error', {
          detail: 'amount must be a positive integer of minor units',
        });
      const chargeId = await withTransaction(db, async (trx) => {
        const existing = await trx
          .selectFrom('mock_provider_charges')
          .selectAll()
          .where('idempotency_key', '=', input.idempotencyKey)
          .executeTakeFirst();
        if (existing) {
          // Like a real provider: a key reused with other parameters is an error, never a new charge.
          if (Number(existing.amount_minor) !== input.amountMinor || existing.currency !== input.currency)
            throw new AppError('payment_provider_error', {
              detail: 'idempotency key reused with different parameters',
            });
          return existing.id;
        }
        const pm = await trx
          .updateTable('mock_provider_payment_methods')
          .set((eb) => ({ charges: eb('charges', '+', 1) }))
          .where('id', '=', input.paymentMethodId)
          .where('customer_id', '=', input.customerId)
          .returning(['card_number', 'charges'])
          .executeTakeFirst();
        if (!pm)
          throw new AppError('payment_provider_error', {
            detail: 'No such payment method for this customer.',
          });
        const d = mockCardDecision(pm.card_number, pm.charges);
        const cid = id('ch_mock');
        const inserted = await trx
          .insertInto('mock_provider_charges')
          .values({
            id: cid,
            idempotency_key: input.idempotencyKey,
            customer_id: input.customerId,
            payment_method_id: input.paymentMethodId,
            amount_minor: input.amountMinor,
            currency: input.currency,
            status: d.sync ? d.outcome : 'pending',
            outcome: d.outcome,
            failure_code: d.failureCode,
            metadata: JSON.stringify(input.metadata),
          })
          .onConflict((oc) => oc.column('idempotency_key').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) {
          // A concurrent request with the same key won: return its charge (ours rolls back).
          throw new ConcurrentKey();
        }
        if (d.sync)
          await trx
            .insertInto('mock_provider_events')
            .values({ id: id('evt_mock'), type: `charge.${d.outcome}`, object_id: cid })
            .execute();
        return cid;
      }).catch(async (err) => {
        if (!(err instanceof ConcurrentKey)) throw err;
        const row = await k
          .selectFrom('mock_provider_charges')
          .select('id')
          .where('idempotency_key', '=', input.idempotencyKey)
          .executeTakeFirstOrThrow();
        return row.id;
      });
      return chargeView(chargeId);
    },

    retrieveCharge: chargeView,

    async refund({ chargeId, amountMinor, idempotencyKey }) {
      const refundId = await withTransaction(db, async (trx) => {
        const existing = await trx
          .selectFrom('mock_provider_refunds')
          .select('id')
          .where('idempotency_key', '=', idempotencyKey)
          .executeTakeFirst();
        if (existing) return existing.id;
        const charge = await trx
          .selectFrom('mock_provider_charges')
          .selectAll()
          .where('id', '=', chargeId)
          .forUpdate()
          .executeTakeFirst();
        if (charge?.status !== 'succeeded')
          throw new AppError('payment_provider_error', {
            detail: 'Only a succeeded charge can be refunded.',
          });
        if (Number(charge.refunded_minor) + amountMinor > Number(charge.amount_minor))
          throw new AppError('payment_provider_error', { detail: 'Refund exceeds the charge.' });
        const rid = id('re_mock');
        await trx
          .insertInto('mock_provider_refunds')
          .values({
            id: rid,
            idempotency_key: idempotencyKey,
            charge_id: chargeId,
            amount_minor: amountMinor,
          })
          .execute();
        await trx
          .updateTable('mock_provider_charges')
          .set((eb) => ({ refunded_minor: eb('refunded_minor', '+', amountMinor) }))
          .where('id', '=', chargeId)
          .execute();
        await trx
          .insertInto('mock_provider_events')
          .values({ id: id('evt_mock'), type: 'charge.refunded', object_id: chargeId })
          .execute();
        return rid;
      });
      return { refundId, status: 'succeeded' };
    },

    parseWebhook(rawBody: Buffer, headers: WebhookHeaders): WebhookEvent {
      verifyMockSignature(webhookSecret, rawBody, headerValue(headers, MOCK_SIGNATURE_HEADER));
      let body: { id?: unknown; type?: unknown; created?: unknown; data?: { object?: { id?: unknown } } };
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        throw new AppError('bad_request', { detail: 'The webhook body is not JSON.' });
      }
      if (typeof body.id !== 'string' || typeof body.type !== 'string')
        throw new AppError('bad_request', { detail: 'The webhook has no id or type.' });
      const known = ['charge.succeeded', 'charge.failed', 'charge.refunded'] as const;
      const type = (known as readonly string[]).includes(body.type)
        ? (body.type as WebhookEvent['type'])
        : 'other';
      const objectId = body.data?.object?.id;
      return {
        id: body.id,
        type,
        chargeId: typeof objectId === 'string' ? objectId : null,
        createdAt: new Date(typeof body.created === 'number' ? body.created * 1000 : Date.now()),
      };
    },

    settlePending,
    deliverWebhooks,
    async flush(send) {
      await settlePending();
      return deliverWebhooks(send);
    },
  };
}

class ConcurrentKey extends Error {}
