/**
 * Scale-out benchmark: N deployed versions due at one boundary, drained once by one worker
 * process and once by two (each a real `startWorker` with its own database pool, BullMQ
 * connection and fork-template sandbox, concurrency 1, standing for one machine). Checks that
 * every run is executed exactly once and every prediction stored once, and reports the wall time
 * from the scheduler tick to the last stored run for each worker count.
 *
 *   node --import tsx bench/runs/scale-out.ts [--versions 1000] [--workers 1,2] [--out bench/runs/SCALE-OUT.md]
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBullQueues, obliteratePrefix } from '@seer/core/queue';
import { createTestDb } from '@seer/core/testing';
import { sql } from 'kysely';
import { createScheduler } from '../../apps/worker/src/scheduler';
import { HOUR, seedBars, seedUser, seedVersion } from '../../apps/worker/test/helpers';
import { startWorkerProcess, stopAndCount } from '../../apps/worker/test/worker-process';

const { values } = parseArgs({
  options: {
    versions: { type: 'string', default: '1000' },
    workers: { type: 'string', default: '1,2' },
    out: { type: 'string', default: fileURLToPath(new URL('./SCALE-OUT.md', import.meta.url)) },
    redis: { type: 'string', default: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' },
    pin: { type: 'boolean', default: false },
  },
});
const N = Number(values.versions);
const WORKER_COUNTS = (values.workers as string).split(',').map(Number);
const REDIS = values.redis as string;
const T0 = new Date(Date.UTC(2026, 0, 5));

interface Result {
  workers: number;
  seconds: number;
  ran: number[];
  runs: number;
  distinctVersions: number;
  predictions: number;
  loadBefore: number;
  tickSeconds: number;
  /** Share of the host's CPU time that was busy (all cores) from the tick to the drain. */
  cpuBusy: number;
}

/** Busy and total jiffies over all cores, from /proc/stat. */
function cpuTimes(): { busy: number; total: number } {
  const f = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  return { busy: total - idle, total };
}

