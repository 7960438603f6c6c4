/**
 * API keys for bots and scripts: `seer_<prefix>_<secret>`. The prefix is stored in clear to find
 * the row; the secret only as SHA-256. A slow password hash (argon2) buys nothing here: it exists
 * to make guessing low-entropy human passwords expensive, while a 256-bit random secret cannot be
 * guessed at any speed — and a fast hash keeps per-request authentication cheap.
 *
 * With an auth cache (the API's), the row `authenticate` reads is kept per process, keyed by
 * prefix, while the database's notifications vouch for it (auth-cache.ts): a repeated request costs
 * no query, yet each one still compares the secret, checks expiry against the clock and re-narrows
 * the scopes from the owner's roles, exactly as with a fresh row.
 */
import { createHash, hash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/db';
import { withTransaction } from '../db/db';
import { AppError } from '../errors';
import { type ApiKeyWithUserRow, createApiKeysRepo } from './api-keys.repo';
import { createAuditRepo } from './audit.repo';
import { type AuthCache, authChange } from './auth-cache';
import { NO_META, type Principal, type RequestMeta } from './principal';
import { effectiveRoles, normalizeRoles, type Role, SCOPES, type Scope, scopesForRoles } from './roles';
import { type ApiKeyView, apiKeyView } from './views';

export const API_KEY_PATTERN = /^seer_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
/** Live keys per user; a runaway script minting keys in a loop hits this instead of filling the table. */
export const MAX_API_KEYS_PER_USER = 100;

export interface ApiKeysService {
  create(input: {
    userId: string;
    roles: readonly Role[];
    name: string;
    scopes: readonly Scope[];
    expiresAt?: Date | undefined;
    meta?: RequestMeta;
  }): Promise<ApiKeyView & { key: string }>;
  list(userId: string): Promise<ApiKeyView[]>;
  /** 404 unless the key exists, is live and belongs to userId: others' keys are indistinguishable from none. */
  revoke(input: { userId: string; id: string; meta?: RequestMeta }): Promise<void>;
  /** Resolves `seer_...` to its owner; 401 api_key_invalid or account_disabled. */
  authenticate(key: string): Promise<Principal>;
  /** Audit row `api_key.admin_used` for a request made with a key holding the admin scope. */
  recordAdminUse(input: {
    principal: Principal;
    method: string;
    route: string;
    status: number;
    meta?: RequestMeta;
  }): Promise<void>;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** Compared against when the prefix is unknown, so both paths cost the same. */
const UNKNOWN_SECRET_HASH = Buffer.alloc(32);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createApiKeysService(deps: { db: Db; clock: () => Date; cache?: AuthCache }): ApiKeysService {
  const { db, clock, cache } = deps;
  const keys = createApiKeysRepo(db.kysely);
  const audit = createAuditRepo(db.kysely);
  const cached = cache?.table<ApiKeyWithUserRow>();
  if (cache && cached) {
    cache.onInvalidate((payload) => {
      if (payload.startsWith('k:')) cached.delete(payload.slice(2));
      else if (payload.startsWith('u:')) {
        const userId = payload.slice(2);
        cached.deleteWhere((row) => row.user_id === userId);
      }
    });
  }
  async function findByPrefix(prefix: string): Promise<ApiKeyWithUserRow | undefined> {
    const hit = cached?.get(prefix);
    if (hit) return hit;
    const ticket = cache?.ticket() ?? 0;
    const row = await keys.findByPrefixWithUser(prefix);
    // Unknown prefixes are not remembered: a new key is an INSERT, which nothing announces.
    if (row) cached?.set(prefix, row, ticket);
    return row;
  }
  // The principal a row stands for, made once per row object: a cached row is the same object
  // until a notification replaces or drops it, so a bot's repeated requests reuse it.
  const principals = new WeakMap<ApiKeyWithUserRow, Readonly<Principal>>();
  function principalOf(row: ApiKeyWithUserRow): Principal {
    let p = principals.get(row);
    if (!p) {
      const roles = normalizeRoles(row.user_roles);
      // Scopes are re-narrowed from the owner's current roles: revoking a role also takes it
      // from the owner's keys (the role change replaces the cached row).
      const allowed = scopesForRoles(roles);
      const scopes = SCOPES.filter((s) => row.scopes.includes(s) && allowed.includes(s));
      p = Object.freeze({
        userId: row.user_id,
        email: row.user_email,
        // Admin power only with the explicit admin scope (effectiveRoles).
        roles: Object.freeze(effectiveRoles(roles, 'api_key', scopes)) as Role[],
        via: 'api_key' as const,
        scopes: Object.freeze(scopes) as Scope[],
        apiKeyId: row.id,
      });
      principals.set(row, p);
    }
    return p as Principal;
  }
  /**
   * Whether the secret is the key's. SHA-256 through OpenSSL 3 costs ~2.6 us even for 43 bytes,
   * a bot's every request; so once a secret has matched the stored hash, this row object (a
   * cached row, replaced or dropped on any change to the key or its owner, 60 s at most) keeps
   * its bytes and later requests compare against them, in constant time as well. The process
   * already holds every request's Authorization header and its own signing and master keys, so
   * this adds no exposure to an attacker who can read its memory.
   */
  const verified = new WeakMap<ApiKeyWithUserRow, Buffer>();
  function secretMatches(row: ApiKeyWithUserRow, secret: string): boolean {
    const given = Buffer.from(secret, 'utf8');
    const known = verified.get(row);
    if (known) return known.length === given.length && timingSafeEqual(known, given);
    const ok = timingSafeEqual(Buffer.from(row.secret_hash, 'hex'), hash('sha256', given, 'buffer'));
    if (ok) verified.set(row, given);
    return ok;
  }
  /** An unknown prefix costs the same hash and comparison, so timing does not tell it apart. */
  function unknownPrefix(secret: string): false {
    timingSafeEqual(UNKNOWN_SECRET_HASH, hash('sha256', secret, 'buffer'));
    return false;
  }
  const invalid = () =>
    new AppError('api_key_invalid', {
      detail: 'The API key is unknown, revoked or expired.',
      headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
    });

  return {
    async create({ userId, roles, name, scopes, expiresAt, meta = NO_META }) {
      const allowed = scopesForRoles(roles);
      const excess = scopes.filter((s) => !allowed.includes(s));
      if (excess.length > 0) {
        throw new AppError('insufficient_scope', {
          detail: `Your roles do not allow the scopes ${excess.join(', ')}; a key cannot do more than its owner.`,
        });
      }
      const now = clock();
      if (expiresAt && expiresAt.getTime() <= now.getTime()) {
        throw new AppError('validation_failed', {
          detail: 'expiresAt must be in the future.',
          errors: [{ field: '/expiresAt', message: 'must be in the future' }],
        });
      }
      if ((await keys.countActiveForUser(userId)) >= MAX_API_KEYS_PER_USER) {
        throw new AppError('conflict', {
          detail: `You already have ${MAX_API_KEYS_PER_USER} API keys; delete unused ones first.`,
        });
      }
      const prefix = randomBytes(6).toString('hex');
      const secret = randomBytes(32).toString('base64url');
      const row = await withTransaction(db, async (trx) => {
        const inserted = await keys.insert(
          {
            userId,
            name: name.trim(),
            prefix,
            secretHash: sha256(secret),
            scopes: SCOPES.filter((s) => scopes.includes(s)),
            now,
            expiresAt: expiresAt ?? null,
          },
          trx,
        );
        await audit.insert(
          {
            event: 'api_key.created',
            at: now,
            actorUserId: userId,
            subjectUserId: userId,
            ip: meta.ip,
            userAgent: meta.userAgent,
            details: {
              apiKeyId: inserted.id,
              prefix,
              name: inserted.name,
              scopes: inserted.scopes,
              // Flagged so a review of the log finds every key that can act as an admin.
              admin: inserted.scopes.includes('admin'),
            },
          },
          trx,
        );
        return inserted;
      });
      return { ...apiKeyView(row), key: `seer_${prefix}_${secret}` };
    },

    async list(userId) {
      return (await keys.listActiveForUser(userId)).map(apiKeyView);
    },

    async revoke({ userId, id, meta = NO_META }) {
      if (!UUID.test(id)) throw new AppError('not_found', { detail: 'API key not found' });
      const now = clock();
      const row = await withTransaction(db, async (trx) => {
        const revoked = await keys.revokeOwned(id, userId, now, trx);
        if (revoked) {
          await audit.insert(
            {
              event: 'api_key.deleted',
              at: now,
              actorUserId: userId,
              subjectUserId: userId,
              ip: meta.ip,
              userAgent: meta.userAgent,
              details: { apiKeyId: id, prefix: revoked.prefix, name: revoked.name },
            },
            trx,
          );
        }
        return revoked;
      });
      if (!row) throw new AppError('not_found', { detail: 'API key not found' });
      // The trigger will say so to every process; this one must not wait for it.
      cache?.invalidate(authChange.key(row.prefix));
    },

    async authenticate(key) {
      const m = API_KEY_PATTERN.exec(key);
      if (!m) throw invalid();
      const [, prefix, secret] = m as unknown as [string, string, string];
      const row = await findByPrefix(prefix);
      const matches = row === undefined ? unknownPrefix(secret) : secretMatches(row, secret);
      const now = clock();
      if (
        !row ||
        !matches ||
        row.revoked_at ||
        (row.expires_at && row.expires_at.getTime() <= now.getTime())
      ) {
        throw invalid();
      }
      // One query, or none when cached: the key and its owner (inner join: user_id is a NOT NULL
      // foreign key).
      if (row.user_disabled_at)
        throw new AppError('account_disabled', { detail: 'This account is disabled.' });
      if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= 60_000) {
        await keys.touch(row.id, now);
        // last_used_at changes are not announced (they would be every minute per key), so the
        // cached row learns of this process's own write here.
        cached?.update(prefix, (r) => ({ ...r, last_used_at: now }));
      }
      return principalOf(row);
    },

    async recordAdminUse({ principal, method, route, status, meta = NO_META }) {
      await audit.insert({
        event: 'api_key.admin_used',
        at: clock(),
        actorUserId: principal.userId,
        subjectUserId: principal.userId,
        ip: meta.ip,
        userAgent: meta.userAgent,
        details: { apiKeyId: principal.apiKeyId, method, route, status },
      });
    },
  };
}
