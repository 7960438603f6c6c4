/**
 * Logging in and staying logged in: password login with throttling, refresh-token rotation with
 * reuse detection, logout, and turning a bearer credential into a Principal on every request.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Config } from '../config';
import type { Db } from '../db/db';
import { withTransaction } from '../db/db';
import { AppError } from '../errors';
import type { ApiKeysService } from './api-keys.service';
import { createAuditRepo } from './audit.repo';
import { normalizeEmail, passwordProblems } from './credentials';
import type { PasswordHasher } from './passwords';
import { NO_META, type Principal, type RequestMeta } from './principal';
import { createRefreshTokensRepo } from './refresh-tokens.repo';
import { normalizeRoles } from './roles';
import type { ThrottleStore } from './throttle';
import type { TokenService } from './tokens';
import { createUsersRepo, type UserRow } from './users.repo';
import { type UserView, userView } from './views';

export type ClientKind = 'browser' | 'api';

export interface SessionTokens {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  client: ClientKind;
  user: UserView;
}

export interface SessionsService {
  login(input: {
    email: string;
    password: string;
    client: ClientKind;
    meta?: RequestMeta;
  }): Promise<SessionTokens>;
  refresh(input: { refreshToken: string; meta?: RequestMeta }): Promise<SessionTokens>;
  /** Revokes the token's whole family. Unknown tokens are ignored: logout is idempotent. */
  logout(input: { refreshToken: string | undefined; meta?: RequestMeta }): Promise<void>;
  /** Bearer credential (JWT or `seer_` API key) -> Principal, checking the account on every call. */
  authenticate(credential: string): Promise<Principal>;
  /**
   * Changes the password after checking the current one (throttled like a login) and ends every
   * other session of the user; the session `keepSessionId` stays logged in.
   */
  changePassword(input: {
    userId: string;
    keepSessionId: string | null;
    currentPassword: string;
    newPassword: string;
    meta?: RequestMeta;
  }): Promise<void>;
  /** Ends every session (refresh-token family, and so its access tokens) of the user. */
  logoutAll(input: { userId: string; meta?: RequestMeta }): Promise<void>;
}

