/**
 * Per-user quotas over HTTP on both databases: models, drafts, uploads in flight and queued
 * backtests each answer 429 problem+json with their stable code and Retry-After; admins are exempt.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { packageTgz } from '@seer/core/registry';
import { TEST_DRIVERS } from '@seer/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin, registerAndLogin, type TestUser } from '../../testing/auth';
import { createTestApp, type TestApp } from '../../testing/test-app';

describe.each(TEST_DRIVERS)('quotas on %s', (driver) => {
  let h: TestApp;
  let work: string;
  let admin: TestUser;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'seer-quotas-'));
    h = await createTestApp(driver, {
      keysDir: path.join(work, 'keys'),
      artifactDir: path.join(work, 'artifacts'),
      quotaModelsPerUser: 2,
      quotaDraftsPerUser: 1,
      quotaUploadsInFlightPerUser: 1,
      quotaQueuedBacktestsPerUser: 1,
    });
    await h.t.db.query(
      `INSERT INTO instruments (symbol, name, asset_class) VALUES ('USDCHF', 'USD/CHF', 'fx')`,
    );
    admin = await createAdmin(h.app);
  });
  afterAll(async () => {
    await h?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const createModel = (user: TestUser, slug: string) =>
    h.app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: user.authHeader,
      payload: { slug, name: slug },
    });
  const upload = (user: TestUser, slug: string, body: Buffer | PassThrough) =>
    h.app.inject({
      method: 'POST',
      url: `/v1/models/${slug}/versions`,
      headers: { ...user.authHeader, 'content-type': 'application/gzip' },
      payload: body,
    });
  const expect429 = (
    res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
    code: string,
  ) => {
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.json()).toMatchObject({ status: 429, code });
  };

  it('limits the models a user owns (admins exempt)', async () => {
    const dev = await registerAndLogin(h.app, { roles: ['developer'] });
    expect((await createModel(dev, 'q-models-1')).statusCode).toBe(201);
    expect((await createModel(dev, 'q-models-2')).statusCode).toBe(201);
    expect429(await createModel(dev, 'q-models-3'), 'quota_exceeded_models');
    for (const s of ['q-admin-1', 'q-admin-2', 'q-admin-3'])
      expect((await createModel(admin, s)).statusCode).toBe(201);
  });

  it('limits draft versions until one is deleted', async () => {
    const dev = await registerAndLogin(h.app, { roles: ['developer'] });
    await createModel(dev, 'q-drafts');
    expect((await upload(dev, 'q-drafts', await packageTgz())).statusCode).toBe(201);
    expect429(
      await upload(dev, 'q-drafts', await packageTgz({ version: '"1.1.0"' })),
      'quota_exceeded_drafts',
    );
    const del = await h.app.inject({
      method: 'DELETE',
      url: '/v1/models/q-drafts/versions/1.0.0',
      headers: dev.authHeader,
    });
    expect(del.statusCode).toBe(204);
    expect((await upload(dev, 'q-drafts', await packageTgz({ version: '"1.1.0"' }))).statusCode).toBe(201);
  });

  it('limits uploads being processed at the same time', async () => {
    const dev = await registerAndLogin(h.app, { roles: ['developer'] });
    await createModel(dev, 'q-uploads');
    const tgz = await packageTgz();
    // The first upload is still streaming in: it holds the user's only slot.
    const slow = new PassThrough();
    slow.write(tgz.subarray(0, 10));
    const first = upload(dev, 'q-uploads', slow);
    const leases = async () =>
      (await h.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM upload_leases`)).rows[0]?.n ?? 0;
    for (let i = 0; i < 200 && (await leases()) === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await leases()).toBe(1);
    expect429(await upload(dev, 'q-uploads', tgz), 'quota_exceeded_uploads');
    slow.end(tgz.subarray(10));
    expect((await first).statusCode).toBe(201);
    expect(await leases()).toBe(0);
  });

  it('limits queued backtests', async () => {
    const dev = await registerAndLogin(h.app, { roles: ['developer'] });
    await createModel(dev, 'q-backtests');
    expect((await upload(dev, 'q-backtests', await packageTgz())).statusCode).toBe(201);
    const backtest = (from: string, to: string) =>
      h.app.inject({
        method: 'POST',
        url: '/v1/models/q-backtests/versions/1.0.0/backtests',
        headers: dev.authHeader,
        payload: { from, to },
      });
    expect((await backtest('2025-01-06T00:00:00Z', '2025-01-06T05:00:00Z')).statusCode).toBe(202);
    expect429(await backtest('2025-01-07T00:00:00Z', '2025-01-07T05:00:00Z'), 'quota_exceeded_backtests');
    await h.t.db.query(`UPDATE backtests SET status = 'succeeded'`);
    expect((await backtest('2025-01-07T00:00:00Z', '2025-01-07T05:00:00Z')).statusCode).toBe(202);
  });
});
