/**
 * The authorization matrix (issue 15, item 1): every operation in the OpenAPI document x every
 * kind of caller, with the exact status each must get, on real PostgreSQL with real objects (a
 * published, deployed and signed version, a paid subscription, API keys, a deploy check, a
 * backtest...) so every path parameter names something that exists.
 *
 * An operation in the OpenAPI document that is not in ROUTES fails the test: new routes cannot
 * slip by. To add one, see the message that failure prints (or HOW_TO_ADD below).
 *
 * Columns (ACTORS, in this order):
 *   anon      no credentials
 *   sub       subscriber with a subscription (trialing, paid plan) to the fixture model
 *   sub2      another subscriber, no subscription
 *   dev       developer who owns the fixture model
 *   dev2      another developer
 *   admin     admin (password session)
 *   disabled  a developer+subscriber whose account was disabled after logging in
 *   dkW       dev's API key: models:read models:write predictions:read account:read
 *   dkR       dev's API key: models:read
 *   dkA       dev's API key: account:read
 *   skP       sub's API key: predictions:read models:read
 *   skA       sub's API key: account:read
 *   akA       admin's API key with the admin scope (and all others)
 *   akN       admin's API key with every scope but admin
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Scope } from '@seer/core/accounts';
import { packageTgz } from '@seer/core/registry';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedVersion } from '../../../worker/test/helpers';
import {
  createAdmin,
  createApiKey,
  randomIp,
  registerAndLogin,
  TEST_PASSWORD,
  uniqueEmail,
} from '../testing/auth';
import { createTestApp, type TestApp } from '../testing/test-app';

const ACTORS = [
  'anon',
  'sub',
  'sub2',
  'dev',
  'dev2',
  'admin',
  'disabled',
  'dkW',
  'dkR',
  'dkA',
  'skP',
  'skA',
  'akA',
  'akN',
] as const;
type Actor = (typeof ACTORS)[number];

const ALL_DEV_SCOPES: Scope[] = ['models:read', 'models:write', 'predictions:read', 'account:read'];
const KEY_SCOPES: Record<Extract<Actor, `${string}k${string}`>, Scope[]> = {
  dkW: ALL_DEV_SCOPES,
  dkR: ['models:read'],
  dkA: ['account:read'],
  skP: ['predictions:read', 'models:read'],
  skA: ['account:read'],
  akA: ['admin', ...ALL_DEV_SCOPES],
  akN: ALL_DEV_SCOPES,
};

interface Fixtures {
  slug: string; // dev's model, version 1.0.0 deployed, paid plan, sub subscribed
  version: string;
  draftCheckId: string;
  backtestId: string;
  runId: string; // a succeeded live run of dev's version 1.0.0
  rerunId: string;
  subscriptionId: string;
  symbol: string;
  userIds: Record<'sub' | 'dev' | 'admin', string>;
}

interface Ctx {
  fx: Fixtures;
  actor: Actor;
  n: number; // a number unique to this cell
  h: TestApp;
}

interface Row {
  /** Path parameters, by name; may create fresh objects for this cell (async). */
  params?: (c: Ctx) => Record<string, string> | Promise<Record<string, string>>;
  query?: string;
  body?: (c: Ctx) => unknown | Promise<unknown>;
  contentType?: string;
  /** The caller is a new user of the same kind for each cell (for routes that end the caller's sessions). */
  freshActor?: boolean;
  /** One status per ACTORS column, space separated. */
  expect: string;
}

const HOW_TO_ADD = `add an entry to ROUTES in apps/api/src/security/authz-matrix.test.ts, keyed by the operationId:
  myOperation: {
    params: (c) => ({ slug: c.fx.slug }),          // real objects (create fresh ones here if the route changes them)
    body: (c) => ({ ... }),                           // a VALID body, so the status is decided by who asks
    //      anon sub sub2 dev dev2 admin disabled dkW dkR dkA skP skA akA akN
    expect: '401  403 403  201 403  201   401      201 403 403 403 403 201 403',
  },
then run it with AUTHZ_MATRIX_PRINT=1 to print what each actor gets, and check every cell by hand against docs/API.md
before pasting (a cell that is wrong today is a bug to fix, not a value to copy).`;

