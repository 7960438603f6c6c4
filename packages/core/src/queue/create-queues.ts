import { createBullQueues } from './bullmq-queue';
import { createInProcessQueues } from './in-process-queue';
import type { JobQueues, RetryPolicy } from './queue';

/** BullMQ when a Redis URL is configured, the in-process dispatcher otherwise. */
export function createQueues(opts: {
  redisUrl: string | undefined;
  redisCaFile?: string | undefined;
  prefix?: string;
  retry?: Partial<RetryPolicy>;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}): JobQueues {
  if (!opts.redisUrl) return createInProcessQueues({ ...(opts.retry ? { retry: opts.retry } : {}) });
  return createBullQueues({ ...opts, redisUrl: opts.redisUrl });
}
