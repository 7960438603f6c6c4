/**
 * Per-user quotas: models owned, draft versions, package uploads being processed at once, and
 * backtests queued or running. Over a quota is 429 problem+json with a stable code and
 * Retry-After. Admins are exempt. The model, draft and backtest counts are checked before the
 * insert (a burst of parallel requests may overshoot by the requests in flight); uploads in flight
 * are counted atomically (a lease row per upload, serialized per user by an advisory lock).
 */
import { sql } from 'kysely';
import { type Db, withTransaction } from '../db/db';
import { AppError, registerErrorCodes } from '../errors';

export const QUOTA_ERROR_STATUS = {
  quota_exceeded_models: 429,
  quota_exceeded_drafts: 429,
  quota_exceeded_uploads: 429,
  quota_exceeded_backtests: 429,
} as const;
registerErrorCodes(QUOTA_ERROR_STATUS);

export interface QuotaLimits {
  modelsPerUser: number;
  draftsPerUser: number;
  uploadsInFlightPerUser: number;
  queuedBacktestsPerUser: number;
}

export interface QuotaActor {
  userId: string;
  roles: readonly string[];
}

/** Seconds a client should wait before trying again, per quota (Retry-After). */
export const RETRY_AFTER_SECONDS = { models: 3600, drafts: 600, uploads: 5, backtests: 60 } as const;

/** How long an upload lease lives if its process dies without releasing it. */
const UPLOAD_LEASE_SECONDS = 15 * 60;

function exceeded(
  what: keyof typeof RETRY_AFTER_SECONDS,
  code: keyof typeof QUOTA_ERROR_STATUS,
  detail: string,
): AppError {
  return new AppError(code, { detail, headers: { 'retry-after': String(RETRY_AFTER_SECONDS[what]) } });
}

export function createQuotas(deps: { db: Db; limits: QuotaLimits }) {
  const { db, limits } = deps;
  const exempt = (a: QuotaActor) => a.roles.includes('admin');
  const count = async (query: ReturnType<typeof sql<{ n: number }>>): Promise<number> =>
    (await query.execute(db.kysely)).rows[0]?.n ?? 0;

  return {
    limits,

    async checkModels(actor: QuotaActor): Promise<void> {
      if (exempt(actor)) return;
      const n = await count(
        sql<{ n: number }>`SELECT count(*)::int AS n FROM models WHERE owner_id = ${actor.userId}`,
      );
      if (n >= limits.modelsPerUser)
        throw exceeded(
          'models',
          'quota_exceeded_models',
          `You own ${n} models, the most allowed (${limits.modelsPerUser}); delete an unused one or ask an administrator.`,
        );
    },

    async checkDrafts(actor: QuotaActor): Promise<void> {
      if (exempt(actor)) return;
      const n = await count(sql<{ n: number }>`
        SELECT count(*)::int AS n FROM model_versions v JOIN models m ON m.id = v.model_id
        WHERE m.owner_id = ${actor.userId} AND v.status = 'draft'`);
      if (n >= limits.draftsPerUser)
        throw exceeded(
          'drafts',
          'quota_exceeded_drafts',
          `You have ${n} draft versions, the most allowed (${limits.draftsPerUser}); deploy or delete some first.`,
        );
    },

    async checkQueuedBacktests(actor: QuotaActor): Promise<void> {
      if (exempt(actor)) return;
      const n = await count(sql<{ n: number }>`
        SELECT count(*)::int AS n FROM backtests
        WHERE requested_by = ${actor.userId} AND status IN ('queued', 'running')`);
      if (n >= limits.queuedBacktestsPerUser)
        throw exceeded(
          'backtests',
          'quota_exceeded_backtests',
          `You have ${n} backtests queued or running, the most allowed (${limits.queuedBacktestsPerUser}); wait for one to finish.`,
        );
    },

    /** Takes one of the user's upload slots (429 when all are taken); call the result to give it back. */
    async acquireUploadSlot(actor: QuotaActor): Promise<() => Promise<void>> {
      if (exempt(actor)) return async () => {};
      const lease = await withTransaction(db, async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(hashtext(${`uploads:${actor.userId}`}))`.execute(trx);
        await sql`DELETE FROM upload_leases WHERE user_id = ${actor.userId} AND expires_at < now()`.execute(
          trx,
        );
        const { rows } = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM upload_leases WHERE user_id = ${actor.userId}`.execute(trx);
        if ((rows[0]?.n ?? 0) >= limits.uploadsInFlightPerUser) return undefined;
        const ins = await sql<{ id: string }>`
          INSERT INTO upload_leases (user_id, expires_at)
          VALUES (${actor.userId}, now() + make_interval(secs => ${UPLOAD_LEASE_SECONDS}))
          RETURNING id`.execute(trx);
        return ins.rows[0]?.id;
      });
      if (!lease)
        throw exceeded(
          'uploads',
          'quota_exceeded_uploads',
          `You already have ${limits.uploadsInFlightPerUser} uploads being processed; wait for one to finish.`,
        );
      return async () => {
        await sql`DELETE FROM upload_leases WHERE id = ${lease}`.execute(db.kysely).catch(() => {});
      };
    },
  };
}

export type Quotas = ReturnType<typeof createQuotas>;

export function quotaLimitsFromConfig(config: {
  quotaModelsPerUser: number;
  quotaDraftsPerUser: number;
  quotaUploadsInFlightPerUser: number;
  quotaQueuedBacktestsPerUser: number;
}): QuotaLimits {
  return {
    modelsPerUser: config.quotaModelsPerUser,
    draftsPerUser: config.quotaDraftsPerUser,
    uploadsInFlightPerUser: config.quotaUploadsInFlightPerUser,
    queuedBacktestsPerUser: config.quotaQueuedBacktestsPerUser,
  };
}