const uniq = () => randomBytes(4).toString('hex');

// Statuses are checked by hand against docs/API.md: read a row as "who may do this".
const ROUTES: Record<string, Row> = {
  //                                anon sub sub2 dev dev2 admin dis dkW dkR dkA skP skA akA akN
  getJwks: { expect: '200 200 200 200 200 200 200 200 200 200 200 200 200 200' },
  healthz: { expect: '200 200 200 200 200 200 200 200 200 200 200 200 200 200' },
  readyz: { expect: '200 200 200 200 200 200 200 200 200 200 200 200 200 200' },
  getMeta: { expect: '200 200 200 200 200 200 200 200 200 200 200 200 200 200' },
  register: {
    body: () => ({
      email: uniqueEmail('mx'),
      password: TEST_PASSWORD,
      displayName: 'M',
      roles: ['subscriber'],
    }),
    expect: '201 201 201 201 201 201 201 201 201 201 201 201 201 201',
  },
  login: {
    body: () => ({ email: LOGIN_EMAIL.value, password: TEST_PASSWORD }),
    expect: '200 200 200 200 200 200 200 200 200 200 200 200 200 200',
  },
  refresh: {
    body: () => ({ refreshToken: 'x'.repeat(43) }),
    expect: '401 401 401 401 401 401 401 401 401 401 401 401 401 401',
  },
  logout: {
    body: () => ({ refreshToken: 'x'.repeat(43) }),
    expect: '204 204 204 204 204 204 204 204 204 204 204 204 204 204',
  },
  logoutAll: { freshActor: true, expect: '401 204 204 204 204 204 401 403 403 403 403 403 403 403' },
  getMe: { expect: '401 200 200 200 200 200 401 200 403 200 403 200 200 200' },
  changePassword: {
    freshActor: true,
    body: () => ({ currentPassword: TEST_PASSWORD, newPassword: `a brand new passphrase ${uniq()}` }),
    expect: '401 204 204 204 204 204 401 403 403 403 403 403 403 403',
  },
  createApiKey: {
    body: () => ({ name: 'matrix', scopes: ['account:read'] }),
    expect: '401 201 201 201 201 201 401 403 403 403 403 403 403 403',
  },
  listApiKeys: { expect: '401 200 200 200 200 200 401 403 403 403 403 403 403 403' },
  deleteApiKey: {
    params: async (c) => ({ id: (await createApiKey(c.h.app, TOKENS.dev, ['account:read'])).id }),
    expect: '401 404 404 204 404 404 401 403 403 403 403 403 403 403',
  },
  adminListUsers: { expect: '401 403 403 403 403 200 401 403 403 403 403 403 403 403' },
  adminChangeRoles: {
    params: async (c) => ({ id: await newUser(c, ['subscriber']) }),
    body: () => ({ grant: ['developer'] }),
    expect: '401 403 403 403 403 200 401 403 403 403 403 403 403 403',
  },
  adminDisableUser: {
    params: async (c) => ({ id: await newUser(c, ['subscriber']) }),
    expect: '401 403 403 403 403 200 401 403 403 403 403 403 403 403',
  },
  adminEnableUser: {
    params: async (c) => {
      const id = await newUser(c, ['subscriber']);
      await c.h.app.ctx.services.accounts.setDisabled({
        actorUserId: c.fx.userIds.admin,
        userId: id,
        disabled: true,
      });
      return { id };
    },
    expect: '401 403 403 403 403 200 401 403 403 403 403 403 403 403',
  },
  adminListAudit: { expect: '401 403 403 403 403 200 401 403 403 403 403 403 403 403' },
  listInstruments: { expect: '200 200 200 200 200 200 200 200 200 200 200 200 200 200' },
  getInstrument: {
    params: (c) => ({ symbol: c.fx.symbol }),
    expect: '200 200 200 200 200 200 200 200 200 200 200 200 200 200',
  },
  listBars: {
    params: (c) => ({ symbol: c.fx.symbol }),
    query: 'interval=1h',
    expect: '200 200 200 200 200 200 200 200 200 200 200 200 200 200',
  },
  adminCreateInstrument: {
    body: (c) => ({ symbol: `MX${c.n}`, name: 'Matrix', assetClass: 'fx' }),
    expect: '401 403 403 403 403 201 401 403 403 403 403 403 403 403',
  },
  adminImportBars: {
    query: 'symbol=USDCHF&interval=1h',
    body: () => ({ bars: [{ ts: '2026-01-05T10:00:00Z', open: 1, high: 1.2, low: 0.9, close: 1.1 }] }),
    expect: '401 403 403 403 403 200 401 403 403 403 403 403 403 403',
  },
  listRuns: { params: ver, expect: '401 403 403 200 403 200 401 200 200 403 403 403 200 403' },
  getCoverage: { params: ver, expect: '401 403 403 200 403 200 401 200 200 403 403 403 200 403' },
  listPredictions: { params: ver, expect: '401 200 403 200 403 200 401 200 403 403 200 403 200 403' },
  verifyLedger: { params: ver, expect: '401 200 403 200 403 200 401 200 403 403 200 403 200 403' },
  createBacktest: {
    params: ver,
    body: () => ({ from: '2026-01-05T00:00:00Z', to: '2026-01-05T05:00:00Z' }),
    expect: '401 403 403 202 403 202 401 202 403 403 403 403 202 403',
  },
  getBacktest: {
    params: (c) => ({ id: c.fx.backtestId }),
    expect: '401 404 404 200 404 200 401 200 200 403 404 403 200 404',
  },
  createRerun: {
    params: (c) => ({ id: c.fx.runId }),
    expect: '401 403 403 202 404 202 401 202 403 403 403 403 202 404',
  },
  getRerun: {
    params: (c) => ({ id: c.fx.rerunId }),
    expect: '401 404 404 200 404 200 401 200 200 403 404 403 200 404',
  },
  createModel: {
    body: (c) => ({ slug: `mx-${c.n}-${uniq()}`, name: 'Matrix model' }),
    expect: '401 403 403 201 201 201 401 201 403 403 403 403 201 403',
  },
  listModels: { expect: '200 200 200 200 200 200 401 200 200 200 200 200 200 200' },
  getModel: { params: model, expect: '200 200 200 200 200 200 401 200 200 200 200 200 200 200' },
  updateModel: {
    params: model,
    body: () => ({ description: 'updated by the matrix' }),
    expect: '401 403 403 200 403 200 401 200 403 403 403 403 200 403',
  },
  publishVersion: {
    params: model,
    body: (c) => packageTgz({ version: `"2.0.${c.n}"` }),
    contentType: 'application/gzip',
    expect: '401 403 403 201 403 201 401 201 403 403 403 403 201 403',
  },
  listVersions: { params: model, expect: '200 200 200 200 200 200 401 200 200 200 200 200 200 200' },
  getVersion: { params: ver, expect: '200 200 200 200 200 200 401 200 200 200 200 200 200 200' },
  deleteDraftVersion: {
    params: (c) => freshVersion(c, 'draft'),
    expect: '401 403 403 204 404 204 401 204 403 403 403 403 204 404',
  },
  deployVersion: {
    params: (c) => freshVersion(c, 'draft'),
    expect: '401 403 403 202 404 202 401 202 403 403 403 403 202 404',
  },
  getDeployCheck: {
    params: (c) => ({ id: c.fx.draftCheckId }),
    expect: '401 404 404 200 404 200 401 200 200 404 404 404 200 404',
  },
  retireVersion: {
    params: (c) => freshPublishedVersion(c),
    expect: '401 403 403 200 403 200 401 200 403 403 403 403 200 403',
  },
  getVersionAttestation: { params: ver, expect: '200 200 200 200 200 200 401 200 200 200 200 200 200 200' },
  downloadVersionPackage: { params: ver, expect: '401 403 403 200 403 200 401 200 403 403 403 403 200 403' },
  setModelPlan: {
    params: async (c) => ({ slug: (await freshVersion(c, 'deployed')).slug }),
    body: () => ({ priceMinor: 500, currency: 'USD', trialDays: 0 }),
    expect: '401 403 403 200 403 200 401 200 403 403 403 403 200 403',
  },
  listModelPlans: { params: model, expect: '401 403 403 200 403 200 401 200 403 403 403 403 200 403' },
  listSigningKeys: { expect: '200 200 200 200 200 200 200 200 200 200 200 200 200 200' },
  createSubscription: {
    body: async (c) => ({ model: (await freshPaidModel(c)).slug, paymentMethod: '4242424242424242' }),
    expect: '401 201 201 422 201 201 401 403 403 403 403 403 403 403',
  },
  listSubscriptions: { expect: '401 200 200 200 200 200 401 200 403 200 403 200 200 200' },
  getSubscription: {
    params: (c) => ({ id: c.fx.subscriptionId }),
    expect: '401 200 404 404 404 200 401 404 403 404 403 200 200 404',
  },
  cancelSubscription: {
    params: async (c) => ({ id: await freshSubscription(c) }),
    expect: '401 200 404 404 404 200 401 403 403 403 403 403 403 403',
  },
  resumeSubscription: {
    params: async (c) => ({ id: await freshSubscription(c, true) }),
    expect: '401 200 404 404 404 200 401 403 403 403 403 403 403 403',
  },
  acceptSubscriptionPrice: {
    // No pending price: the owner gets 409 (nothing to accept), everyone else cannot see it.
    params: async (c) => ({ id: await freshSubscription(c) }),
    expect: '401 409 404 404 404 409 401 403 403 403 403 403 403 403',
  },
  listInvoices: { expect: '401 200 200 200 200 200 401 200 403 200 403 200 200 200' },
  refundInvoice: {
    // An id that names no invoice: only an admin gets as far as looking it up.
    params: () => ({ id: '00000000-0000-4000-8000-000000000000' }),
    expect: '401 403 403 403 403 404 401 403 403 403 403 403 403 403',
  },
  getEarnings: { expect: '401 403 403 200 200 200 401 200 403 200 403 403 200 403' },
  receiveBillingWebhook: {
    params: () => ({ provider: 'mock' }),
    body: () => ({ id: 'evt_1', type: 'charge.succeeded' }),
    expect: '400 400 400 400 400 400 400 400 400 400 400 400 400 400',
  },
  listModelPredictions: { params: model, expect: '200 200 200 200 200 200 401 200 403 403 200 403 200 200' },
  latestModelPredictions: {
    params: model,
    expect: '200 200 200 200 200 200 401 200 403 403 200 403 200 200',
  },
  modelPlayback: { params: model, expect: '200 200 200 200 200 200 401 200 403 403 200 403 200 200' },
  // Ledger v2 public record (docs/VERIFYING.md): public by design, the chain of a deployed version included.
  // Like the model prediction routes: a key without predictions:read is refused (403), not read as anonymous.
  getLedgerChain: { params: ver, expect: '200 200 200 200 200 200 401 200 403 403 200 403 200 200' },
  listLedgerCheckpoints: { expect: '200 200 200 200 200 200 401 200 200 200 200 200 200 200' },
  // Webhooks: a subscriber's endpoints (8.8.8.8 is a public address literal: no DNS, no delivery here).
  // Creating one needs entitlement to the model (sub2 and dev2 have none); an endpoint is its
  // owner's alone (404 to everyone else, admins included); keys need webhooks:* scopes (none here);
  // the private-address allowance is an admin's password-session action.
  createWebhook: {
    body: (c) => ({ model: c.fx.slug, url: 'https://8.8.8.8/hook' }),
    expect: '401 201 403 201 403 201 401 403 403 403 403 403 403 403',
  },
  listWebhooks: { expect: '401 200 200 200 200 200 401 403 403 403 403 403 403 403' },
  getWebhook: {
    params: async (c) => ({ id: await subWebhook(c, 'read') }),
    expect: '401 200 404 404 404 404 401 403 403 403 403 403 403 403',
  },
  deleteWebhook: {
    params: async (c) => ({ id: await subWebhook(c, 'delete') }),
    expect: '401 204 404 404 404 404 401 403 403 403 403 403 403 403',
  },
  listWebhookDeliveries: {
    params: async (c) => ({ id: await subWebhook(c, 'read') }),
    expect: '401 200 404 404 404 404 401 403 403 403 403 403 403 403',
  },
  adminSetWebhookPrivate: {
    params: async (c) => ({ id: await newUser(c, ['subscriber']) }),
    body: () => ({ allow: true }),
    expect: '401 403 403 403 403 204 401 403 403 403 403 403 403 403',
  },
  listLedgerKeys: { expect: '200 200 200 200 200 200 200 200 200 200 200 200 200 200' },
  modelMetrics: { params: model, expect: '200 200 200 200 200 200 200 200 200 200 200 200 200 200' },
};

