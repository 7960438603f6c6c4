/**
 * The public interface of the queue domain: other packages import `@seer/core/queue`, never its
 * files. Other packages' imports are added by tools/codemods/core-public-imports.mjs; edit freely.
 */

export { createBullQueues, obliteratePrefix } from './bullmq-queue';
export { createQueues } from './create-queues';
export { createInProcessQueues } from './in-process-queue';
export type { BacktestJob, RunJob } from './jobs';
export type { PrioritySlots } from './priority-slots';
export { createPrioritySlots } from './priority-slots';
export type {
  ConsumeOptions,
  Consumer,
  JobContext,
  JobHandler,
  JobPayload,
  JobQueues,
  QueueCounts,
  QueueName,
} from './queue';
export { QUEUE_NAMES, UnrecoverableJobError } from './queue';
