/**
 * `seerd db create-login` and running as the runtime login (issue 9, item 6): the login made
 * by the command owns nothing and cannot disable a trigger or change a prediction, yet the API
 * and the run executor work through it; `seerd migrate` migrates as MIGRATION_DATABASE_URL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApiContext } from '@seer/api/bootstrap';
import { randomIp, registerAndLogin } from '@seer/api/testing/auth';
import { testConfig } from '@seer/core/config';
import { type Db, openDb } from '@seer/core/db';
import { createInProcessQueues } from '@seer/core/queue';
import { packageTgz } from '@seer/core/registry';
import { createTestDb, TEST_PG_ADMIN_URL, type TestDb } from '@seer/core/testing';
import { createRunExecutor } from '@seer/worker/run-executor';
import { createScheduler } from '@seer/worker/scheduler';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureOpener, HOUR, manualClock, seedBars, seedVersion } from '../../../worker/test/helpers';
import { runSeerdInProcess } from './run-in-process';

describe('runtime login (pg)', () => {
  let t: TestDb;
  let work: string;
  const login = `seer_rt_${randomBytes(4).toString('hex')}`;
  let runtimeUrl: string;
  let runtime: Db | undefined;

  beforeAll(async () => {
    t = await createTestDb('pg');
    work = await mkdtemp(path.join(tmpdir(), 'seer-runtime-login-'));
  }, 120_000);
  afterAll(async () => {
    await runtime?.close();
    await t?.cleanup();
    if (work) await rm(work, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${login}`);
    await admin.end();
  });

  async function seerd(args: string[], env: Record<string, string>, stdin = '') {
    return runSeerdInProcess(args, { NODE_ENV: 'test', ...env }, stdin);
  }

  it('creates a login in seer_app that owns nothing and cannot touch the triggers', async () => {
    const res = await seerd(
      ['db', 'create-login', '--name', login, '--password-stdin'],
      { DATABASE_URL: t.url as string },
      'a runtime password of some length\n',
    );
    expect(res.stderr).toContain(`created ${login}`);
    expect(res.code).toBe(0);
    const u = new URL(t.url as string);
    u.username = login;
    u.password = 'a runtime password of some length';
    runtimeUrl = u.toString();
    expect(res.stdout).toContain(`DATABASE_URL=postgres://${login}:<password>@`);

    runtime = await openDb({ databaseUrl: runtimeUrl, poolMax: 4 });
    const member = await runtime.query<{ m: boolean; su: boolean }>(
      `SELECT pg_has_role(current_user, 'seer_app', 'member') AS m, rolsuper AS su FROM pg_roles WHERE rolname = current_user`,
    );
    expect(member.rows[0]).toEqual({ m: true, su: false });
    await expect(runtime.query('ALTER TABLE predictions DISABLE TRIGGER ALL')).rejects.toMatchObject({
      code: '42501',
    });
    await expect(runtime.query('UPDATE predictions SET value = 0')).rejects.toMatchObject({ code: '42501' });

    // Again with the same name: the password is updated, nothing else changes.
    const again = await seerd(
      ['db', 'create-login', '--name', login, '--password-stdin'],
      { DATABASE_URL: t.url as string },
      'a runtime password of some length\n',
    );
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`updated ${login}`);
    // A short password and argv passwords are refused.
    expect(
      (
        await seerd(
          ['db', 'create-login', '--name', login, '--password-stdin'],
          { DATABASE_URL: t.url as string },
          'short\n',
        )
      ).code,
    ).toBe(2);
  }, 60_000);

  it('`seerd migrate` runs as MIGRATION_DATABASE_URL; the runtime login cannot migrate', async () => {
    const ok = await seerd(['migrate'], {
      DATABASE_URL: runtimeUrl,
      MIGRATION_DATABASE_URL: t.url as string,
    });
    expect(ok.stdout).toMatch(/up to date/);
    expect(ok.code).toBe(0);
    await expect(
      runtime!.query(`INSERT INTO schema_migrations (name, checksum) VALUES ('zzz', 'x')`),
    ).rejects.toMatchObject({ code: '42501' });
  }, 60_000);

  it('the API works as the runtime login', async () => {
    const config = testConfig({
      databaseUrl: runtimeUrl,
      keysDir: path.join(work, 'keys'),
      artifactDir: path.join(work, 'artifacts'),
    });
    const api = await createApiContext({ config, db: runtime! });
    try {
      await t.db.query(
        `INSERT INTO instruments (symbol, name, asset_class) VALUES ('USDCHF', 'USD/CHF', 'fx')`,
      );
      const dev = await registerAndLogin(api.app, { roles: ['developer'] });
      const created = await api.app.inject({
        method: 'POST',
        url: '/v1/models',
        headers: dev.authHeader,
        payload: { slug: 'runtime-role', name: 'R' },
      });
      expect(created.statusCode).toBe(201);
      const up = await api.app.inject({
        method: 'POST',
        url: '/v1/models/runtime-role/versions',
        headers: { ...dev.authHeader, 'content-type': 'application/gzip' },
        payload: await packageTgz(),
      });
      expect(up.statusCode).toBe(201);
      const del = await api.app.inject({
        method: 'DELETE',
        url: '/v1/models/runtime-role/versions/1.0.0',
        headers: dev.authHeader,
      });
      expect(del.statusCode).toBe(204);
      const plan = await api.app.inject({
        method: 'PUT',
        url: '/v1/models/runtime-role/plan',
        headers: dev.authHeader,
        payload: { priceMinor: 500, currency: 'USD', trialDays: 7 },
      });
      expect(plan.statusCode).toBe(200);
      const key = await api.app.inject({
        method: 'POST',
        url: '/v1/api-keys',
        headers: dev.authHeader,
        payload: { name: 'bot', scopes: ['models:read'] },
      });
      expect(key.statusCode).toBe(201);
      const refreshed = await api.app.inject({
        method: 'POST',
        url: '/v1/auth/refresh',
        remoteAddress: randomIp(),
        payload: { refreshToken: dev.refreshToken },
      });
      expect(refreshed.statusCode).toBe(200);
      const pw = await api.app.inject({
        method: 'POST',
        url: '/v1/me/password',
        headers: dev.authHeader,
        payload: { currentPassword: dev.password, newPassword: 'another fine passphrase 7' },
      });
      expect(pw.statusCode).toBe(204);
    } finally {
      await api.close();
    }
  }, 120_000);

  it('the run executor stores predictions as the runtime login', async () => {
    const T0 = new Date(Date.UTC(2026, 0, 5));
    // Fixtures are written by the owner (as an operator's ingest would), the run by the runtime.
    await seedBars(t.db, {
      symbols: ['AAA-USD', 'BBB-USD'],
      from: new Date(T0.getTime() - 24 * HOUR),
      count: 40,
    });
    const v = await seedVersion(t.db, {
      fixture: 'momentum',
      deployedAt: new Date(T0.getTime() + 12 * HOUR + 1),
    });
    const clock = manualClock(new Date(T0.getTime() + 13 * HOUR + 1000));
    const queues = createInProcessQueues();
    const s = await createScheduler({ db: runtime!, queues, clock: clock.clock, graceMs: 5 * 60_000 });
    await s.tick();
    await s.close();
    await queues.close();
    const run = await runtime!.kysely
      .selectFrom('runs')
      .select('id')
      .where('version_id', '=', v.id)
      .executeTakeFirstOrThrow();
    const ex = createRunExecutor({
      db: runtime!,
      // The database is what is under test here, not the jail: a stand-in sandbox answers.
      sandbox: {
        run: async () => ({
          ok: true as const,
          predictions: [
            { symbol: 'AAA-USD', value: 0.01, confidence: null },
            { symbol: 'BBB-USD', value: -0.02, confidence: 0.5 },
          ],
          inputDigest: 'a'.repeat(64),
          usage: { wallMs: 5, cpuMs: 4, peakMemoryKb: 1000 },
          logs: [],
          stderr: '',
        }),
      },
      openPackage: fixtureOpener(new Map([[v.id, 'momentum']])),
      clock: clock.clock,
      workerId: 'runtime-worker',
      leaseMs: 10_000,
      graceMs: 5 * 60_000,
    });
    expect(await ex.execute(run.id)).toBe('succeeded');
    const n = await runtime!.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM predictions WHERE run_id = $1',
      [run.id],
    );
    expect(n.rows[0]?.n).toBe(2);
  }, 120_000);
});
