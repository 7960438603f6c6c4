/**
 * A live run that starts in time but whose result comes in after its outcome could be known
 * (as_of + horizon) is recorded as a late run, never stored as a live prediction (issue 9,
 * item 8). The model really is slow (fixtures/slow sleeps 3 s in the real sandbox).
 */
import { TEST_DRIVERS } from '@seer/core/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createRunExecutor } from '../src/run-executor';
import { fixtureOpener, HOUR, queuedLiveRun, seedBars, useSandbox, useTestDb } from './helpers';

const T0 = new Date(Date.UTC(2026, 0, 5, 0, 0, 0));
// Grace large enough that the start deadline is as_of + horizon - 1 ms: only the store check
// can catch the late result.
const GRACE = HOUR;

const sandbox = useSandbox({ concurrency: 1, timeoutMs: 180_000 });

describe.each(TEST_DRIVERS)('late live results (%s)', (driver) => {
  const t = useTestDb(driver, {
    seed: (db) =>
      seedBars(db, { symbols: ['AAA-USD', 'BBB-USD'], from: new Date(T0.getTime() - 24 * HOUR), count: 40 }),
    timeoutMs: 60_000,
  });

  const queuedRun = () =>
    queuedLiveRun(t.db, {
      fixture: 'slow',
      deployedAt: new Date(T0.getTime() + 12 * HOUR + 1),
      now: new Date(T0.getTime() + 13 * HOUR + 1000),
      graceMs: GRACE,
    });
  /** The slow model's run executed on a clock `offsetMs` ahead of real time. */
  const executorFor = (versionId: string, workerId: string, offsetMs: number) =>
    createRunExecutor({
      db: t.db,
      sandbox,
      openPackage: fixtureOpener(new Map([[versionId, 'slow']])),
      clock: () => new Date(Date.now() + offsetMs),
      workerId,
      leaseMs: 30_000,
      graceMs: GRACE,
    });

  it('a slow model finishing after as_of + horizon is recorded as late, with no prediction stored', async () => {
    const { runId, versionId, asOf } = await queuedRun();
    // Real time, shifted: the run starts 1.5 s before the outcome is known and the model takes 3 s.
    const ex = executorFor(versionId, 'slow-worker', asOf.getTime() + HOUR - 1500 - Date.now());
    expect(await ex.execute(runId)).toBe('missed');
    const run = await t.db.kysely
      .selectFrom('runs')
      .selectAll()
      .where('id', '=', runId)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({
      status: 'missed',
      error_code: 'missed_finished_late',
      prediction_count: null,
    });
    const preds = await t.db.kysely
      .selectFrom('predictions')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('run_id', '=', runId)
      .executeTakeFirstOrThrow();
    expect(Number(preds.n)).toBe(0);
  }, 60_000);

  it('the same slow model finishing in time is stored as a live prediction', async () => {
    const { runId, versionId, asOf } = await queuedRun();
    const ex = executorFor(versionId, 'slow-worker-2', asOf.getTime() + 60_000 - Date.now());
    expect(await ex.execute(runId)).toBe('succeeded');
  }, 60_000);
});
