/**
 * Queue consumer for `deploy-checks`: one job per check id. The API only writes the check row
 * (queued); this worker dispatches pending checks from the table (which also resumes checks whose
 * worker died: the lease expired) and runs each through the registry's executeDeployCheck with the
 * bubblewrap gate, so the API process never starts a sandbox.
 */
import type { Db } from '@seer/core/db';
import type { Consumer, JobQueues } from '@seer/core/queue';
import { createDeployChecksRepo, type DeployGate, type VersionsService } from '@seer/core/registry';
import { consumeTableJobs } from './table-dispatch';

export interface DeployCheckConsumerOptions {
  db: Db;
  queues: JobQueues;
  versions: Pick<VersionsService, 'executeDeployCheck'>;
  gate: DeployGate;
  workerId: string;
  leaseMs: number;
  /** Checks this process runs at the same time (each also takes a sandbox slot). */
  concurrency: number;
  /** Real-time period of dispatching pending checks from the table. */
  pollMs?: number;
}

export async function startDeployCheckConsumer(opts: DeployCheckConsumerOptions): Promise<Consumer> {
  const repo = createDeployChecksRepo(opts.db);
  return consumeTableJobs({
    queues: opts.queues,
    queue: 'deploy-checks',
    handler: async (job) => {
      await opts.versions.executeDeployCheck({
        checkId: job.data.checkId,
        gate: opts.gate,
        workerId: opts.workerId,
        leaseMs: opts.leaseMs,
        // Out of retries: record why on the check instead of leaving the developer waiting.
        lastAttempt: job.attempt >= opts.queues.retry.attempts,
      });
    },
    concurrency: opts.concurrency,
    pending: async () => (await repo.pending(200)).map((c) => ({ id: c.id, data: { checkId: c.id } })),
    pollMs: opts.pollMs,
  });
}
