/**
 * A queue whose jobs mirror rows of a table (deploy checks, reruns, backtests): the API only writes the row;
 * this consumer also polls the table for pending rows and enqueues them, job id = row id, so a
 * row whose job was lost or whose worker died (lease expired) is picked up again and a row still
 * on the queue is not duplicated.
 */
import type { Consumer, JobHandler, JobPayload, JobQueues, QueueName } from '@seer/core/queue';

export async function consumeTableJobs<Q extends QueueName>(o: {
  queues: JobQueues;
  queue: Q;
  handler: JobHandler<JobPayload<Q>>;
  concurrency: number;
  /** Pending rows as jobs; called at start and every pollMs. */
  pending: () => Promise<ReadonlyArray<{ id: string; data: JobPayload<Q> }>>;
  pollMs?: number | undefined;
}): Promise<Consumer> {
  const consumer = await o.queues.consume(o.queue, o.handler, { concurrency: o.concurrency });
  const poll = async () => {
    const jobs = await o.pending();
    if (jobs.length > 0) await o.queues.enqueueMany(o.queue, jobs);
  };
  // A failed poll (database briefly away) is retried at the next tick.
  await poll().catch(() => {});
  const timer = setInterval(() => void poll().catch(() => {}), o.pollMs ?? 1000);
  return {
    async close() {
      clearInterval(timer);
      await consumer.close();
    },
  };
}
