/**
 * Queue consumer for `outcomes`: each job sweeps predictions that became due and whose closing
 * bars are stored, and records their realized values. The scheduler enqueues one job per boundary.
 */
import type { Db } from '@seer/core/db';
import { computeOutcomes } from '@seer/core/outcomes';
import type { Consumer, JobQueues } from '@seer/core/queue';

export const OUTCOMES_LOOK_BACK_MS = 30 * 86_400_000;

export function sweepOutcomes(db: Db, now: Date): Promise<number> {
  return computeOutcomes(db.kysely, { now, lookBackMs: OUTCOMES_LOOK_BACK_MS, limit: 50_000 });
}

export async function startOutcomesConsumer(opts: {
  db: Db;
  queues: JobQueues;
  clock: () => Date;
  /** Called after a sweep that stored outcomes, with the database time the sweep began (metric snapshots). */
  onResolved?: (since: Date) => Promise<unknown>;
}): Promise<Consumer> {
  return opts.queues.consume(
    'outcomes',
    async () => {
      const { rows } = await opts.db.query<{ now: Date }>('SELECT now() AS now');
      const since = new Date((rows[0] as { now: Date }).now);
      // Loop so a large backlog is cleared by one job, in bounded statements.
      let stored = 0;
      for (;;) {
        const n = await sweepOutcomes(opts.db, opts.clock());
        stored += n;
        if (n < 50_000) break;
      }
      if (stored > 0 && opts.onResolved) await opts.onResolved(since);
    },
    { concurrency: 1 },
  );
}