async function drain(workerCount: number): Promise<Result> {
  const t = await createTestDb('pg');
  const prefix = `seer-scale-bench-${randomBytes(4).toString('hex')}`;
  const queues = createBullQueues({ redisUrl: REDIS, prefix });
  try {
    await seedBars(t.db, {
      symbols: ['AAA-USD', 'BBB-USD'],
      from: new Date(T0.getTime() - 24 * HOUR),
      count: 60,
    });
    const owner = await seedUser(t.db);
    for (let i = 0; i < N; i++)
      await seedVersion(t.db, {
        fixture: 'momentum',
        ownerId: owner,
        deployedAt: new Date(T0.getTime() + 30 * 60_000),
      });
    const clockMs = T0.getTime() + HOUR + 1000;
    const scheduler = await createScheduler({
      db: t.db,
      queues,
      clock: () => new Date(clockMs),
      graceMs: 1800_000,
    });
    const workers = Array.from({ length: workerCount }, (_, i) =>
      startWorkerProcess(
        {
          FW_DATABASE_URL: t.url as string,
          FW_REDIS_URL: REDIS,
          FW_PREFIX: prefix,
          FW_DEFAULT_FIXTURE: 'momentum',
          FW_STRATEGY: 'fork',
          FW_WORKER_ID: `w${i + 1}`,
          FW_CLOCK_MS: String(clockMs),
        },
        values.pin ? { cpu: i % cpus().length } : {},
      ),
    );
    await Promise.all(workers.map((w) => w.ready));
    const loadBefore = loadavg()[0] ?? 0;
    const started = Date.now();
    const cpu0 = cpuTimes();
    const tick = await scheduler.tick();
    const tickSeconds = (Date.now() - started) / 1000;
    if (tick.dispatched !== N) throw new Error(`dispatched ${tick.dispatched} of ${N}`);
    for (;;) {
      const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM runs
        WHERE status IN ('queued', 'running')`.execute(t.db.kysely);
      if (r.rows[0]?.n === 0) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    const seconds = (Date.now() - started) / 1000;
    const cpu1 = cpuTimes();
    const cpuBusy = (cpu1.busy - cpu0.busy) / Math.max(1, cpu1.total - cpu0.total);
    const ran: number[] = [];
    for (const w of workers) ran.push(await stopAndCount(w));
    await scheduler.close();
    const c = await sql<{ runs: number; versions: number; preds: number }>`
      SELECT count(*)::int AS runs, count(DISTINCT version_id)::int AS versions,
             (SELECT count(*)::int FROM predictions WHERE mode = 'live') AS preds
        FROM runs WHERE mode = 'live' AND status = 'succeeded'`.execute(t.db.kysely);
    const row = c.rows[0] ?? { runs: 0, versions: 0, preds: 0 };
    return {
      workers: workerCount,
      seconds,
      ran,
      runs: row.runs,
      distinctVersions: row.versions,
      predictions: row.preds,
      loadBefore,
      tickSeconds,
      cpuBusy,
    };
  } finally {
    await queues.close();
    await obliteratePrefix(REDIS, prefix);
    await t.cleanup();
  }
}

const results: Result[] = [];
for (const w of WORKER_COUNTS) {
  const r = await drain(w);
  console.log(JSON.stringify(r));
  // The point of the figure is correctness as much as speed: every run once, none lost.
  if (
    r.runs !== N ||
    r.distinctVersions !== N ||
    r.predictions !== 2 * N ||
    r.ran.reduce((a, b) => a + b, 0) !== N
  )
    throw new Error(`runs lost or duplicated with ${w} worker(s): ${JSON.stringify(r)}`);
  results.push(r);
}

const base = results[0]?.seconds ?? 1;
const cpu = cpus()[0]?.model ?? 'unknown';
const kernel = readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim();
const rows = results
  .map(
    (r) =>
      `| ${r.workers} | ${r.seconds.toFixed(1)} s | ${Math.round((N / r.seconds) * 60)} | ${(base / r.seconds).toFixed(2)}x | ${r.ran.join(' + ')} | ${r.runs} / ${r.distinctVersions} | ${r.predictions} | ${r.tickSeconds.toFixed(2)} s | ${Math.round(r.cpuBusy * 100)} % | ${r.loadBefore.toFixed(1)} |`,
  )
  .join('\n');
writeFileSync(
  values.out as string,
  `# Scale-out benchmark: worker processes sharing one burst

Produced by \`node --import tsx bench/runs/scale-out.ts --versions ${N} --workers ${WORKER_COUNTS.join(',')}${values.pin ? ' --pin' : ''}\`
on ${new Date().toISOString().slice(0, 16)}Z.

Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${kernel}, Node ${process.version};
PostgreSQL 15 and Redis 7 on the same machine. The worker processes share its ${cpus().length} cores with
each other and with PostgreSQL, so two processes here stand for two machines only as far as the
cores allow: on separate machines the second worker adds a whole machine's cores.

Setup: ${N} deployed versions of the momentum test fixture (2 symbols), all due at one boundary.
One scheduler tick writes ${N} \`runs\` rows and enqueues ${N} jobs on BullMQ (real Redis); the
worker processes (apps/worker/test/fault-worker.ts: \`startWorker\` with its own database pool,
BullMQ connection and fork-template sandbox, concurrency 1 each) drain them. Wall time is from the
tick to the moment no run is queued or running.${values.pin ? ' With --pin each worker process (and the sandboxes it forks) is pinned to a core of its own (taskset).' : ''} "Host CPU busy" is the share of all cores' time that was busy during the drain (/proc/stat). After each drain the script checks that every
version has exactly one succeeded run, every run stored its two predictions, and the runs the
processes report add up to ${N} (none executed twice); it fails otherwise.

| worker processes | tick → burst drained | runs / minute | speed-up | runs per process | succeeded runs / versions | predictions | scheduler tick | host CPU busy | load average before |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows}
`,
);
console.log(`wrote ${values.out}`);
