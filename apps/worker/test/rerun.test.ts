/**
 * Re-running stored runs on real databases and the real sandbox: a deterministic model
 * reproduces, a non-deterministic one is a mismatch with the differing rows, a bar changed after
 * the run is an input_mismatch, and nothing a rerun does touches the ledger or the run.
 */

import { createInProcessQueues } from '@seer/core/queue';
import { insertRerun } from '@seer/core/runs';
import { TEST_DRIVERS } from '@seer/core/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { startWorker } from '../src/index';
import { createRerunExecutor } from '../src/rerun-worker';
import { createRunExecutor } from '../src/run-executor';
import { fixtureOpener, HOUR, seedBars, seedVersion, until, useSandbox, useTestDb } from './helpers';

const T0 = new Date(Date.UTC(2026, 0, 5, 0, 0, 0));
const SYMBOLS = ['AAA-USD', 'BBB-USD'];

const sandbox = useSandbox();

describe.each(TEST_DRIVERS)('reruns (%s)', (driver) => {
  const t = useTestDb(driver, {
    seed: (db) => seedBars(db, { symbols: SYMBOLS, from: new Date(T0.getTime() - 24 * HOUR), count: 40 }),
  });

  /** A live run of the fixture at T0 + h, executed for real and stored in the ledger. */
  async function storedRun(fixture: string, h: number) {
    const v = await seedVersion(t.db, { fixture, deployedAt: T0 });
    const asOf = new Date(T0.getTime() + h * HOUR);
    const r = await sql<{
      id: string;
    }>`INSERT INTO runs (version_id, mode, as_of, interval_seconds, horizon_seconds, status)
      VALUES (${v.id}, 'live', ${asOf}, 3600, 3600, 'queued') RETURNING id`.execute(t.db.kysely);
    const runId = (r.rows[0] as { id: string }).id;
    const opener = fixtureOpener(new Map([[v.id, fixture]]));
    const ex = createRunExecutor({
      db: t.db,
      sandbox,
      openPackage: opener,
      clock: () => new Date(asOf.getTime() + 1000),
      workerId: 'live',
      leaseMs: 30_000,
      graceMs: 5 * 60_000,
    });
    expect(await ex.execute(runId)).toBe('succeeded');
    const rerunner = createRerunExecutor({
      db: t.db,
      sandbox,
      openPackage: opener,
      clock: () => new Date(),
      workerId: 'rerun',
      leaseMs: 30_000,
    });
    return { v, runId, opener, rerunner };
  }

  const ledgerState = async (versionId: string) => {
    const p = await sql<{ n: string; h: string | null }>`SELECT count(*)::text AS n,
        (SELECT hash FROM ledger_heads WHERE version_id = ${versionId} AND mode = 'live') AS h
      FROM predictions WHERE version_id = ${versionId}`.execute(t.db.kysely);
    const run = await t.db.kysely
      .selectFrom('runs')
      .selectAll()
      .where('version_id', '=', versionId)
      .execute();
    return { ...p.rows[0], run };
  };
  const rerunRow = (id: string) =>
    t.db.kysely.selectFrom('reruns').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('reproduces a deterministic run through the worker consumer, writing nothing to the ledger', async () => {
    const { v, runId, opener } = await storedRun('momentum', 3);
    const before = await ledgerState(v.id);
    const run = before.run[0];
    const rerun = await insertRerun(t.db.kysely, {
      run_id: runId,
      requested_by: v.ownerId,
      stored_input_digest: run?.input_digest ?? null,
    });
    const queues = createInProcessQueues({ retry: { attempts: 2, backoffMs: 20 } });
    const worker = await startWorker({
      db: t.db,
      queues,
      sandbox,
      openPackage: opener,
      clock: () => new Date(),
      graceMs: 60_000,
      concurrency: 1,
      consumers: { runs: false, outcomes: false, backtests: false, reruns: true },
      rerunPollMs: 50,
    });
    try {
      await until(
        async () =>
          (
            await t.db.kysely
              .selectFrom('reruns')
              .select('status')
              .where('id', '=', rerun.id)
              .executeTakeFirst()
          )?.status === 'reproduced',
        60_000,
        'rerun reproduced',
      );
    } finally {
      await worker.close();
      await queues.close();
    }
    const done = await rerunRow(rerun.id);
    expect(done).toMatchObject({ status: 'reproduced', compared: 2, differences: [], attempts: 1 });
    expect(done.rerun_input_digest).toBe(run?.input_digest);
    expect(done.stored_input_digest).toBe(run?.input_digest);
    expect(await ledgerState(v.id)).toEqual(before);
  }, 120_000);

  it('reports a non-deterministic model as a mismatch with each differing row', async () => {
    const { v, runId, rerunner } = await storedRun('noisy', 4);
    const before = await ledgerState(v.id);
    const stored = await t.db.kysely
      .selectFrom('predictions')
      .select(['symbol', 'value', 'confidence'])
      .where('run_id', '=', runId)
      .orderBy('symbol')
      .execute();
    const rerun = await insertRerun(t.db.kysely, {
      run_id: runId,
      requested_by: v.ownerId,
      stored_input_digest: before.run[0]?.input_digest ?? null,
    });
    expect(await rerunner.execute(rerun.id)).toBe('mismatch');
    const done = await rerunRow(rerun.id);
    expect(done.rerun_input_digest).toBe(before.run[0]?.input_digest);
    expect(done.compared).toBe(2);
    expect(done.differences?.map((d) => d.symbol)).toEqual(SYMBOLS);
    for (const [i, d] of (done.differences ?? []).entries()) {
      expect(d.stored).toEqual({ value: stored[i]?.value, confidence: 0.5 });
      expect(d.rerun?.value).not.toBe(stored[i]?.value);
    }
    // Executing it again is a no-op: the rerun is finished.
    expect(await rerunner.execute(rerun.id)).toBe('already_finished');
    expect(await ledgerState(v.id)).toEqual(before);
  }, 120_000);

  it('reports input_mismatch when a bar the run read was changed afterwards, and compares nothing', async () => {
    const { v, runId, rerunner } = await storedRun('momentum', 5);
    const before = await ledgerState(v.id);
    // The bar that closed at the run's as_of (opened an hour before) is rewritten behind the
    // immutability trigger's back: what someone with database access could do.
    await sql`ALTER TABLE bars DISABLE TRIGGER USER`.execute(t.db.kysely);
    await sql`UPDATE bars SET open = close * 1.01, high = close * 1.01, low = close * 1.01, close = close * 1.01
      WHERE instrument_id = (SELECT id FROM instruments WHERE symbol = 'AAA-USD')
        AND interval = '1h' AND ts = ${new Date(T0.getTime() + 4 * HOUR)}`.execute(t.db.kysely);
    await sql`ALTER TABLE bars ENABLE TRIGGER USER`.execute(t.db.kysely);
    const rerun = await insertRerun(t.db.kysely, {
      run_id: runId,
      requested_by: v.ownerId,
      stored_input_digest: before.run[0]?.input_digest ?? null,
    });
    expect(await rerunner.execute(rerun.id)).toBe('input_mismatch');
    const done = await rerunRow(rerun.id);
    expect(done.rerun_input_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(done.rerun_input_digest).not.toBe(done.stored_input_digest);
    expect(done.compared).toBeNull();
    expect(done.differences).toBeNull();
    expect(await ledgerState(v.id)).toEqual(before);
  }, 120_000);

  it('fails a rerun whose run is not a succeeded run, and one whose package fails verification', async () => {
    const { v, runId, rerunner } = await storedRun('momentum', 6);
    const digest = (await ledgerState(v.id)).run[0]?.input_digest ?? null;
    const tampered = createRerunExecutor({
      db: t.db,
      sandbox,
      openPackage: fixtureOpener(new Map([[v.id, 'tampered']])),
      clock: () => new Date(),
      workerId: 'rerun',
      leaseMs: 30_000,
    });
    const a = await insertRerun(t.db.kysely, {
      run_id: runId,
      requested_by: null,
      stored_input_digest: digest,
    });
    expect(await tampered.execute(a.id)).toBe('failed');
    const fa = await rerunRow(a.id);
    expect(fa.error_code).toBe('artifact_integrity_failed');

    const b = await insertRerun(t.db.kysely, {
      run_id: runId,
      requested_by: null,
      stored_input_digest: digest,
    });
    // A run marked failed afterwards (as the API would refuse it): the worker re-checks the run.
    await sql`ALTER TABLE runs DISABLE TRIGGER USER`.execute(t.db.kysely);
    await sql`UPDATE runs SET status = 'failed' WHERE id = ${runId}`.execute(t.db.kysely);
    await sql`ALTER TABLE runs ENABLE TRIGGER USER`.execute(t.db.kysely);
    expect(await rerunner.execute(b.id)).toBe('failed');
    const fb = await rerunRow(b.id);
    expect(fb.error_code).toBe('run_not_rerunnable');
  }, 120_000);

  it('hands a rerun back on transient sandbox trouble, and records it as failed on the last attempt', async () => {
    const { v, runId } = await storedRun('momentum', 7);
    const down = createRerunExecutor({
      db: t.db,
      // The sandbox host is down (the one outside failure injected here).
      sandbox: {
        run: async () => ({
          ok: false,
          code: 'sandbox_unavailable',
          message: 'no sandbox slot',
          stderr: '',
          logs: [],
          usage: { wallMs: 0, cpuMs: null, peakMemoryKb: null },
          inputDigest: null,
        }),
      },
      openPackage: fixtureOpener(new Map([[v.id, 'momentum']])),
      clock: () => new Date(),
      workerId: 'rerun',
      leaseMs: 30_000,
    });
    const r = await insertRerun(t.db.kysely, {
      run_id: runId,
      requested_by: null,
      stored_input_digest: null,
    });
    const status = () => rerunRow(r.id);
    await expect(down.execute(r.id)).rejects.toThrow('no sandbox slot');
    expect(await status()).toMatchObject({ status: 'queued', lease_owner: null, attempts: 1 });
    expect(await down.execute(r.id, { lastAttempt: true })).toBe('failed');
    expect(await status()).toMatchObject({ status: 'failed', error_code: 'rerun_unavailable', attempts: 2 });
  }, 120_000);
});
