/**
 * The embedded dispatcher: the JobQueues contract in memory, for `seerd all` without Redis.
 * Nothing survives a restart, which is fine: the scheduler re-dispatches from PostgreSQL.
 */
import {
  backoffDelay,
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

interface Job {
  id: string;
  data: unknown;
  attempt: number;
  enqueuedAt: Date;
}

interface Lane {
  waiting: Job[];
  /** Ids waiting, active or delayed: the set duplicates collapse into. */
  live: Set<string>;
  active: number;
  delayed: Map<string, NodeJS.Timeout>;
  dead: Map<string, DeadLetter>;
  handler?: JobHandler<unknown>;
  concurrency: number;
  idle: Array<() => void>;
}

export function createInProcessQueues(opts: { retry?: Partial<RetryPolicy> } = {}): JobQueues {
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry };
  const lanes = new Map<QueueName, Lane>();
  let closed = false;

  const lane = (q: QueueName): Lane => {
    let l = lanes.get(q);
    if (!l) {
      l = {
        waiting: [],
        live: new Set(),
        active: 0,
        delayed: new Map(),
        dead: new Map(),
        concurrency: 1,
        idle: [],
      };
      lanes.set(q, l);
    }
    return l;
  };

  const pump = (q: QueueName) => {
    const l = lane(q);
    while (!closed && l.handler && l.active < l.concurrency && l.waiting.length > 0) {
      const job = l.waiting.shift() as Job;
      l.active++;
      void runJob(q, l, job);
    }
    if (l.active === 0 && l.waiting.length === 0 && l.delayed.size === 0) {
      for (const r of l.idle.splice(0)) r();
    }
  };

  const runJob = async (q: QueueName, l: Lane, job: Job) => {
    try {
      await (l.handler as JobHandler<unknown>)({
        id: job.id,
        data: job.data,
        attempt: job.attempt,
        enqueuedAt: job.enqueuedAt,
      });
      l.live.delete(job.id);
    } catch (err) {
      const unrecoverable = err instanceof UnrecoverableJobError;
      if (!unrecoverable && job.attempt < retry.attempts && !closed) {
        const next = { ...job, attempt: job.attempt + 1 };
        const t = setTimeout(
          () => {
            l.delayed.delete(job.id);
            l.waiting.push(next);
            pump(q);
          },
          backoffDelay(retry, job.attempt),
        );
        t.unref();
        l.delayed.set(job.id, t);
      } else {
        l.live.delete(job.id);
        l.dead.set(job.id, {
          queue: q,
          jobId: job.id,
          data: job.data,
          attempts: job.attempt,
          error: (err as Error)?.message ?? String(err),
          failedAt: new Date(),
        });
      }
    } finally {
      l.active--;
      pump(q);
    }
  };

  const enqueue = async (q: QueueName, jobId: string, data: unknown): Promise<void> => {
    if (closed) throw new Error('queue is closed');
    const l = lane(q);
    if (l.live.has(jobId)) return;
    l.dead.delete(jobId);
    l.live.add(jobId);
    l.waiting.push({ id: jobId, data, attempt: 1, enqueuedAt: new Date() });
    pump(q);
  };

  return {
    kind: 'in-process',
    retry,
    enqueue,
    async enqueueMany(q, jobs) {
      for (const j of jobs) await enqueue(q, j.id, j.data);
    },
    async consume<T>(q: QueueName, handler: JobHandler<T>, o: ConsumeOptions): Promise<Consumer> {
      const l = lane(q);
      if (l.handler) throw new Error(`queue ${q} already has a consumer in this process`);
      l.handler = handler as JobHandler<unknown>;
      l.concurrency = Math.max(1, o.concurrency);
      pump(q);
      return {
        close: async () => {
          l.handler = undefined;
          // Let jobs already running finish; waiting ones stay for a later consumer.
          while (l.active > 0) await new Promise((r) => setTimeout(r, 10));
        },
      };
    },
    async deadLetters(q, limit = 100) {
      return [...lane(q).dead.values()].slice(0, limit);
    },
    async retryDeadLetter(q, jobId) {
      const l = lane(q);
      const d = l.dead.get(jobId);
      if (!d) return false;
      l.dead.delete(jobId);
      l.live.add(jobId);
      l.waiting.push({ id: jobId, data: d.data, attempt: 1, enqueuedAt: new Date() });
      pump(q);
      return true;
    },
    async counts(q): Promise<QueueCounts> {
      const l = lane(q);
      return { waiting: l.waiting.length, active: l.active, delayed: l.delayed.size, dead: l.dead.size };
    },
    async close() {
      closed = true;
      for (const l of lanes.values()) {
        for (const t of l.delayed.values()) clearTimeout(t);
        l.delayed.clear();
        while (l.active > 0) await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}
