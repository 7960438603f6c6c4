import { Type } from '@fastify/type-provider-typebox';
import { eventually, TEST_DRIVERS } from '@seer/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { requireRole, requireScope } from '../../plugins/auth';
import { problemResponses } from '../../schemas/problem';
import { createAdmin, createApiKey, registerAndLogin, type TestUser } from '../../testing/auth';
import { createTestApp, type TestApp } from '../../testing/test-app';

describe.each(TEST_DRIVERS)('API keys and RBAC on %s', (driver) => {
  let h: TestApp;
  let dev: TestUser;
  let sub: TestUser;
  beforeAll(async () => {
    // Routes that exist only in this test, to prove requireRole / requireScope / authenticateOptional.
    h = await createTestApp(driver, {}, (app) => {
      app.get(
        '/test/developer-only',
        {
          preHandler: app.authenticate,
          schema: { response: { 200: Type.Object({ ok: Type.Boolean() }), ...problemResponses(401, 403) } },
        },
        async (request) => {
          requireRole(request.principal, 'developer');
          return { ok: true };
        },
      );
      app.get('/test/models-write', { preHandler: app.authenticate }, async (request) => {
        requireScope(request.principal, 'models:write');
        return { ok: true };
      });
      app.get('/test/optional', { preHandler: app.authenticateOptional }, async (request) => ({
        who: request.principal?.userId ?? null,
      }));
    });
    dev = await registerAndLogin(h.app, { roles: ['developer'] });
    sub = await registerAndLogin(h.app, { roles: ['subscriber'] });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    h.app.inject({ method: 'GET', url, headers });

  describe('RBAC', () => {
    it('a subscriber cannot use developer routes; a developer and an admin can', async () => {
      const denied = await get('/test/developer-only', sub.authHeader);
      expect(denied.statusCode).toBe(403);
      expect(denied.json().code).toBe('forbidden');
      expect((await get('/test/developer-only', dev.authHeader)).statusCode).toBe(200);
      const admin = await createAdmin(h.app);
      expect((await get('/test/developer-only', admin.authHeader)).statusCode).toBe(200);
      expect((await get('/test/developer-only')).statusCode).toBe(401);
    });

    it('requireScope follows the roles of a JWT', async () => {
      expect((await get('/test/models-write', dev.authHeader)).statusCode).toBe(200);
      const res = await get('/test/models-write', sub.authHeader);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('insufficient_scope');
    });

    it('authenticateOptional: anonymous is fine, bad credentials are not', async () => {
      expect((await get('/test/optional')).json()).toEqual({ who: null });
      expect((await get('/test/optional', sub.authHeader)).json()).toEqual({ who: sub.userId });
      const bad = await get('/test/optional', { authorization: 'Bearer x.y.z' });
      expect(bad.statusCode).toBe(401);
    });
  });

  describe('keys', () => {
    it('creates a key shown once, usable as a Bearer credential with exactly its scopes', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/v1/api-keys',
        headers: dev.authHeader,
        payload: { name: 'trading bot', scopes: ['predictions:read', 'account:read'] },
      });
      expect(res.statusCode).toBe(201);
      const created = res.json();
      expect(created.key).toMatch(/^seer_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
      expect(created.key.startsWith(`seer_${created.prefix}_`)).toBe(true);
      expect(created).toMatchObject({
        name: 'trading bot',
        scopes: ['predictions:read', 'account:read'],
        lastUsedAt: null,
      });
      expect(res.headers['cache-control']).toBe('no-store');

      const stored = await h.t.db.query<{ secret_hash: string }>(
        'SELECT secret_hash FROM api_keys WHERE id = $1',
        [created.id],
      );
      const secret = created.key.split('_').slice(2).join('_');
      expect(stored.rows[0]?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored.rows[0]?.secret_hash).not.toContain(secret);

      const list = await get('/v1/api-keys', dev.authHeader);
      expect(list.statusCode).toBe(200);
      const listed = list.json().items.find((k: { id: string }) => k.id === created.id);
      expect(listed).toBeDefined();
      expect(listed.key).toBeUndefined();
      expect(JSON.stringify(list.json())).not.toContain(secret);

      const me = await get('/v1/me', { authorization: `Bearer ${created.key}` });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({
        id: dev.userId,
        via: 'api_key',
        apiKeyId: created.id,
        scopes: ['predictions:read', 'account:read'],
      });
      // The developer could write models, but this key was not given the scope.
      const scoped = await get('/test/models-write', { authorization: `Bearer ${created.key}` });
      expect(scoped.statusCode).toBe(403);
      expect(scoped.json().code).toBe('insufficient_scope');
    });

    it('records last_used_at, at most once a minute', async () => {
      const key = await createApiKey(h.app, dev.accessToken, ['account:read']);
      const lastUsed = async () =>
        (
          await h.t.db.query<{ last_used_at: Date | null }>(
            'SELECT last_used_at FROM api_keys WHERE id = $1',
            [key.id],
          )
        ).rows[0]?.last_used_at;
      expect(await lastUsed()).toBeNull();
      expect((await get('/v1/me', key.authHeader)).statusCode).toBe(200);
      const first = await lastUsed();
      expect(first).toBeInstanceOf(Date);
      await get('/v1/me', key.authHeader);
      expect((await lastUsed())?.getTime()).toBe(first?.getTime());
      // Two minutes later (the key row may be cached in this process, so time itself must pass).
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        vi.setSystemTime(Date.now() + 120_000);
        await get('/v1/me', key.authHeader);
        expect((await lastUsed())?.getTime()).toBeGreaterThanOrEqual((first?.getTime() ?? 0) + 120_000);
      } finally {
        vi.useRealTimers();
      }
    });

    it('a subscriber cannot create a key with models:write', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/v1/api-keys',
        headers: sub.authHeader,
        payload: { name: 'sneaky', scopes: ['predictions:read', 'models:write'] },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('insufficient_scope');
      expect((await get('/v1/api-keys', sub.authHeader)).json().items).toEqual([]);
    });

    it('a key loses scopes its owner loses', async () => {
      const owner = await registerAndLogin(h.app, { roles: ['developer', 'subscriber'] });
      const key = await createApiKey(h.app, owner.accessToken, ['models:write', 'account:read']);
      expect((await get('/test/models-write', key.authHeader)).statusCode).toBe(200);
      // Written behind the API's back, as another process would: it applies once the database's
      // notification reaches this process's auth cache (milliseconds).
      await h.t.db.query("UPDATE users SET roles = ARRAY['subscriber'] WHERE id = $1", [owner.userId]);
      expect(
        await eventually(async () => (await get('/test/models-write', key.authHeader)).statusCode === 403),
      ).toBe(true);
      expect((await get('/v1/me', key.authHeader)).json().scopes).toEqual(['account:read']);
    });

    it('only the owner sees and deletes a key; others get 404', async () => {
      const key = await createApiKey(h.app, dev.accessToken, ['account:read']);
      const other = await registerAndLogin(h.app, { roles: ['developer'] });
      expect((await get('/v1/api-keys', other.authHeader)).json().items).toEqual([]);
      const steal = await h.app.inject({
        method: 'DELETE',
        url: `/v1/api-keys/${key.id}`,
        headers: other.authHeader,
      });
      expect(steal.statusCode).toBe(404);
      expect(steal.json().code).toBe('not_found');
      expect((await get('/v1/me', key.authHeader)).statusCode).toBe(200);

      const del = await h.app.inject({
        method: 'DELETE',
        url: `/v1/api-keys/${key.id}`,
        headers: dev.authHeader,
      });
      expect(del.statusCode).toBe(204);
      const after = await get('/v1/me', key.authHeader);
      expect(after.statusCode).toBe(401);
      expect(after.json().code).toBe('api_key_invalid');
      const again = await h.app.inject({
        method: 'DELETE',
        url: `/v1/api-keys/${key.id}`,
        headers: dev.authHeader,
      });
      expect(again.statusCode).toBe(404);
      const notUuid = await h.app.inject({
        method: 'DELETE',
        url: '/v1/api-keys/not-a-uuid',
        headers: dev.authHeader,
      });
      expect(notUuid.statusCode).toBe(400);
      const events = (
        await h.t.db.query<{ event: string }>(
          "SELECT event FROM audit_log WHERE subject_user_id = $1 AND event LIKE 'api_key.%' ORDER BY id",
          [dev.userId],
        )
      ).rows.map((r) => r.event);
      expect(events).toContain('api_key.created');
      expect(events).toContain('api_key.deleted');
    });

    it('an expired key stops working; an expiry in the past is refused', async () => {
      const soon = new Date(Date.now() + 60_000).toISOString();
      const key = await createApiKey(h.app, dev.accessToken, ['account:read'], { expiresAt: soon });
      expect((await get('/v1/me', key.authHeader)).statusCode).toBe(200);
      await h.t.db.query("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1", [
        key.id,
      ]);
      expect(
        await eventually(async () => (await get('/v1/me', key.authHeader)).json().code === 'api_key_invalid'),
      ).toBe(true);
      const past = await h.app.inject({
        method: 'POST',
        url: '/v1/api-keys',
        headers: dev.authHeader,
        payload: { name: 'late', scopes: ['account:read'], expiresAt: '2020-01-01T00:00:00Z' },
      });
      expect(past.statusCode).toBe(400);
      expect(past.json().errors).toEqual([{ field: '/expiresAt', message: 'must be in the future' }]);
    });

    it('a key with a right prefix but wrong secret is refused', async () => {
      const key = await createApiKey(h.app, dev.accessToken, ['account:read']);
      const forged = `${key.key.slice(0, -4)}AAAA`;
      const res = await get('/v1/me', {
        authorization: `Bearer ${forged === key.key ? `${key.key.slice(0, -4)}BBBB` : forged}`,
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('api_key_invalid');
    });

    it('API keys cannot manage API keys', async () => {
      const key = await createApiKey(h.app, dev.accessToken, ['account:read', 'models:write']);
      const res = await h.app.inject({
        method: 'POST',
        url: '/v1/api-keys',
        headers: key.authHeader,
        payload: { name: 'child', scopes: ['account:read'] },
      });
      expect(res.statusCode).toBe(403);
      expect((await get('/v1/api-keys', key.authHeader)).statusCode).toBe(403);
    });

    it('validates the body: unknown scopes, empty scopes, unknown fields, long names', async () => {
      for (const payload of [
        { name: 'x', scopes: ['admin:all'] },
        { name: 'x', scopes: [] },
        { name: 'x', scopes: ['account:read'], owner: 'someone' },
        { name: '', scopes: ['account:read'] },
        { name: 'x'.repeat(101), scopes: ['account:read'] },
        { name: 'x', scopes: ['account:read', 'account:read'] },
        { name: 'x', scopes: ['account:read'], expiresAt: 'tomorrow' },
      ]) {
        const res = await h.app.inject({
          method: 'POST',
          url: '/v1/api-keys',
          headers: dev.authHeader,
          payload,
        });
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.json().code).toBe('validation_failed');
      }
    });
  });
});
