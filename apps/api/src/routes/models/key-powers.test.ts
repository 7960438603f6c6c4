/**
 * What an API key may do, beyond its owner's roles (issue 9, items 1 and 2):
 * - an admin's key has no admin power unless it carries the explicit `admin` scope, which only
 *   an admin can mint; minting and every use of it are in the audit log;
 * - optional-auth reads apply the key's scopes: a key without `models:read` reads like an
 *   anonymous caller (no drafts, no never-deployed models).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageTgz } from '@seer/core/registry';
import { TEST_DRIVERS } from '@seer/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin, createApiKey, registerAndLogin, type TestUser } from '../../testing/auth';
import { createTestApp, type TestApp } from '../../testing/test-app';

describe.each(TEST_DRIVERS)('API key powers on %s', (driver) => {
  let h: TestApp;
  let work: string;
  let bob: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'seer-key-powers-'));
    h = await createTestApp(driver, {
      keysDir: path.join(work, 'keys'),
      artifactDir: path.join(work, 'artifacts'),
    });
    await h.t.db.query(
      `INSERT INTO instruments (symbol, name, asset_class) VALUES ('USDCHF', 'USD/CHF', 'fx')`,
    );
    bob = await registerAndLogin(h.app, { roles: ['developer'] });
    admin = await createAdmin(h.app, { roles: ['admin', 'developer', 'subscriber'] });
    // Bob's private work: a never-deployed model with a draft version.
    const created = await h.app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: bob.authHeader,
      payload: { slug: 'bobs-secret', name: 'Secret' },
    });
    expect(created.statusCode).toBe(201);
    const up = await h.app.inject({
      method: 'POST',
      url: '/v1/models/bobs-secret/versions',
      headers: { ...bob.authHeader, 'content-type': 'application/gzip' },
      payload: await packageTgz(),
    });
    expect(up.statusCode).toBe(201);
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const req = (
    method: 'GET' | 'PATCH' | 'POST',
    url: string,
    auth: { authorization: string },
    payload?: unknown,
  ) =>
    h.app.inject({
      method,
      url,
      headers: auth,
      ...(payload === undefined ? {} : { payload: payload as never }),
    });

  const audit = async (event: string) =>
    (
      await h.t.db.query<{ actor_user_id: string; details: Record<string, unknown> }>(
        'SELECT actor_user_id, details FROM audit_log WHERE event = $1 ORDER BY id',
        [event],
      )
    ).rows;

  describe('item 1: an admin key without the admin scope has no admin power', () => {
    it('cannot edit, download, read runs or the ledger of another developer’s model', async () => {
      const key = await createApiKey(h.app, admin.accessToken, [
        'models:write',
        'models:read',
        'predictions:read',
      ]);
      const patch = await req('PATCH', '/v1/models/bobs-secret', key.authHeader, { name: 'pwned' });
      expect(patch.statusCode).toBe(404);
      expect(
        (await req('GET', '/v1/models/bobs-secret/versions/1.0.0/package', key.authHeader)).statusCode,
      ).toBe(404);
      expect((await req('GET', '/v1/models/bobs-secret', key.authHeader)).statusCode).toBe(404);
      expect(
        (await req('GET', '/v1/models/bobs-secret/versions/1.0.0/runs', key.authHeader)).statusCode,
      ).toBe(404);
      expect(
        (await req('GET', '/v1/models/bobs-secret/versions/1.0.0/ledger/verify', key.authHeader)).statusCode,
      ).toBe(404);
      // The same admin logged in with a password keeps their powers.
      expect((await req('GET', '/v1/models/bobs-secret', admin.authHeader)).statusCode).toBe(200);
    });

    it('only an admin can mint the admin scope, and minting is audited', async () => {
      const refused = await h.app.inject({
        method: 'POST',
        url: '/v1/api-keys',
        headers: bob.authHeader,
        payload: { name: 'sneaky', scopes: ['admin'] },
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('insufficient_scope');

      const key = await createApiKey(h.app, admin.accessToken, ['admin', 'models:write'], {
        name: 'ops bot',
      });
      const minted = (await audit('api_key.created')).find((r) => r.details.apiKeyId === key.id);
      expect(minted).toMatchObject({ actor_user_id: admin.userId, details: { admin: true } });
    });

    it('with the admin scope a key acts as admin, and each use is attributable in the audit log', async () => {
      const key = await createApiKey(h.app, admin.accessToken, ['admin', 'models:write']);
      const patch = await req('PATCH', '/v1/models/bobs-secret', key.authHeader, { name: 'Renamed by ops' });
      expect(patch.statusCode).toBe(200);
      const uses = (await audit('api_key.admin_used')).filter((r) => r.details.apiKeyId === key.id);
      expect(uses).toEqual([
        expect.objectContaining({
          actor_user_id: admin.userId,
          details: expect.objectContaining({ method: 'PATCH', route: '/v1/models/:slug', status: 200 }),
        }),
      ]);
      // Admin routes stay for password sessions only, whatever the key's scopes.
      expect((await req('GET', '/v1/admin/users', key.authHeader)).statusCode).toBe(403);
    });
  });

  describe('item 2: reads apply the key’s scopes', () => {
    it('a key with only account:read reads its owner’s drafts like an anonymous caller', async () => {
      const key = await createApiKey(h.app, bob.accessToken, ['account:read']);
      expect((await req('GET', '/v1/models/bobs-secret', key.authHeader)).statusCode).toBe(404);
      expect((await req('GET', '/v1/models/bobs-secret/versions', key.authHeader)).statusCode).toBe(404);
      expect((await req('GET', '/v1/models/bobs-secret/versions/1.0.0', key.authHeader)).statusCode).toBe(
        404,
      );
      expect(
        (await req('GET', '/v1/models/bobs-secret/versions/1.0.0/attestation', key.authHeader)).statusCode,
      ).toBe(404);
      const mine = await req('GET', '/v1/models?mine=true', key.authHeader);
      expect(mine.statusCode).toBe(403);
      expect(mine.json().code).toBe('insufficient_scope');
      // With models:read the owner sees them.
      const reader = await createApiKey(h.app, bob.accessToken, ['models:read']);
      expect((await req('GET', '/v1/models/bobs-secret', reader.authHeader)).statusCode).toBe(200);
      const versions = await req('GET', '/v1/models/bobs-secret/versions', reader.authHeader);
      expect(versions.json().items.map((v: { version: string }) => v.version)).toEqual(['1.0.0']);
      expect((await req('GET', '/v1/models?mine=true', reader.authHeader)).json().items).toHaveLength(1);
    });
  });
});
