/**
 * The JobQueues contract on BullMQ. Job id = subject id (run id), so enqueuing the same run twice
 * collapses while the first is waiting, active or delayed. Completed jobs are removed at once (the
 * database holds the outcome) so a later re-dispatch is never swallowed by a stale completed job;
 * failed jobs are kept: BullMQ's failed set is our dead-letter state.
 */
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { redisTlsOptions } from '../transport/transport-security';
import {
  type ConsumeOptions,
  type Consumer,
  DEFAULT_RETRY,
  type DeadLetter,
  type JobHandler,
  type JobQueues,
  type QueueCounts,
  type QueueName,
  type RetryPolicy,
  UnrecoverableJobError,
} from './queue';

export interface BullQueuesOptions {
  redisUrl: string;
  /** CA file verifying the server of a rediss:// URL (REDIS_CA_FILE). */
  redisCaFile?: string | undefined;
  /** Redis key prefix; tests use a unique one each. */
  prefix?: string;
  retry?: Partial<RetryPolicy>;
  /** How long a worker owns an active job without renewing its lock (BullMQ lockDuration). */
  lockDurationMs?: number;
  /** How often stalled jobs (lock lost: killed worker) are moved back to waiting. */
  stalledIntervalMs?: number;
  /** Dead letters kept per queue. */
  keepDead?: number;
}

export function createBullQueues(opts: BullQueuesOptions): JobQueues {
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry };
  const prefix = opts.prefix ?? 'seer';
  const connections: Redis[] = [];
  const connect = () => {
    // BullMQ requires maxRetriesPerRequest: null so blocking commands survive reconnects.
    const c = new Redis(opts.redisUrl, {
      maxRetriesPerRequest: null,
      lazyConnect: false,
      ...redisTlsOptions(opts.redisUrl, opts.redisCaFile),
    });
    c.on('error', () => {}); // reconnects on its own; errors surface on the commands that fail
    connections.push(c);
    return c;
  };
  const shared = connect();
  const queues = new Map<QueueName, Queue>();
  const workers: Worker[] = [];

  const queue = (name: QueueName): Queue => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, {
        connection: shared,
        prefix,
        defaultJobOptions: {
          attempts: retry.attempts,
          backoff: { type: 'exponential', delay: retry.backoffMs },
          removeOnComplete: true,
          removeOnFail: { count: opts.keepDead ?? 10_000 },
        },
      });
      q.on('error', () => {});
      queues.set(name, q);
    }
    return q;
  };

  return {
    kind: 'bullmq',
    retry,
    async enqueue(name, jobId, data) {
      await queue(name).add(name, data, { jobId });
    },
    async enqueueMany(name, jobs) {
      if (jobs.length === 0) return;
      await queue(name).addBulk(jobs.map((j) => ({ name, data: j.data, opts: { jobId: j.id } })));
    },
    async consume<T>(name: QueueName, handler: JobHandler<T>, o: ConsumeOptions): Promise<Consumer> {
      const w = new Worker(
        name,
        async (job) => {
          try {
            await handler({
              id: job.id as string,
              data: job.data as T,
              attempt: job.attemptsMade + 1,
              enqueuedAt: new Date(job.timestamp),
            });
          } catch (err) {
            if (err instanceof UnrecoverableJobError) throw new UnrecoverableError(err.message);
            throw err;
          }
        },
        {
          connection: connect(),
          prefix,
          concurrency: Math.max(1, o.concurrency),
          lockDuration: opts.lockDurationMs ?? 30_000,
          stalledInterval: opts.stalledIntervalMs ?? 30_000,
          // A job whose worker died keeps coming back; the run's own lease decides who may run it.
          maxStalledCount: 10,
        },
      );
      w.on('error', () => {});
      workers.push(w);
      return {
        close: async () => {
          await w.close();
        },
      };
    },
    async deadLetters(name, limit = 100) {
      const jobs = await queue(name).getFailed(0, limit - 1);
      return jobs.map(
        (j): DeadLetter => ({
          queue: name,
          jobId: j.id as string,
          data: j.data,
          attempts: j.attemptsMade,
          error: j.failedReason ?? '',
          failedAt: j.finishedOn ? new Date(j.finishedOn) : null,
        }),
      );
    },
    async retryDeadLetter(name, jobId) {
      const job = await queue(name).getJob(jobId);
      if (!job || !(await job.isFailed())) return false;
      await job.retry('failed');
      return true;
    },
    async counts(name): Promise<QueueCounts> {
      const c = await queue(name).getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
      return {
        waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
        active: c.active ?? 0,
        delayed: c.delayed ?? 0,
        dead: c.failed ?? 0,
      };
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
      for (const c of connections) c.disconnect();
    },
  };
}

/** Removes every key of a prefix (tests). */
export async function obliteratePrefix(redisUrl: string, prefix: string): Promise<void> {
  const r = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}
