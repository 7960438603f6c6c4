/** SQL for refresh tokens. Tokens are looked up by their SHA-256 hash only. */
import type { Selectable } from 'kysely';
import type { Executor } from '../db/db';
import type { RefreshTokensTable } from './accounts.tables';

export type RefreshTokenRow = Selectable<RefreshTokensTable>;

export function createRefreshTokensRepo(db: Executor) {
  return {
    async insert(
      t: {
        userId: string;
        familyId: string;
        tokenHash: string;
        client: 'browser' | 'api';
        now: Date;
        expiresAt: Date;
        ip: string | null;
        userAgent: string | null;
      },
      ex: Executor = db,
    ): Promise<RefreshTokenRow> {
      return ex
        .insertInto('refresh_tokens')
        .values({
          user_id: t.userId,
          family_id: t.familyId,
          token_hash: t.tokenHash,
          client: t.client,
          created_at: t.now,
          expires_at: t.expiresAt,
          ip: t.ip,
          user_agent: t.userAgent,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** Locks the row so two concurrent refreshes with one token cannot both rotate it. */
    findByHashForUpdate(tokenHash: string, ex: Executor = db): Promise<RefreshTokenRow | undefined> {
      return ex
        .selectFrom('refresh_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .forUpdate()
        .executeTakeFirst();
    },

    findByHash(tokenHash: string, ex: Executor = db): Promise<RefreshTokenRow | undefined> {
      return ex
        .selectFrom('refresh_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
    },

    async markRotated(id: string, replacedBy: string, now: Date, ex: Executor = db): Promise<void> {
      await ex
        .updateTable('refresh_tokens')
        .set({ used_at: now, replaced_by: replacedBy })
        .where('id', '=', id)
        .execute();
    },

    async revokeFamily(familyId: string, now: Date, ex: Executor = db): Promise<number> {
      const res = await ex
        .updateTable('refresh_tokens')
        .set({ revoked_at: now })
        .where('family_id', '=', familyId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(res.numUpdatedRows);
    },

    async revokeAllForUser(userId: string, now: Date, ex: Executor = db): Promise<number> {
      const res = await ex
        .updateTable('refresh_tokens')
        .set({ revoked_at: now })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(res.numUpdatedRows);
    },

    /** When the family's first token (its login) was issued: the start of its absolute lifetime. */
    async familyStartedAt(familyId: string, ex: Executor = db): Promise<Date | undefined> {
      const row = await ex
        .selectFrom('refresh_tokens')
        .select((eb) => eb.fn.min('created_at').as('started'))
        .where('family_id', '=', familyId)
        .executeTakeFirst();
      return row?.started ? new Date(row.started as unknown as string) : undefined;
    },

    /** Revokes every live token of the user except those of one family (the caller's session). */
    async revokeAllForUserExcept(
      userId: string,
      keepFamilyId: string,
      now: Date,
      ex: Executor = db,
    ): Promise<number> {
      const res = await ex
        .updateTable('refresh_tokens')
        .set({ revoked_at: now })
        .where('user_id', '=', userId)
        .where('family_id', '<>', keepFamilyId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(res.numUpdatedRows);
    },
  };
}
export type RefreshTokensRepo = ReturnType<typeof createRefreshTokensRepo>;
