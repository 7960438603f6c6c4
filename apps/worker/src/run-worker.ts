/**
 * Queue consumer for `runs`: one job per run id. Model failures are recorded on the run by the
 * executor and then reported as unrecoverable (no retry); transient trouble throws and is retried
 * with backoff by the queue.
 */
import { type Consumer, type JobQueues, UnrecoverableJobError } from '@seer/core/queue';
import type { RunExecutor } from './run-executor';

export async function startRunConsumer(opts: {
  queues: JobQueues;
  executor: RunExecutor;
  concurrency: number;
}): Promise<Consumer> {
  return opts.queues.consume(
    'runs',
    async (job) => {
      const runId = job.data?.runId;
      if (typeof runId !== 'string') throw new UnrecoverableJobError(`job ${job.id} has no runId`);
      const outcome = await opts.executor.execute(runId);
      if (outcome === 'failed' || outcome === 'timed_out')
        throw new UnrecoverableJobError(`run ${runId} ${outcome} (recorded on the run)`);
    },
    { concurrency: opts.concurrency },
  );
}
