/**
 * Subscriber webhooks end to end over a real database and a real HTTP receiver: registration with
 * the SSRF guard (problem+json codes), owner-only object authz, scopes, the admin's private-address
 * allowance, signed deliveries a receiver can verify, retry after a 500, the delivery log,
 * refusal at delivery time, and no deliveries once the entitlement is gone.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEntitlements } from '@seer/core/billing';
import { loadMasterKeyring, type MasterKeyring } from '@seer/core/crypto';
import type { Db } from '@seer/core/db';
import { type Consumer, createInProcessQueues, type JobQueues } from '@seer/core/queue';
import { TEST_DRIVERS } from '@seer/core/testing';
import {
  createWebhooksService,
  startWebhookConsumer,
  verifySignature,
  type WebhooksService,
} from '@seer/core/webhooks';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededVersion, seedVersion } from '../../../../worker/test/helpers';
import { createAdmin, createApiKey, registerAndLogin, type TestUser } from '../../testing/auth';
import { storeRun } from '../../testing/runs';
import { createTestApp, type TestApp } from '../../testing/test-app';

const H = 3600_000;
const T0 = Date.UTC(2026, 0, 5);

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

async function seedLiveRun(db: Db, v: SeededVersion, k: number): Promise<string> {
  const asOf = new Date(T0 + k * H);
  const { runId } = await storeRun(db, {
    versionId: v.id,
    asOf,
    createdAt: asOf,
    predictions: [
      { symbol: 'AAA-USD', value: 0.01 * k, confidence: null },
      { symbol: 'BBB-USD', value: -0.01 * k, confidence: 0.5 },
    ],
  });
  return runId;
}

async function until<T>(fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(TEST_DRIVERS)('webhooks (%s)', (driver) => {
  let ta: TestApp;
  let app: FastifyInstance;
  let owner: TestUser;
  let sub: TestUser;
  let stranger: TestUser;
  let admin: TestUser;
  let v: SeededVersion;
  let subscriptionId: string;
  let server: Server;
  let hookUrl: string;
  const received: Received[] = [];
  const statuses: number[] = []; // what the receiver answers next (then 200)
  let queues: JobQueues;
  let consumer: Consumer;
  let worker: WebhooksService;
  let masterKeys: MasterKeyring | undefined;

  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    user?: { authHeader: object },
    payload?: object,
  ) => app.inject({ method, url, headers: { ...(user?.authHeader ?? {}) }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    ta = await createTestApp(driver);
    app = ta.app;
    const db = ta.t.db;
    owner = await registerAndLogin(app, { roles: ['developer'] });
    sub = await registerAndLogin(app, { roles: ['subscriber'] });
    stranger = await registerAndLogin(app, { roles: ['subscriber'] });
    admin = await createAdmin(app);
    v = await seedVersion(db, { fixture: 'momentum', ownerId: owner.userId, deployedAt: new Date(T0) });
    const plan = await sql<{
      id: string;
    }>`INSERT INTO plans (model_id, price_minor, currency, trial_days, effective_from, created_by)
      VALUES (${v.modelId}, 1900, 'USD', 0, ${new Date(T0)}, ${owner.userId}) RETURNING id`.execute(
      db.kysely,
    );
    const now = new Date();
    const s = await sql<{
      id: string;
    }>`INSERT INTO subscriptions (user_id, model_id, plan_id, provider, status, price_minor,
        currency, anchor_at, period_index, current_period_start, current_period_end, created_at, updated_at)
      VALUES (${sub.userId}, ${v.modelId}, ${(plan.rows[0] as { id: string }).id}, 'mock', 'active', 1900, 'USD',
        ${now}, 1, ${new Date(now.getTime() - 86_400_000)}, ${new Date(now.getTime() + 30 * 86_400_000)}, ${now}, ${now})
      RETURNING id`.execute(db.kysely);
    subscriptionId = (s.rows[0] as { id: string }).id;

    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => {
        body += c;
      });
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        const status = statuses.shift() ?? 200;
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(status === 200 ? 'ok' : `boom ${'x'.repeat(1000)}`);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?x=1`;

    // The worker side, as engines.ts builds it, over an in-process queue with quick retries; it
    // holds the API's master key (generated in the test's keys folder), as every process does.
    masterKeys = await loadMasterKeyring({ ...ta.app.ctx.config, generateKeys: false });
    expect(masterKeys).toBeDefined();
    queues = createInProcessQueues({ retry: { attempts: 3, backoffMs: 20 } });
    worker = createWebhooksService({
      db,
      entitlements: createEntitlements({ db, clock: () => new Date() }),
      allowPrivate: false,
      masterKeys,
      legacySecretKey: undefined,
      timeoutMs: 5000,
      queues,
    });
    consumer = await startWebhookConsumer({ queues, webhooks: worker });
  }, 180_000);

  afterAll(async () => {
    await consumer?.close();
    await queues?.close();
    server?.close();
    await ta?.close();
  });

  it('refuses private, loopback, link-local and IPv4-mapped targets with webhook_url_refused (problem+json)', async () => {
    for (const url of [
      'https://127.0.0.1/hook',
      'https://[::1]/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[::ffff:169.254.169.254]/',
      'https://10.0.0.7/',
      'https://[fd00::1]/',
      'https://0.0.0.0/',
      'https://224.0.0.1/',
      hookUrl, // plain http to loopback
    ]) {
      const res = await call('POST', '/v1/webhooks', sub, { model: v.slug, url });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'webhook_url_refused', errors: [{ field: '/url' }] });
    }
    expect(
      (await call('POST', '/v1/webhooks', sub, { model: v.slug, url: 'https://h.example/', extra: 1 }))
        .statusCode,
    ).toBe(400);
  });

  it('needs a caller entitled to the model and the webhooks:write scope', async () => {
    expect(
      (await call('POST', '/v1/webhooks', undefined, { model: v.slug, url: 'https://8.8.8.8/' })).statusCode,
    ).toBe(401);
    const notEntitled = await call('POST', '/v1/webhooks', stranger, {
      model: v.slug,
      url: 'https://8.8.8.8/',
    });
    expect(notEntitled.statusCode).toBe(403);
    expect(notEntitled.json().code).toBe('forbidden');
    const readOnly = await createApiKey(app, sub.accessToken, ['webhooks:read']);
    const scoped = await call('POST', '/v1/webhooks', readOnly, { model: v.slug, url: 'https://8.8.8.8/' });
    expect(scoped.statusCode).toBe(403);
    expect(scoped.json().code).toBe('insufficient_scope');
    const noScope = await createApiKey(app, sub.accessToken, ['predictions:read']);
    expect((await call('GET', '/v1/webhooks', noScope)).json().code).toBe('insufficient_scope');
    expect(
      (await call('POST', '/v1/webhooks', sub, { model: 'no-such-model', url: 'https://8.8.8.8/' }))
        .statusCode,
    ).toBe(404);
  });

  it('only an admin grants the private-address allowance', async () => {
    const url = `/v1/admin/users/${sub.userId}/webhook-private`;
    expect((await call('PUT', url, sub, { allow: true })).statusCode).toBe(403);
    expect(
      (await call('PUT', `/v1/admin/users/${crypto.randomUUID()}/webhook-private`, admin, { allow: true }))
        .statusCode,
    ).toBe(404);
    expect((await call('PUT', url, admin, { allow: true })).statusCode).toBe(204);
  });

  it('delivers each stored live run signed, retries a 500, logs every attempt; others cannot see it', async () => {
    const created = await call('POST', '/v1/webhooks', sub, { model: v.slug, url: hookUrl });
    expect(created.statusCode, created.body).toBe(201);
    const hook = created.json() as { id: string; secret: string; url: string; model: string };
    expect(hook.secret).toMatch(/^whsec_/);
    expect(hook.model).toBe(v.slug);
    // The secret is shown once: never listed, never stored in clear.
    const list = await call('GET', '/v1/webhooks', sub);
    expect(list.json().items).toEqual([
      { id: hook.id, model: v.slug, url: hook.url, createdAt: expect.any(String) },
    ]);
    expect(list.body).not.toContain(hook.secret);
    const { rows } = await ta.t.db.query<{ secret_box: string; master_kid: string }>(
      'SELECT secret_box, master_kid FROM webhook_endpoints WHERE id = $1',
      [hook.id],
    );
    expect(rows[0]?.secret_box).not.toContain(hook.secret.slice(6));
    // Sealed under the master key, and the row says which one (what `seerd keys rotate` looks for).
    expect(rows[0]?.master_kid).toBe(masterKeys?.activeKid);

    // Object authz: another user (and an admin's own listing) never sees this endpoint.
    for (const u of [stranger, owner]) {
      expect((await call('GET', `/v1/webhooks/${hook.id}`, u)).statusCode).toBe(404);
      expect((await call('GET', `/v1/webhooks/${hook.id}/deliveries`, u)).statusCode).toBe(404);
      expect((await call('DELETE', `/v1/webhooks/${hook.id}`, u)).statusCode).toBe(404);
      expect((await call('GET', '/v1/webhooks', u)).json().items).toEqual([]);
    }

    statuses.push(500);
    const runId = await seedLiveRun(ta.t.db, v, 1);
    expect(await worker.fanOut(runId)).toBe(1);
    await until(() => (received.length >= 2 ? true : undefined));
    const [first, second] = received as [Received, Received];
    expect(first.body).toBe(second.body);
    const sig = second.headers['seer-signature'] as string;
    expect(sig).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(
      verifySignature(hook.secret, sig, second.body, { nowSeconds: Math.floor(Date.now() / 1000) }),
    ).toBe(true);
    expect(
      verifySignature('whsec_wrong', sig, second.body, { nowSeconds: Math.floor(Date.now() / 1000) }),
    ).toBe(false);
    const payload = JSON.parse(second.body);
    expect(payload).toMatchObject({
      type: 'predictions.created',
      model: v.slug,
      run: { id: runId, mode: 'live' },
      predictions: [
        { symbol: 'AAA-USD', value: 0.01, target: 'return' },
        { symbol: 'BBB-USD', value: -0.01, confidence: 0.5 },
      ],
    });
    expect(second.headers['seer-delivery']).toBe(payload.id);

    const log = await until(async () => {
      const items = (await call('GET', `/v1/webhooks/${hook.id}/deliveries`, sub)).json().items as Array<{
        attempt: number;
        statusCode: number | null;
        deliveryStatus: string;
        latencyMs: number;
        error: string | null;
        responseExcerpt: string | null;
      }>;
      return items.length === 2 && items[0]?.deliveryStatus === 'succeeded' ? items : undefined;
    });
    expect(log.map((a) => [a.attempt, a.statusCode, a.error])).toEqual([
      [2, 200, null],
      [1, 500, 'HTTP 500'],
    ]);
    expect(log[1]?.responseExcerpt?.length).toBe(256); // capped, not the whole body
    expect(log[0]?.latencyMs).toBeGreaterThanOrEqual(0);
    // Fan-out is idempotent per (endpoint, run).
    expect(await worker.fanOut(runId)).toBe(0);
  });

  it('re-vets the target at delivery time: without the allowance the loopback URL is refused, nothing sent', async () => {
    const hook = (await call('GET', '/v1/webhooks', sub)).json().items[0] as { id: string };
    expect(
      (await call('PUT', `/v1/admin/users/${sub.userId}/webhook-private`, admin, { allow: false }))
        .statusCode,
    ).toBe(204);
    const before = received.length;
    const runId = await seedLiveRun(ta.t.db, v, 2);
    expect(await worker.fanOut(runId)).toBe(1);
    const log = await until(async () => {
      const items = (await call('GET', `/v1/webhooks/${hook.id}/deliveries`, sub)).json().items as Array<{
        error: string | null;
        deliveryStatus: string;
        statusCode: number | null;
      }>;
      return items.length === 3 ? items : undefined;
    });
    expect(log[0]).toMatchObject({ deliveryStatus: 'failed', statusCode: null });
    expect(log[0]?.error).toMatch(/^refused: the URL must be https/);
    await new Promise((r) => setTimeout(r, 300));
    expect(received.length).toBe(before);
  });

  it('DNS rebinding: a name that resolved publicly at registration and to loopback at delivery is refused', async () => {
    let answer = '93.184.216.34';
    const enqueued: string[] = [];
    const rebinder = createWebhooksService({
      db: ta.t.db,
      entitlements: createEntitlements({ db: ta.t.db, clock: () => new Date() }),
      allowPrivate: false,
      masterKeys,
      legacySecretKey: undefined,
      timeoutMs: 2000,
      // Collects the delivery ids instead of queueing them; this test delivers by hand.
      queues: {
        retry: { attempts: 1, backoffMs: 1 },
        enqueue: async (_q, id) => {
          enqueued.push(id);
        },
      },
      resolve: async () => [{ address: answer, family: 4 }],
    });
    const principal = {
      userId: sub.userId,
      email: sub.email,
      roles: ['subscriber' as const],
      via: 'jwt' as const,
      scopes: null,
      apiKeyId: null,
    };
    const hook = await rebinder.create({ principal, model: v.slug, url: 'https://rebind.example/hook' });
    answer = '127.0.0.1';
    const runId = await seedLiveRun(ta.t.db, v, 4);
    await rebinder.fanOut(runId);
    const { rows } = await ta.t.db.query<{ id: string }>(
      'SELECT id FROM webhook_deliveries WHERE endpoint_id = $1 AND run_id = $2',
      [hook.id, runId],
    );
    const deliveryId = (rows[0] as { id: string }).id;
    expect(enqueued).toContain(deliveryId);
    await expect(rebinder.deliver(deliveryId, 1)).rejects.toThrow(/loopback address \(127\.0\.0\.1\)/);
    const log = await rebinder.deliveries(sub.userId, hook.id);
    expect(log[0]).toMatchObject({ deliveryStatus: 'failed', statusCode: null, attempt: 1 });
    await rebinder.remove(sub.userId, hook.id);
    expect(
      (await call('PUT', `/v1/admin/users/${sub.userId}/webhook-private`, admin, { allow: true })).statusCode,
    ).toBe(204);
  });

  it('stops delivering once the subscription has expired; delete removes the endpoint', async () => {
    await ta.t.db.query(`UPDATE subscriptions SET status = 'expired', ended_at = now() WHERE id = $1`, [
      subscriptionId,
    ]);
    const before = received.length;
    const runId = await seedLiveRun(ta.t.db, v, 3);
    expect(await worker.fanOut(runId)).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(received.length).toBe(before);
    const hook = (await call('GET', '/v1/webhooks', sub)).json().items[0] as { id: string };
    expect((await call('DELETE', `/v1/webhooks/${hook.id}`, sub)).statusCode).toBe(204);
    expect((await call('GET', `/v1/webhooks/${hook.id}`, sub)).statusCode).toBe(404);
    expect((await call('GET', '/v1/webhooks', sub)).json().items).toEqual([]);
  });
});
