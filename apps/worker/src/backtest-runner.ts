/**
 * Backtests: run a version at each past boundary of a range with the same sandbox and the same
 * point-in-time data broker as live runs, writing mode=backtest runs and predictions (their own
 * chain, never counted in live figures). A backtest row is the record; the runner resumes an
 * interrupted backtest by skipping boundaries already finished. A boundary already run by an
 * earlier backtest of the same version is reused, not run twice (one run per version+as_of+mode).
 */
import type { Db } from '@seer/core/db';
import { intervalMs } from '@seer/core/market';
import { type Consumer, type JobQueues, UnrecoverableJobError } from '@seer/core/queue';
import {
  boundariesBetween,
  claimBacktest,
  dispatchableBacktests,
  findBacktest,
  findRunBySlot,
  findVersionById,
  insertRuns,
  instrumentCalendars,
  parseDuration,
  symbolsInSession,
  updateBacktest,
} from '@seer/core/runs';
import type { RunExecutor, RunOutcome } from './run-executor';
import { consumeTableJobs } from './table-dispatch';

export type { BacktestJob } from '@seer/core/queue';

export interface BacktestRunnerOptions {
  db: Db;
  queues: JobQueues;
  executor: RunExecutor;
  clock: () => Date;
  /** Boundaries executed at the same time within one backtest. */
  parallelism?: number;
  /** Backtests this process runs at the same time (default 1). */
  concurrency?: number;
  /** Backtests of one user running at the same time across workers (default: unlimited). */
  userConcurrency?: number;
  /** Real-time period of polling for backtests requested through the API. */
  pollMs?: number;
}

/** 'deferred': the user already has their share of backtests running; a later dispatch retries. */
export async function runBacktest(
  opts: Pick<BacktestRunnerOptions, 'db' | 'executor' | 'clock' | 'parallelism' | 'userConcurrency'>,
  backtestId: string,
): Promise<'done' | 'deferred'> {
  const { db } = opts;
  const bt = await findBacktest(db.kysely, backtestId);
  if (!bt) throw new UnrecoverableJobError(`backtest ${backtestId} does not exist`);
  if (bt.status === 'succeeded' || bt.status === 'failed') return 'done';
  if (
    !(await claimBacktest(db, {
      id: bt.id,
      userConcurrency: opts.userConcurrency ?? Number.MAX_SAFE_INTEGER,
      startedAt: bt.started_at ?? opts.clock(),
    }))
  )
    return 'deferred';
  const version = await findVersionById(db.kysely, bt.version_id);
  if (!version) {
    await updateBacktest(db.kysely, bt.id, {
      status: 'failed',
      error_message: 'model version not found',
      finished_at: opts.clock(),
    });
    return 'done';
  }
  const horizonMs = parseDuration(version.horizon) ?? intervalMs(version.interval);
  const boundaries = boundariesBetween(
    version.interval,
    new Date(bt.range_from.getTime() - 1),
    bt.range_to,
    bt.total,
  );
  const calendars = await instrumentCalendars(db.kysely, version.symbols);
  const counts = { done: 0, succeeded: 0, failed: 0, reused: 0 };
  const tally = (o: RunOutcome | 'reused_ok' | 'reused_failed') => {
    counts.done++;
    if (o === 'succeeded') counts.succeeded++;
    else if (o === 'reused_ok') {
      counts.reused++;
      counts.succeeded++;
    } else if (o === 'reused_failed') {
      counts.reused++;
      counts.failed++;
    } else counts.failed++;
  };

  const one = async (asOf: Date) => {
    // As in live scheduling: no market session for the bar closing here means no slot. The run
    // row records it (market_closed) and the boundary counts as done, neither passed nor failed.
    const closed =
      symbolsInSession({ symbols: version.symbols, calendars, boundary: asOf, interval: version.interval })
        .length === 0;
    const created = await insertRuns(db.kysely, [
      {
        version_id: version.id,
        mode: 'backtest',
        as_of: asOf,
        interval_seconds: intervalMs(version.interval) / 1000,
        horizon_seconds: horizonMs / 1000,
        backtest_id: bt.id,
        ...(closed
          ? {
              status: 'market_closed' as const,
              finished_at: opts.clock(),
              error_message: 'no market session for this bar',
            }
          : { status: 'queued' as const }),
      },
    ]);
    if (closed) {
      counts.done++;
      return;
    }
    let run: { id: string; status: string; backtest_id: string | null } | undefined = created[0]
      ? { id: created[0].id, status: created[0].status, backtest_id: bt.id }
      : undefined;
    if (!run) {
      const existing = await findRunBySlot(db.kysely, { versionId: version.id, asOf, mode: 'backtest' });
      if (!existing) throw new Error(`backtest run for ${asOf.toISOString()} vanished`);
      run = existing;
    }
    if (run.status === 'succeeded' || run.status === 'failed' || run.status === 'timed_out') {
      tally(
        run.backtest_id === bt.id
          ? run.status === 'succeeded'
            ? 'succeeded'
            : 'failed'
          : run.status === 'succeeded'
            ? 'reused_ok'
            : 'reused_failed',
      );
      return;
    }
    const outcome = await opts.executor.execute(run.id);
    if (outcome === 'already_finished') {
      const now = await findRunBySlot(db.kysely, { versionId: version.id, asOf, mode: 'backtest' });
      tally(now?.status === 'succeeded' ? 'succeeded' : 'failed');
    } else tally(outcome);
  };

  const parallelism = Math.max(1, opts.parallelism ?? 1);
  let next = 0;
  let lastProgress = 0;
  const workers = Array.from({ length: Math.min(parallelism, boundaries.length) }, async () => {
    while (next < boundaries.length) {
      const b = boundaries[next++] as Date;
      await one(b);
      if (Date.now() - lastProgress > 500) {
        lastProgress = Date.now();
        await updateBacktest(db.kysely, bt.id, { ...counts });
      }
    }
  });
  await Promise.all(workers);
  await updateBacktest(db.kysely, bt.id, { ...counts, status: 'succeeded', finished_at: opts.clock() });
  return 'done';
}

export async function startBacktestConsumer(opts: BacktestRunnerOptions): Promise<Consumer> {
  // The API only writes the backtest row; dispatching it from the table also resumes backtests
  // interrupted by a restart (job id = backtest id, so duplicates collapse). Users take turns:
  // see dispatchableBacktests.
  return consumeTableJobs({
    queues: opts.queues,
    queue: 'backtests',
    concurrency: opts.concurrency ?? 1,
    pollMs: opts.pollMs ?? 2000,
    pending: async () =>
      (
        await dispatchableBacktests(opts.db.kysely, {
          limit: 100,
          userConcurrency: opts.userConcurrency ?? 1_000_000,
        })
      ).map((b) => ({ id: b.id, data: { backtestId: b.id } })),
    handler: async (job) => {
      if (typeof job.data?.backtestId !== 'string')
        throw new UnrecoverableJobError(`job ${job.id} has no backtestId`);
      try {
        await runBacktest(opts, job.data.backtestId);
      } catch (err) {
        if (err instanceof UnrecoverableJobError || job.attempt < opts.queues.retry.attempts) throw err;
        // Out of retries: say so on the record instead of leaving it `running` forever.
        await updateBacktest(opts.db.kysely, job.data.backtestId, {
          status: 'failed',
          error_message: `gave up after ${job.attempt} attempts: ${(err as Error).message}`.slice(0, 2000),
          finished_at: opts.clock(),
        });
      }
    },
  });
}