function model(c: Ctx) {
  return { slug: c.fx.slug };
}
function ver(c: Ctx) {
  return { slug: c.fx.slug, version: c.fx.version };
}

// Set in beforeAll; module-level so rows stay one-liners.
const TOKENS: Record<'dev' | 'sub' | 'admin', string> = { dev: '', sub: '', admin: '' };
const LOGIN_EMAIL = { value: '' };

async function newUser(c: Ctx, roles: ('subscriber' | 'developer')[]): Promise<string> {
  const u = await c.h.app.ctx.services.accounts.createUser({
    email: uniqueEmail('target'),
    password: TEST_PASSWORD,
    displayName: 'Target',
    roles,
  });
  return u.id;
}

/** A fresh model of dev's with version 1.0.0 in the given status (seeded rows, no package). */
async function freshVersion(c: Ctx, status: 'draft' | 'deployed') {
  const v = await seedVersion(c.h.t.db, {
    fixture: 'momentum',
    ownerId: c.fx.userIds.dev,
    deployedAt: status === 'deployed' ? new Date('2026-01-05T00:00:00Z') : null,
  });
  return { slug: v.slug, version: v.version };
}

/** A fresh model of dev's with a real package published, deploy-checked and deployed, over the API. */
async function freshPublishedVersion(c: Ctx) {
  const app = c.h.app;
  const headers = { authorization: `Bearer ${TOKENS.dev}` };
  const slug = `mxr-${c.n}-${uniq()}`;
  const steps = [
    await app.inject({ method: 'POST', url: '/v1/models', headers, payload: { slug, name: 'Retire me' } }),
    await app.inject({
      method: 'POST',
      url: `/v1/models/${slug}/versions`,
      headers: { ...headers, 'content-type': 'application/gzip' },
      payload: await packageTgz(),
    }),
  ];
  const dep = await app.inject({ method: 'POST', url: `/v1/models/${slug}/versions/1.0.0/deploy`, headers });
  for (const r of [...steps, dep])
    if (r.statusCode >= 300) throw new Error(`publish: ${r.statusCode} ${r.body}`);
  await app.ctx.services.registry.versions.executeDeployCheck({
    checkId: (dep.json() as { id: string }).id,
    gate: async () => ({ ok: true }),
    workerId: 'matrix',
    leaseMs: 30_000,
    lastAttempt: true,
  });
  return { slug, version: '1.0.0' };
}

