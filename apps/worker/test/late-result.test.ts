/**
 * A live run that starts in time but whose result comes in after its outcome could be known
 * (as_of + horizon) is recorded as a late run, never stored as a live prediction (issue 9,
 * item 8). The model really is slow (fixtures/slow sleeps 3 s in the real sandbox).
 */
import { createInProcessQueues } from '@seer/core/queue';
import { createTestDb, TEST_DRIVERS, type TestDb } from '@seer/core/testing';
import { createBwrapSandbox, type Sandbox } from '@seer/sandbox';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunExecutor } from '../src/run-executor';
import { createScheduler } from '../src/scheduler';
import { fixtureOpener, HOUR, manualClock, seedBars, seedVersion } from './helpers';

const T0 = new Date(Date.UTC(2026, 0, 5, 0, 0, 0));
// Grace large enough that the start deadline is as_of + horizon - 1 ms: only the store check
// can catch the late result.
const GRACE = HOUR;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createBwrapSandbox({ strategy: 'fork', concurrency: 1 });
}, 180_000);
afterAll(async () => {
  await sandbox?.close();
});

describe.each(TEST_DRIVERS)('late live results (%s)', (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver);
    await seedBars(t.db, {
      symbols: ['AAA-USD', 'BBB-USD'],
      from: new Date(T0.getTime() - 24 * HOUR),
      count: 40,
    });
  }, 60_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  async function queuedRun(): Promise<{ runId: string; versionId: string; asOf: Date }> {
    const v = await seedVersion(t.db, {
      fixture: 'slow',
      deployedAt: new Date(T0.getTime() + 12 * HOUR + 1),
    });
    const clock = manualClock(new Date(T0.getTime() + 13 * HOUR + 1000));
    const queues = createInProcessQueues();
    const s = await createScheduler({ db: t.db, queues, clock: clock.clock, graceMs: GRACE });
    await s.tick();
    await s.close();
    await queues.close();
    const run = await t.db.kysely
      .selectFrom('runs')
      .select(['id', 'as_of', 'status'])
      .where('version_id', '=', v.id)
      .executeTakeFirstOrThrow();
    expect(run.status).toBe('queued');
    await sql`UPDATE model_versions SET status = 'retired', retired_at = deployed_at WHERE id = ${v.id}`.execute(
      t.db.kysely,
    );
    return { runId: run.id, versionId: v.id, asOf: new Date(run.as_of) };
  }

  it('a slow model finishing after as_of + horizon is recorded as late, with no prediction stored', async () => {
    const { runId, versionId, asOf } = await queuedRun();
    // Real time, shifted: the run starts 1.5 s before the outcome is known and the model takes 3 s.
    const offset = asOf.getTime() + HOUR - 1500 - Date.now();
    const ex = createRunExecutor({
      db: t.db,
      sandbox,
      openPackage: fixtureOpener(new Map([[versionId, 'slow']])),
      clock: () => new Date(Date.now() + offset),
      workerId: 'slow-worker',
      leaseMs: 30_000,
      graceMs: GRACE,
    });
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
    const offset = asOf.getTime() + 60_000 - Date.now();
    const ex = createRunExecutor({
      db: t.db,
      sandbox,
      openPackage: fixtureOpener(new Map([[versionId, 'slow']])),
      clock: () => new Date(Date.now() + offset),
      workerId: 'slow-worker-2',
      leaseMs: 30_000,
      graceMs: GRACE,
    });
    expect(await ex.execute(runId)).toBe('succeeded');
  }, 60_000);
});
