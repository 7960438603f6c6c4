/** The append-only audit log: insert and keyset reads, nothing else (a trigger rejects the rest). */
import type { Selectable } from 'kysely';
import type { Executor } from '../db/db';
import type { AuditLogTable } from './accounts.tables';

export type AuditRow = Selectable<AuditLogTable>;

export interface AuditEntry {
  event: string;
  actorUserId?: string | null;
  subjectUserId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown>;
  at: Date;
}

export function createAuditRepo(db: Executor) {
  return {
    async insert(e: AuditEntry, ex: Executor = db): Promise<void> {
      await ex
        .insertInto('audit_log')
        .values({
          at: e.at,
          event: e.event,
          actor_user_id: e.actorUserId ?? null,
          subject_user_id: e.subjectUserId ?? null,
          ip: e.ip ?? null,
          user_agent: e.userAgent?.slice(0, 512) ?? null,
          details: JSON.stringify(e.details ?? {}),
        })
        .execute();
    },

    /** Newest first; `beforeId` is the last id of the previous page; userId matches actor or subject. */
    list(
      opts: {
        limit: number;
        beforeId?: number | undefined;
        userId?: string | undefined;
        event?: string | undefined;
      },
      ex: Executor = db,
    ): Promise<AuditRow[]> {
      let q = ex.selectFrom('audit_log').selectAll();
      if (opts.beforeId !== undefined) q = q.where('id', '<', opts.beforeId);
      if (opts.event) q = q.where('event', '=', opts.event);
      const userId = opts.userId;
      if (userId)
        q = q.where((eb) => eb.or([eb('subject_user_id', '=', userId), eb('actor_user_id', '=', userId)]));
      return q.orderBy('id', 'desc').limit(opts.limit).execute();
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
