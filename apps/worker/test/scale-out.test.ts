/**
 * Scaling out: two worker processes (standing for two machines) share one top-of-the-hour burst
 * through BullMQ. 100 versions are due at one boundary: every run is executed by exactly one
 * worker and stored once, none is lost, and both workers take a real share. How much sooner the
 * burst ends is a timing figure and belongs to a benchmark on a quiet machine, not to a suite
 * that runs test files in parallel on the same cores.
 */
import { randomBytes } from 'node:crypto';
import { createBullQueues, obliteratePrefix } from '@seer/core/queue';
import { createTestDb, type TestDb } from '@seer/core/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduler } from '../src/scheduler';
import { HOUR, REDIS_URL, seedBars, seedVersion, until } from './helpers';
import { startWorkerProcess, stopAndCount, type WorkerProcess } from './worker-process';

const T0 = new Date(Date.UTC(2026, 0, 5));
// 100 keeps the suite's time bounded on 2 shared cores; bench/runs/scale-out.ts runs 1,000 with one
// and with two worker processes and records the wall times.
const VERSIONS = Number(process.env.SCALE_OUT_VERSIONS ?? 100);

describe('scaling out: worker processes share a burst through BullMQ (pg + Redis)', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb('pg');
    // Both symbols of the fixture's manifest: a symbol without bars fails the momentum model.
    await seedBars(t.db, {
      symbols: ['AAA-USD', 'BBB-USD'],
      from: new Date(T0.getTime() - 24 * HOUR),
      count: 60,
    });
    for (let i = 0; i < VERSIONS; i++)
      await seedVersion(t.db, {
        fixture: 'momentum',
        deployedAt: new Date(T0.getTime() + 30 * 60_000),
      });
  }, 300_000);
  afterAll(async () => {
    await t?.cleanup();
  });
  it(`${VERSIONS} due versions, two worker processes: each run once, none lost, both take a share`, async () => {
    const prefix = `seer-scale-${randomBytes(4).toString('hex')}`;
    const queues = createBullQueues({ redisUrl: REDIS_URL, prefix });
    const clockMs = T0.getTime() + HOUR + 1000;
    const s = await createScheduler({ db: t.db, queues, clock: () => new Date(clockMs), graceMs: 1800_000 });
    const base = {
      FW_DATABASE_URL: t.url as string,
      FW_REDIS_URL: REDIS_URL,
      FW_PREFIX: prefix,
      FW_DEFAULT_FIXTURE: 'momentum',
      FW_STRATEGY: 'fork',
    };
    const succeededAt = async (asOf: Date) =>
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM runs
          WHERE as_of = ${asOf} AND mode = 'live' AND status = 'succeeded'`.execute(t.db.kysely)
      ).rows[0]?.n ?? 0;

    const burst = async (workers: WorkerProcess[], asOf: Date) => {
      await Promise.all(workers.map((w) => w.ready));
      const started = Date.now();
      expect((await s.tick()).dispatched).toBe(VERSIONS);
      await until(
        async () => (await succeededAt(asOf)) === VERSIONS,
        900_000,
        `${VERSIONS} runs at ${asOf.toISOString()}`,
      );
      const seconds = (Date.now() - started) / 1000;
      const ran = [];
      for (const w of workers) ran.push(await stopAndCount(w));
      return { seconds, ran };
    };

    try {
      const asOf = new Date(T0.getTime() + HOUR);
      const two = await burst(
        [
          startWorkerProcess({ ...base, FW_WORKER_ID: 'w1', FW_CLOCK_MS: String(clockMs) }),
          startWorkerProcess({ ...base, FW_WORKER_ID: 'w2', FW_CLOCK_MS: String(clockMs) }),
        ],
        asOf,
      );

      // None lost, none duplicated: one succeeded run per version and one prediction per symbol.
      const counts = await sql<{ as_of: Date; runs: number; preds: number; versions: number }>`
        SELECT r.as_of, count(*)::int AS runs, count(DISTINCT r.version_id)::int AS versions,
               (SELECT count(*)::int FROM predictions p WHERE p.as_of = r.as_of AND p.mode = 'live') AS preds
          FROM runs r WHERE r.mode = 'live' AND r.status = 'succeeded' GROUP BY r.as_of ORDER BY r.as_of`.execute(
        t.db.kysely,
      );
      expect(counts.rows.map((r) => [r.runs, r.versions, r.preds])).toEqual([
        [VERSIONS, VERSIONS, 2 * VERSIONS],
      ]); // two symbols each
      // Every run was executed by exactly one worker process.
      expect((two.ran[0] ?? 0) + (two.ran[1] ?? 0)).toBe(VERSIONS);
      // Both workers took a real share of the burst.
      for (const n of two.ran) expect(n).toBeGreaterThan(VERSIONS * 0.25);
      console.log(`scale-out: 2 workers, ${two.seconds.toFixed(1)} s (${two.ran.join(' + ')} runs)`);
    } finally {
      await s.close();
      await queues.close();
      await obliteratePrefix(REDIS_URL, prefix);
    }
  }, 1_200_000);
});
