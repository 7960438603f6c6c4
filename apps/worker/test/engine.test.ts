/**
 * The runs engine end to end on real databases and the real sandbox (fork strategy): scheduler
 * decisions, worker execution, the hash-chained ledger, the append-only trigger, outcomes,
 * coverage inputs and backtests.
 */
import { withTransaction } from '@seer/core/db';
import { appendPredictions, chainPage, verifyLedger } from '@seer/core/predictions';
import { createInProcessQueues } from '@seer/core/queue';
import { insertBacktest, liveStatusCounts } from '@seer/core/runs';
import { TEST_DRIVERS } from '@seer/core/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../src/backtest-runner';
import { createRunMetrics } from '../src/metrics';
import { sweepOutcomes } from '../src/outcomes-worker';
import { createRunExecutor } from '../src/run-executor';
import { createScheduler } from '../src/scheduler';
import {
  expectValidChain,
  fixtureOpener,
  HOUR,
  liveRunsSettled,
  manualClock,
  priceAt,
  queuedLiveRun,
  retireVersionsAfterEach,
  seedBars,
  seedVersion,
  startFixtureWorker,
  until,
  useSandbox,
  useTestDb,
  withEngine,
  withScheduler,
} from './helpers';

const T0 = new Date(Date.UTC(2026, 0, 5, 0, 0, 0));
const GRACE = 5 * 60_000;
const SYMBOLS = ['AAA-USD', 'BBB-USD'];

const sandbox = useSandbox();

