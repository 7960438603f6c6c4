/**
 * Subscriptions end to end over HTTP on a controllable platform clock: the real API, the real
 * renewal engine on both queue implementations, the mock provider with its signed webhooks
 * delivered to POST /v1/billing/webhooks/mock, on PostgreSQL and PGlite.
 */
import { randomBytes } from 'node:crypto';
import {
  addMonthsClamped,
  type BillingEventMessage,
  type MockProvider,
  type RenewalEngine,
  signMockWebhook,
  startRenewalEngine,
} from '@seer/core/billing';
import { createManualClock, type ManualClock } from '@seer/core/clock';
import { testConfig } from '@seer/core/config';
import { createBullQueues, createInProcessQueues, type JobQueues } from '@seer/core/queue';
import { createTestDb, TEST_DRIVERS, type TestDb } from '@seer/core/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedVersion } from '../../../../worker/test/helpers';
import { type ApiHandle, createApiContext } from '../../bootstrap';
import { createAdmin, createApiKey, registerAndLogin, type TestUser } from '../../testing/auth';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const GOOD = '4242424242424242';
const DECLINED = '4000000000000002';
const THIRD_FAILS = '4000000000000039';
const T0 = new Date('2027-01-31T09:00:00Z');

interface Sub {
  id: string;
  status: string;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  cancelAtPeriodEnd: boolean;
  priceMinor: number;
  pendingPrice: { priceMinor: number; currency: string } | null;
  endReason: string | null;
  access: boolean;
  graceUntil: string | null;
}
interface Invoice {
  id: string;
  subscriptionId: string;
  kind: string;
  status: string;
  amountMinor: number;
  attempt: number;
  periodStart: string;
}

