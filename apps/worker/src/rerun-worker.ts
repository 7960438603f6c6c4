/**
 * Re-runs a stored run (docs/RUNS.md, Re-running a stored run): the API only records a queued
 * rerun; this worker dispatches pending reruns from the table, runs the run's version in the
 * sandbox on the run's as_of through the same point-in-time broker over the same SQL source, and
 * compares first the input digest, then the predictions, with what the run stored. It never
 * writes to the ledger or to the run: only the rerun row changes.
 */
import type { Db } from '@seer/core/db';
import type { Consumer, JobQueues } from '@seer/core/queue';
import {
  claimRerun,
  comparePredictions,
  findRun,
  finishRerun,
  pendingReruns,
  releaseRerun,
  storedPredictionsOfRun,
} from '@seer/core/runs';
import { createSqlBarSource, type Sandbox } from '@seer/sandbox';
import { PackageIntegrityError, type PackageOpener } from './package-opener';
import { consumeTableJobs } from './table-dispatch';

export type RerunOutcome = 'reproduced' | 'mismatch' | 'input_mismatch' | 'failed' | 'already_finished';

const TRANSIENT_SANDBOX_CODES = new Set(['sandbox_unavailable']);

export interface RerunExecutorDeps {
  db: Db;
  /** The sandbox (in a worker: behind a backtest-priority slot, so a rerun never delays a live run). */
  sandbox: Pick<Sandbox, 'run'>;
  openPackage: PackageOpener;
  clock: () => Date;
  workerId: string;
  leaseMs: number;
}

export function createRerunExecutor(deps: RerunExecutorDeps) {
  return {
    /**
     * Transient trouble (database, sandbox host) hands the rerun back and throws, to be retried;
     * on the queue's last attempt it is recorded as failed (`rerun_unavailable`) instead, so a
     * rerun never stays queued for ever.
     */
    async execute(rerunId: string, o: { lastAttempt?: boolean } = {}): Promise<RerunOutcome> {
      const rerun = await claimRerun(deps.db.kysely, {
        id: rerunId,
        workerId: deps.workerId,
        leaseMs: deps.leaseMs,
        startedAt: deps.clock(),
      });
      if (!rerun) return 'already_finished';
      const finish = async (
        fields: Omit<Parameters<typeof finishRerun>[1]['fields'], 'finished_at'>,
      ): Promise<RerunOutcome> => {
        const ok = await finishRerun(deps.db.kysely, {
          id: rerunId,
          workerId: deps.workerId,
          fields: { ...fields, finished_at: deps.clock() },
        });
        return ok ? fields.status : 'already_finished';
      };
      let release: (() => Promise<void>) | undefined;
      try {
        const run = await findRun(deps.db.kysely, rerun.run_id);
        if (run?.status !== 'succeeded' || !run.input_digest)
          return await finish({
            status: 'failed',
            error_code: 'run_not_rerunnable',
            error_message: 'the run is not a succeeded run with a recorded input digest',
          });
        let pkg: Awaited<ReturnType<PackageOpener>>;
        try {
          pkg = await deps.openPackage(run.version_id);
        } catch (err) {
          if (err instanceof PackageIntegrityError)
            return await finish({
              status: 'failed',
              error_code: 'artifact_integrity_failed',
              error_message: err.message,
            });
          throw err;
        }
        release = pkg.release;
        const result = await deps.sandbox.run({
          packageDir: pkg.dir,
          manifest: pkg.manifest,
          asOf: run.as_of,
          mode: run.mode,
          source: createSqlBarSource(deps.db.modelReaderQuery),
        });
        if (!result.ok && TRANSIENT_SANDBOX_CODES.has(result.code)) throw new Error(result.message);
        const rerunDigest = result.inputDigest;
        // The input first: predictions made from other data prove nothing either way.
        if (rerunDigest !== null && rerunDigest !== run.input_digest)
          return await finish({ status: 'input_mismatch', rerun_input_digest: rerunDigest });
        if (!result.ok)
          return await finish({
            status: 'failed',
            rerun_input_digest: rerunDigest,
            error_code: result.code,
            error_message: `the model failed on rerun: ${result.message}`,
          });
        const stored = await storedPredictionsOfRun(deps.db.kysely, run.id);
        const c = comparePredictions(stored, result.predictions);
        return await finish({
          status: c.differences.length === 0 ? 'reproduced' : 'mismatch',
          rerun_input_digest: rerunDigest,
          compared: c.compared,
          differences: c.differences,
        });
      } catch (err) {
        if (o.lastAttempt)
          return await finish({
            status: 'failed',
            error_code: 'rerun_unavailable',
            error_message: `the rerun could not be done after several attempts: ${(err as Error).message}`,
          });
        await releaseRerun(deps.db.kysely, { id: rerunId, workerId: deps.workerId }).catch(() => {});
        throw err;
      } finally {
        await release?.().catch(() => {});
      }
    },
  };
}

export type RerunExecutor = ReturnType<typeof createRerunExecutor>;

export async function startRerunConsumer(opts: {
  db: Db;
  queues: JobQueues;
  executor: RerunExecutor;
  pollMs?: number;
}): Promise<Consumer> {
  return consumeTableJobs({
    queues: opts.queues,
    queue: 'reruns',
    handler: async (job) => {
      await opts.executor.execute(job.data.rerunId, {
        lastAttempt: job.attempt >= opts.queues.retry.attempts,
      });
    },
    concurrency: 1,
    pending: async () =>
      (await pendingReruns(opts.db.kysely, 100)).map((r) => ({ id: r.id, data: { rerunId: r.id } })),
    pollMs: opts.pollMs,
  });
}
