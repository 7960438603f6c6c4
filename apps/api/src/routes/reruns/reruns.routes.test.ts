/**
 * POST /v1/runs/{id}/rerun and GET /v1/reruns/{id} on real PostgreSQL: who may ask (owner and
 * admin; 404 to everyone else), which runs can be re-run, and the problem+json codes. The worker
 * side (sandbox, comparison) is tested in apps/worker/test/rerun.test.ts.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedVersion } from '../../../../worker/test/helpers';
import { createAdmin, createApiKey, registerAndLogin, type TestUser } from '../../testing/auth';
import { createTestApp, type TestApp } from '../../testing/test-app';

describe('reruns API', () => {
  let h: TestApp;
  let dev: TestUser;
  let dev2: TestUser;
  let sub: TestUser;
  let admin: TestUser;
  let okRun: string;
  let failedRun: string;
  beforeAll(async () => {
    h = await createTestApp('pg');
    dev = await registerAndLogin(h.app, { roles: ['developer'] });
    dev2 = await registerAndLogin(h.app, { roles: ['developer'] });
    sub = await registerAndLogin(h.app, { roles: ['subscriber'] });
    admin = await createAdmin(h.app);
    const v = await seedVersion(h.t.db, {
      fixture: 'momentum',
      ownerId: dev.userId,
      deployedAt: new Date('2026-01-05T00:00:00Z'),
    });
    const ins = async (status: string, asOf: string, digest: string | null) =>
      (
        await sql<{
          id: string;
        }>`INSERT INTO runs (version_id, mode, as_of, interval_seconds, horizon_seconds, status, input_digest)
          VALUES (${v.id}, 'live', ${new Date(asOf)}, 3600, 3600, ${status}, ${digest}) RETURNING id`.execute(
          h.t.db.kysely,
        )
      ).rows[0]?.id as string;
    okRun = await ins('succeeded', '2026-01-05T03:00:00Z', 'd'.repeat(64));
    failedRun = await ins('failed', '2026-01-05T04:00:00Z', null);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const post = (id: string, headers: Record<string, string>) =>
    h.app.inject({ method: 'POST', url: `/v1/runs/${id}/rerun`, headers });
  const get = (id: string, headers: Record<string, string>) =>
    h.app.inject({ method: 'GET', url: `/v1/reruns/${id}`, headers });

  it('queues a rerun for the owner (202 + Location) that the owner and admins can read', async () => {
    const res = await post(okRun, dev.authHeader);
    expect(res.statusCode, res.body).toBe(202);
    const body = res.json();
    expect(res.headers.location).toBe(`/v1/reruns/${body.id}`);
    expect(body).toMatchObject({
      runId: okRun,
      status: 'queued',
      storedInputDigest: 'd'.repeat(64),
      rerunInputDigest: null,
      compared: null,
      differences: [],
    });
    const row = await h.t.db.kysely
      .selectFrom('reruns')
      .selectAll()
      .where('id', '=', body.id)
      .executeTakeFirst();
    expect(row?.requested_by).toBe(dev.userId);
    expect((await get(body.id, dev.authHeader)).json()).toEqual(body);
    expect((await get(body.id, admin.authHeader)).statusCode).toBe(200);
    // Nobody else learns it exists.
    for (const other of [dev2, sub]) {
      const g = await get(body.id, other.authHeader);
      expect(g.statusCode).toBe(404);
      expect(g.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await get(body.id, {})).statusCode).toBe(401);
  });

  it('lets an admin re-run any run; 404 to another developer, 403 to a subscriber (no models:write)', async () => {
    expect((await post(okRun, admin.authHeader)).statusCode).toBe(202);
    const other = await post(okRun, dev2.authHeader);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('not_found');
    const s = await post(okRun, sub.authHeader);
    expect(s.statusCode).toBe(403);
    expect(s.json().code).toBe('insufficient_scope');
    expect((await post(okRun, {})).statusCode).toBe(401);
  });

  it('needs the models:write scope on an API key', async () => {
    const read = await createApiKey(h.app, dev.accessToken, ['models:read']);
    const res = await post(okRun, read.authHeader);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('insufficient_scope');
    const write = await createApiKey(h.app, dev.accessToken, ['models:read', 'models:write']);
    expect((await post(okRun, write.authHeader)).statusCode).toBe(202);
  });

  it('refuses a run that did not succeed (409 run_not_rerunnable) and an unknown run or rerun (404)', async () => {
    const res = await post(failedRun, dev.authHeader);
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json().code).toBe('run_not_rerunnable');
    // Not even the refusal leaks to someone who cannot see the run.
    expect((await post(failedRun, dev2.authHeader)).statusCode).toBe(404);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await post(unknown, dev.authHeader)).json().code).toBe('not_found');
    expect((await get(unknown, admin.authHeader)).statusCode).toBe(404);
    expect((await post('not-a-uuid', dev.authHeader)).statusCode).toBe(400);
  });
});