async function freshPaidModel(c: Ctx) {
  const v = await freshVersion(c, 'deployed');
  const r = await c.h.app.inject({
    method: 'PUT',
    url: `/v1/models/${v.slug}/plan`,
    headers: { authorization: `Bearer ${TOKENS.dev}` },
    payload: { priceMinor: 1900, currency: 'USD', trialDays: 14 },
  });
  if (r.statusCode !== 200) throw new Error(`plan: ${r.statusCode} ${r.body}`);
  return v;
}

/** A subscription of sub's to a fresh paid model (trialing); canceled when asked. */
/**
 * A webhook endpoint of `sub` on the fixture model (sub is subscribed to it), reused across cells
 * (an account holds at most 20): a new one only once the previous one was deleted.
 */
const subWebhooks = new Map<string, string>();
async function subWebhook(c: Ctx, purpose: 'read' | 'delete'): Promise<string> {
  const headers = { authorization: `Bearer ${TOKENS.sub}` };
  const known = subWebhooks.get(purpose);
  if (
    known &&
    (await c.h.app.inject({ method: 'GET', url: `/v1/webhooks/${known}`, headers })).statusCode === 200
  )
    return known;
  const r = await c.h.app.inject({
    method: 'POST',
    url: '/v1/webhooks',
    headers,
    payload: { model: c.fx.slug, url: `https://8.8.8.8/hook-${c.n}` },
  });
  if (r.statusCode !== 201) throw new Error(`webhook fixture: ${r.statusCode} ${r.body}`);
  const id = (r.json() as { id: string }).id;
  subWebhooks.set(purpose, id);
  return id;
}

