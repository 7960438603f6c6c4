/**
 * The API killed -9 in the middle of a paid subscribe (mock provider), then the client retries the
 * same POST /v1/subscriptions against the restarted API, as the web app or the CLI would: the card
 * is charged once (at the provider and in our invoices), the subscription ends active, exactly one
 * of it, and every provider charge belongs to an invoice (no orphan charge).
 *
 * The killed "API" is a child process running the same billing service
 * (packages/core/test/subscribe-crash-api.ts) that hangs at the chosen point and is SIGKILLed
 * there; the restarted API is this process's real app. PostgreSQL only: two processes cannot share
 * one embedded PGlite.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MOCK_TEST_CARDS, type MockProvider } from '@seer/core/billing';
import { testConfig } from '@seer/core/config';
import { createTestDb, type TestDb } from '@seer/core/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedVersion } from '../../../../worker/test/helpers';
import { type ApiHandle, createApiContext } from '../../bootstrap';
import { registerAndLogin, type TestUser } from '../../testing/auth';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const T0 = new Date('2027-03-01T10:00:00Z');

describe('the API killed -9 mid-subscribe, then the same subscribe retried (pg)', () => {
  let t: TestDb;
  let api: ApiHandle;
  let app: FastifyInstance;
  let dev: TestUser;
  const config = testConfig();

  beforeAll(async () => {
    t = await createTestDb('pg');
    api = await createApiContext({ config, db: t.db, clock: () => T0 });
    app = api.app;
    dev = await registerAndLogin(app, { roles: ['developer'] });
  }, 180_000);
  afterAll(async () => {
    await api?.close();
    await t?.cleanup();
  });

  const count = async (q: string, args: unknown[]) =>
    (await t.db.query<{ n: number }>(q, args)).rows[0]?.n ?? -1;

  it.each(['before-charge', 'after-charge'] as const)(
    'killed %s: one charge, one invoice, one active subscription, no orphan charge',
    async (point) => {
      const v = await seedVersion(t.db, { fixture: 'momentum', ownerId: dev.userId, deployedAt: T0 });
      const plan = await app.inject({
        method: 'PUT',
        url: `/v1/models/${v.slug}/plan`,
        headers: dev.authHeader,
        payload: { priceMinor: 2900, currency: 'USD', trialDays: 0 },
      });
      expect(plan.statusCode, plan.body).toBe(200);
      const u = await registerAndLogin(app);

      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'packages/core/test/subscribe-crash-api.ts'],
        {
          cwd: REPO,
          env: {
            ...process.env,
            CRASH_DB_URL: t.url ?? '',
            CRASH_WEBHOOK_SECRET: config.billingMockWebhookSecret,
            CRASH_NOW: T0.toISOString(),
            CRASH_POINT: point,
            CRASH_USER_ID: u.userId,
            CRASH_MODEL: v.slug,
            CRASH_CARD: MOCK_TEST_CARDS.success,
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.once('exit', (_c, sig) => resolve(sig)),
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout?.on('data', (d: Buffer) => {
          if (d.toString().includes(point)) resolve();
        });
        child.once('exit', (code) => reject(new Error(`crash API exited early (${code})`)));
      });
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      const providerCharges = () =>
        count(
          "SELECT count(*)::int AS n FROM mock_provider_charges c JOIN subscriptions s ON s.id::text = c.metadata->>'subscriptionId' WHERE s.user_id = $1",
          [u.userId],
        );
      const charges = () =>
        count("SELECT count(*)::int AS n FROM invoices WHERE user_id = $1 AND kind = 'charge'", [u.userId]);
      expect(await providerCharges()).toBe(point === 'after-charge' ? 1 : 0);
      expect(await charges()).toBe(1); // written before the provider is called

      // The client retries the same request against the restarted API: it finishes that
      // subscription (not a 409 that leaves it incomplete), and the retry of the retry too.
      const retry = () =>
        app.inject({
          method: 'POST',
          url: '/v1/subscriptions',
          headers: u.authHeader,
          payload: { model: v.slug, paymentMethod: MOCK_TEST_CARDS.success },
        });
      const r1 = await retry();
      expect(r1.statusCode, r1.body).toBe(201);
      const r2 = await retry();
      expect(r2.statusCode, r2.body).toBe(201);
      expect((r2.json() as { id: string }).id).toBe((r1.json() as { id: string }).id);
      expect(await providerCharges()).toBe(1);

      // The provider settles and its webhooks arrive (twice, for good measure).
      const mock = api.ctx.services.billing.provider as MockProvider;
      const send = async (body: string, headers: Record<string, string>) =>
        (await app.inject({ method: 'POST', url: '/v1/billing/webhooks/mock', payload: body, headers }))
          .statusCode;
      await mock.flush(send);
      await mock.flush(send);
      const r3 = await retry();
      expect(r3.statusCode).toBe(409);
      expect((r3.json() as { code: string }).code).toBe('subscription_exists');

      const subs = await t.db.query<{ status: string; period_index: number }>(
        'SELECT status, period_index FROM subscriptions WHERE user_id = $1',
        [u.userId],
      );
      expect(subs.rows).toEqual([{ status: 'active', period_index: 1 }]);
      const invoices = await t.db.query<{ status: string; attempt: number; amount_minor: string }>(
        "SELECT status, attempt, amount_minor::text FROM invoices WHERE user_id = $1 AND kind = 'charge'",
        [u.userId],
      );
      expect(invoices.rows).toEqual([{ status: 'succeeded', attempt: 1, amount_minor: '2900' }]);
      expect(await providerCharges()).toBe(1);
      // No orphan: every provider charge of this user is the provider_ref of one of our invoices.
      expect(
        await count(
          `SELECT count(*)::int AS n FROM mock_provider_charges c
             JOIN subscriptions s ON s.id::text = c.metadata->>'subscriptionId'
            WHERE s.user_id = $1 AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.provider_ref = c.id)`,
          [u.userId],
        ),
      ).toBe(0);
      const sub = await app.inject({ method: 'GET', url: '/v1/subscriptions', headers: u.authHeader });
      expect((sub.json() as { items: { status: string; access: boolean }[] }).items).toMatchObject([
        { status: 'active', access: true },
      ]);
    },
    120_000,
  );
});