describe.each(TEST_DRIVERS)('billing API (%s)', (driver) => {
  let t: TestDb;
  let api: ApiHandle;
  let app: FastifyInstance;
  let clock: ManualClock;
  let dev: TestUser;
  let admin: TestUser;
  let trialModel: { slug: string; modelId: string; version: string };
  let paidModel: { slug: string; modelId: string; version: string };
  const sent: BillingEventMessage[] = [];

  const auth = (u: TestUser) => u.authHeader;
  const send = async (body: string, headers: Record<string, string>) =>
    (await app.inject({ method: 'POST', url: '/v1/billing/webhooks/mock', payload: body, headers }))
      .statusCode;
  const mock = () => api.ctx.services.billing.provider as MockProvider;

  async function engineOn(queues: JobQueues): Promise<RenewalEngine> {
    return startRenewalEngine({
      billing: api.ctx.services.billing.service,
      queues,
      notifier: { send: async (e) => void sent.push(e) },
      mockWebhooks: { provider: mock(), send },
    });
  }
  async function drain(queues: JobQueues) {
    for (let i = 0; i < 500; i++) {
      const c = await queues.counts('billing');
      if (c.waiting + c.active + c.delayed === 0) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('billing queue did not drain');
  }
  /** What "a while later" means: ticks, jobs, provider settlement, webhooks, until quiet. */
  async function cycle(engine: RenewalEngine, queues: JobQueues) {
    for (let i = 0; i < 3; i++) {
      await engine.tick();
      await drain(queues);
    }
  }
  async function subscribe(u: TestUser, model: string, paymentMethod?: string) {
    return app.inject({
      method: 'POST',
      url: '/v1/subscriptions',
      headers: auth(u),
      payload: { model, ...(paymentMethod ? { paymentMethod } : {}) },
    });
  }
  const getSub = async (u: TestUser, id: string) =>
    (await app.inject({ method: 'GET', url: `/v1/subscriptions/${id}`, headers: auth(u) })).json() as Sub;
  const invoices = async (u: TestUser) =>
    (
      (await app.inject({ method: 'GET', url: '/v1/invoices', headers: auth(u) })).json() as {
        items: Invoice[];
      }
    ).items;
  /** Charges the provider holds for this user's subscriptions. */
  const mockCharges = async (userId: string) =>
    Number(
      (
        await t.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM mock_provider_charges c JOIN subscriptions s ON s.id::text = c.metadata->>'subscriptionId' WHERE s.user_id = $1",
          [userId],
        )
      ).rows[0]?.n ?? 0,
    );
  async function newModel(plan: { priceMinor: number; currency: string; trialDays: number }) {
    const v = await seedVersion(t.db, { fixture: 'momentum', ownerId: dev.userId, deployedAt: T0 });
    const r = await app.inject({
      method: 'PUT',
      url: `/v1/models/${v.slug}/plan`,
      headers: auth(dev),
      payload: plan,
    });
    expect(r.statusCode).toBe(200);
    return { slug: v.slug, modelId: v.modelId, version: v.version };
  }

  beforeAll(async () => {
    t = await createTestDb(driver);
    clock = createManualClock(new Date(T0.getTime() - 3_600_000));
    api = await createApiContext({ config: testConfig(), db: t.db, clock: () => clock.now() });
    app = api.app;
    dev = await registerAndLogin(app, { roles: ['developer'] });
    admin = await createAdmin(app);
    trialModel = await newModel({ priceMinor: 1900, currency: 'USD', trialDays: 14 });
    paidModel = await newModel({ priceMinor: 4900, currency: 'USD', trialDays: 0 });
    clock.set(T0);
  }, 180_000);
  afterAll(async () => {
    await api?.close();
    await t?.cleanup();
  });

  it.each(['in-process', 'bullmq'] as const)(
    'lifecycle on %s queues: trial -> first charge -> renewals -> a failed charge -> recovery, with earnings',
    async (kind) => {
      const queues =
        kind === 'bullmq'
          ? createBullQueues({
              redisUrl: REDIS_URL,
              prefix: `seer-test-billing-${randomBytes(6).toString('hex')}`,
            })
          : createInProcessQueues();
      const engine = await engineOn(queues);
      const start = clock.now();
      try {
        const u = await registerAndLogin(app);
        const model = await newModel({ priceMinor: 1900, currency: 'USD', trialDays: 14 });
        const r = await subscribe(u, model.slug, THIRD_FAILS);
        expect(r.statusCode, r.body).toBe(201);
        let s = r.json() as Sub;
        expect([s.status, s.access]).toEqual(['trialing', true]);
        const trialEnd = new Date(start.getTime() + 14 * 86_400_000);
        expect(s.currentPeriodEnd).toBe(trialEnd.toISOString());
        await cycle(engine, queues);
        expect((await invoices(u)).length).toBe(0);

        // Trial ends: the first month is charged (async: pending, then a signed webhook).
        clock.set(trialEnd);
        await cycle(engine, queues);
        s = await getSub(u, s.id);
        expect(s.status).toBe('active');
        expect([s.currentPeriodStart, s.currentPeriodEnd]).toEqual([
          trialEnd.toISOString(),
          addMonthsClamped(trialEnd, 1).toISOString(),
        ]);
        // Renewal 2.
        clock.set(new Date(s.currentPeriodEnd));
        await cycle(engine, queues);
        s = await getSub(u, s.id);
        expect([s.status, (await invoices(u)).filter((i) => i.status === 'succeeded').length]).toEqual([
          'active',
          2,
        ]);
        // Renewal 3: the card fails its third charge -> past_due, access kept within grace.
        const failAt = new Date(s.currentPeriodEnd);
        clock.set(failAt);
        await cycle(engine, queues);
        s = await getSub(u, s.id);
        expect([s.status, s.access]).toEqual(['past_due', true]);
        expect(s.graceUntil).toBe(new Date(failAt.getTime() + 7 * 86_400_000).toISOString());
        // Nothing happens before the first retry (+24 h)...
        clock.set(new Date(failAt.getTime() + 23 * 3_600_000));
        await cycle(engine, queues);
        expect((await getSub(u, s.id)).status).toBe('past_due');
        // ...then the retry (a fourth charge, new attempt key) succeeds: active, same anchor.
        clock.set(new Date(failAt.getTime() + 24 * 3_600_000));
        await cycle(engine, queues);
        s = await getSub(u, s.id);
        expect(s.status).toBe('active');
        expect(s.currentPeriodStart).toBe(failAt.toISOString());
        const inv = await invoices(u);
        expect(inv.map((i) => `${i.status}:${i.attempt}`).sort()).toEqual([
          'failed:1',
          'succeeded:1',
          'succeeded:1',
          'succeeded:2',
        ]);
        expect(inv.every((i) => i.amountMinor === 1900)).toBe(true);

        // Earnings: 3 paid charges of 19.00, 20% platform fee, per model and month.
        const e = (await app.inject({ method: 'GET', url: '/v1/earnings', headers: auth(dev) })).json() as {
          items: Array<{
            modelSlug: string;
            grossMinor: number;
            feeMinor: number;
            netMinor: number;
            month: string;
          }>;
        };
        const mine = e.items.filter((i) => i.modelSlug === model.slug);
        expect(mine.reduce((a, i) => a + i.grossMinor, 0)).toBe(5700);
        expect(mine.reduce((a, i) => a + i.feeMinor, 0)).toBe(1140);
        expect(mine.reduce((a, i) => a + i.netMinor, 0)).toBe(4560);
        // The journal balances: every journal sums to zero.
        const unbalanced = await t.db.query(
          'SELECT journal_id FROM earnings_entries GROUP BY journal_id HAVING sum(amount_minor) <> 0',
        );
        expect(unbalanced.rows).toEqual([]);
        // Events went through the outbox to the notifier.
        const types = sent.filter((x) => x.subscriptionId === s.id).map((x) => x.type);
        expect(new Set(types)).toEqual(new Set(['created', 'trial_ending', 'renewed', 'payment_failed']));
      } finally {
        await engine.close();
        await queues.close();
      }
    },
    120_000,
  );

  it('a trial canceled is never charged; a second trial of the same model is refused', async () => {
    const queues = createInProcessQueues();
    const engine = await engineOn(queues);
    try {
      const u = await registerAndLogin(app);
      const s = (await subscribe(u, trialModel.slug, GOOD)).json() as Sub;
      expect(s.status).toBe('trialing');
      const c = await app.inject({
        method: 'POST',
        url: `/v1/subscriptions/${s.id}/cancel`,
        headers: auth(u),
      });
      expect(c.statusCode).toBe(200);
      expect((c.json() as Sub).cancelAtPeriodEnd).toBe(true);
      // Resume and cancel again: both allowed before the trial ends.
      expect(
        (
          await app.inject({ method: 'POST', url: `/v1/subscriptions/${s.id}/resume`, headers: auth(u) })
        ).json(),
      ).toMatchObject({ cancelAtPeriodEnd: false });
      await app.inject({ method: 'POST', url: `/v1/subscriptions/${s.id}/cancel`, headers: auth(u) });
      clock.set(new Date(s.currentPeriodEnd));
      await cycle(engine, queues);
      const ended = await getSub(u, s.id);
      expect([ended.status, ended.access]).toEqual(['canceled', false]);
      expect(await mockCharges(u.userId)).toBe(0);
      expect(await invoices(u)).toEqual([]);
      // Resume after the end is refused with a stable code.
      const late = await app.inject({
        method: 'POST',
        url: `/v1/subscriptions/${s.id}/resume`,
        headers: auth(u),
      });
      expect([late.statusCode, late.json().code]).toEqual([409, 'subscription_illegal_transition']);
      // Again: no second trial, the first month is charged at once.
      const again = await subscribe(u, trialModel.slug);
      expect(again.statusCode, again.body).toBe(201);
      expect((again.json() as Sub).status).toBe('incomplete');
      await cycle(engine, queues);
      expect((await getSub(u, (again.json() as Sub).id)).status).toBe('active');
      expect(await mockCharges(u.userId)).toBe(1);
    } finally {
      await engine.close();
      await queues.close();
    }
  }, 120_000);

  it('a declined card starts nothing (402); the same user can then subscribe with a good card', async () => {
    const u = await registerAndLogin(app);
    const r = await subscribe(u, paidModel.slug, DECLINED);
    expect([r.statusCode, r.json().code]).toEqual([402, 'payment_declined']);
    const list = (await app.inject({ method: 'GET', url: '/v1/subscriptions', headers: auth(u) })).json() as {
      items: Sub[];
    };
    expect(list.items.map((s) => [s.status, s.endReason])).toEqual([['expired', 'payment_failed']]);
    expect((await invoices(u)).map((i) => i.status)).toEqual(['failed']);
    const ok = await subscribe(u, paidModel.slug, GOOD);
    expect(ok.statusCode, ok.body).toBe(201);
    // No card at all on a paid plan: 402 payment_method_required.
    const nocard = await subscribe(await registerAndLogin(app), paidModel.slug);
    expect([nocard.statusCode, nocard.json().code]).toEqual([402, 'payment_method_required']);
  });

  it('month-end anchoring: subscribed on 31 Jan, periods end 28 Feb, 31 Mar, 30 Apr', async () => {
    const queues = createInProcessQueues();
    const engine = await engineOn(queues);
    try {
      const u = await registerAndLogin(app);
      const m = await newModel({ priceMinor: 500, currency: 'EUR', trialDays: 0 });
      const startAt = new Date(Date.UTC(2028, 0, 31, 12));
      if (clock.now() < startAt) clock.set(startAt);
      const at = clock.now();
      const r = await subscribe(u, m.slug, GOOD);
      expect(r.statusCode, r.body).toBe(201);
      const id = (r.json() as Sub).id;
      await cycle(engine, queues);
      const ends: string[] = [];
      expect(at.toISOString()).toBe(startAt.toISOString());
      for (let k = 0; k < 3; k++) {
        const s = await getSub(u, id);
        expect(s.status).toBe('active');
        ends.push(s.currentPeriodEnd);
        clock.set(new Date(s.currentPeriodEnd));
        await cycle(engine, queues);
      }
      expect(ends).toEqual([
        '2028-02-29T12:00:00.000Z',
        '2028-03-31T12:00:00.000Z',
        '2028-04-30T12:00:00.000Z',
      ]);
    } finally {
      await engine.close();
      await queues.close();
    }
  });

  it('two subscribe calls at once create one subscription', async () => {
    const u = await registerAndLogin(app);
    const rs = await Promise.all([subscribe(u, paidModel.slug, GOOD), subscribe(u, paidModel.slug, GOOD)]);
    // The second either loses the insert race (409) or, when the first has committed its
    // incomplete subscription, finishes that same one (a retried subscribe does; same charge key).
    const codes = rs.map((r) => r.statusCode).sort();
    expect([JSON.stringify([201, 201]), JSON.stringify([201, 409])]).toContain(JSON.stringify(codes));
    if (codes[1] === 409)
      expect(rs.find((r) => r.statusCode === 409)?.json().code).toBe('subscription_exists');
    else expect(rs[0]?.json().id).toBe(rs[1]?.json().id);
    expect(await mockCharges(u.userId)).toBe(1);
    const live = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM subscriptions WHERE user_id = $1 AND status IN ('incomplete','trialing','active','past_due')",
      [u.userId],
    );
    expect(live.rows[0]?.n).toBe(1);
    // The database refuses a second live row even when the service check is bypassed.
    const row = (
      await t.db.query<Record<string, unknown>>('SELECT * FROM subscriptions WHERE user_id = $1', [u.userId])
    ).rows[0] as Record<string, unknown>;
    await expect(
      t.db.query(
        `INSERT INTO subscriptions (user_id, model_id, plan_id, provider, status, price_minor, currency, anchor_at,
           period_index, current_period_start, current_period_end, created_at, updated_at)
         SELECT user_id, model_id, plan_id, provider, 'active', price_minor, currency, anchor_at, period_index,
           current_period_start, current_period_end, created_at, updated_at FROM subscriptions WHERE id = $1`,
        [row.id],
      ),
    ).rejects.toThrow(/subscriptions_one_live_idx|duplicate key/);
  });

  it('webhooks delivered twice or out of order change nothing; a forged or lying one neither', async () => {
    const a = await registerAndLogin(app);
    const b = await registerAndLogin(app);
    const sa = (await subscribe(a, paidModel.slug, GOOD)).json() as Sub;
    const sb = (await subscribe(b, paidModel.slug, GOOD)).json() as Sub;
    expect([sa.status, sb.status]).toEqual(['incomplete', 'incomplete']);
    await mock().settlePending();
    const captured: Array<{ body: string; headers: Record<string, string> }> = [];
    await mock().deliverWebhooks(async (body, headers) => {
      captured.push({ body, headers });
      return 200;
    });
    const mine = captured.filter((c) => {
      const id = JSON.parse(c.body).data.object.id as string;
      return id.length > 0;
    });
    expect(mine.length).toBeGreaterThanOrEqual(2);
    // Out of order: newest first.
    for (const c of [...mine].reverse()) expect(await send(c.body, c.headers)).toBe(200);
    expect((await getSub(a, sa.id)).status).toBe('active');
    expect((await getSub(b, sb.id)).status).toBe('active');
    const snapshot = async () =>
      JSON.stringify([
        await getSub(a, sa.id),
        await getSub(b, sb.id),
        await invoices(a),
        await invoices(b),
        (await t.db.query('SELECT count(*)::int AS n FROM earnings_entries')).rows,
        (await t.db.query('SELECT count(*)::int AS n FROM billing_outbox')).rows,
      ]);
    const before = await snapshot();
    // Twice: recognised by event id.
    for (const c of mine) {
      const r = await app.inject({
        method: 'POST',
        url: '/v1/billing/webhooks/mock',
        payload: c.body,
        headers: c.headers,
      });
      expect(r.json()).toEqual({ received: true, duplicate: true });
    }
    // A correctly signed event with a new id that claims the charge failed: the truth is fetched.
    const first = JSON.parse((mine[0] as { body: string }).body);
    const lie = JSON.stringify({
      ...first,
      id: `evt_mock_lie_${randomBytes(4).toString('hex')}`,
      type: 'charge.failed',
    });
    expect(
      await send(lie, {
        'content-type': 'application/json',
        'seer-mock-signature': signMockWebhook(testConfig().billingMockWebhookSecret, lie),
      }),
    ).toBe(200);
    expect(await snapshot()).toBe(before);
    // A forged signature is a 400 with a stable code.
    const forged = await app.inject({
      method: 'POST',
      url: '/v1/billing/webhooks/mock',
      payload: lie,
      headers: {
        'content-type': 'application/json',
        'seer-mock-signature': signMockWebhook('not-the-secret-at-all', lie),
      },
    });
    expect([forged.statusCode, forged.json().code]).toEqual([400, 'webhook_signature_invalid']);
    const wrongProvider = await app.inject({
      method: 'POST',
      url: '/v1/billing/webhooks/stripe',
      payload: lie,
      headers: { 'content-type': 'application/json' },
    });
    expect(wrongProvider.statusCode).toBe(404);
  });

  it('rules: no subscribing to your own model, unknown model 404, no plan 409, others cannot see your subscription', async () => {
    const own = await subscribe(dev, paidModel.slug, GOOD);
    expect([own.statusCode, own.json().code]).toEqual([422, 'subscription_own_model']);
    const u = await registerAndLogin(app);
    expect((await subscribe(u, 'no-such-model', GOOD)).statusCode).toBe(404);
    const bare = await seedVersion(t.db, { fixture: 'momentum', ownerId: dev.userId, deployedAt: T0 });
    const noPlan = await subscribe(u, bare.slug, GOOD);
    expect([noPlan.statusCode, noPlan.json().code]).toEqual([409, 'model_has_no_plan']);
    const s = (await subscribe(u, trialModel.slug, GOOD)).json() as Sub;
    const other = await registerAndLogin(app);
    expect(
      (await app.inject({ method: 'GET', url: `/v1/subscriptions/${s.id}`, headers: auth(other) }))
        .statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'POST', url: `/v1/subscriptions/${s.id}/cancel`, headers: auth(other) }))
        .statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: `/v1/subscriptions/${s.id}`, headers: auth(admin) }))
        .statusCode,
    ).toBe(200);
    const bad = await app.inject({
      method: 'POST',
      url: '/v1/subscriptions',
      headers: auth(u),
      payload: { model: 'x', extra: 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/v1/earnings', headers: auth(u) })).statusCode).toBe(403);
  });

  it('a price rise is never charged silently: pending until accepted, else the subscription ends', async () => {
    const queues = createInProcessQueues();
    const engine = await engineOn(queues);
    try {
      const m = await newModel({ priceMinor: 1000, currency: 'USD', trialDays: 0 });
      const keep = await registerAndLogin(app);
      const drop = await registerAndLogin(app);
      const sk = (await subscribe(keep, m.slug, GOOD)).json() as Sub;
      const sd = (await subscribe(drop, m.slug, GOOD)).json() as Sub;
      await cycle(engine, queues);
      await app.inject({
        method: 'PUT',
        url: `/v1/models/${m.slug}/plan`,
        headers: auth(dev),
        payload: { priceMinor: 1500, currency: 'USD', trialDays: 0 },
      });
      await cycle(engine, queues);
      const k = await getSub(keep, sk.id);
      expect([k.priceMinor, k.pendingPrice]).toEqual([1000, { priceMinor: 1500, currency: 'USD' }]);
      expect(sent.some((e) => e.subscriptionId === sk.id && e.type === 'price_change_pending')).toBe(true);
      const acc = await app.inject({
        method: 'POST',
        url: `/v1/subscriptions/${sk.id}/accept-price`,
        headers: auth(keep),
      });
      expect((acc.json() as Sub).priceMinor).toBe(1500);
      clock.set(new Date(k.currentPeriodEnd));
      await cycle(engine, queues);
      const k2 = await getSub(keep, sk.id);
      const d2 = await getSub(drop, sd.id);
      expect(k2.status).toBe('active');
      expect((await invoices(keep)).map((i) => i.amountMinor).sort()).toEqual([1000, 1500]);
      expect([d2.status, d2.endReason, d2.access]).toEqual(['canceled', 'price_not_accepted', false]);
      expect((await invoices(drop)).map((i) => i.amountMinor)).toEqual([1000]);
    } finally {
      await engine.close();
      await queues.close();
    }
  }, 120_000);

  it('predictions: 403 subscription_required without a subscription, 200 with one; API keys need predictions:read', async () => {
    const u = await registerAndLogin(app);
    const url = `/v1/models/${trialModel.slug}/versions/${trialModel.version}/predictions`;
    const before = await app.inject({ method: 'GET', url, headers: auth(u) });
    expect([before.statusCode, before.json().code]).toEqual([403, 'subscription_required']);
    expect((await subscribe(u, trialModel.slug, GOOD)).statusCode).toBe(201);
    expect((await app.inject({ method: 'GET', url, headers: auth(u) })).statusCode).toBe(200);
    const verify = await app.inject({
      method: 'GET',
      url: `${url.replace('/predictions', '/ledger/verify')}`,
      headers: auth(u),
    });
    expect(verify.statusCode).toBe(200);
    const withScope = await createApiKey(app, u.accessToken, ['predictions:read']);
    const without = await createApiKey(app, u.accessToken, ['models:read']);
    expect((await app.inject({ method: 'GET', url, headers: withScope.authHeader })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url, headers: without.authHeader })).statusCode).toBe(403);
    // Admin refund of a paid charge reverses the journal.
    const payer = await registerAndLogin(app);
    const ps = (await subscribe(payer, paidModel.slug, GOOD)).json() as Sub;
    await mock().flush(send);
    const [paid] = await invoices(payer);
    expect(paid?.status).toBe('succeeded');
    const notAdmin = await app.inject({
      method: 'POST',
      url: `/v1/invoices/${paid?.id}/refund`,
      headers: auth(payer),
    });
    expect(notAdmin.statusCode).toBe(403);
    const refund = await app.inject({
      method: 'POST',
      url: `/v1/invoices/${paid?.id}/refund`,
      headers: auth(admin),
    });
    expect(refund.statusCode, refund.body).toBe(200);
    expect(refund.json()).toMatchObject({ kind: 'refund', status: 'succeeded', amountMinor: 4900 });
    await mock().flush(send); // the charge.refunded webhook changes nothing more
    const net = await t.db.query<{ account: string; s: number }>(
      'SELECT account, sum(e.amount_minor)::bigint AS s FROM earnings_entries e JOIN invoices i ON i.id = e.invoice_id WHERE i.subscription_id = $1 GROUP BY account ORDER BY account',
      [ps.id],
    );
    expect(net.rows.map((r) => [r.account, Number(r.s)])).toEqual([
      ['customer_cash', 0],
      ['developer_payable', 0],
      ['platform_fees', 0],
    ]);
    const all = (await app.inject({ method: 'GET', url: '/v1/earnings', headers: auth(admin) })).json() as {
      scope: string;
      totals: unknown[];
    };
    expect(all.scope).toBe('platform');
  });
});
