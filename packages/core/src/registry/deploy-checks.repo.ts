/**
 * SQL for deploy checks: the API inserts a queued check, a worker claims it with a lease
 * (heartbeat-extended), and finishes it; recovery hands checks on expired leases to another worker.
 * The lease SQL is the one runs and reruns use (db/leases.ts).
 */
import { type Insertable, type Selectable, sql } from 'kysely';
import type { Db, Executor } from '../db/db';
import { leasedJobs } from '../db/leases';
import type { DeployChecksTable } from './registry.tables';

export type DeployCheckRow = Selectable<DeployChecksTable>;

const checkLeases = leasedJobs('deploy_checks');

export function createDeployChecksRepo(db: Db) {
  return {
    /**
     * A queued check for the version, or the one already queued or running (one active check per
     * version; the partial unique index settles two requests racing).
     */
    async request(
      values: Pick<Insertable<DeployChecksTable>, 'version_id' | 'requested_by' | 'created_at'>,
      ex: Executor = db.kysely,
    ): Promise<{ row: DeployCheckRow; created: boolean }> {
      const inserted = await ex
        .insertInto('deploy_checks')
        .values(values)
        // Literal predicate: index inference must see the partial index's own condition.
        .onConflict((oc) =>
          oc.column('version_id').where(sql<boolean>`status IN ('queued', 'running')`).doNothing(),
        )
        .returningAll()
        .executeTakeFirst();
      if (inserted) return { row: inserted, created: true };
      const active = await ex
        .selectFrom('deploy_checks')
        .selectAll()
        .where('version_id', '=', values.version_id)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
      if (!active) throw new Error('deploy check vanished between insert and read; retry');
      return { row: active, created: false };
    },

    async findById(id: string, ex: Executor = db.kysely): Promise<DeployCheckRow | undefined> {
      return ex.selectFrom('deploy_checks').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async latestForVersion(versionId: string, ex: Executor = db.kysely): Promise<DeployCheckRow | undefined> {
      return ex
        .selectFrom('deploy_checks')
        .selectAll()
        .where('version_id', '=', versionId)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    /** Checks a worker should pick up: queued, or running on an expired lease; oldest first. */
    async pending(limit: number, ex: Executor = db.kysely): Promise<Array<{ id: string }>> {
      return checkLeases.pending(ex, limit);
    },

    async claim(
      o: { id: string; workerId: string; leaseMs: number; startedAt: Date },
      ex: Executor = db.kysely,
    ): Promise<DeployCheckRow | undefined> {
      return checkLeases.claim(ex, o);
    },

    async extendLease(o: { id: string; workerId: string; leaseMs: number }): Promise<void> {
      await checkLeases.extend(db.kysely, o);
    },

    /** Hands a running check back to the queue (a transient failure: retried). */
    async release(o: { id: string; workerId: string }): Promise<void> {
      await checkLeases.release(db.kysely, o);
    },

    /** Ends a check this worker holds; false when the lease was lost (another worker took it). */
    async finish(
      o: {
        id: string;
        workerId: string;
        fields: Pick<
          Insertable<DeployChecksTable>,
          'status' | 'error_code' | 'error_message' | 'logs' | 'as_of' | 'finished_at'
        >;
      },
      ex: Executor = db.kysely,
    ): Promise<boolean> {
      return checkLeases.finish(ex, o);
    },
  };
}

export type DeployChecksRepo = ReturnType<typeof createDeployChecksRepo>;
