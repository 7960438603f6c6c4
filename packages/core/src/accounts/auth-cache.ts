/**
 * The per-process cache behind API-key requests: the key rows authentication reads (accounts)
 * and the subscriptions the entitlement check reads (billing). Migration
 * 202612010100_auth_notify.sql makes PostgreSQL announce every change that matters on
 * AUTH_CHANNEL, with the payloads below; docs/SECURITY.md says what is cached and for how long.
 */
import type { Db } from '../db/db';
import { createNotifiedCache, type NotifiedCache } from '../db/notified-cache';

export const AUTH_CHANNEL = 'seer_auth';

/** Payloads on AUTH_CHANNEL (the triggers send the same strings). */
export const authChange = {
  /** An API key's revoked_at, scopes, expires_at or owner changed, or it was deleted. */
  key: (prefix: string) => `k:${prefix}`,
  /** A user's roles, disabled_at or email changed, or the user was deleted. */
  user: (userId: string) => `u:${userId}`,
  /** A subscription of this user and model was created, changed or deleted. */
  subscriptions: (userId: string, modelId: string) => `s:${userId}:${modelId}`,
};

export function createAuthCache(db: Pick<Db, 'listen'>, o: { ttlMs?: number; maxEntries?: number } = {}) {
  return createNotifiedCache({ db, channel: AUTH_CHANNEL, ...o });
}

export type AuthCache = NotifiedCache;