const REFRESH_TOKEN = /^[A-Za-z0-9_-]{43}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function createSessionsService(deps: {
  db: Db;
  clock: () => Date;
  config: Pick<
    Config,
    | 'refreshTokenTtlSeconds'
    | 'loginMaxAttemptsPerAccount'
    | 'loginMaxAttemptsPerIp'
    | 'loginWindowSeconds'
    | 'refreshTokenFamilyMaxSeconds'
  >;
  tokens: Pick<TokenService, 'issueAccessToken' | 'verifyAccessToken'>;
  passwords: Pick<PasswordHasher, 'verify' | 'verifyDummy' | 'hash'>;
  throttle: ThrottleStore;
  apiKeys: Pick<ApiKeysService, 'authenticate'>;
}): SessionsService {
  const { db, clock, config, tokens, passwords, throttle, apiKeys } = deps;
  const users = createUsersRepo(db.kysely);
  const refreshTokens = createRefreshTokensRepo(db.kysely);
  const audit = createAuditRepo(db.kysely);
  const window = config.loginWindowSeconds;

  const rateLimited = (retryAfterSeconds: number) =>
    new AppError('rate_limited', {
      detail: 'Too many login attempts; try again later.',
      headers: { 'retry-after': String(Math.max(1, retryAfterSeconds)) },
    });

  async function startSession(
    user: UserRow,
    familyId: string,
    client: ClientKind,
    meta: RequestMeta,
    ex: Parameters<typeof refreshTokens.insert>[1],
    familyStartedAt?: Date,
  ): Promise<{ tokens: SessionTokens; rowId: string }> {
    const now = clock();
    const refreshToken = randomBytes(32).toString('base64url');
    // Sliding expiry, capped by the family's absolute lifetime: rotation cannot keep a stolen
    // (or forgotten) session alive forever.
    const familyEnd = (familyStartedAt ?? now).getTime() + config.refreshTokenFamilyMaxSeconds * 1000;
    const expiresAt = new Date(Math.min(now.getTime() + config.refreshTokenTtlSeconds * 1000, familyEnd));
    const row = await refreshTokens.insert(
      {
        userId: user.id,
        familyId,
        tokenHash: sha256(refreshToken),
        client,
        now,
        expiresAt,
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 512) ?? null,
      },
      ex,
    );
    const access = await tokens.issueAccessToken({
      userId: user.id,
      roles: normalizeRoles(user.roles),
      tokenVersion: user.token_version,
      sessionId: familyId,
    });
    return {
      rowId: row.id,
      tokens: {
        accessToken: access.token,
        tokenType: 'Bearer',
        expiresIn: access.expiresIn,
        refreshToken,
        refreshTokenExpiresAt: expiresAt,
        client,
        user: userView(user),
      },
    };
  }

  const writeAudit = (
    event: string,
    meta: RequestMeta,
    e: { actorUserId?: string | null; subjectUserId?: string | null; details?: Record<string, unknown> },
  ) => audit.insert({ event, at: clock(), ip: meta.ip, userAgent: meta.userAgent, ...e });

  return {
    async login({ email: rawEmail, password, client, meta = NO_META }) {
      const email = normalizeEmail(rawEmail);
      const ipKey = `login:ip:${meta.ip ?? 'unknown'}`;
      // Hashed so the throttle store never holds addresses in clear.
      const accountKey = `login:account:${sha256(email).slice(0, 32)}`;

      const perIp = await throttle.hit(ipKey, window);
      if (perIp.count > config.loginMaxAttemptsPerIp) {
        // Record the moment a limit trips, not every rejected attempt after it (that would let a
        // flood fill the audit log).
        if (perIp.count === config.loginMaxAttemptsPerIp + 1) {
          await writeAudit('login.throttled', meta, { details: { scope: 'ip', email } });
        }
        throw rateLimited(perIp.retryAfterSeconds);
      }
      // Counted atomically BEFORE the password is checked (INCR in Redis, one synchronous
      // update in memory): N concurrent guesses see N distinct counts, so at most the limit's
      // number of them ever reach argon2. A correct password resets the count below.
      const perAccount = await throttle.hit(accountKey, window);
      if (perAccount.count > config.loginMaxAttemptsPerAccount) {
        if (perAccount.count === config.loginMaxAttemptsPerAccount + 1) {
          const known = await users.findByEmail(email);
          await writeAudit('login.throttled', meta, {
            subjectUserId: known?.id ?? null,
            details: { scope: 'account', email },
          });
        }
        throw rateLimited(perAccount.retryAfterSeconds);
      }

      // An attempt that fails for a server-side reason (the database is down: 503) before the
      // password was checked is taken back: it guessed nothing, and a user retrying through an
      // outage must not be locked out afterwards. Once the password was checked it counts.
      let user: UserRow | undefined;
      let ok = false;
      try {
        user = await users.findByEmail(email);
        if (user) ok = await passwords.verify(user.password_hash, password);
        // Unknown emails spend the same argon2 time, so neither the answer nor its latency tells
        // whether an address is registered.
        else await passwords.verifyDummy(password);
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500)
          await Promise.allSettled([throttle.release(accountKey), throttle.release(ipKey)]);
        throw err;
      }
      if (!user || !ok) {
        await writeAudit('login.failed', meta, {
          subjectUserId: user?.id ?? null,
          details: { email, reason: 'invalid_credentials' },
        });
        throw new AppError('invalid_credentials', { detail: 'The email or password is incorrect.' });
      }
      if (user.disabled_at) {
        await writeAudit('login.failed', meta, {
          subjectUserId: user.id,
          details: { email, reason: 'disabled' },
        });
        throw new AppError('account_disabled', { detail: 'This account is disabled.' });
      }
      await throttle.reset(accountKey);
      return withTransaction(db, async (trx) => {
        const { tokens: session } = await startSession(user, randomUUID(), client, meta, trx);
        await audit.insert(
          {
            event: 'login.succeeded',
            at: clock(),
            actorUserId: user.id,
            subjectUserId: user.id,
            ip: meta.ip,
            userAgent: meta.userAgent,
            details: { client },
          },
          trx,
        );
        return session;
      });
    },

    async refresh({ refreshToken, meta = NO_META }) {
      if (!REFRESH_TOKEN.test(refreshToken)) {
        throw new AppError('refresh_token_invalid', { detail: 'The refresh token is not valid.' });
      }
      const now = clock();
      // The transaction returns an outcome instead of throwing so that the revocation and audit
      // row written on reuse are committed, not rolled back with the error.
      const outcome = await withTransaction(db, async (trx) => {
        const row = await refreshTokens.findByHashForUpdate(sha256(refreshToken), trx);
        if (!row) return { kind: 'invalid' as const, reason: 'unknown' };
        if (row.used_at) {
          const revoked = await refreshTokens.revokeFamily(row.family_id, now, trx);
          await audit.insert(
            {
              event: 'refresh_token.reused',
              at: now,
              subjectUserId: row.user_id,
              ip: meta.ip,
              userAgent: meta.userAgent,
              details: { familyId: row.family_id, tokenId: row.id, revokedTokens: revoked },
            },
            trx,
          );
          return { kind: 'reused' as const };
        }
        if (row.revoked_at) return { kind: 'invalid' as const, reason: 'revoked' };
        if (row.expires_at.getTime() <= now.getTime()) return { kind: 'invalid' as const, reason: 'expired' };
        const familyStartedAt = (await refreshTokens.familyStartedAt(row.family_id, trx)) ?? row.created_at;
        if (familyStartedAt.getTime() + config.refreshTokenFamilyMaxSeconds * 1000 <= now.getTime())
          return { kind: 'invalid' as const, reason: 'expired' };
        const user = await users.findById(row.user_id, trx);
        if (!user) return { kind: 'invalid' as const, reason: 'unknown' };
        if (user.disabled_at) return { kind: 'disabled' as const };
        const next = await startSession(user, row.family_id, row.client, meta, trx, familyStartedAt);
        await refreshTokens.markRotated(row.id, next.rowId, now, trx);
        return { kind: 'ok' as const, tokens: next.tokens };
      });
      switch (outcome.kind) {
        case 'ok':
          return outcome.tokens;
        case 'reused':
          throw new AppError('refresh_token_reused', {
            detail:
              'This refresh token was already used; the session has been ended for safety. Log in again.',
          });
        case 'disabled':
          throw new AppError('account_disabled', { detail: 'This account is disabled.' });
        default:
          throw new AppError('refresh_token_invalid', {
            detail:
              outcome.reason === 'expired'
                ? 'The refresh token has expired.'
                : 'The refresh token is not valid.',
          });
      }
    },

    async logout({ refreshToken, meta = NO_META }) {
      if (!refreshToken || !REFRESH_TOKEN.test(refreshToken)) return;
      const now = clock();
      await withTransaction(db, async (trx) => {
        const row = await refreshTokens.findByHash(sha256(refreshToken), trx);
        if (!row) return;
        const revoked = await refreshTokens.revokeFamily(row.family_id, now, trx);
        if (revoked === 0) return;
        await audit.insert(
          {
            event: 'logout',
            at: now,
            actorUserId: row.user_id,
            subjectUserId: row.user_id,
            ip: meta.ip,
            userAgent: meta.userAgent,
            details: { familyId: row.family_id, revokedTokens: revoked },
          },
          trx,
        );
      });
    },

    async authenticate(credential) {
      if (credential.startsWith('seer_')) return apiKeys.authenticate(credential);
      const claims = await tokens.verifyAccessToken(credential);
      if (!UUID.test(claims.userId) || !UUID.test(claims.sessionId)) {
        throw new AppError('token_invalid_claims', { detail: 'The token subject or session is not valid.' });
      }
      const user = await users.findForAccessToken(claims.userId, claims.sessionId);
      if (!user) throw new AppError('token_revoked', { detail: 'The account no longer exists.' });
      if (user.disabled_at) throw new AppError('account_disabled', { detail: 'This account is disabled.' });
      // Disabling bumps the version; logout and refresh-token theft revoke the session.
      if (user.token_version !== claims.tokenVersion || user.session_revoked) {
        throw new AppError('token_revoked', { detail: 'The access token was revoked; log in again.' });
      }
      // Roles come from the row, not the token, so a revoked role stops working at once.
      return {
        userId: user.id,
        email: user.email,
        roles: normalizeRoles(user.roles),
        via: 'jwt',
        scopes: null,
        apiKeyId: null,
        sessionId: claims.sessionId,
      };
    },

    async changePassword({ userId, keepSessionId, currentPassword, newPassword, meta = NO_META }) {
      const user = await users.findById(userId);
      if (!user) throw new AppError('not_found', { detail: 'User not found' });
      // A stolen access token must not become a way to guess the password: same per-account
      // counter as logins, counted before argon2 runs.
      const accountKey = `login:account:${sha256(user.email).slice(0, 32)}`;
      const attempt = await throttle.hit(accountKey, window);
      if (attempt.count > config.loginMaxAttemptsPerAccount) throw rateLimited(attempt.retryAfterSeconds);
      if (!(await passwords.verify(user.password_hash, currentPassword))) {
        await writeAudit('login.failed', meta, {
          actorUserId: user.id,
          subjectUserId: user.id,
          details: { email: user.email, reason: 'invalid_credentials', during: 'password_change' },
        });
        throw new AppError('invalid_credentials', { detail: 'The current password is incorrect.' });
      }
      await throttle.reset(accountKey);
      const weak = passwordProblems(newPassword, user.email);
      if (weak.length > 0) {
        throw new AppError('weak_password', {
          detail: 'The new password does not meet the policy.',
          errors: weak,
        });
      }
      const hash = await passwords.hash(newPassword);
      const now = clock();
      await withTransaction(db, async (trx) => {
        await users.updatePasswordHash(user.id, hash, now, trx);
        const revoked = keepSessionId
          ? await refreshTokens.revokeAllForUserExcept(user.id, keepSessionId, now, trx)
          : await refreshTokens.revokeAllForUser(user.id, now, trx);
        await audit.insert(
          {
            event: 'user.password_changed',
            at: now,
            actorUserId: user.id,
            subjectUserId: user.id,
            ip: meta.ip,
            userAgent: meta.userAgent,
            details: { revokedTokens: revoked, keptSession: keepSessionId },
          },
          trx,
        );
      });
    },

    async logoutAll({ userId, meta = NO_META }) {
      const now = clock();
      await withTransaction(db, async (trx) => {
        const revoked = await refreshTokens.revokeAllForUser(userId, now, trx);
        await audit.insert(
          {
            event: 'logout.all',
            at: now,
            actorUserId: userId,
            subjectUserId: userId,
            ip: meta.ip,
            userAgent: meta.userAgent,
            details: { revokedTokens: revoked },
          },
          trx,
        );
      });
    },
  };
}
