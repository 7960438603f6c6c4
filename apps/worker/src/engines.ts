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
import { sweepArtifacts } from '@seer/core/registry/artifacts/artifact-gc';
import { createRegistry } from '@seer/core/registry/registry';
import { createVersionsRepo } from '@seer/core/registry/versions.repo';
import { createBwrapSandbox, type Sandbox } from '@seer/sandbox';
import { createSandboxDeployGate } from './deploy-gate';
import { startWorker, type WorkerHandle } from './index';
import { createRunMetrics, type RunMetrics } from './metrics';
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
  /** Real-time period of dispatching pending deploy checks and backtests from the tables. */
  pollMs?: number;
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
      lockDurationMs: config.runLeaseSeconds * 1000,
      stalledIntervalMs: config.runLeaseSeconds * 1000,
    });
  const metrics = opts.metrics ?? createRunMetrics();
  const clock = () => opts.clock.now();
  const graceMs = config.runGraceSeconds * 1000;
  let sandbox: Sandbox | undefined;
  let worker: WorkerHandle | undefined;
  let scheduler: Scheduler | undefined;
  let gcTimer: NodeJS.Timeout | undefined;
  try {
    if (opts.worker) {
      sandbox = await createBwrapSandbox({
        strategy: 'fork',
        concurrency: config.workerConcurrency,
        preimport: config.sandboxPreimport,
      });
      const registry = await createRegistry({ config, db, clock });
      worker = await startWorker({
        db,
        queues,
        sandbox,
        openPackage: registryPackageOpener(registry),
        clock,
        graceMs,
        concurrency: config.workerConcurrency,
        leaseMs: config.runLeaseSeconds * 1000,
        metrics,
        liveReservedSlots: config.workerLiveReservedSlots,
        backtestConcurrency: config.backtestConcurrency,
        backtestUserConcurrency: config.backtestUserConcurrency,
        ...(opts.pollMs ? { backtestPollMs: opts.pollMs } : {}),
        deployChecks: {
          versions: registry.versions,
          gate: (run) =>
            createSandboxDeployGate({
              db,
              versionsRepo: createVersionsRepo(db),
              openVersionPackage: (id) => registry.versions.openVersionPackage(id),
              run,
            }),
          concurrency: config.deployCheckConcurrency,
          ...(opts.pollMs ? { pollMs: opts.pollMs } : {}),
        },
      });
      // Stored packages nothing references any more (deleted drafts, refused uploads) go after
      // ARTIFACT_GC_GRACE_SECONDS; several workers sweeping at once is harmless.
      if (config.artifactGcIntervalSeconds > 0) {
        let sweeping = false;
        gcTimer = setInterval(() => {
          if (sweeping) return;
          sweeping = true;
          sweepArtifacts({ db, store: registry.store, graceMs: config.artifactGcGraceSeconds * 1000 })
            .then((r) => {
              if (r.deleted.length > 0)
                opts.log?.('artifact sweep', { scanned: r.scanned, deleted: r.deleted.length });
            })
            .catch((err) => opts.log?.('artifact sweep failed', { error: (err as Error).message }))
            .finally(() => {
              sweeping = false;
            });
        }, config.artifactGcIntervalSeconds * 1000);
        gcTimer.unref();
      }
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
        ...(opts.log ? { log: opts.log } : {}),
      });
    }
  } catch (err) {
    clearInterval(gcTimer);
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
      clearInterval(gcTimer);
      await worker?.close();
      await sandbox?.close();
      if (ownQueues) await queues.close();
    },
  };
}
