/**
 * Runs engine benchmark: N deployed versions (examples/momentum) all due at the same boundary.
 * One scheduler tick creates and dispatches N runs on BullMQ (real Redis); one worker process
 * (WORKER_CONCURRENCY runs at once, fork-template sandbox) executes them against real
 * PostgreSQL. Reports runs per minute and the time from the boundary (the tick) to the last
 * prediction stored.
 *
 *   node --import tsx bench/runs/run.ts [--versions 100,1000] [--concurrency 2] [--out bench/runs/RESULTS.md]
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chainPage, verifyLedger } from '@seer/core/predictions';
import { createBullQueues, obliteratePrefix } from '@seer/core/queue';
import { createTestDb } from '@seer/core/testing';
import { startWorker } from '../../apps/worker/src/index';
import type { PackageOpener } from '../../apps/worker/src/package-opener';
import { createScheduler } from '../../apps/worker/src/scheduler';
import { HOUR, seedBars, seedUser, seedVersion } from '../../apps/worker/test/helpers';
import { createBwrapSandbox, readManifest } from '../../packages/sandbox/src/index';

const { values } = parseArgs({
  options: {
    versions: { type: 'string', default: '100,1000' },
    concurrency: { type: 'string', default: String(cpus().length) },
    out: { type: 'string', default: fileURLToPath(new URL('./RESULTS.md', import.meta.url)) },
    redis: { type: 'string', default: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' },
  },
});
const SIZES = (values.versions as string).split(',').map(Number);
const CONCURRENCY = Number(values.concurrency);
const REDIS = values.redis as string;
const PKG = fileURLToPath(new URL('../../examples/momentum', import.meta.url));
const { name: _n, version: _v, ...MANIFEST } = readManifest(PKG);
const T0 = new Date(Date.UTC(2026, 0, 5));

interface Result {
  versions: number;
  seconds: number;
  runsPerMinute: number;
  succeeded: number;
  failed: number;
  predictions: number;
  p50RunMs: number;
  p95RunMs: number;
  tickMs: number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function bench(n: number): Promise<Result> {
  const t = await createTestDb('pg');
  const prefix = `seer-bench-${randomBytes(4).toString('hex')}`;
  const queues = createBullQueues({ redisUrl: REDIS, prefix });
  const sandbox = await createBwrapSandbox({ strategy: 'fork', concurrency: CONCURRENCY });
  try {
    await seedBars(t.db, { symbols: ['USDCHF'], from: new Date(T0.getTime() - 400 * HOUR), count: 401 });
    const owner = await seedUser(t.db);
    // Deployed just before the 00:00 boundary: every version is due at T0.
    for (let i = 0; i < n; i++)
      await seedVersion(t.db, {
        fixture: '../../../../examples/momentum',
        ownerId: owner,
        deployedAt: new Date(T0.getTime() - 60_000),
      });
    const openPackage: PackageOpener = async () => ({ dir: PKG, manifest: MANIFEST });
    const clock = () => new Date(T0.getTime() + 1000);
    const worker = await startWorker({
      db: t.db,
      queues,
      sandbox,
      openPackage,
      clock,
      graceMs: 1800_000,
      concurrency: CONCURRENCY,
      consumers: { runs: true, outcomes: false, backtests: false },
    });
    const scheduler = await createScheduler({ db: t.db, queues, clock, graceMs: 1800_000 });
    const started = Date.now();
    const tick = await scheduler.tick();
    const tickMs = Date.now() - started;
    if (tick.dispatched !== n) throw new Error(`dispatched ${tick.dispatched} of ${n}`);
    for (;;) {
      const r = await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM runs WHERE status IN ('queued', 'running')",
      );
      if (r.rows[0]?.n === 0) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    const stats = await t.db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM runs GROUP BY status',
    );
    const durations = (
      await t.db.query<{ d: number }>("SELECT duration_ms AS d FROM runs WHERE status = 'succeeded'")
    ).rows.map((r) => r.d);
    // Wall time from the tick to the last commit (created_at is the simulated clock here).
    const seconds = (Date.now() - started) / 1000;
    const preds = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM predictions');
    // Spot-check: every chain valid.
    const versions = await t.db.query<{ id: string }>('SELECT id FROM model_versions LIMIT 20');
    for (const v of versions.rows) {
      const c = await chainPage(t.db.kysely, { versionId: v.id, mode: 'live', afterSeq: 0, limit: 10 });
      if (!verifyLedger(c).valid) throw new Error(`chain of ${v.id} invalid`);
    }
    await scheduler.close();
    await worker.close();
    const by = Object.fromEntries(stats.rows.map((r) => [r.status, r.n]));
    return {
      versions: n,
      seconds,
      runsPerMinute: (n / seconds) * 60,
      succeeded: by.succeeded ?? 0,
      failed: (by.failed ?? 0) + (by.timed_out ?? 0) + (by.missed ?? 0),
      predictions: preds.rows[0]?.n ?? 0,
      p50RunMs: pct(durations, 50),
      p95RunMs: pct(durations, 95),
      tickMs,
    };
  } finally {
    await sandbox.close();
    await queues.close();
    await obliteratePrefix(REDIS, prefix);
    await t.cleanup();
  }
}

const results: Result[] = [];
for (const n of SIZES) {
  const r = await bench(n);
  console.log(JSON.stringify(r));
  results.push(r);
}

const cpu = cpus()[0]?.model ?? 'unknown';
const kernel = readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim();
const rows = results
  .map(
    (r) =>
      `| ${r.versions} | ${r.seconds.toFixed(1)} s | ${Math.round(r.runsPerMinute)} | ${r.succeeded} | ${r.failed} | ${r.predictions} | ${r.tickMs} ms | ${r.p50RunMs} / ${r.p95RunMs} ms |`,
  )
  .join('\n');
writeFileSync(
  values.out as string,
  `# Runs engine benchmark

Produced by \`node --import tsx bench/runs/run.ts --versions ${SIZES.join(',')} --concurrency ${CONCURRENCY}\`
on ${new Date().toISOString().slice(0, 10)}.

Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${kernel}, Node ${process.version};
PostgreSQL 15 and Redis 7 on the same machine (the benchmark shares the 2 cores with them).

Setup: N deployed versions of \`examples/momentum\` (1 symbol, lookback 200, numpy/pandas),
all due at the same boundary. One scheduler tick writes N \`runs\` rows and enqueues N jobs on
BullMQ; one worker process consumes them with concurrency ${CONCURRENCY} on the fork-template
sandbox, reading bars through the point-in-time broker (SQL as \`seer_model_reader\`) and
storing each run's predictions and status in one transaction with the ledger head locked.
"Boundary to last prediction" is wall time from the start of the scheduler tick to the last
run's commit. Not included: the registry's per-run artifact verification and extraction
(the package is opened from its folder here).

| versions due | boundary → last prediction stored | runs / minute | succeeded | failed/missed | predictions | scheduler tick (insert + enqueue) | run wall p50 / p95 |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows}
`,
);
console.log(`wrote ${values.out}`);
