/**
 * Wiring of the runs engines for a process: queues (BullMQ with REDIS_URL, else in-process),
 * the sandbox (fork-template strategy), the registry's verified package opener, the scheduler
 * and the worker. `seerd all`, `seerd worker` and `seerd scheduler` all start through here.
 */
import type { Clock } from '@seer/core/clock/clock';
import type { Config } from '@seer/core/config';
import type { Db } from '@seer/core/db/db';
import { createQueues } from '@seer/core/queue/create-queues';
import type { JobQueues } from '@seer/core/queue/queue';
import { createRegistry } from '@seer/core/registry/registry';
import { createBwrapSandbox, type Sandbox } from '@seer/sandbox';
import { startWorker, type WorkerHandle } from './index';
import { createRunMetrics, instrumentQueues, type RunMetrics } from './metrics';
import { registryPackageOpener } from './registry-opener';
import { createScheduler, type Scheduler } from './scheduler';

export interface EnginesOptions {
  config: Readonly<Config>;
  db: Db;
  clock: Clock;
  scheduler: boolean;
  worker: boolean;
  /** Shared with other parts of the process (e.g. the API) when given. */
  queues?: JobQueues;
  metrics?: RunMetrics;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  /** Real ms per simulated hour when a replay clock drives the process (ticks faster). */
  replayMsPerSimHour?: number;
}

export interface Engines {
  queues: JobQueues;
  metrics: RunMetrics;
  scheduler: Scheduler | undefined;
  worker: WorkerHandle | undefined;
  close(): Promise<void>;
}

export async function startEngines(opts: EnginesOptions): Promise<Engines> {
  const { config, db } = opts;
  const ownQueues = !opts.queues;
  const queues =
    opts.queues ??
    createQueues({
      redisUrl: config.redisUrl,
      redisCaFile: config.redisCaFile,
      lockDurationMs: config.runLeaseSeconds * 1000,
      stalledIntervalMs: config.runLeaseSeconds * 1000,
    });
  const metrics = opts.metrics ?? createRunMetrics();
  metrics.observe({ queues, db, now: () => opts.clock.now() });
  const consumed = instrumentQueues(queues, metrics);
  const clock = () => opts.clock.now();
  const graceMs = config.runGraceSeconds * 1000;
  let sandbox: Sandbox | undefined;
  let worker: WorkerHandle | undefined;
  let scheduler: Scheduler | undefined;
  try {
    if (opts.worker) {
      sandbox = await createBwrapSandbox({
        strategy: 'fork',
        concurrency: config.workerConcurrency,
        preimport: config.sandboxPreimport,
        uidRange: config.sandboxUidRange,
        // Per-run memory/pids/CPU limits are what keeps one model from starving the others.
        requireCgroups: config.env === 'production' && !config.sandboxAllowNoCgroups,
      });
      const registry = await createRegistry({ config, db, clock });
      worker = await startWorker({
        db,
        queues: consumed,
        sandbox,
        openPackage: registryPackageOpener(registry),
        clock,
        graceMs,
        concurrency: config.workerConcurrency,
        leaseMs: config.runLeaseSeconds * 1000,
        metrics,
      });
    }
    if (opts.scheduler) {
      const tickMs = opts.replayMsPerSimHour
        ? Math.max(20, Math.min(1000, opts.replayMsPerSimHour / 20))
        : 1000;
      scheduler = await createScheduler({
        db,
        queues,
        clock,
        graceMs,
        tickMs,
        recoverEveryMs: 30_000,
        requeueAfterMs: 2 * config.runLeaseSeconds * 1000,
        metrics,
        ...(opts.log ? { log: opts.log } : {}),
      });
    }
  } catch (err) {
    await worker?.close().catch(() => {});
    await sandbox?.close().catch(() => {});
    if (ownQueues) await queues.close().catch(() => {});
    throw err;
  }
  return {
    queues,
    metrics,
    scheduler,
    worker,
    async close() {
      // Stop creating work, then finish running work, then release the sandbox and queues.
      await scheduler?.close();
      await worker?.close();
      await sandbox?.close();
      if (ownQueues) await queues.close();
    },
  };
}
