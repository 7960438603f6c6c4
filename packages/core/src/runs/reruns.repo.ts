/**
 * SQL for reruns: the API inserts a queued rerun, a worker claims it with a lease and finishes it;
 * queued reruns and reruns on expired leases are pending (picked up by the next poll). The lease
 * SQL is the one runs and deploy checks use (db/leases.ts).
 */
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../db/db';
import { leasedJobs } from '../db/leases';
import type { RerunDifference, RerunsTable } from './runs.tables';

export type Rerun = Selectable<RerunsTable>;

const rerunLeases = leasedJobs('reruns');

export async function insertRerun(
  ex: Executor,
  values: Pick<Insertable<RerunsTable>, 'run_id' | 'requested_by' | 'stored_input_digest'>,
): Promise<Rerun> {
  return ex.insertInto('reruns').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findRerun(ex: Executor, id: string): Promise<Rerun | undefined> {
  return ex.selectFrom('reruns').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function pendingReruns(ex: Executor, limit: number): Promise<Array<{ id: string }>> {
  return rerunLeases.pending(ex, limit);
}

export async function claimRerun(
  ex: Executor,
  o: { id: string; workerId: string; leaseMs: number; startedAt: Date },
): Promise<Rerun | undefined> {
  return rerunLeases.claim(ex, o);
}

export async function releaseRerun(ex: Executor, o: { id: string; workerId: string }): Promise<void> {
  await rerunLeases.release(ex, o);
}

export async function finishRerun(
  ex: Executor,
  o: {
    id: string;
    workerId: string;
    fields: {
      status: 'reproduced' | 'mismatch' | 'input_mismatch' | 'failed';
      finished_at: Date;
      rerun_input_digest?: string | null;
      compared?: number | null;
      differences?: RerunDifference[] | null;
      error_code?: string | null;
      error_message?: string | null;
    };
  },
): Promise<boolean> {
  const { differences, error_message, ...rest } = o.fields;
  return rerunLeases.finish(ex, {
    id: o.id,
    workerId: o.workerId,
    fields: {
      ...rest,
      ...(differences !== undefined
        ? { differences: differences === null ? null : JSON.stringify(differences) }
        : {}),
      ...(error_message !== undefined ? { error_message: error_message?.slice(0, 2000) ?? null } : {}),
    },
  });
}

/** The predictions a run stored in the ledger (a rerun compares against these). */
export async function storedPredictionsOfRun(
  ex: Executor,
  runId: string,
): Promise<Array<{ symbol: string; value: number; confidence: number | null }>> {
  return ex
    .selectFrom('predictions')
    .select(['symbol', 'value', 'confidence'])
    .where('run_id', '=', runId)
    .orderBy('symbol')
    .execute();
}