describe.each(TEST_DRIVERS)('runs engine (%s)', (driver) => {
  const t = useTestDb(driver, {
    // Bars from T0-24h to T0+30h (open times): the bar closing at T0+kh is stored for k <= 31.
    seed: (db) => seedBars(db, { symbols: SYMBOLS, from: new Date(T0.getTime() - 24 * HOUR), count: 55 }),
  });
  retireVersionsAfterEach(t);

  it('schedules live boundaries, records missed ones, runs the rest once, chains and resolves them', async () => {
    const v = await seedVersion(t.db, {
      fixture: 'momentum',
      deployedAt: new Date(T0.getTime() + 30 * 60_000),
    });
    const clock = manualClock(new Date(T0.getTime() + 3 * HOUR + 60_000));
    const queues = createInProcessQueues({ retry: { attempts: 3, backoffMs: 20 } });
    const metrics = createRunMetrics();
    const worker = await startFixtureWorker({
      db: t.db,
      queues,
      sandbox,
      packages: { [v.id]: 'momentum' },
      clock: clock.clock,
      graceMs: GRACE,
      concurrency: 2,
      metrics,
    });
    const scheduler = await createScheduler({ db: t.db, queues, clock: clock.clock, graceMs: GRACE });
    const scheduler2 = await createScheduler({ db: t.db, queues, clock: clock.clock, graceMs: GRACE });
    try {
      // Started at 03:01: 01:00 and 02:00 passed while no scheduler ran -> missed; 03:00 is fresh.
      const [r1, r2] = await Promise.all([scheduler.tick(), scheduler2.tick()]);
      expect(r1.missed + r2.missed).toBe(2);
      expect(r1.dispatched + r2.dispatched).toBe(1);
      const settled = () => liveRunsSettled(t.db, v.id);
      // Simulated time moves on only once the boundary's run is done (like a slow replay clock).
      for (let k = 4; k <= 8; k++) {
        await until(settled, 20_000, `runs before ${k}:00 settled`);
        clock.set(new Date(T0.getTime() + k * HOUR + 1000));
        const [a, b] = await Promise.all([scheduler.tick(), scheduler2.tick()]);
        expect(a.dispatched + b.dispatched).toBe(1);
      }
      await until(
        async () => (await liveStatusCounts(t.db.kysely, v.id)).succeeded === 6,
        30_000,
        'six runs',
      );
      const counts = await liveStatusCounts(t.db.kysely, v.id);
      expect(counts).toMatchObject({ succeeded: 6, missed: 2, queued: 0, running: 0, failed: 0 });

      const runs = await t.db.kysely
        .selectFrom('runs')
        .selectAll()
        .where('version_id', '=', v.id)
        .orderBy('as_of')
        .execute();
      expect(runs.map((r) => [r.as_of.getUTCHours(), r.status, r.error_code])).toEqual([
        [1, 'missed', 'missed_not_scheduled'],
        [2, 'missed', 'missed_not_scheduled'],
        [3, 'succeeded', null],
        [4, 'succeeded', null],
        [5, 'succeeded', null],
        [6, 'succeeded', null],
        [7, 'succeeded', null],
        [8, 'succeeded', null],
      ]);
      const ok = runs.find((r) => r.status === 'succeeded');
      expect(ok?.input_digest).toMatch(/^[0-9a-f]{64}$/);
      expect(ok?.duration_ms).toBeGreaterThan(0);
      expect(ok?.prediction_count).toBe(2);
      expect(ok?.attempts).toBe(1);

      // One prediction per boundary per symbol, nothing duplicated, a valid chain.
      const preds = await chainPage(t.db.kysely, { versionId: v.id, mode: 'live', afterSeq: 0, limit: 1000 });
      expect(preds).toHaveLength(12);
      expect(new Set(preds.map((p) => `${p.symbol}@${p.as_of.toISOString()}`)).size).toBe(12);
      expect(verifyLedger(preds)).toMatchObject({ valid: true, checked: 12 });
      // The model saw exactly the 6 bars closed at as_of: close(as_of)/close(as_of-5h) - 1.
      const p3 = preds.find((p) => p.symbol === 'AAA-USD' && p.as_of.getUTCHours() === 3);
      const at = (h: number) => priceAt(0, T0.getTime() + h * HOUR);
      expect(p3?.value).toBeCloseTo(at(2) / at(-3) - 1, 12);

      // Outcomes: as_of 03:00 + 1h -> the bar closing at 04:00 (opened 03:00) vs the one closing at 03:00.
      // At 08:00 the 08:00 predictions are not due yet (their bar closes at 09:00).
      expect(await sweepOutcomes(t.db, clock.clock())).toBe(10);
      expect(await sweepOutcomes(t.db, clock.clock())).toBe(0);
      expect(await sweepOutcomes(t.db, new Date(T0.getTime() + 9 * HOUR))).toBe(2);
      const o = await t.db.kysely
        .selectFrom('outcomes')
        .selectAll()
        .where('prediction_id', '=', p3?.id as number)
        .executeTakeFirstOrThrow();
      expect(o.base_close).toBeCloseTo(at(2), 9);
      expect(o.realized_close).toBeCloseTo(at(3), 9);
      expect(o.realized_return).toBeCloseTo(at(3) / at(2) - 1, 12);
      expect(o.realized_direction).toBe(Math.sign(at(3) - at(2)));
      expect(o.realized_value).toBeCloseTo(o.realized_return, 12);

      // Metrics from the worker module.
      const text = await metrics.registry.metrics();
      expect(text).toMatch(/seer_runs_total\{status="succeeded",mode="live"\} 6/);
      expect(text).toMatch(/seer_run_duration_seconds_count\{status="succeeded",mode="live"\} 6/);

      // Re-delivering a finished run changes nothing.
      expect(await worker.executor.execute(ok?.id as string)).toBe('already_finished');
      await queues.enqueue('runs', ok?.id as string, { runId: ok?.id as string });
      await new Promise((r) => setTimeout(r, 200));
      expect(
        await chainPage(t.db.kysely, { versionId: v.id, mode: 'live', afterSeq: 0, limit: 1000 }),
      ).toHaveLength(12);
    } finally {
      await scheduler.close();
      await scheduler2.close();
      await worker.close();
      await queues.close();
    }
  });

  it('waits for late data within the grace, then records the boundary as missed (data late)', async () => {
    const v = await seedVersion(t.db, {
      fixture: 'momentum',
      symbols: ['AAA-USD', 'CCC-USD'],
      deployedAt: new Date(T0.getTime() + 9 * HOUR + 60_000),
    });
    const clock = manualClock(new Date(T0.getTime() + 10 * HOUR + 60_000));
    await withScheduler({ db: t.db, clock: clock.clock, graceMs: GRACE }, async (s, queues) => {
      // CCC-USD has no bars at all: its 10:00 bar is late.
      expect(await s.tick()).toMatchObject({ dispatched: 0, missed: 0, waiting: 1 });
      clock.set(new Date(T0.getTime() + 10 * HOUR + GRACE + 1));
      expect(await s.tick()).toMatchObject({ dispatched: 0, missed: 1 });
      // It arrives now: too late for 10:00 (already missed), in time for 11:00.
      await seedBars(t.db, { symbols: ['CCC-USD'], from: new Date(T0.getTime() + 9 * HOUR), count: 3 });
      expect(await s.tick()).toMatchObject({ dispatched: 0, missed: 0 });
      clock.set(new Date(T0.getTime() + 11 * HOUR + 1));
      expect(await s.tick()).toMatchObject({ dispatched: 1, missed: 0 });
      const runs = await t.db.kysely
        .selectFrom('runs')
        .select(['as_of', 'status', 'error_code'])
        .where('version_id', '=', v.id)
        .orderBy('as_of')
        .execute();
      expect(runs.map((r) => [r.as_of.getUTCHours(), r.status, r.error_code])).toEqual([
        [10, 'missed', 'missed_data_late'],
        [11, 'queued', null],
      ]);
      expect((await queues.counts('runs')).waiting).toBe(1);
    });
  });

  it('records model failures with stderr and refuses packages that fail verification', async () => {
    const broken = await seedVersion(t.db, {
      fixture: 'broken',
      deployedAt: new Date(T0.getTime() + 11 * HOUR),
    });
    const tampered = await seedVersion(t.db, {
      fixture: 'momentum',
      deployedAt: new Date(T0.getTime() + 11 * HOUR),
    });
    const engine = {
      db: t.db,
      sandbox,
      packages: { [broken.id]: 'broken', [tampered.id]: 'tampered' },
      clock: manualClock(new Date(T0.getTime() + 12 * HOUR + 1000)).clock,
      graceMs: GRACE,
      concurrency: 2,
      retry: { attempts: 3, backoffMs: 10 },
    };
    await withEngine(engine, async ({ scheduler: s, queues }) => {
      expect((await s.tick()).dispatched).toBeGreaterThanOrEqual(2);
      await until(async () => (await queues.counts('runs')).dead >= 2, 20_000, 'two dead letters');
      const rows = await t.db.kysely
        .selectFrom('runs')
        .selectAll()
        .where('version_id', 'in', [broken.id, tampered.id])
        .execute();
      const b = rows.find((r) => r.version_id === broken.id);
      expect(b).toMatchObject({
        status: 'failed',
        error_code: 'model_error',
        attempts: 1,
        prediction_count: null,
      });
      expect(b?.error_message).toMatch(/ZeroDivisionError/);
      expect(b?.stderr).toMatch(/about to divide/);
      const tp = rows.find((r) => r.version_id === tampered.id);
      expect(tp).toMatchObject({ status: 'failed', error_code: 'artifact_integrity_failed', attempts: 1 });
      // Deterministic failures are dead-lettered after ONE attempt, not retried.
      const dead = await queues.deadLetters('runs');
      expect(dead.map((d) => d.attempts)).toEqual([1, 1]);
      const n = await t.db.kysely
        .selectFrom('predictions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('version_id', 'in', [broken.id, tampered.id])
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(0);
    });
  });

  it('never starts a live run after its deadline (a backlog is not a late forecast)', async () => {
    const run = await queuedLiveRun(t.db, {
      fixture: 'momentum',
      deployedAt: new Date(T0.getTime() + 12 * HOUR + 1),
      now: new Date(T0.getTime() + 13 * HOUR + 1000),
      graceMs: GRACE,
    });
    const ex = createRunExecutor({
      db: t.db,
      sandbox,
      openPackage: fixtureOpener(new Map([[run.versionId, 'momentum']])),
      clock: () => new Date(T0.getTime() + 13 * HOUR + 2 * GRACE + 1000),
      workerId: 'late-worker',
      leaseMs: 10_000,
      graceMs: GRACE,
    });
    expect(await ex.execute(run.runId)).toBe('missed');
    const after = await t.db.kysely
      .selectFrom('runs')
      .selectAll()
      .where('id', '=', run.runId)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: 'missed', error_code: 'missed_started_late', lease_owner: null });
  });

  it('backtests a past range into its own chain, reuses finished boundaries, keeps live apart', async () => {
    const v = await seedVersion(t.db, {
      fixture: 'momentum',
      deployedAt: new Date(T0.getTime() + 20 * HOUR),
    });
    const executor = createRunExecutor({
      db: t.db,
      sandbox,
      openPackage: fixtureOpener(new Map([[v.id, 'momentum']])),
      clock: () => new Date(T0.getTime() + 40 * HOUR),
      workerId: 'bt',
      leaseMs: 10_000,
      graceMs: GRACE,
    });
    const clock = () => new Date(T0.getTime() + 40 * HOUR);
    /** Backtests the boundaries T0+fromH .. T0+toH to the end; the backtest row afterwards. */
    const backtest = async (fromH: number, toH: number) => {
      const bt = await insertBacktest(t.db.kysely, {
        version_id: v.id,
        requested_by: v.ownerId,
        range_from: new Date(T0.getTime() + fromH * HOUR),
        range_to: new Date(T0.getTime() + toH * HOUR),
        total: toH - fromH + 1,
      });
      await runBacktest({ db: t.db, executor, clock, parallelism: 2 }, bt.id);
      return t.db.kysely
        .selectFrom('backtests')
        .selectAll()
        .where('id', '=', bt.id)
        .executeTakeFirstOrThrow();
    };
    expect(await backtest(2, 7)).toMatchObject({
      status: 'succeeded',
      total: 6,
      done: 6,
      succeeded: 6,
      failed: 0,
      reused: 0,
    });
    expect(await backtest(5, 9)).toMatchObject({ status: 'succeeded', done: 5, succeeded: 5, reused: 3 });

    await expectValidChain(t.db, v.id, 'backtest', 16);
    expect(
      await chainPage(t.db.kysely, { versionId: v.id, mode: 'live', afterSeq: 0, limit: 10 }),
    ).toHaveLength(0);
    expect((await liveStatusCounts(t.db.kysely, v.id)).succeeded).toBe(0);
  });

  it('recovery revives a run whose job was dead-lettered by transient failures', async () => {
    const v = await seedVersion(t.db, {
      fixture: 'momentum',
      deployedAt: new Date(T0.getTime() + 13 * HOUR + 1),
    });
    const clock = manualClock(new Date(T0.getTime() + 14 * HOUR + 1000));
    const queues = createInProcessQueues({ retry: { attempts: 2, backoffMs: 10 } });
    const s = await createScheduler({
      db: t.db,
      queues,
      clock: clock.clock,
      graceMs: GRACE,
      requeueAfterMs: 0,
    });
    try {
      // A consumer that only ever meets a database outage.
      const broken = await queues.consume(
        'runs',
        async () => {
          throw new Error('connection terminated');
        },
        { concurrency: 1 },
      );
      expect((await s.tick()).dispatched).toBe(1);
      await until(async () => (await queues.counts('runs')).dead === 1, 5000, 'dead letter');
      await broken.close();
      expect((await liveStatusCounts(t.db.kysely, v.id)).queued).toBe(1);

      const worker = await startFixtureWorker({
        db: t.db,
        queues,
        sandbox,
        packages: { [v.id]: 'momentum' },
        clock: clock.clock,
        graceMs: GRACE,
        concurrency: 1,
      });
      try {
        expect(await s.recover()).toBe(1);
        await until(
          async () => (await liveStatusCounts(t.db.kysely, v.id)).succeeded === 1,
          20_000,
          'revived',
        );
        expect((await queues.counts('runs')).dead).toBe(0);
      } finally {
        await worker.close();
      }
    } finally {
      await s.close();
      await queues.close();
    }
  });

  it('picks up backtests requested through the table, counts model failures, keeps them out of live', async () => {
    const ok = await seedVersion(t.db, {
      fixture: 'momentum',
      deployedAt: new Date(T0.getTime() + 25 * HOUR),
    });
    const bad = await seedVersion(t.db, {
      fixture: 'broken',
      deployedAt: new Date(T0.getTime() + 25 * HOUR),
    });
    const queues = createInProcessQueues({ retry: { attempts: 2, backoffMs: 10 } });
    const worker = await startFixtureWorker({
      db: t.db,
      queues,
      sandbox,
      packages: { [ok.id]: 'momentum', [bad.id]: 'broken' },
      clock: () => new Date(T0.getTime() + 40 * HOUR),
      graceMs: GRACE,
      concurrency: 2,
      consumers: { runs: false, backtests: true },
      backtestPollMs: 100,
    });
    try {
      const range = {
        range_from: new Date(T0.getTime() + HOUR),
        range_to: new Date(T0.getTime() + 3 * HOUR),
        total: 3,
      };
      const b1 = await insertBacktest(t.db.kysely, { version_id: ok.id, requested_by: ok.ownerId, ...range });
      const b2 = await insertBacktest(t.db.kysely, {
        version_id: bad.id,
        requested_by: bad.ownerId,
        ...range,
      });
      const status = async (id: string) =>
        t.db.kysely.selectFrom('backtests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      await until(
        async () =>
          (await status(b1.id)).status === 'succeeded' && (await status(b2.id)).status === 'succeeded',
        30_000,
        'backtests done',
      );
      expect(await status(b1.id)).toMatchObject({ done: 3, succeeded: 3, failed: 0 });
      expect(await status(b2.id)).toMatchObject({ done: 3, succeeded: 0, failed: 3 });
      const failedRuns = await t.db.kysely
        .selectFrom('runs')
        .select(['status', 'error_code', 'mode'])
        .where('version_id', '=', bad.id)
        .execute();
      expect(failedRuns).toHaveLength(3);
      expect(
        failedRuns.every(
          (r) => r.status === 'failed' && r.error_code === 'model_error' && r.mode === 'backtest',
        ),
      ).toBe(true);
      expect(await liveStatusCounts(t.db.kysely, ok.id)).toMatchObject({ succeeded: 0, missed: 0 });
    } finally {
      await worker.close();
      await queues.close();
    }
  });

  it('forbids UPDATE and DELETE on predictions; verification finds a tampered row', async () => {
    const v = await seedVersion(t.db, { fixture: 'momentum', deployedAt: new Date(T0.getTime()) });
    const run = await t.db.kysely
      .insertInto('runs')
      .values({
        version_id: v.id,
        mode: 'live',
        as_of: new Date(T0.getTime() + HOUR),
        interval_seconds: 3600,
        horizon_seconds: 3600,
        status: 'succeeded',
        backtest_id: null,
        lease_owner: null,
        lease_expires_at: null,
        started_at: null,
        finished_at: null,
        duration_ms: null,
        cpu_ms: null,
        peak_memory_kb: null,
        input_digest: null,
        prediction_count: null,
        error_code: null,
        error_message: null,
        stderr: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await withTransaction(t.db, (trx) =>
      appendPredictions(trx, {
        versionId: v.id,
        mode: 'live',
        runId: run.id,
        asOf: new Date(T0.getTime() + HOUR),
        horizon: '1h',
        horizonMs: HOUR,
        target: 'return',
        createdAt: new Date(T0.getTime() + HOUR + 5000),
        predictions: [
          { symbol: 'BBB-USD', value: 0.02, confidence: null },
          { symbol: 'AAA-USD', value: -0.01, confidence: 0.7 },
          { symbol: 'CCC-USD', value: 0, confidence: 0.1 },
        ],
      }),
    );
    await expect(
      sql`UPDATE predictions SET value = 1 WHERE version_id = ${v.id}`.execute(t.db.kysely),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`DELETE FROM predictions WHERE version_id = ${v.id}`.execute(t.db.kysely),
    ).rejects.toThrow(/append-only/);
    const before = await chainPage(t.db.kysely, { versionId: v.id, mode: 'live', afterSeq: 0, limit: 10 });
    expect(before.map((p) => p.symbol)).toEqual(['AAA-USD', 'BBB-USD', 'CCC-USD']);
    expect(verifyLedger(before).valid).toBe(true);

    // An operator with the trigger disabled rewrites history: verification names the link. A v2
    // entry commits to its value through a salted commitment, so the changed value breaks that first.
    await t.db.withSession(async (s) => {
      await s.query('BEGIN');
      await s.query('ALTER TABLE predictions DISABLE TRIGGER predictions_append_only');
      await s.query('UPDATE predictions SET value = 0.5 WHERE version_id = $1 AND seq = 2', [v.id]);
      await s.query('ALTER TABLE predictions ENABLE TRIGGER predictions_append_only');
      await s.query('COMMIT');
    });
    const after = await chainPage(t.db.kysely, { versionId: v.id, mode: 'live', afterSeq: 0, limit: 10 });
    expect(verifyLedger(after)).toMatchObject({
      valid: false,
      checked: 1,
      firstBreak: { seq: 2, reason: 'commitment_mismatch' },
    });
  });
});
