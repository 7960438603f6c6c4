/**
 * SQL for reruns: the API inserts a queued rerun, a worker claims it with a lease and finishes it;
 * queued reruns and reruns on expired leases are pending (picked up by the next poll).
 */
import { type Insertable, type Selectable, sql } from 'kysely';
import type { Executor } from '../db/db';
import type { RerunDifference, RerunsTable } from './runs.tables';

export type Rerun = Selectable<RerunsTable>;

const leaseUntil = (ms: number) => sql<Date>`now() + make_interval(secs => ${ms / 1000})`;

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
  return ex
    .selectFrom('reruns')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('status', '=', 'queued'),
        eb.and([eb('status', '=', 'running'), eb('lease_expires_at', '<', sql<Date>`now()`)]),
      ]),
    )
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

export async function claimRerun(
  ex: Executor,
  o: { id: string; workerId: string; leaseMs: number; startedAt: Date },
): Promise<Rerun | undefined> {
  return ex
    .updateTable('reruns')
    .set({
      status: 'running',
      attempts: sql`attempts + 1`,
      lease_owner: o.workerId,
      lease_expires_at: leaseUntil(o.leaseMs),
      started_at: o.startedAt,
    })
    .where('id', '=', o.id)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'queued'),
        eb.and([eb('status', '=', 'running'), eb('lease_expires_at', '<', sql<Date>`now()`)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
}

export async function releaseRerun(ex: Executor, o: { id: string; workerId: string }): Promise<void> {
  await ex
    .updateTable('reruns')
    .set({ status: 'queued', lease_owner: null, lease_expires_at: null })
    .where('id', '=', o.id)
    .where('status', '=', 'running')
    .where('lease_owner', '=', o.workerId)
    .execute();
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
  const r = await ex
    .updateTable('reruns')
    .set({
      ...rest,
      ...(differences !== undefined
        ? { differences: differences === null ? null : JSON.stringify(differences) }
        : {}),
      ...(error_message !== undefined ? { error_message: error_message?.slice(0, 2000) ?? null } : {}),
      lease_owner: null,
      lease_expires_at: null,
    })
    .where('id', '=', o.id)
    .where('status', '=', 'running')
    .where('lease_owner', '=', o.workerId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
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
