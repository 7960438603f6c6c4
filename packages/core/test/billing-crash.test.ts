/**
 * A billing worker SIGKILLed after the provider charged the card but before anything was recorded:
 * the restarted job sends the same idempotency key (subscription + period + attempt), so the card
 * is charged once, and the period is paid once. PostgreSQL only: two processes cannot share one
 * embedded PGlite (which, embedded, dies with its only process anyway).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBillingService } from '../src/billing/billing.service';
import { createMockProvider, MOCK_TEST_CARDS } from '../src/billing/providers/mock-provider';
import { DEFAULT_POLICY } from '../src/billing/subscription-machine';
import { createTestDb, type TestDb } from '../src/testing/test-db';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SECRET = 'crash-test-webhook-secret';
const T0 = new Date('2027-05-31T00:00:00Z');

describe('billing worker killed mid-charge (pg)', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb('pg');
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('charges the card once and pays the period once', async () => {
    const db = t.db;
    const mock = createMockProvider({ db, webhookSecret: SECRET });
    const clock = { now: T0 };
    const billing = createBillingService({
      db,
      provider: mock,
      clock: () => clock.now,
      policy: DEFAULT_POLICY,
      feePercent: 20,
    });
    const q = async <R>(s: ReturnType<typeof sql<R>>) => (await s.execute(db.kysely)).rows;
    const [dev] = await q<{ id: string }>(sql`INSERT INTO users (email, display_name, password_hash, roles)
      VALUES (${`d${randomBytes(4).toString('hex')}@example.test`}, 'D', 'x', ${['developer']}) RETURNING id`);
    const [sub] = await q<{ id: string }>(sql`INSERT INTO users (email, display_name, password_hash, roles)
      VALUES (${`s${randomBytes(4).toString('hex')}@example.test`}, 'S', 'x', ${['subscriber']}) RETURNING id`);
    const [model] = await q<{ id: string }>(sql`INSERT INTO models (owner_id, slug, name)
      VALUES (${dev?.id}, ${`crash-${randomBytes(4).toString('hex')}`}, 'C') RETURNING id`);
    const [plan] = await q<{
      id: string;
    }>(sql`INSERT INTO plans (model_id, price_minor, currency, trial_days, effective_from, created_by)
      VALUES (${model?.id}, 2500, 'USD', 0, ${T0}, ${dev?.id}) RETURNING id`);
    const customer = await mock.createCustomer({
      userId: sub?.id ?? '',
      email: 's@example.test',
      idempotencyKey: 'c1',
    });
    const pm = await mock.attachPaymentMethod({
      customerId: customer.customerId,
      paymentMethod: MOCK_TEST_CARDS.success,
    });
    await db.kysely
      .insertInto('billing_customers')
      .values({
        user_id: sub?.id ?? '',
        provider: 'mock',
        customer_id: customer.customerId,
        payment_method_id: pm.paymentMethodId,
      })
      .execute();
    // An active subscription whose first month ended at T0: the renewal is due.
    const anchor = new Date('2027-04-30T00:00:00Z');
    const [s] = await q<{
      id: string;
    }>(sql`INSERT INTO subscriptions (user_id, model_id, plan_id, provider, status,
        price_minor, currency, anchor_at, period_index, current_period_start, current_period_end, next_due_at, created_at, updated_at)
      VALUES (${sub?.id}, ${model?.id}, ${plan?.id}, 'mock', 'active', 2500, 'USD', ${anchor}, 1, ${anchor}, ${T0}, ${T0}, ${anchor}, ${anchor})
      RETURNING id`);
    const subscriptionId = s?.id ?? '';

    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/core/test/billing-crash-worker.ts'], {
      cwd: REPO,
      env: {
        ...process.env,
        CRASH_DB_URL: t.url ?? '',
        CRASH_WEBHOOK_SECRET: SECRET,
        CRASH_NOW: T0.toISOString(),
        CRASH_SUBSCRIPTION_ID: subscriptionId,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_c, sig) => resolve(sig)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (d: Buffer) => {
        if (d.toString().includes('charged')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`crash worker exited early (${code})`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const charges = async () =>
      (
        await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM mock_provider_charges WHERE customer_id = $1',
          [customer.customerId],
        )
      ).rows[0]?.n;
    // The provider took the money; we recorded the attempt (before calling) but not its answer.
    expect(await charges()).toBe(1);
    const pending = await db.kysely
      .selectFrom('invoices')
      .selectAll()
      .where('subscription_id', '=', subscriptionId)
      .execute();
    expect(pending.map((i) => [i.status, i.provider_ref])).toEqual([['pending', null]]);

    // The job runs again (another worker, a retry): same key, same charge.
    await billing.processDue(subscriptionId);
    await billing.processDue(subscriptionId);
    expect(await charges()).toBe(1);
    // The provider confirms; the webhook settles it.
    await mock.flush(async (body, headers) => {
      await billing.handleWebhook('mock', Buffer.from(body), headers);
      return 200;
    });
    const after = await db.kysely
      .selectFrom('subscriptions')
      .selectAll()
      .where('id', '=', subscriptionId)
      .executeTakeFirstOrThrow();
    expect([after.status, after.period_index]).toEqual(['active', 2]);
    const paid = await db.kysely
      .selectFrom('invoices')
      .select(['status', 'attempt'])
      .where('subscription_id', '=', subscriptionId)
      .execute();
    expect(paid).toEqual([{ status: 'succeeded', attempt: 1 }]);
    await billing.processDue(subscriptionId);
    expect(await charges()).toBe(1);
  }, 60_000);
});
