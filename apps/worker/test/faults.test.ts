/**
 * Fault tests on real PostgreSQL and Redis with BullMQ: a worker killed mid-run (the run is taken
 * over after its lease expires and stored once), Redis restarted (work resumes; jobs lost with
 * Redis are re-dispatched from PostgreSQL), and a scheduler stopped across boundaries (missed).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createBullQueues, obliteratePrefix } from '@seer/core/queue';
import { findRun, liveStatusCounts } from '@seer/core/runs';
import { afterAll, describe, expect, it } from 'vitest';
import { createScheduler } from '../src/scheduler';
import {
  expectValidChain,
  HOUR,
  manualClock,
  REDIS_URL,
  retireVersionsAfterEach,
  seedBars,
  seedVersion,
  startFixtureWorker,
  until,
  useSandbox,
  useTestDb,
  within,
} from './helpers';

const T0 = new Date(Date.UTC(2026, 0, 5));
const SYMBOLS = ['AAA-USD', 'BBB-USD'];
const REPO = fileURLToPath(new URL('../../..', import.meta.url));

const t = useTestDb('pg', {
  seed: (db) => seedBars(db, { symbols: SYMBOLS, from: new Date(T0.getTime() - 24 * HOUR), count: 60 }),
});
retireVersionsAfterEach(t);

function startChildWorker(env: Record<string, string>): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/worker/test/fault-worker.ts'], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', process.env.FW_DEBUG ? 'inherit' : 'ignore'],
    detached: true, // own process group: SIGKILL reaches its sandbox too
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
  return { child, ready };
}

describe('fault tolerance (pg + BullMQ)', () => {
  it('a worker killed in the middle of a run: the run is retried elsewhere and stored once', async () => {
    const v = await seedVersion(t.db, { fixture: 'slow', deployedAt: new Date(T0.getTime() + 30 * 60_000) });
    const prefix = `seer-fault-${randomBytes(4).toString('hex')}`;
    const clockMs = T0.getTime() + HOUR + 1000;
    const queues = createBullQueues({ redisUrl: REDIS_URL, prefix });
    const s = await createScheduler({ db: t.db, queues, clock: () => new Date(clockMs), graceMs: 300_000 });
    const env = {
      FW_DATABASE_URL: t.url as string,
      FW_REDIS_URL: REDIS_URL,
      FW_PREFIX: prefix,
      FW_VERSIONS: `${v.id}=slow`,
      FW_CLOCK_MS: String(clockMs),
    };
    const first = startChildWorker({ ...env, FW_WORKER_ID: 'doomed' });
    let second: ReturnType<typeof startChildWorker> | undefined;
    try {
      await first.ready;
      expect((await s.tick()).dispatched).toBe(1);
      const runId = (
        await t.db.kysely
          .selectFrom('runs')
          .select('id')
          .where('version_id', '=', v.id)
          .executeTakeFirstOrThrow()
      ).id;
      await until(
        async () => (await findRun(t.db.kysely, runId))?.lease_owner === 'doomed',
        20_000,
        'run leased',
      );
      await new Promise((r) => setTimeout(r, 800)); // inside the model's 3 s sleep
      process.kill(-(first.child.pid as number), 'SIGKILL');
      await once(first.child, 'exit');
      expect(await findRun(t.db.kysely, runId)).toMatchObject({ status: 'running', lease_owner: 'doomed' });

      second = startChildWorker({ ...env, FW_WORKER_ID: 'rescuer' });
      await second.ready;
      await until(
        async () => (await findRun(t.db.kysely, runId))?.status === 'succeeded',
        40_000,
        'run rescued',
      );
      const run = await findRun(t.db.kysely, runId);
      expect(run).toMatchObject({ status: 'succeeded', attempts: 2, lease_owner: null, prediction_count: 2 });
      await expectValidChain(t.db, v.id, 'live', 2);
    } finally {
      if (first.child.exitCode === null && first.child.signalCode === null)
        process.kill(-(first.child.pid as number), 'SIGKILL');
      if (second?.child.exitCode === null) {
        second.child.kill('SIGTERM');
        await once(second.child, 'exit');
      }
      await s.close();
      await queues.close();
      await obliteratePrefix(REDIS_URL, prefix);
    }
  }, 90_000);

  describe('Redis restarts', () => {
    const PORT = 6390;
    const url = `redis://127.0.0.1:${PORT}`;
    let redis: ChildProcess | undefined;
    const sandbox = useSandbox({ concurrency: 1 });
    const startRedis = async () => {
      redis = spawn('redis-server', ['--port', String(PORT), '--save', '', '--appendonly', 'no'], {
        stdio: 'ignore',
      });
      await until(
        () =>
          new Promise<boolean>((resolve) => {
            const p = spawn('redis-cli', ['-p', String(PORT), 'ping'], { stdio: 'pipe' });
            let out = '';
            p.stdout?.on('data', (d) => {
              out += d;
            });
            p.on('exit', () => resolve(out.includes('PONG')));
          }),
        10_000,
        'redis up',
      );
    };
    const stopRedis = async () => {
      if (!redis || redis.exitCode !== null) return;
      redis.kill('SIGKILL');
      await once(redis, 'exit');
    };
    afterAll(async () => {
      await stopRedis();
    });

    it('work resumes after a restart, and runs whose jobs died with Redis are re-dispatched', async () => {
      await startRedis();
      const v = await seedVersion(t.db, {
        fixture: 'momentum',
        deployedAt: new Date(T0.getTime() + 30 * 60_000),
      });
      const clock = manualClock(new Date(T0.getTime() + HOUR + 1000));
      const queues = createBullQueues({
        redisUrl: url,
        prefix: 'seer',
        retry: { attempts: 5, backoffMs: 200 },
      });
      const startMomentumWorker = () =>
        startFixtureWorker({
          db: t.db,
          queues,
          sandbox,
          packages: { [v.id]: 'momentum' },
          clock: clock.clock,
          graceMs: 300_000,
          concurrency: 1,
        });
      const worker = await startMomentumWorker();
      const s = await createScheduler({
        db: t.db,
        queues,
        clock: clock.clock,
        graceMs: 300_000,
        requeueAfterMs: 0,
      });
      const succeeded = async (n: number) => (await liveStatusCounts(t.db.kysely, v.id)).succeeded === n;
      try {
        expect((await within(s.tick(), 20_000, 'first tick')).dispatched).toBe(1);
        await until(() => succeeded(1), 20_000, 'first run');

        // Redis dies; the next boundary's run is written to PostgreSQL and its enqueue waits for Redis.
        await stopRedis();
        clock.set(new Date(T0.getTime() + 2 * HOUR + 1000));
        const tick = s.tick();
        await new Promise((r) => setTimeout(r, 500));
        const queued = await t.db.kysely
          .selectFrom('runs')
          .select('status')
          .where('version_id', '=', v.id)
          .where('as_of', '=', new Date(T0.getTime() + 2 * HOUR))
          .executeTakeFirst();
        expect(queued?.status).toBe('queued');
        await startRedis();
        expect((await within(tick, 20_000, 'the tick that waited for Redis')).dispatched).toBe(1);
        await until(() => succeeded(2), 30_000, 'run after restart');

        // A restart that loses data: the worker is paused, the job vanishes with Redis; recovery
        // re-dispatches the queued run from PostgreSQL.
        await within(worker.close(), 15_000, 'closing the first worker');
        clock.set(new Date(T0.getTime() + 3 * HOUR + 1000));
        expect((await within(s.tick(), 20_000, 'third tick')).dispatched).toBe(1);
        await stopRedis();
        await startRedis();
        const worker2 = await within(startMomentumWorker(), 20_000, 'starting the second worker');
        try {
          await new Promise((r) => setTimeout(r, 500));
          expect(await succeeded(2)).toBe(true); // nothing to do: the job is gone
          expect(await within(s.recover(), 20_000, 'recover')).toBe(1);
          await until(() => succeeded(3), 30_000, 'recovered run');
        } finally {
          await within(worker2.close(), 15_000, 'closing the second worker');
        }
        await expectValidChain(t.db, v.id, 'live', 6);
      } finally {
        // Bounded, so a cleanup stuck on a dead connection cannot hide the error above.
        await within(s.close(), 15_000, 'closing the scheduler').catch(() => {});
        await within(worker.close(), 15_000, 'closing the worker').catch(() => {});
        await within(queues.close(), 15_000, 'closing the queues').catch(() => {});
      }
    }, 120_000);
  });

  it('a scheduler stopped across boundaries: they become missed when it returns', async () => {
    const v = await seedVersion(t.db, {
      fixture: 'momentum',
      deployedAt: new Date(T0.getTime() + 30 * 60_000),
    });
    const prefix = `seer-fault-${randomBytes(4).toString('hex')}`;
    const queues = createBullQueues({ redisUrl: REDIS_URL, prefix });
    const clock = manualClock(new Date(T0.getTime() + HOUR + 1000));
    try {
      const s1 = await createScheduler({ db: t.db, queues, clock: clock.clock, graceMs: 300_000 });
      expect((await s1.tick()).dispatched).toBe(1);
      await s1.close();
      // Down from 01:00 to 05:02: 02:00, 03:00, 04:00 passed unseen; 05:00 is still fresh.
      clock.set(new Date(T0.getTime() + 5 * HOUR + 2 * 60_000));
      const s2 = await createScheduler({ db: t.db, queues, clock: clock.clock, graceMs: 300_000 });
      expect(await s2.tick()).toMatchObject({ dispatched: 1, missed: 3 });
      expect(await s2.tick()).toMatchObject({ dispatched: 0, missed: 0 });
      await s2.close();
      const rows = await t.db.kysely
        .selectFrom('runs')
        .select(['as_of', 'status', 'error_code'])
        .where('version_id', '=', v.id)
        .orderBy('as_of')
        .execute();
      expect(rows.map((r) => [r.as_of.getUTCHours(), r.status])).toEqual([
        [1, 'queued'],
        [2, 'missed'],
        [3, 'missed'],
        [4, 'missed'],
        [5, 'queued'],
      ]);
      expect((await queues.counts('runs')).waiting).toBe(2);
    } finally {
      await queues.close();
      await obliteratePrefix(REDIS_URL, prefix);
    }
  });
});
