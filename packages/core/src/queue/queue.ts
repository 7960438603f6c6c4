/**
 * The job queue interface the engines use, with two implementations of the same contract:
 * BullMQ on Redis (scaled) and an in-process dispatcher (embedded). PostgreSQL stays the record
 * of every job's subject (runs, backtests); a queue only carries ids, so losing it loses nothing.
 *
 * Contract:
 * - `enqueue(queue, jobId, data)`: a job id that is already waiting, active or delayed collapses.
 * - A handler that throws `UnrecoverableJobError` fails the job at once (no retry); any other
 *   throw is retried with exponential backoff up to `attempts`, then the job is dead-lettered.
 * - Dead letters stay visible (`deadLetters`) until retried (`retryDeadLetter`) or dropped.
 */

import type { JobPayload, QueueName } from './jobs';

export { type JobCatalogue, type JobPayload, QUEUE_NAMES, type QueueName } from './jobs';

export interface JobContext<T> {
  id: string;
  data: T;
  /** 1 on the first try. */
  attempt: number;
  /** When the job was first enqueued (queue wait time = start - enqueuedAt). */
  enqueuedAt?: Date;
}

export type JobHandler<T> = (job: JobContext<T>) => Promise<void>;

/** A failure that retrying cannot fix (a model error, a missing version): fail without retry. */
export class UnrecoverableJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnrecoverableJobError';
  }
}

export interface DeadLetter {
  queue: QueueName;
  jobId: string;
  data: unknown;
  attempts: number;
  error: string;
  failedAt: Date | null;
}

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  dead: number;
}

export interface Consumer {
  close(): Promise<void>;
}

export interface ConsumeOptions {
  concurrency: number;
}

export interface RetryPolicy {
  /** Total tries including the first. */
  attempts: number;
  /** First retry delay; doubles each time. */
  backoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, backoffMs: 1000 };

export interface JobQueues {
  readonly kind: 'bullmq' | 'in-process';
  /** How failed jobs are retried; a handler can tell its last attempt (attempt === retry.attempts). */
  readonly retry: RetryPolicy;
  enqueue<Q extends QueueName>(queue: Q, jobId: string, data: JobPayload<Q>): Promise<void>;
  /** The same as enqueue for many jobs, in one round trip where the backend allows. */
  enqueueMany<Q extends QueueName>(
    queue: Q,
    jobs: ReadonlyArray<{ id: string; data: JobPayload<Q> }>,
  ): Promise<void>;
  consume<Q extends QueueName>(
    queue: Q,
    handler: JobHandler<JobPayload<Q>>,
    opts: ConsumeOptions,
  ): Promise<Consumer>;
  deadLetters(queue: QueueName, limit?: number): Promise<DeadLetter[]>;
  /** Moves a dead job back to waiting; false when there is no such dead job. */
  retryDeadLetter(queue: QueueName, jobId: string): Promise<boolean>;
  counts(queue: QueueName): Promise<QueueCounts>;
  close(): Promise<void>;
}

export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return policy.backoffMs * 2 ** Math.max(0, attempt - 1);
}
