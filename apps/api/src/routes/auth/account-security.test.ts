/**
 * Account controls (issue 9, item 9): changing the password (needs the current one, ends the
 * other sessions), logging out everywhere, and a slug conflict that does not tell someone else's unpublished model from a reserved name.
 */
import { TEST_DRIVERS } from '@seer/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, randomIp, registerAndLogin, TEST_PASSWORD, type TestUser } from '../../testing/auth';
import { createTestApp, type TestApp } from '../../testing/test-app';

const NEW_PASSWORD = 'a brand new passphrase 42';

describe.each(TEST_DRIVERS)('account security on %s', (driver) => {
  let h: TestApp;
  beforeAll(async () => {
    h = await createTestApp(driver);
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  async function login(email: string, password: string) {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      remoteAddress: randomIp(),
      payload: { email, password },
    });
    return res;
  }
  async function secondSession(u: TestUser) {
    const res = await login(u.email, u.password);
    expect(res.statusCode).toBe(200);
    const b = res.json() as { accessToken: string; refreshToken: string };
    return { access: { authorization: `Bearer ${b.accessToken}` }, refreshToken: b.refreshToken };
  }
  const me = (auth: { authorization: string }) =>
    h.app.inject({ method: 'GET', url: '/v1/me', headers: auth });
  const refresh = (refreshToken: string) =>
    h.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken } });
  const changePassword = (auth: { authorization: string }, currentPassword: string, newPassword: string) =>
    h.app.inject({
      method: 'POST',
      url: '/v1/me/password',
      headers: auth,
      payload: { currentPassword, newPassword },
    });

  describe('password change', () => {
    it('needs the current password, ends the other sessions and keeps this one', async () => {
      const u = await registerAndLogin(h.app, { roles: ['developer'] });
      const other = await secondSession(u);

      const wrong = await changePassword(u.authHeader, 'not my password at all', NEW_PASSWORD);
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().code).toBe('invalid_credentials');
      const weak = await changePassword(u.authHeader, TEST_PASSWORD, 'short');
      expect(weak.statusCode).toBe(422);
      expect((await me(other.access)).statusCode).toBe(200);

      const ok = await changePassword(u.authHeader, TEST_PASSWORD, NEW_PASSWORD);
      expect(ok.statusCode).toBe(204);
      // The other session is over, its access token at once.
      const otherMe = await me(other.access);
      expect(otherMe.statusCode).toBe(401);
      expect(otherMe.json().code).toBe('token_revoked');
      expect((await refresh(other.refreshToken)).json().code).toBe('refresh_token_invalid');
      // This session goes on.
      expect((await me(u.authHeader)).statusCode).toBe(200);
      expect((await refresh(u.refreshToken)).statusCode).toBe(200);
      // Old password gone, new one works.
      expect((await login(u.email, TEST_PASSWORD)).statusCode).toBe(401);
      expect((await login(u.email, NEW_PASSWORD)).statusCode).toBe(200);
      const events = await h.t.db.query<{ event: string }>(
        `SELECT event FROM audit_log WHERE subject_user_id = $1 AND event = 'user.password_changed'`,
        [u.userId],
      );
      expect(events.rows).toHaveLength(1);
    });

    it('is refused to API keys', async () => {
      const u = await registerAndLogin(h.app, { roles: ['developer'] });
      const key = await createApiKey(h.app, u.accessToken, ['account:read']);
      const res = await changePassword(key.authHeader, TEST_PASSWORD, NEW_PASSWORD);
      expect(res.statusCode).toBe(403);
    });
  });

  describe('log out everywhere', () => {
    it('ends every session of the user, this one included', async () => {
      const u = await registerAndLogin(h.app, { roles: ['subscriber'] });
      const other = await secondSession(u);
      const res = await h.app.inject({ method: 'POST', url: '/v1/auth/logout-all', headers: u.authHeader });
      expect(res.statusCode).toBe(204);
      for (const auth of [u.authHeader, other.access])
        expect((await me(auth)).json().code).toBe('token_revoked');
      for (const t of [u.refreshToken, other.refreshToken])
        expect((await refresh(t)).json().code).toBe('refresh_token_invalid');
      const events = await h.t.db.query<{ event: string }>(
        `SELECT event FROM audit_log WHERE subject_user_id = $1 AND event = 'logout.all'`,
        [u.userId],
      );
      expect(events.rows).toHaveLength(1);
    });
  });

  // The family's absolute lifetime is tested with a controlled clock in
  // packages/core/src/accounts/family-lifetime.test.ts.

  describe('slug conflicts', () => {
    it('do not tell someone else’s unpublished model from a reserved name', async () => {
      const [bob, alice] = await Promise.all([
        registerAndLogin(h.app, { roles: ['developer'] }),
        registerAndLogin(h.app, { roles: ['developer'] }),
      ]);
      const create = (u: TestUser, slug: string) =>
        h.app.inject({
          method: 'POST',
          url: '/v1/models',
          headers: u.authHeader,
          payload: { slug, name: 'N' },
        });
      expect((await create(bob, 'bobs-stealth-model')).statusCode).toBe(201);
      const strip = (b: Record<string, unknown>) => {
        const { requestId: _r, instance: _i, ...rest } = b;
        return rest;
      };
      const hidden = await create(alice, 'bobs-stealth-model');
      const reserved = await create(alice, 'admin');
      expect(hidden.statusCode).toBe(409);
      expect(reserved.statusCode).toBe(409);
      expect(strip(hidden.json())).toEqual(strip(reserved.json()));
      expect(hidden.body).not.toContain(bob.userId);
      // Both read as absent to her.
      expect(
        (
          await h.app.inject({
            method: 'GET',
            url: '/v1/models/bobs-stealth-model',
            headers: alice.authHeader,
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (await h.app.inject({ method: 'GET', url: '/v1/models/admin', headers: alice.authHeader }))
          .statusCode,
      ).toBe(404);
    });
  });
});
