/**
 * API-key authentication is on every bot request: one query (key joined with its owner), and no
 * cache — so revoking a key, disabling its owner or taking a role away works on the next request.
 */
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db';
import { createTestDb, TEST_DRIVERS, type TestDb } from '../testing/test-db';
import { createApiKeysService } from './api-keys.service';

/** Counts the statements the query builder sends (reads vs writes). */
function counter() {
  const seen: string[] = [];
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      seen.push(args.node.kind);
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return args.result;
    },
  };
  return { seen, plugin };
}

describe.each(TEST_DRIVERS)('API-key authentication on %s', (driver) => {
  let t: TestDb;
  let userId: string;
  const c = counter();
  let counted: Db;
  const now = () => new Date();
  beforeAll(async () => {
    t = await createTestDb(driver);
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO users (email, display_name, password_hash, roles)
       VALUES ('bot-owner@example.com', 'Bot owner', 'x', ARRAY['developer','subscriber']) RETURNING id`,
    );
    userId = (rows[0] as { id: string }).id;
    counted = Object.assign(Object.create(Object.getPrototypeOf(t.db)), t.db, {
      kysely: t.db.kysely.withPlugin(c.plugin),
    }) as Db;
  }, 60_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('costs one query per request (plus a last_used_at write at most once a minute)', async () => {
    const keys = createApiKeysService({ db: counted, clock: now });
    const created = await keys.create({
      userId,
      roles: ['developer', 'subscriber'],
      name: 'bot',
      scopes: ['predictions:read', 'models:write'],
    });
    c.seen.length = 0;
    const first = await keys.authenticate(created.key);
    expect(first).toMatchObject({
      userId,
      email: 'bot-owner@example.com',
      via: 'api_key',
      apiKeyId: created.id,
    });
    expect([...(first.scopes ?? [])].sort()).toEqual(['models:write', 'predictions:read']);
    expect(c.seen).toEqual(['SelectQueryNode', 'UpdateQueryNode']); // first use: the touch
    c.seen.length = 0;
    await keys.authenticate(created.key);
    expect(c.seen).toEqual(['SelectQueryNode']);
  });

  it('revocation, disabling the owner and a lost role take effect on the very next request', async () => {
    const keys = createApiKeysService({ db: counted, clock: now });
    const created = await keys.create({
      userId,
      roles: ['developer', 'subscriber'],
      name: 'bot2',
      scopes: ['predictions:read', 'models:write'],
    });
    expect((await keys.authenticate(created.key)).scopes).toContain('models:write');

    await t.db.query("UPDATE users SET roles = ARRAY['subscriber'] WHERE id = $1", [userId]);
    expect((await keys.authenticate(created.key)).scopes).toEqual(['predictions:read']);
    await t.db.query("UPDATE users SET roles = ARRAY['developer','subscriber'] WHERE id = $1", [userId]);

    await t.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [userId]);
    await expect(keys.authenticate(created.key)).rejects.toMatchObject({ code: 'account_disabled' });
    await t.db.query('UPDATE users SET disabled_at = NULL WHERE id = $1', [userId]);
    expect((await keys.authenticate(created.key)).userId).toBe(userId);

    await keys.revoke({ userId, id: created.id });
    await expect(keys.authenticate(created.key)).rejects.toMatchObject({ code: 'api_key_invalid' });
  });

  it('unknown prefix, wrong secret and malformed keys are all api_key_invalid', async () => {
    const keys = createApiKeysService({ db: counted, clock: now });
    const created = await keys.create({
      userId,
      roles: ['developer'],
      name: 'bot3',
      scopes: ['predictions:read'],
    });
    const wrongSecret = `${created.key.slice(0, -1)}${created.key.endsWith('A') ? 'B' : 'A'}`;
    const unknownPrefix = created.key.replace(/^seer_[0-9a-f]{12}_/, 'seer_ffffffffffff_');
    for (const k of [wrongSecret, unknownPrefix, 'seer_nope', `${created.key}x`]) {
      await expect(keys.authenticate(k)).rejects.toMatchObject({ code: 'api_key_invalid' });
    }
  });
});
