/**
 * Runs, predictions, ledger verification, coverage and backtest routes over a real database:
 * object-level access, validation, pagination, CSV export and tamper detection.
 */
import { withTransaction } from '@seer/core/db';
import { appendPredictions, type HashedLedgerEntry, verifyLedger } from '@seer/core/predictions';
import { insertRuns } from '@seer/core/runs';
import { TEST_DRIVERS } from '@seer/core/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededVersion, seedVersion } from '../../../../worker/test/helpers';
import { createAdmin, registerAndLogin, type TestUser } from '../../testing/auth';
import { storeRun } from '../../testing/runs';
import { createTestApp, type TestApp } from '../../testing/test-app';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 5);

describe.each(TEST_DRIVERS)('runs & predictions API (%s)', (driver) => {
  let ta: TestApp;
  let app: FastifyInstance;
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;
  let v: SeededVersion;
  let draft: SeededVersion;
  const base = () => `/v1/models/${v.slug}/versions/${v.version}`;

  beforeAll(async () => {
    ta = await createTestApp(driver, { backtestMaxBoundaries: 48 });
    app = ta.app;
    owner = await registerAndLogin(app, { roles: ['developer'] });
    other = await registerAndLogin(app, { roles: ['developer'] });
    admin = await createAdmin(app);
    const db = ta.t.db;
    v = await seedVersion(db, { fixture: 'momentum', ownerId: owner.userId, deployedAt: new Date(T0) });
    draft = await seedVersion(db, { fixture: 'momentum', ownerId: owner.userId, deployedAt: null });
    // Five live boundaries, two symbols each; one missed slot.
    for (let k = 1; k <= 6; k++) {
      const asOf = new Date(T0 + k * H);
      if (k === 4) {
        await insertRuns(db.kysely, [
          {
            version_id: v.id,
            mode: 'live',
            as_of: asOf,
            interval_seconds: 3600,
            horizon_seconds: 3600,
            status: 'missed',
            error_code: 'missed_data_late',
            finished_at: asOf,
          },
        ]);
        continue;
      }
      await storeRun(db, {
        versionId: v.id,
        asOf,
        createdAt: new Date(asOf.getTime() + 1500),
        predictions: [
          { symbol: 'AAA-USD', value: 0.001 * k, confidence: 0.5 },
          { symbol: 'BBB-USD', value: -0.1 / 3, confidence: null },
        ],
      });
    }
  });
  afterAll(async () => {
    await ta?.close();
  });

  it('lists predictions in ledger order with keyset pagination; the pages verify as one chain', async () => {
    const all: HashedLedgerEntry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: {
        statusCode: number;
        json: () => { versionId: string; items: HashedLedgerEntry[]; nextCursor: string | null };
      } = await app.inject({
        method: 'GET',
        url: `${base()}/predictions?limit=4${cursor ? `&cursor=${cursor}` : ''}`,
        headers: owner.authHeader,
      });
      expect(res.statusCode).toBe(200);
      const body: { versionId: string; items: HashedLedgerEntry[]; nextCursor: string | null } = res.json();
      expect(body.versionId).toBe(v.id);
      all.push(...body.items);
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(all.map((p) => p.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(all[1]).toMatchObject({ symbol: 'BBB-USD', value: -0.1 / 3, confidence: null, target: 'return' });
    expect(verifyLedger(all)).toMatchObject({ valid: true, checked: 10 });
  });

  it('filters by as_of range and exports CSV that parses back to a verifiable chain', async () => {
    const ranged = await app.inject({
      method: 'GET',
      url: `${base()}/predictions?from=${new Date(T0 + 2 * H).toISOString()}&to=${new Date(T0 + 3 * H).toISOString()}`,
      headers: owner.authHeader,
    });
    expect(ranged.json().items.map((p: { seq: number }) => p.seq)).toEqual([3, 4, 5, 6]);

    const res = await app.inject({
      method: 'GET',
      url: `${base()}/predictions?format=csv`,
      headers: owner.authHeader,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...lines] = res.body.trim().split('\n');
    const cols = (header as string).split(',');
    expect(cols.slice(0, 4)).toEqual(['version_id', 'mode', 'seq', 'symbol']);
    const entries = lines.map((line) => {
      const c = Object.fromEntries(line.split(',').map((x, i) => [cols[i], x]));
      return {
        version_id: c.version_id,
        mode: c.mode,
        seq: Number(c.seq),
        symbol: c.symbol,
        as_of: c.as_of,
        horizon: c.horizon,
        target: c.target,
        value: Number(c.value),
        confidence: c.confidence === '' ? null : Number(c.confidence),
        created_at: c.created_at,
        prev_hash: c.prev_hash,
        hash: c.hash,
        ledger_format: c.ledger_format,
        run_id: c.run_id,
        input_digest: c.input_digest === '' ? null : c.input_digest,
        package_digest: c.package_digest,
        salt: c.salt,
        commitment: c.commitment,
      } as HashedLedgerEntry;
    });
    expect(entries).toHaveLength(10);
    expect(verifyLedger(entries).valid).toBe(true);
  });

  it('verifies the chain, then finds the first broken link after tampering', async () => {
    const ok = await app.inject({ method: 'GET', url: `${base()}/ledger/verify`, headers: owner.authHeader });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      versionId: v.id,
      mode: 'live',
      format: 'seer-ledger-v2',
      valid: true,
      checked: 10,
      head: { seq: 10 },
      firstBreak: null,
    });
    const bt = await app.inject({
      method: 'GET',
      url: `${base()}/ledger/verify?mode=backtest`,
      headers: owner.authHeader,
    });
    expect(bt.json()).toMatchObject({ valid: true, checked: 0, head: { seq: 0 } });

    await ta.t.db.withSession(async (s) => {
      await s.query('BEGIN');
      await s.query('ALTER TABLE predictions DISABLE TRIGGER predictions_append_only');
      await s.query(
        "UPDATE predictions SET confidence = 0.99 WHERE version_id = $1 AND seq = 7 AND mode = 'live'",
        [v.id],
      );
      await s.query('ALTER TABLE predictions ENABLE TRIGGER predictions_append_only');
      await s.query('COMMIT');
    });
    const bad = await app.inject({
      method: 'GET',
      url: `${base()}/ledger/verify`,
      headers: admin.authHeader,
    });
    // v2: the confidence is under the salted commitment, so the revealed value no longer matches it.
    expect(bad.json()).toMatchObject({
      valid: false,
      checked: 6,
      firstBreak: { seq: 7, reason: 'commitment_mismatch' },
    });
  });

  it('detects entries cut off the end of the chain through the recorded head', async () => {
    const v2 = await seedVersion(ta.t.db, {
      fixture: 'momentum',
      ownerId: owner.userId,
      deployedAt: new Date(T0),
    });
    const [run] = await insertRuns(ta.t.db.kysely, [
      {
        version_id: v2.id,
        mode: 'live',
        as_of: new Date(T0 + H),
        interval_seconds: 3600,
        horizon_seconds: 3600,
        status: 'queued',
      },
    ]);
    await withTransaction(ta.t.db, (trx) =>
      appendPredictions(trx, {
        versionId: v2.id,
        mode: 'live',
        runId: run?.id as string,
        asOf: new Date(T0 + H),
        horizon: '1h',
        horizonMs: H,
        target: 'return',
        createdAt: new Date(T0 + H + 10),
        predictions: [
          { symbol: 'AAA-USD', value: 1, confidence: null },
          { symbol: 'BBB-USD', value: 2, confidence: null },
        ],
      }),
    );
    await ta.t.db.withSession(async (s) => {
      await s.query('BEGIN');
      await s.query('ALTER TABLE predictions DISABLE TRIGGER predictions_append_only');
      await s.query('DELETE FROM predictions WHERE version_id = $1 AND seq = 2', [v2.id]);
      await s.query('ALTER TABLE predictions ENABLE TRIGGER predictions_append_only');
      await s.query('COMMIT');
    });
    const res = await app.inject({
      method: 'GET',
      url: `/v1/models/${v2.slug}/versions/1.0.0/ledger/verify`,
      headers: owner.authHeader,
    });
    expect(res.json()).toMatchObject({
      valid: false,
      checked: 1,
      firstBreak: { seq: 2, reason: 'head_mismatch' },
    });
  });

  it('refuses strangers, hides drafts, requires authentication', async () => {
    for (const path of ['/predictions', '/ledger/verify', '/runs', '/coverage']) {
      const anon = await app.inject({ method: 'GET', url: `${base()}${path}` });
      expect(anon.statusCode).toBe(401);
      const stranger = await app.inject({
        method: 'GET',
        url: `${base()}${path}`,
        headers: other.authHeader,
      });
      expect(stranger.statusCode).toBe(403);
      // Predictions open to subscribers (subscription_required); runs and coverage stay the owner's.
      expect(stranger.json().code).toBe(
        path === '/predictions' || path === '/ledger/verify' ? 'subscription_required' : 'forbidden',
      );
      const hidden = await app.inject({
        method: 'GET',
        url: `/v1/models/${draft.slug}/versions/1.0.0${path}`,
        headers: other.authHeader,
      });
      expect(hidden.statusCode).toBe(404);
      const missing = await app.inject({
        method: 'GET',
        url: `/v1/models/${v.slug}/versions/9.9.9${path}`,
        headers: owner.authHeader,
      });
      expect(missing.statusCode).toBe(404);
    }
    const bad = await app.inject({
      method: 'GET',
      url: `${base()}/predictions?limit=0`,
      headers: owner.authHeader,
    });
    expect(bad.statusCode).toBe(400);
    const badMode = await app.inject({
      method: 'GET',
      url: `${base()}/predictions?mode=paper`,
      headers: owner.authHeader,
    });
    expect(badMode.statusCode).toBe(400);
    const badCursor = await app.inject({
      method: 'GET',
      url: `${base()}/predictions?cursor=abc`,
      headers: owner.authHeader,
    });
    expect(badCursor.statusCode).toBe(400);
  });

  it('lists runs newest first with errors, and reports coverage with missed slots counted', async () => {
    const res = await app.inject({ method: 'GET', url: `${base()}/runs?limit=4`, headers: owner.authHeader });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((r: { asOf: string }) => new Date(r.asOf).getTime())).toEqual(
      [6, 5, 4, 3].map((k) => T0 + k * H),
    );
    expect(body.items[2]).toMatchObject({ status: 'missed', errorCode: 'missed_data_late' });
    const next = await app.inject({
      method: 'GET',
      url: `${base()}/runs?limit=4&cursor=${body.nextCursor}`,
      headers: owner.authHeader,
    });
    expect(next.json().items).toHaveLength(2);
    expect(next.json().nextCursor).toBeNull();
    const missedOnly = await app.inject({
      method: 'GET',
      url: `${base()}/runs?status=missed`,
      headers: owner.authHeader,
    });
    expect(missedOnly.json().items).toHaveLength(1);

    const cov = await app.inject({ method: 'GET', url: `${base()}/coverage`, headers: owner.authHeader });
    expect(cov.statusCode).toBe(200);
    const c = cov.json();
    expect(c).toMatchObject({ versionId: v.id, succeeded: 5, missed: 1 });
    // Deployed at T0: every hourly slot since then counts, run or not.
    expect(c.slots).toBeGreaterThan(6);
    expect(c.coverage).toBeCloseTo(5 / c.slots, 12);
    await expect(ta.app.ctx.services.runs.coverage(v.id)).resolves.toMatchObject({ succeeded: 5 });
  });

  it('accepts a backtest with 202 and a job to poll; validates range, size and body', async () => {
    const from = new Date(T0 + 10 * H).toISOString();
    const to = new Date(T0 + 20 * H).toISOString();
    const res = await app.inject({
      method: 'POST',
      url: `${base()}/backtests`,
      headers: owner.authHeader,
      payload: { from, to },
    });
    expect(res.statusCode).toBe(202);
    const bt = res.json();
    expect(res.headers.location).toBe(`/v1/backtests/${bt.id}`);
    expect(bt).toMatchObject({ status: 'queued', progress: 0, counts: { total: 11, done: 0 }, from, to });
    const poll = await app.inject({
      method: 'GET',
      url: `/v1/backtests/${bt.id}`,
      headers: owner.authHeader,
    });
    expect(poll.statusCode).toBe(200);
    expect(poll.json().id).toBe(bt.id);
    expect(
      (await app.inject({ method: 'GET', url: `/v1/backtests/${bt.id}`, headers: other.authHeader }))
        .statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: `/v1/backtests/${bt.id}`, headers: admin.authHeader }))
        .statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: '/v1/backtests/not-a-uuid', headers: owner.authHeader }))
        .statusCode,
    ).toBe(400);

    const post = (payload: unknown, who = owner) =>
      app.inject({
        method: 'POST',
        url: `${base()}/backtests`,
        headers: who.authHeader,
        payload: payload as object,
      });
    const reversed = await post({ from: to, to: from });
    expect(reversed.statusCode).toBe(422);
    expect(reversed.json().code).toBe('backtest_range_invalid');
    const future = await post({ from, to: new Date(Date.now() + 10 * H).toISOString() });
    expect(future.statusCode).toBe(422);
    const big = await post({ from: new Date(T0).toISOString(), to: new Date(T0 + 100 * H).toISOString() });
    expect(big.statusCode).toBe(422);
    expect(big.json().code).toBe('backtest_too_large');
    const empty = await post({
      from: new Date(T0 + 10 * H + 1).toISOString(),
      to: new Date(T0 + 10 * H + 2).toISOString(),
    });
    expect(empty.statusCode).toBe(422);
    expect((await post({ from, to, extra: 1 })).statusCode).toBe(400);
    expect((await post({ from: 'yesterday', to })).statusCode).toBe(400);
    expect((await post({ from, to }, other)).statusCode).toBe(403);
  });
});
