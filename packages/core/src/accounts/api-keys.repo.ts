/** SQL for API keys. Revoked keys stay as rows (the audit log refers to them) but are never listed. */
import type { Selectable } from 'kysely';
import type { Executor } from '../db/db';
import type { ApiKeysTable } from './accounts.tables';

export type ApiKeyRow = Selectable<ApiKeysTable>;
export type ApiKeyWithUserRow = ApiKeyRow & {
  user_email: string;
  user_roles: string[];
  user_disabled_at: Date | null;
};

export function createApiKeysRepo(db: Executor) {
  return {
    insert(
      k: {
        userId: string;
        name: string;
        prefix: string;
        secretHash: string;
        scopes: string[];
        now: Date;
        expiresAt: Date | null;
      },
      ex: Executor = db,
    ): Promise<ApiKeyRow> {
      return ex
        .insertInto('api_keys')
        .values({
          user_id: k.userId,
          name: k.name,
          prefix: k.prefix,
          secret_hash: k.secretHash,
          scopes: k.scopes,
          created_at: k.now,
          expires_at: k.expiresAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /**
     * The key by prefix joined with its owner's email, roles and disabled_at: authenticating a
     * key is one indexed query (the join reads the user row the same instant, so a revoked key or
     * a disabled owner fails the very next request — no cache to invalidate).
     */
    findByPrefixWithUser(prefix: string, ex: Executor = db): Promise<ApiKeyWithUserRow | undefined> {
      return ex
        .selectFrom('api_keys')
        .innerJoin('users', 'users.id', 'api_keys.user_id')
        .selectAll('api_keys')
        .select([
          'users.email as user_email',
          'users.roles as user_roles',
          'users.disabled_at as user_disabled_at',
        ])
        .where('api_keys.prefix', '=', prefix)
        .executeTakeFirst();
    },

    listActiveForUser(userId: string, ex: Executor = db): Promise<ApiKeyRow[]> {
      return ex
        .selectFrom('api_keys')
        .selectAll()
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
    },

    countActiveForUser(userId: string, ex: Executor = db): Promise<number> {
      return ex
        .selectFrom('api_keys')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    },

    /** Revokes the key only if it belongs to userId; undefined when there is no such live key. */
    revokeOwned(id: string, userId: string, now: Date, ex: Executor = db): Promise<ApiKeyRow | undefined> {
      return ex
        .updateTable('api_keys')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
    },

    /** Writes last_used_at at most once a minute per key, so hot bots do not turn reads into writes. */
    async touch(id: string, now: Date, ex: Executor = db): Promise<void> {
      await ex
        .updateTable('api_keys')
        .set({ last_used_at: now })
        .where('id', '=', id)
        .where((eb) =>
          eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now.getTime() - 60_000))]),
        )
        .execute();
    },
  };
}
export type ApiKeysRepo = ReturnType<typeof createApiKeysRepo>;
