/**
 * The job catalogue: every queue and the payload its jobs carry, in one place. Producers and
 * consumers get their payload type from here (`JobPayload<'runs'>`), so the two cannot drift.
 * Payloads carry ids only: PostgreSQL holds the record (runs, backtests, deploy_checks).
 */
export interface JobCatalogue {
  /** A scheduled run (job id = run id). */
  runs: { runId: string };
  /** One outcomes sweep per reached boundary (job id = sweep-<interval>-<boundary>). */
  outcomes: Record<string, never>;
  /** A backtest to run or resume (job id = backtest id). */
  backtests: { backtestId: string };
  /** A deploy check: the trial run before draft -> deployed (job id = check id). */
  'deploy-checks': { checkId: string };
  /** The billing engine: a subscription whose next action is due, or an outbox event to send. */
  billing: BillingJob;
  /** A subscriber webhook delivery: one signed POST per attempt (job id = delivery id). */
  webhooks: { deliveryId: string };
  /** A rerun of a stored run, compared with what it stored (job id = rerun id). */
  reruns: { rerunId: string };
}

export type BillingJob =
  | { kind: 'subscription'; subscriptionId: string }
  | { kind: 'event'; outboxId: string };

export type QueueName = keyof JobCatalogue;
export type JobPayload<Q extends QueueName> = JobCatalogue[Q];

export const QUEUE_NAMES = [
  'runs',
  'outcomes',
  'backtests',
  'deploy-checks',
  'billing',
  'webhooks',
  'reruns',
] as const satisfies readonly QueueName[];

export type RunJob = JobPayload<'runs'>;
export type BacktestJob = JobPayload<'backtests'>;
export type DeployCheckJobPayload = JobPayload<'deploy-checks'>;
