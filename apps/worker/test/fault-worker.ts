/**
 * A worker process for the fault tests (killed with SIGKILL mid-run). Configured by environment:
 * FW_DATABASE_URL, FW_REDIS_URL, FW_PREFIX, FW_WORKER_ID, FW_VERSIONS (versionId=fixture,...),
 * and for the scale-out test FW_DEFAULT_FIXTURE (any other version), FW_STRATEGY (cold | fork).
 * On SIGTERM it prints `ran N` (runs it finished) before exiting.
 */
import { openDb } from '@seer/core/db';
import { createBullQueues } from '@seer/core/queue';
import { createBwrapSandbox } from '@seer/sandbox';
import { startWorker } from '../src/index';
import { fixtureOpener } from './helpers';

const env = process.env;
const db = await openDb({ databaseUrl: env.FW_DATABASE_URL as string, poolMax: 4 });
const queues = createBullQueues({
  redisUrl: env.FW_REDIS_URL as string,
  prefix: env.FW_PREFIX as string,
  retry: { attempts: 8, backoffMs: 300 },
  lockDurationMs: 1500,
  stalledIntervalMs: 1000,
});
const strategy = env.FW_STRATEGY === 'fork' ? 'fork' : 'cold';
const sandbox = await createBwrapSandbox({
  strategy,
  concurrency: 1,
  ...(strategy === 'fork' ? { preimport: [] } : {}),
});
const map = new Map((env.FW_VERSIONS ?? '').split(',').map((kv) => kv.split('=') as [string, string]));
const fallback = env.FW_DEFAULT_FIXTURE;
const opener = fixtureOpener(map);
const worker = await startWorker({
  db,
  queues,
  sandbox,
  openPackage: (versionId) => {
    if (!map.has(versionId) && fallback) map.set(versionId, fallback);
    return opener(versionId);
  },
  clock: () => new Date(Number(env.FW_CLOCK_MS)),
  graceMs: 300_000,
  concurrency: 1,
  leaseMs: 2000,
  workerId: env.FW_WORKER_ID as string,
  consumers: { runs: true, outcomes: false, backtests: false },
});
process.stdout.write('ready\n');
process.on('SIGTERM', async () => {
  await worker.close();
  const ran = (await worker.metrics.runsTotal.get()).values.reduce((n, v) => n + v.value, 0);
  process.stdout.write(`ran ${ran}\n`);
  await queues.close();
  await sandbox.close();
  await db.close();
  process.exit(0);
});