async function freshSubscription(c: Ctx, canceled = false): Promise<string> {
  const m = await freshPaidModel(c);
  const headers = { authorization: `Bearer ${TOKENS.sub}` };
  const r = await c.h.app.inject({
    method: 'POST',
    url: '/v1/subscriptions',
    headers,
    payload: { model: m.slug, paymentMethod: '4242424242424242' },
  });
  if (r.statusCode !== 201) throw new Error(`subscribe: ${r.statusCode} ${r.body}`);
  const id = (r.json() as { id: string }).id;
  if (canceled) {
    const x = await c.h.app.inject({ method: 'POST', url: `/v1/subscriptions/${id}/cancel`, headers });
    if (x.statusCode !== 200) throw new Error(`cancel: ${x.statusCode} ${x.body}`);
  }
  return id;
}

interface Operation {
  method: string;
  path: string;
  operationId: string;
}

describe('authorization matrix: every OpenAPI operation x every kind of caller (pg)', () => {
  let h: TestApp;
  let work: string;
  let fx: Fixtures;
  let ops: Operation[];
  const headersOf = new Map<Actor, Record<string, string>>();

  async function makeActor(actor: Actor): Promise<Record<string, string>> {
    if (actor === 'anon') return {};
    if (actor === 'admin') return (await createAdmin(h.app)).authHeader;
    if (actor === 'sub' || actor === 'sub2')
      return (await registerAndLogin(h.app, { roles: ['subscriber'] })).authHeader;
    if (actor === 'dev' || actor === 'dev2')
      return (await registerAndLogin(h.app, { roles: ['developer'] })).authHeader;
    if (actor === 'disabled') {
      const u = await registerAndLogin(h.app, { roles: ['developer', 'subscriber'] });
      const admin = await adminToken();
      const r = await h.app.inject({
        method: 'POST',
        url: `/v1/admin/users/${u.userId}/disable`,
        headers: { authorization: `Bearer ${admin}` },
      });
      if (r.statusCode !== 200) throw new Error(`disable: ${r.statusCode} ${r.body}`);
      return u.authHeader;
    }
    const owner =
      actor[0] === 'a'
        ? await createAdmin(h.app)
        : await registerAndLogin(h.app, { roles: actor[0] === 'd' ? ['developer'] : ['subscriber'] });
    return (await createApiKey(h.app, owner.accessToken, KEY_SCOPES[actor])).authHeader;
  }
  let adminTok = '';
  const adminToken = async () => {
    if (!adminTok) adminTok = (await createAdmin(h.app)).accessToken;
    return adminTok;
  };

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'seer-authz-'));
    h = await createTestApp('pg', {
      keysDir: path.join(work, 'keys'),
      artifactDir: path.join(work, 'artifacts'),
      loginMaxAttemptsPerIp: 10_000,
      loginMaxAttemptsPerAccount: 10_000,
      quotaDraftsPerUser: 10_000,
    });
    const app = h.app;
    await h.t.db.query(
      `INSERT INTO instruments (symbol, name, asset_class) VALUES ('USDCHF', 'USD/CHF', 'fx')`,
    );
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    ops = Object.entries(doc.paths).flatMap(([p, byMethod]) =>
      Object.entries(byMethod).map(([method, op]) => ({
        method: method.toUpperCase(),
        path: p,
        operationId: op.operationId ?? `${method.toUpperCase()} ${p}`,
      })),
    );

    const sub = await registerAndLogin(app, { roles: ['subscriber'] });
    const sub2 = await registerAndLogin(app, { roles: ['subscriber'] });
    const dev = await registerAndLogin(app, { roles: ['developer'] });
    const dev2 = await registerAndLogin(app, { roles: ['developer'] });
    const admin = await createAdmin(app);
    adminTok = admin.accessToken;
    TOKENS.dev = dev.accessToken;
    TOKENS.sub = sub.accessToken;
    TOKENS.admin = admin.accessToken;
    LOGIN_EMAIL.value = sub2.email;
    headersOf.set('anon', {});
    headersOf.set('sub', sub.authHeader);
    headersOf.set('sub2', sub2.authHeader);
    headersOf.set('dev', dev.authHeader);
    headersOf.set('dev2', dev2.authHeader);
    headersOf.set('admin', admin.authHeader);
    headersOf.set('disabled', await makeActor('disabled'));
    const keyOwner = { d: dev, s: sub, a: admin };
    for (const k of Object.keys(KEY_SCOPES) as (keyof typeof KEY_SCOPES)[]) {
      const owner = keyOwner[k[0] as 'd' | 's' | 'a'];
      headersOf.set(k, (await createApiKey(app, owner.accessToken, KEY_SCOPES[k])).authHeader);
    }

    // dev's model: a real package, published, deployed through a deploy check, with a paid plan.
    const slug = `matrix-${uniq()}`;
    const auth = dev.authHeader;
    const mk = await app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: auth,
      payload: { slug, name: 'Matrix' },
    });
    expect(mk.statusCode, mk.body).toBe(201);
    const pub = await app.inject({
      method: 'POST',
      url: `/v1/models/${slug}/versions`,
      headers: { ...auth, 'content-type': 'application/gzip' },
      payload: await packageTgz(),
    });
    expect(pub.statusCode, pub.body).toBe(201);
    const dep = await app.inject({
      method: 'POST',
      url: `/v1/models/${slug}/versions/1.0.0/deploy`,
      headers: auth,
    });
    expect(dep.statusCode, dep.body).toBe(202);
    await app.ctx.services.registry.versions.executeDeployCheck({
      checkId: dep.json().id,
      gate: async () => ({ ok: true }),
      workerId: 'matrix',
      leaseMs: 30_000,
      lastAttempt: true,
    });
    // A second check, still queued, on a draft: what GET /v1/deploy-checks/{id} reads.
    const pub2 = await app.inject({
      method: 'POST',
      url: `/v1/models/${slug}/versions`,
      headers: { ...auth, 'content-type': 'application/gzip' },
      payload: await packageTgz({ version: '"1.1.0"' }),
    });
    expect(pub2.statusCode, pub2.body).toBe(201);
    const dep2 = await app.inject({
      method: 'POST',
      url: `/v1/models/${slug}/versions/1.1.0/deploy`,
      headers: auth,
    });
    expect(dep2.statusCode, dep2.body).toBe(202);
    const plan = await app.inject({
      method: 'PUT',
      url: `/v1/models/${slug}/plan`,
      headers: auth,
      payload: { priceMinor: 1900, currency: 'USD', trialDays: 14 },
    });
    expect(plan.statusCode, plan.body).toBe(200);
    const s = await app.inject({
      method: 'POST',
      url: '/v1/subscriptions',
      headers: sub.authHeader,
      payload: { model: slug, paymentMethod: '4242424242424242' },
    });
    expect(s.statusCode, s.body).toBe(201);
    const bt = await app.inject({
      method: 'POST',
      url: `/v1/models/${slug}/versions/1.0.0/backtests`,
      headers: auth,
      payload: { from: '2026-01-05T00:00:00Z', to: '2026-01-05T05:00:00Z' },
    });
    expect(bt.statusCode, bt.body).toBe(202);
    // A succeeded live run of 1.0.0 (as a worker would have stored it) and a rerun of it.
    const run = await h.t.db.query<{ id: string }>(
      `INSERT INTO runs (version_id, mode, as_of, interval_seconds, horizon_seconds, status, input_digest)
       SELECT v.id, 'live', '2026-01-05T03:00:00Z', 3600, 3600, 'succeeded', repeat('d', 64)
         FROM model_versions v JOIN models m ON m.id = v.model_id
        WHERE m.slug = $1 AND v.version = '1.0.0' RETURNING id`,
      [slug],
    );
    const runId = run.rows[0]?.id as string;
    const rr = await app.inject({ method: 'POST', url: `/v1/runs/${runId}/rerun`, headers: auth });
    expect(rr.statusCode, rr.body).toBe(202);
    fx = {
      slug,
      version: '1.0.0',
      draftCheckId: dep2.json().id,
      backtestId: bt.json().id,
      runId,
      rerunId: rr.json().id,
      subscriptionId: s.json().id,
      symbol: 'USDCHF',
      userIds: { sub: sub.userId, dev: dev.userId, admin: admin.userId },
    };
  }, 300_000);
  afterAll(async () => {
    await h?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('has a row for every operation in the OpenAPI document, and none for operations that are gone', () => {
    const missing = ops.filter((o) => !(o.operationId in ROUTES));
    expect(
      missing.map((o) => `${o.method} ${o.path} (operationId ${o.operationId})`),
      `operations in the OpenAPI document with no row in the authorization matrix; for each, ${HOW_TO_ADD}`,
    ).toEqual([]);
    const known = new Set(ops.map((o) => o.operationId));
    expect(
      Object.keys(ROUTES).filter((id) => !known.has(id)),
      'rows for operationIds that are no longer in the OpenAPI document: delete them',
    ).toEqual([]);
    for (const [id, row] of Object.entries(ROUTES))
      expect(row.expect.trim().split(/\s+/), `${id}: one status per actor`).toHaveLength(ACTORS.length);
  });

  it('gives every actor exactly the status in its cell, on every operation', async () => {
    const print = process.env.AUTHZ_MATRIX_PRINT === '1';
    const wrong: string[] = [];
    const printed: string[] = [];
    let n = 0;
    for (const op of ops) {
      const row = ROUTES[op.operationId];
      if (!row) continue; // reported by the test above
      const want = row.expect.trim().split(/\s+/).map(Number);
      const got: number[] = [];
      for (const [i, actor] of ACTORS.entries()) {
        n += 1;
        const c: Ctx = { fx, actor, n, h };
        const params = row.params ? await row.params(c) : {};
        const url =
          op.path.replace(/\{(\w+)\}/g, (_, k: string) => {
            const v = params[k];
            if (v === undefined) throw new Error(`${op.operationId}: no value for path parameter ${k}`);
            return encodeURIComponent(v);
          }) + (row.query ? `?${row.query}` : '');
        const headers: Record<string, string> = {
          ...(row.freshActor ? await makeActor(actor) : (headersOf.get(actor) ?? {})),
        };
        const opts: InjectOptions = {
          method: op.method as InjectOptions['method'],
          url,
          headers,
          remoteAddress: randomIp(),
        };
        if (row.body) {
          const body = await row.body(c);
          if (Buffer.isBuffer(body)) {
            headers['content-type'] = row.contentType ?? 'application/octet-stream';
            opts.payload = body;
          } else opts.payload = body as InjectOptions['payload'];
        }
        const res = await h.app.inject(opts);
        got.push(res.statusCode);
        if (res.statusCode !== want[i])
          wrong.push(
            `${op.operationId} (${op.method} ${op.path}) as ${actor}: expected ${want[i]}, got ${res.statusCode} ${res.body.slice(0, 160)}`,
          );
        if (res.statusCode >= 400 && res.statusCode !== 404 && op.path.startsWith('/v1'))
          expect(res.headers['content-type'], `${op.operationId} as ${actor}`).toMatch(
            /^application\/problem\+json/,
          );
      }
      printed.push(`${op.operationId}: ${got.join(' ')}`);
    }
    if (print) console.log(printed.join('\n'));
    expect(wrong, `cells that differ from the matrix (${wrong.length})`).toEqual([]);
  }, 600_000);
});
