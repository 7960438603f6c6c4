/**
 * API-key authentication is on every bot request. Without a cache it is one query (key joined with
 * its owner); with the API's auth cache a repeated request costs none, and revoking a key,
 * disabling its owner or taking a role away still works on the next request: at once in the
 * process that made the change, once the database's notification arrives in any other, and
 * never from a stale entry while the listener is down.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../db/db';
import { countingDb, deafListener, eventually } from '../testing/count-statements';
import { createTestDb, TEST_DRIVERS, type TestDb } from '../testing/test-db';
import { createAccountsService } from './accounts.service';
import { type ApiKeysService, createApiKeysService } from './api-keys.service';
import { type AuthCache, createAuthCache } from './auth-cache';

describe.each(TEST_DRIVERS)('API-key authentication on %s', (driver) => {
  let t: TestDb;
  let userId: string;
  let counted: { db: Db; seen: string[] };
  let cache: AuthCache;
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  let keys: ApiKeysService;

  async function newUser(email: string): Promise<string> {
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO users (email, display_name, password_hash, roles)
       VALUES ($1, 'Bot owner', 'x', ARRAY['developer','subscriber']) RETURNING id`,
      [email],
    );
    return (rows[0] as { id: string }).id;
  }
  const mint = (name: string, owner = userId) =>
    keys.create({
      userId: owner,
      roles: ['developer', 'subscriber'],
      name,
      scopes: ['predictions:read', 'models:write'],
    });
  /** Statements one authentication sends, and its outcome (the principal's scopes or the error code). */
  async function attemptWith(key: string, by: ApiKeysService): Promise<{ seen: string[]; outcome: string }> {
    counted.seen.length = 0;
    const outcome = await by.authenticate(key).then(
      (p) => [...(p.scopes ?? [])].sort().join(','),
      (err: { code?: string }) => String(err.code),
    );
    return { seen: [...counted.seen], outcome };
  }
  const attempt = (key: string) => attemptWith(key, keys);

  beforeAll(async () => {
    t = await createTestDb(driver);
    userId = await newUser('bot-owner@example.com');
    counted = countingDb(t.db);
    cache = createAuthCache(t.db);
    keys = createApiKeysService({ db: counted.db, clock: now, cache });
    expect(await cache.whenActive(5_000)).toBe(true);
  }, 60_000);
  afterAll(async () => {
    await cache?.close();
    await t?.cleanup();
  });

  it('without a listener every request is one query (plus a last_used_at write at most once a minute)', async () => {
    const uncached = createApiKeysService({ db: counted.db, clock: now, cache: createAuthCache({}) });
    const created = await uncached.create({
      userId,
      roles: ['developer', 'subscriber'],
      name: 'bot0',
      scopes: ['predictions:read'],
    });
    counted.seen.length = 0;
    await uncached.authenticate(created.key);
    expect(counted.seen).toEqual(['SelectQueryNode', 'UpdateQueryNode']); // first use: the touch
    counted.seen.length = 0;
    await uncached.authenticate(created.key);
    expect(counted.seen).toEqual(['SelectQueryNode']);
  });

  it('with a warm cache a repeated request costs no query; last_used_at is still written once a minute', async () => {
    const created = await mint('bot');
    counted.seen.length = 0;
    const first = await keys.authenticate(created.key);
    expect(first).toMatchObject({
      userId,
      email: 'bot-owner@example.com',
      via: 'api_key',
      apiKeyId: created.id,
    });
    expect([...(first.scopes ?? [])].sort()).toEqual(['models:write', 'predictions:read']);
    expect(counted.seen).toEqual(['SelectQueryNode', 'UpdateQueryNode']);
    expect(await attempt(created.key)).toEqual({ seen: [], outcome: 'models:write,predictions:read' });
    expect(await attempt(created.key)).toEqual({ seen: [], outcome: 'models:write,predictions:read' });
    // A wrong secret for a cached prefix is refused from the cached hash, without a query either.
    const wrong = `${created.key.slice(0, -1)}${created.key.endsWith('A') ? 'B' : 'A'}`;
    expect(await attempt(wrong)).toEqual({ seen: [], outcome: 'api_key_invalid' });
    offset = 61_000;
    try {
      expect(await attempt(created.key)).toEqual({
        seen: ['UpdateQueryNode'],
        outcome: 'models:write,predictions:read',
      });
      expect((await attempt(created.key)).seen).toEqual([]);
    } finally {
      offset = 0;
    }
  });

  it('expiry is checked against the clock on every request, cached or not', async () => {
    const created = await keys.create({
      userId,
      roles: ['developer'],
      name: 'short',
      scopes: ['predictions:read'],
      expiresAt: new Date(Date.now() + 30_000),
    });
    await keys.authenticate(created.key);
    expect(await attempt(created.key)).toEqual({ seen: [], outcome: 'predictions:read' });
    offset = 31_000;
    try {
      expect(await attempt(created.key)).toEqual({ seen: [], outcome: 'api_key_invalid' });
    } finally {
      offset = 0;
    }
  });

  it('revocation, disabling the owner and a lost role made in this process apply to the very next request', async () => {
    // Deaf: no notification will come, so only the services' own invalidations can help.
    const local = createAuthCache(deafListener);
    const localKeys = createApiKeysService({ db: counted.db, clock: now, cache: local });
    const attempt = (key: string) => attemptWith(key, localKeys);
    const accounts = createAccountsService({
      db: t.db,
      clock: now,
      passwords: { hash: async () => 'x' },
      cache: local,
    });
    const adminId = await newUser('admin-same@example.com');
    const created = await localKeys.create({
      userId,
      roles: ['developer', 'subscriber'],
      name: 'bot2',
      scopes: ['predictions:read', 'models:write'],
    });
    await localKeys.authenticate(created.key);
    expect(await attempt(created.key)).toEqual({ seen: [], outcome: 'models:write,predictions:read' });

    await accounts.changeRoles({ actorUserId: adminId, userId, grant: [], revoke: ['developer'] });
    expect((await attempt(created.key)).outcome).toBe('predictions:read');
    await accounts.changeRoles({ actorUserId: adminId, userId, grant: ['developer'], revoke: [] });
    expect((await attempt(created.key)).outcome).toBe('models:write,predictions:read');

    await accounts.setDisabled({ actorUserId: adminId, userId, disabled: true });
    expect((await attempt(created.key)).outcome).toBe('account_disabled');
    await accounts.setDisabled({ actorUserId: adminId, userId, disabled: false });
    expect(await attempt(created.key)).toEqual({
      seen: ['SelectQueryNode'],
      outcome: 'models:write,predictions:read',
    });
    expect(await attempt(created.key)).toEqual({ seen: [], outcome: 'models:write,predictions:read' });

    await localKeys.revoke({ userId, id: created.id });
    expect((await attempt(created.key)).outcome).toBe('api_key_invalid');
  });

  it('changes written by another connection reach the cache through the notification', async () => {
    // On pg a second Db is another process as far as PostgreSQL can tell; PGlite has one connection.
    const other = driver === 'pg' ? await openDb({ databaseUrl: t.url, poolMax: 1 }) : t.db;
    try {
      const owner = await newUser('bot-owner-2@example.com');
      const created = await mint('bot3', owner);
      await keys.authenticate(created.key);
      const served = async (expected: string) => {
        const r = await attempt(created.key);
        return r.outcome === expected;
      };
      expect(await attempt(created.key)).toEqual({ seen: [], outcome: 'models:write,predictions:read' });

      await other.query("UPDATE users SET roles = ARRAY['subscriber'] WHERE id = $1", [owner]);
      expect(await eventually(() => served('predictions:read'))).toBe(true);
      await other.query("UPDATE users SET roles = ARRAY['developer','subscriber'] WHERE id = $1", [owner]);
      expect(await eventually(() => served('models:write,predictions:read'))).toBe(true);

      await other.query('UPDATE users SET disabled_at = now() WHERE id = $1', [owner]);
      expect(await eventually(() => served('account_disabled'))).toBe(true);
      await other.query('UPDATE users SET disabled_at = NULL WHERE id = $1', [owner]);
      expect(await eventually(() => served('models:write,predictions:read'))).toBe(true);

      // last_used_at is not announced: touching it elsewhere leaves the entry (and no query) in place.
      await other.query("UPDATE api_keys SET last_used_at = now() - interval '10 seconds' WHERE id = $1", [
        created.id,
      ]);
      await new Promise((r) => setTimeout(r, 100));
      expect(await attempt(created.key)).toEqual({ seen: [], outcome: 'models:write,predictions:read' });

      await other.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [created.id]);
      expect(await eventually(() => served('api_key_invalid'))).toBe(true);
    } finally {
      if (other !== t.db) await other.close();
    }
  });

  // PostgreSQL only: the test kills the listener's backend with pg_terminate_backend; PGlite's
  // listener lives in the same process as its database and cannot be cut off that way.
  it.runIf(driver === 'pg')(
    'a lost listener empties the cache and queries resume; caching resumes after it reconnects',
    async () => {
      const created = await mint('bot4');
      await keys.authenticate(created.key);
      expect((await attempt(created.key)).seen).toEqual([]);

      const admin = new pg.Client({ connectionString: t.url });
      await admin.connect();
      try {
        const killed = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'seer-listen'`,
        );
        expect(killed.rowCount).toBe(1);
        // Made while the listener is going down: no notification may ever tell of it.
        await admin.query("UPDATE users SET roles = ARRAY['subscriber'] WHERE id = $1", [userId]);
        // The entry is dropped as soon as the loss is noticed: the next requests query again and
        // see the change (whether or not the listener has already reconnected meanwhile).
        expect(await eventually(async () => (await attempt(created.key)).seen.length > 0)).toBe(true);
        expect((await attempt(created.key)).outcome).toBe('predictions:read');
        await admin.query("UPDATE users SET roles = ARRAY['developer','subscriber'] WHERE id = $1", [userId]);

        expect(await cache.whenActive(10_000)).toBe(true);
        const listeners = await admin.query(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'seer-listen'`,
        );
        expect(listeners.rowCount).toBe(1);
        expect(
          await eventually(async () => (await attempt(created.key)).outcome.includes('models:write')),
        ).toBe(true);
        expect(await attempt(created.key)).toEqual({ seen: [], outcome: 'models:write,predictions:read' });
      } finally {
        await admin.end();
      }
    },
    30_000,
  );

  it('unknown prefix, wrong secret and malformed keys are all api_key_invalid', async () => {
    const created = await keys.create({
      userId,
      roles: ['developer'],
      name: 'bot5',
      scopes: ['predictions:read'],
    });
    const wrongSecret = `${created.key.slice(0, -1)}${created.key.endsWith('A') ? 'B' : 'A'}`;
    const unknownPrefix = created.key.replace(/^seer_[0-9a-f]{12}_/, 'seer_ffffffffffff_');
    for (const k of [wrongSecret, unknownPrefix, 'seer_nope', `${created.key}x`]) {
      await expect(keys.authenticate(k)).rejects.toMatchObject({ code: 'api_key_invalid' });
    }
    // A secret that matched is remembered with its cached row (no hash per request); only the
    // right one passes either way, before and after, and a refused one is never remembered.
    await expect(keys.authenticate(created.key)).resolves.toMatchObject({ apiKeyId: created.id });
    await expect(keys.authenticate(created.key)).resolves.toMatchObject({ apiKeyId: created.id });
    for (const k of [wrongSecret, `${created.key}x`, created.key.slice(0, -1)]) {
      await expect(keys.authenticate(k)).rejects.toMatchObject({ code: 'api_key_invalid' });
    }
    await expect(keys.authenticate(created.key)).resolves.toMatchObject({ apiKeyId: created.id });
  });
});
