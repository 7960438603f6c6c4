/** SQL for users. Rows are returned as stored; the services decide what a missing row means. */
import type { Selectable } from 'kysely';
import type { Executor } from '../db/db';
import type { UsersTable } from './accounts.tables';

export type UserRow = Selectable<UsersTable>;

export function createUsersRepo(db: Executor) {
  return {
    async insert(
      user: { email: string; displayName: string; passwordHash: string; roles: string[]; now: Date },
      ex: Executor = db,
    ): Promise<UserRow | undefined> {
      // ON CONFLICT keeps a duplicate email an ordinary outcome instead of an aborted transaction.
      return ex
        .insertInto('users')
        .values({
          email: user.email,
          display_name: user.displayName,
          password_hash: user.passwordHash,
          roles: user.roles,
          created_at: user.now,
          updated_at: user.now,
        })
        .onConflict((oc) => oc.column('email').doNothing())
        .returningAll()
        .executeTakeFirst();
    },

    findById(id: string, ex: Executor = db): Promise<UserRow | undefined> {
      return ex.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /**
     * The user behind an access token plus whether its login session (refresh token family) has
     * been revoked — one indexed lookup per authenticated request.
     */
    findForAccessToken(
      id: string,
      familyId: string,
      ex: Executor = db,
    ): Promise<(UserRow & { session_revoked: boolean }) | undefined> {
      return ex
        .selectFrom('users')
        .selectAll('users')
        .select((eb) =>
          eb
            .exists(
              eb
                .selectFrom('refresh_tokens')
                .select('refresh_tokens.id')
                .where('refresh_tokens.family_id', '=', familyId)
                .where('refresh_tokens.user_id', '=', id)
                .where('refresh_tokens.revoked_at', 'is not', null),
            )
            .as('session_revoked'),
        )
        .where('users.id', '=', id)
        .executeTakeFirst()
        .then((row) => row && { ...row, session_revoked: Boolean(row.session_revoked) });
    },

    findByEmail(email: string, ex: Executor = db): Promise<UserRow | undefined> {
      return ex.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    },

    /** Keyset page ordered newest first; `after` is the last row of the previous page. */
    list(
      opts: {
        limit: number;
        after?: { createdAt: Date; id: string } | undefined;
        email?: string | undefined;
      },
      ex: Executor = db,
    ): Promise<UserRow[]> {
      let q = ex.selectFrom('users').selectAll();
      if (opts.email) q = q.where('email', '=', opts.email);
      if (opts.after) {
        const { createdAt, id } = opts.after;
        q = q.where((eb) =>
          eb.or([
            eb('created_at', '<', createdAt),
            eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
          ]),
        );
      }
      return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
    },

    updateRoles(id: string, roles: string[], now: Date, ex: Executor = db): Promise<UserRow | undefined> {
      return ex
        .updateTable('users')
        .set({ roles, updated_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    },

    /** Disabling bumps token_version so access tokens already issued stop verifying. */
    setDisabled(
      id: string,
      disabledAt: Date | null,
      now: Date,
      ex: Executor = db,
    ): Promise<UserRow | undefined> {
      return ex
        .updateTable('users')
        .set((eb) => ({
          disabled_at: disabledAt,
          updated_at: now,
          token_version: disabledAt ? eb('token_version', '+', 1) : eb.ref('token_version'),
        }))
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    },

    updatePasswordHash(
      id: string,
      passwordHash: string,
      now: Date,
      ex: Executor = db,
    ): Promise<UserRow | undefined> {
      return ex
        .updateTable('users')
        .set({ password_hash: passwordHash, updated_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    },
  };
}
export type UsersRepo = ReturnType<typeof createUsersRepo>;
