/**
 * Users and their roles: registration, operator/admin creation, profile, and the admin use cases
 * (list, grant/revoke roles, disable/enable) plus reading the audit log.
 */
import type { Db } from '../db/db';
import { withTransaction } from '../db/db';
import { AppError } from '../errors';
import { createAuditRepo } from './audit.repo';
import { type AuthCache, authChange } from './auth-cache';
import { isPlausibleEmail, normalizeEmail, passwordProblems } from './credentials';
import { decodeCursor, encodeCursor } from './cursor';
import type { PasswordHasher } from './passwords';
import { NO_META, type RequestMeta } from './principal';
import { createRefreshTokensRepo } from './refresh-tokens.repo';
import { normalizeRoles, type Role, SELF_SERVICE_ROLES } from './roles';
import type { ThrottleStore } from './throttle';
import { createUsersRepo } from './users.repo';
import { type AuditEventView, auditView, type UserView, userView } from './views';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface AccountsService {
  register(input: {
    email: string;
    password: string;
    displayName: string;
    roles: readonly Role[];
    meta?: RequestMeta;
  }): Promise<UserView>;
  /** Any roles, admin included: for `seerd users create` and tests. */
  createUser(input: {
    email: string;
    password: string;
    displayName?: string;
    roles: readonly Role[];
    actorUserId?: string | null;
    meta?: RequestMeta;
  }): Promise<UserView>;
  getUser(userId: string): Promise<UserView>;
  listUsers(input: {
    limit: number;
    cursor?: string | undefined;
    email?: string | undefined;
  }): Promise<Page<UserView>>;
  changeRoles(input: {
    actorUserId: string;
    userId: string;
    grant: readonly Role[];
    revoke: readonly Role[];
    meta?: RequestMeta;
  }): Promise<UserView>;
  setDisabled(input: {
    actorUserId: string;
    userId: string;
    disabled: boolean;
    meta?: RequestMeta;
  }): Promise<UserView>;
  listAudit(input: {
    limit: number;
    cursor?: string | undefined;
    userId?: string | undefined;
    event?: string | undefined;
  }): Promise<Page<AuditEventView>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createAccountsService(deps: {
  db: Db;
  clock: () => Date;
  passwords: Pick<PasswordHasher, 'hash'>;
  /**
   * Registrations per client IP per window. Each one costs an argon2 hash, so unthrottled
   * sign-ups would be a cheap way to burn the server's CPU.
   */
  registrationThrottle?: { store: ThrottleStore; maxPerIp: number; windowSeconds: number };
  /** The process's auth cache: told at once when roles or disabled_at change here. */
  cache?: AuthCache;
}): AccountsService {
  const { db, clock, passwords, registrationThrottle, cache } = deps;
  const users = createUsersRepo(db.kysely);
  const audit = createAuditRepo(db.kysely);
  const refreshTokens = createRefreshTokensRepo(db.kysely);

  async function create(input: {
    email: string;
    password: string;
    displayName: string;
    roles: readonly Role[];
    actorUserId: string | null;
    event: string;
    meta: RequestMeta;
  }): Promise<UserView> {
    const email = normalizeEmail(input.email);
    const displayName = input.displayName.trim();
    const invalid = [
      ...(isPlausibleEmail(email) ? [] : [{ field: '/email', message: 'is not a valid email address' }]),
      ...(displayName.length >= 1 && displayName.length <= 100
        ? []
        : [{ field: '/displayName', message: 'must be 1 to 100 characters' }]),
    ];
    if (invalid.length > 0) {
      throw new AppError('validation_failed', {
        detail: 'The request is invalid; see errors.',
        errors: invalid,
      });
    }
    const weak = passwordProblems(input.password, email);
    if (weak.length > 0) {
      throw new AppError('weak_password', { detail: 'The password does not meet the policy.', errors: weak });
    }
    // Hash before looking at the email so a taken address costs the same time as a free one.
    const passwordHash = await passwords.hash(input.password);
    const now = clock();
    const row = await withTransaction(db, async (trx) => {
      const inserted = await users.insert(
        { email, displayName, passwordHash, roles: normalizeRoles(input.roles), now },
        trx,
      );
      if (inserted) {
        await audit.insert(
          {
            event: input.event,
            at: now,
            actorUserId: input.actorUserId ?? inserted.id,
            subjectUserId: inserted.id,
            ip: input.meta.ip,
            userAgent: input.meta.userAgent,
            details: { roles: inserted.roles },
          },
          trx,
        );
      }
      return inserted;
    });
    if (!row) throw new AppError('email_taken', { detail: 'An account with this email already exists.' });
    return userView(row);
  }

  async function mustFind(userId: string) {
    const row = UUID.test(userId) ? await users.findById(userId) : undefined;
    if (!row) throw new AppError('not_found', { detail: 'User not found' });
    return row;
  }

  return {
    async register(input) {
      const bad = input.roles.filter((r) => !(SELF_SERVICE_ROLES as readonly string[]).includes(r));
      if (bad.length > 0 || input.roles.length === 0) {
        throw new AppError('validation_failed', {
          detail: 'Choose one or both of the roles developer and subscriber.',
          errors: [{ field: '/roles', message: 'must be developer and/or subscriber' }],
        });
      }
      if (registrationThrottle) {
        const { store, maxPerIp, windowSeconds } = registrationThrottle;
        const hit = await store.hit(`register:ip:${input.meta?.ip ?? 'unknown'}`, windowSeconds);
        if (hit.count > maxPerIp) {
          throw new AppError('rate_limited', {
            detail: 'Too many registrations from this address; try again later.',
            headers: { 'retry-after': String(hit.retryAfterSeconds) },
          });
        }
      }
      return create({
        ...input,
        actorUserId: null,
        event: 'user.registered',
        meta: input.meta ?? NO_META,
      });
    },

    async createUser(input) {
      if (input.roles.length === 0) {
        throw new AppError('validation_failed', {
          detail: 'A user needs at least one role.',
          errors: [{ field: '/roles', message: 'must not be empty' }],
        });
      }
      const email = normalizeEmail(input.email);
      return create({
        email,
        password: input.password,
        displayName: input.displayName ?? email.split('@')[0] ?? email,
        roles: input.roles,
        actorUserId: input.actorUserId ?? null,
        event: 'user.created',
        meta: input.meta ?? NO_META,
      });
    },

    async getUser(userId) {
      return userView(await mustFind(userId));
    },

    async listUsers({ limit, cursor, email }) {
      const after = cursor
        ? decodeCursor(cursor, (v) => {
            const t = typeof v.t === 'string' ? new Date(v.t) : undefined;
            return t && !Number.isNaN(t.getTime()) && typeof v.i === 'string' && UUID.test(v.i)
              ? { createdAt: t, id: v.i }
              : undefined;
          })
        : undefined;
      const rows = await users.list({
        limit: limit + 1,
        after,
        email: email ? normalizeEmail(email) : undefined,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(userView),
        nextCursor:
          rows.length > limit && last ? encodeCursor({ t: last.created_at.toISOString(), i: last.id }) : null,
      };
    },

    async changeRoles({ actorUserId, userId, grant, revoke, meta = NO_META }) {
      const both = grant.filter((r) => revoke.includes(r));
      if (both.length > 0) {
        throw new AppError('validation_failed', {
          detail: 'A role cannot be granted and revoked at once.',
          errors: [{ field: '/grant', message: `also revoked: ${both.join(', ')}` }],
        });
      }
      if (actorUserId === userId && revoke.includes('admin')) {
        throw new AppError('conflict', {
          detail:
            'You cannot revoke your own admin role; ask another admin, so an instance never loses its last one.',
        });
      }
      await mustFind(userId);
      const now = clock();
      const row = await withTransaction(db, async (trx) => {
        const current = await users.findById(userId, trx);
        if (!current) return undefined;
        const before = normalizeRoles(current.roles);
        const after = normalizeRoles([...before.filter((r) => !revoke.includes(r)), ...grant]);
        if (after.length === 0) return 'empty' as const;
        const granted = after.filter((r) => !before.includes(r));
        const revoked = before.filter((r) => !after.includes(r));
        if (granted.length === 0 && revoked.length === 0) return current;
        const updated = await users.updateRoles(userId, after, now, trx);
        await audit.insert(
          {
            event: 'user.roles_changed',
            at: now,
            actorUserId,
            subjectUserId: userId,
            ip: meta.ip,
            userAgent: meta.userAgent,
            details: { granted, revoked, roles: after },
          },
          trx,
        );
        return updated;
      });
      // Every process hears of it from the trigger; this one must not wait for the notification.
      cache?.invalidate(authChange.user(userId));
      if (row === 'empty') {
        throw new AppError('unprocessable', {
          detail: 'A user must keep at least one role; disable the account instead.',
        });
      }
      if (!row) throw new AppError('not_found', { detail: 'User not found' });
      return userView(row);
    },

    async setDisabled({ actorUserId, userId, disabled, meta = NO_META }) {
      if (disabled && actorUserId === userId) {
        throw new AppError('conflict', { detail: 'You cannot disable your own account.' });
      }
      const existing = await mustFind(userId);
      if (Boolean(existing.disabled_at) === disabled) return userView(existing);
      const now = clock();
      const row = await withTransaction(db, async (trx) => {
        const updated = await users.setDisabled(userId, disabled ? now : null, now, trx);
        // A disabled account keeps no way back in: every refresh token family ends now.
        if (disabled) await refreshTokens.revokeAllForUser(userId, now, trx);
        await audit.insert(
          {
            event: disabled ? 'user.disabled' : 'user.enabled',
            at: now,
            actorUserId,
            subjectUserId: userId,
            ip: meta.ip,
            userAgent: meta.userAgent,
          },
          trx,
        );
        return updated;
      });
      cache?.invalidate(authChange.user(userId));
      if (!row) throw new AppError('not_found', { detail: 'User not found' });
      return userView(row);
    },

    async listAudit({ limit, cursor, userId, event }) {
      const beforeId = cursor
        ? decodeCursor(cursor, (v) =>
            Number.isSafeInteger(v.i) && (v.i as number) > 0 ? (v.i as number) : undefined,
          )
        : undefined;
      if (userId !== undefined && !UUID.test(userId)) {
        throw new AppError('validation_failed', {
          detail: 'userId must be a user id.',
          errors: [{ field: 'querystring:/userId', message: 'must be a uuid' }],
        });
      }
      const rows = await audit.list({ limit: limit + 1, beforeId, userId, event });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(auditView),
        nextCursor: rows.length > limit && last ? encodeCursor({ i: Number(last.id) }) : null,
      };
    },
  };
}
