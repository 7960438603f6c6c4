/**
 * The worker process as a library: consumers for runs, outcomes and backtests over one queue
 * implementation, one sandbox and one database. `seerd worker` and `seerd all` both start it.
 */
import { hostname } from 'node:os';
import type { Db } from '@seer/core/db';
import { createMetricsService } from '@seer/core/metrics';
import { type Consumer, createPrioritySlots, type JobQueues, type PrioritySlots } from '@seer/core/queue';
import type { DeployGate, VersionsService } from '@seer/core/registry';
import { createRunsService } from '@seer/core/runs';
import type { Sandbox } from '@seer/sandbox';
import { startBacktestConsumer } from './backtest-runner';
import { startDeployCheckConsumer } from './deploy-check-worker';
import { createRunMetrics, type RunMetrics } from './metrics';
import { startOutcomesConsumer } from './outcomes-worker';
import type { PackageOpener } from './package-opener';
import { createRerunExecutor, startRerunConsumer } from './rerun-worker';
import { createRunExecutor, type RunExecutor } from './run-executor';
import { startRunConsumer } from './run-worker';

export { type BacktestJob, runBacktest } from './backtest-runner';
export { createSandboxDeployGate } from './deploy-gate';
export { createRunMetrics, type RunMetrics } from './metrics';
export { sweepOutcomes } from './outcomes-worker';
export { type OpenedPackage, PackageIntegrityError, type PackageOpener } from './package-opener';
export { createRerunExecutor, type RerunExecutor, type RerunOutcome } from './rerun-worker';
export { createRunExecutor, type RunExecutor, type RunOutcome, TransientRunError } from './run-executor';
export { createScheduler, type RunJob, type Scheduler, type SchedulerOptions } from './scheduler';

export interface WorkerOptions {
  db: Db;
  queues: JobQueues;
  sandbox: Pick<Sandbox, 'run'>;
  openPackage: PackageOpener;
  clock: () => Date;
  graceMs: number;
  /** Runs executed at the same time by this process. */
  concurrency: number;
  leaseMs?: number;
  workerId?: string;
  metrics?: RunMetrics;
  /** Which consumers to start (all by default; deploy checks only with `deployChecks`). */
  consumers?: { runs?: boolean; outcomes?: boolean; backtests?: boolean; reruns?: boolean };
  /** Real-time period of dispatching pending reruns from the table. */
  rerunPollMs?: number;
  backtestPollMs?: number;
  /** Sandbox slots kept for live runs (see priority-slots.ts); default 0. */
  liveReservedSlots?: number;
  /** Backtests run at the same time by this process (default 1). */
  backtestConcurrency?: number;
  /** Backtests of one user running at the same time, across workers (default: unlimited). */
  backtestUserConcurrency?: number;
  /** After a live run's predictions are committed (the webhook fan-out). */
  afterLiveStored?: (runId: string) => Promise<void>;
  /** Deploy checks: the registry's versions service and the gate (built on `gatedRun('deploy')`). */
  deployChecks?: {
    versions: Pick<VersionsService, 'executeDeployCheck'>;
    gate: (run: Sandbox['run']) => DeployGate;
    concurrency: number;
    pollMs?: number;
  };
}

export interface WorkerHandle {
  executor: RunExecutor;
  /** The sandbox slots shared by live runs, deploy checks and backtests, by priority. */
  slots: PrioritySlots;
  metrics: RunMetrics;
  workerId: string;
  close(): Promise<void>;
}

export async function startWorker(opts: WorkerOptions): Promise<WorkerHandle> {
  const workerId = opts.workerId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const metrics = opts.metrics ?? createRunMetrics();
  // Every sandbox run of this process takes a slot: live runs first, then deploy checks, then
  // backtests, with reserved slots for live runs (the queues are separate; the slots arbitrate).
  const slots = createPrioritySlots({
    capacity: opts.concurrency,
    reservedForLive: opts.liveReservedSlots ?? 0,
  });
  const gated: Pick<Sandbox, 'run'> = {
    run: (req) => slots.run(req.mode === 'live' ? 'live' : 'backtest', () => opts.sandbox.run(req)),
  };
  const executor = createRunExecutor({
    db: opts.db,
    sandbox: gated,
    openPackage: opts.openPackage,
    clock: opts.clock,
    workerId,
    leaseMs: opts.leaseMs ?? 30_000,
    graceMs: opts.graceMs,
    metrics,
    ...(opts.afterLiveStored ? { afterLiveStored: opts.afterLiveStored } : {}),
  });
  const want = { runs: true, outcomes: true, backtests: true, reruns: true, ...opts.consumers };
  const consumers: Consumer[] = [];
  if (want.runs)
    consumers.push(await startRunConsumer({ queues: opts.queues, executor, concurrency: opts.concurrency }));
  if (want.outcomes) {
    // Metric snapshots follow the outcomes: the versions resolved by a sweep are recomputed.
    const runs = createRunsService({
      db: opts.db,
      clock: opts.clock,
      graceMs: opts.graceMs,
      backtestMaxBoundaries: 0,
    });
    const metricsService = createMetricsService({
      db: opts.db,
      liveSlots: async (versionId) => {
        const c = await runs.coverage(versionId);
        return { succeeded: c.succeeded, due: c.slots };
      },
    });
    consumers.push(
      await startOutcomesConsumer({
        db: opts.db,
        queues: opts.queues,
        clock: opts.clock,
        onResolved: (since) => metricsService.refreshResolvedSince(since),
      }),
    );
  }
  if (want.backtests)
    consumers.push(
      await startBacktestConsumer({
        db: opts.db,
        queues: opts.queues,
        executor,
        clock: opts.clock,
        parallelism: Math.max(1, Math.floor(opts.concurrency / 2)),
        concurrency: opts.backtestConcurrency ?? 1,
        ...(opts.backtestUserConcurrency ? { userConcurrency: opts.backtestUserConcurrency } : {}),
        ...(opts.backtestPollMs ? { pollMs: opts.backtestPollMs } : {}),
      }),
    );
  if (want.reruns)
    consumers.push(
      await startRerunConsumer({
        db: opts.db,
        queues: opts.queues,
        // Lowest priority: a rerun checks the past and must never delay a live run.
        executor: createRerunExecutor({
          db: opts.db,
          sandbox: { run: (req) => slots.run('backtest', () => opts.sandbox.run(req)) },
          openPackage: opts.openPackage,
          clock: opts.clock,
          workerId,
          leaseMs: opts.leaseMs ?? 30_000,
        }),
        ...(opts.rerunPollMs ? { pollMs: opts.rerunPollMs } : {}),
      }),
    );
  if (opts.deployChecks) {
    const dc = opts.deployChecks;
    consumers.push(
      await startDeployCheckConsumer({
        db: opts.db,
        queues: opts.queues,
        versions: dc.versions,
        gate: dc.gate((req) => slots.run('deploy', () => opts.sandbox.run(req))),
        workerId,
        leaseMs: opts.leaseMs ?? 30_000,
        concurrency: dc.concurrency,
        ...(dc.pollMs ? { pollMs: dc.pollMs } : {}),
      }),
    );
  }
  return {
    executor,
    slots,
    metrics,
    workerId,
    async close() {
      for (const c of consumers) await c.close();
    },
  };
}
