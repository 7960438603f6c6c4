/**
 * The lease protocol of the job tables workers take (runs, reruns, deploy checks), in one place so
 * the three cannot drift apart. A worker claims a job that is queued, or running on a lease that
 * expired (its worker died); while it works it extends the lease; it finishes or releases the job
 * only while it still holds the lease, so a worker that lost its lease cannot overwrite the result
 * of the one that took over. Lease times use the database clock (now()): leases are about real
 * processes dying, whatever simulated time the scheduler may be replaying.
 */
import { type ExpressionBuilder, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor } from './db';
import type { Database } from './schema';

/** Tables with status ('queued' | 'running' | ...), attempts, lease_owner, lease_expires_at, started_at. */
export type LeasedTable = 'runs' | 'reruns' | 'deploy_checks';

const leaseUntil = (ms: number) => sql<Date>`now() + make_interval(secs => ${ms / 1000})`;

/** Queued, or running on an expired lease. */
const claimable = (eb: ExpressionBuilder<Database, LeasedTable>) =>
  eb.or([
    eb('status', '=', 'queued'),
    eb.and([eb('status', '=', 'running'), eb('lease_expires_at', '<', sql<Date>`now()`)]),
  ]);

/** Running on a lease this worker holds. */
const heldBy = (workerId: string) => (eb: ExpressionBuilder<Database, LeasedTable>) =>
  eb.and([eb('status', '=', 'running'), eb('lease_owner', '=', workerId)]);

export function leasedJobs<T extends LeasedTable>(table: T) {
  // The queries are built on the union of the leased tables (Kysely cannot type a query on a
  // table chosen by a type parameter); `table` is T, so rows read back are T's rows.
  const t: LeasedTable = table;
  type Row = Selectable<Database[T]>;

  return {
    /** Jobs a worker should pick up, oldest first. */
    async pending(ex: Executor, limit: number): Promise<Array<{ id: string }>> {
      return ex.selectFrom(t).select('id').where(claimable).orderBy('created_at').limit(limit).execute();
    },

    /** Takes the job for one worker; undefined when another worker holds it or it already finished. */
    async claim(
      ex: Executor,
      o: { id: string; workerId: string; leaseMs: number; startedAt: Date },
    ): Promise<Row | undefined> {
      const row = await ex
        .updateTable(t)
        .set({
          status: 'running',
          attempts: sql`attempts + 1`,
          lease_owner: o.workerId,
          lease_expires_at: leaseUntil(o.leaseMs),
          started_at: o.startedAt,
        })
        .where('id', '=', o.id)
        .where(claimable)
        .returningAll()
        .executeTakeFirst();
      return row as Row | undefined;
    },

    /** false when the lease was lost. */
    async extend(ex: Executor, o: { id: string; workerId: string; leaseMs: number }): Promise<boolean> {
      const r = await ex
        .updateTable(t)
        .set({ lease_expires_at: leaseUntil(o.leaseMs) })
        .where('id', '=', o.id)
        .where(heldBy(o.workerId))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /** Hands the job back to the queue (a transient failure: any worker retries it at once). */
    async release(ex: Executor, o: { id: string; workerId: string }): Promise<boolean> {
      const r = await ex
        .updateTable(t)
        .set({ status: 'queued', lease_owner: null, lease_expires_at: null })
        .where('id', '=', o.id)
        .where(heldBy(o.workerId))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /** Ends the job with `fields`; false when the lease was lost (another worker took it). */
    async finish(
      ex: Executor,
      o: { id: string; workerId: string; fields: Updateable<Database[T]> },
    ): Promise<boolean> {
      const r = await ex
        .updateTable(t)
        .set({ ...o.fields, lease_owner: null, lease_expires_at: null })
        .where('id', '=', o.id)
        .where(heldBy(o.workerId))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}
