import { TEST_DRIVERS } from '@seer/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAdmin,
  createApiKey,
  randomIp,
  registerAndLogin,
  TEST_PASSWORD,
  type TestUser,
} from '../../testing/auth';
import { createTestApp, type TestApp } from '../../testing/test-app';

describe.each(TEST_DRIVERS)('admin routes on %s', (driver) => {
  let h: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    h = await createTestApp(driver);
    admin = await createAdmin(h.app);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const as = (user: { authHeader: { authorization: string } }) => ({
    get: (url: string) => h.app.inject({ method: 'GET', url, headers: user.authHeader }),
    post: (url: string, payload?: unknown) =>
      h.app.inject({
        method: 'POST',
        url,
        headers: user.authHeader,
        ...(payload === undefined ? {} : { payload: payload as never }),
      }),
  });

  it('only admins reach admin routes; API keys never do', async () => {
    const dev = await registerAndLogin(h.app, { roles: ['developer', 'subscriber'] });
    for (const [method, url] of [
      ['GET', '/v1/admin/users'],
      ['GET', '/v1/admin/audit'],
      ['POST', `/v1/admin/users/${dev.userId}/disable`],
      ['POST', `/v1/admin/users/${dev.userId}/enable`],
    ] as const) {
      const res = await h.app.inject({ method, url, headers: dev.authHeader });
      expect(res.statusCode, url).toBe(403);
      expect((await h.app.inject({ method, url })).statusCode, url).toBe(401);
    }
    const escalate = await as(dev).post(`/v1/admin/users/${dev.userId}/roles`, { grant: ['admin'] });
    expect(escalate.statusCode).toBe(403);
    // Admin tokens passed through an API key do not carry admin power either.
    const adminKey = await createApiKey(h.app, admin.accessToken, ['account:read']);
    expect(
      (await h.app.inject({ method: 'GET', url: '/v1/admin/users', headers: adminKey.authHeader }))
        .statusCode,
    ).toBe(403);
  });

  it('lists users with cursor pagination and no duplicates or gaps', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await registerAndLogin(h.app)).userId);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await as(admin).get(
        `/v1/admin/users?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((u: { id: string }) => u.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of [...made, admin.userId]) expect(seen).toContain(id);
    const total = (await h.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]?.n;
    expect(seen).toHaveLength(total as number);
    // Newest first.
    expect(seen.indexOf(made[4] as string)).toBeLessThan(seen.indexOf(made[0] as string));
  });

  it('validates list parameters', async () => {
    for (const q of ['limit=0', 'limit=1001', 'limit=abc', 'cursor=%%%', 'cursor=bm90LWpzb24', 'unknown=1']) {
      const res = await as(admin).get(`/v1/admin/users?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().code, q).toBe('validation_failed');
    }
    const tampered = Buffer.from(JSON.stringify({ t: 'yesterday', i: 'x' })).toString('base64url');
    const res = await as(admin).get(`/v1/admin/users?cursor=${tampered}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'querystring:/cursor', message: 'is not a valid cursor' }]);
    expect((await as(admin).get('/v1/admin/users?limit=1000')).statusCode).toBe(200);
  });

  it('filters users by email', async () => {
    const u = await registerAndLogin(h.app);
    const res = await as(admin).get(`/v1/admin/users?email=${encodeURIComponent(u.email.toUpperCase())}`);
    expect(res.json().items.map((x: { id: string }) => x.id)).toEqual([u.userId]);
  });

  it('grants and revokes roles, audits it, and the change applies at once', async () => {
    const u = await registerAndLogin(h.app, { roles: ['subscriber'] });
    const res = await as(admin).post(`/v1/admin/users/${u.userId}/roles`, {
      grant: ['developer'],
      revoke: ['subscriber'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().roles).toEqual(['developer']);
    // The same access token now has the new roles (they are read from the row).
    expect((await as(u).get('/v1/me')).json().roles).toEqual(['developer']);
    const audit = await as(admin).get(`/v1/admin/audit?userId=${u.userId}&event=user.roles_changed`);
    expect(audit.statusCode).toBe(200);
    expect(audit.json().items).toHaveLength(1);
    expect(audit.json().items[0]).toMatchObject({
      actorUserId: admin.userId,
      subjectUserId: u.userId,
      details: { granted: ['developer'], revoked: ['subscriber'] },
    });
    const empty = await as(admin).post(`/v1/admin/users/${u.userId}/roles`, { revoke: ['developer'] });
    expect(empty.statusCode).toBe(422);
    const both = await as(admin).post(`/v1/admin/users/${u.userId}/roles`, {
      grant: ['admin'],
      revoke: ['admin'],
    });
    expect(both.statusCode).toBe(400);
    const bogus = await as(admin).post(`/v1/admin/users/${u.userId}/roles`, { grant: ['root'] });
    expect(bogus.statusCode).toBe(400);
    const missing = await as(admin).post('/v1/admin/users/00000000-0000-4000-8000-000000000000/roles', {
      grant: ['developer'],
    });
    expect(missing.statusCode).toBe(404);
    const self = await as(admin).post(`/v1/admin/users/${admin.userId}/roles`, { revoke: ['admin'] });
    expect(self.statusCode).toBe(409);
  });

  it('disabling stops tokens, refresh tokens and API keys at once; enabling needs a fresh login', async () => {
    const u = await registerAndLogin(h.app, { roles: ['developer'] });
    const key = await createApiKey(h.app, u.accessToken, ['account:read']);
    expect((await as(u).get('/v1/me')).statusCode).toBe(200);
    expect((await as(key).get('/v1/me')).statusCode).toBe(200);

    const res = await as(admin).post(`/v1/admin/users/${u.userId}/disable`);
    expect(res.statusCode).toBe(200);
    expect(res.json().disabledAt).not.toBeNull();

    const jwt = await as(u).get('/v1/me');
    expect(jwt.statusCode).toBe(401);
    expect(jwt.json().code).toBe('account_disabled');
    expect((await as(key).get('/v1/me')).json().code).toBe('account_disabled');
    const refresh = await h.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      payload: { refreshToken: u.refreshToken },
    });
    expect(refresh.statusCode).toBe(401);
    const login = await h.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      remoteAddress: randomIp(),
      payload: { email: u.email, password: TEST_PASSWORD },
    });
    expect(login.json().code).toBe('account_disabled');

    expect((await as(admin).post(`/v1/admin/users/${u.userId}/enable`)).json().disabledAt).toBeNull();
    // The old access token stays dead (token version moved on); a new login works.
    expect((await as(u).get('/v1/me')).json().code).toBe('token_revoked');
    expect((await as(key).get('/v1/me')).statusCode).toBe(200);
    const again = await h.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      remoteAddress: randomIp(),
      payload: { email: u.email, password: TEST_PASSWORD },
    });
    expect(again.statusCode).toBe(200);

    const events = (await as(admin).get(`/v1/admin/audit?userId=${u.userId}`))
      .json()
      .items.map((e: { event: string }) => e.event);
    expect(events).toEqual(
      expect.arrayContaining(['user.disabled', 'user.enabled', 'login.succeeded', 'user.registered']),
    );
  });

  it('an admin cannot disable themself', async () => {
    const res = await as(admin).post(`/v1/admin/users/${admin.userId}/disable`);
    expect(res.statusCode).toBe(409);
    expect((await as(admin).get('/v1/me')).statusCode).toBe(200);
  });

  it('pages through the audit log newest first', async () => {
    const u = await registerAndLogin(h.app);
    for (let i = 0; i < 3; i++) await as(u).get('/v1/me');
    await h.app.inject({ method: 'POST', url: '/v1/auth/logout', payload: { refreshToken: u.refreshToken } });
    const first = (await as(admin).get(`/v1/admin/audit?userId=${u.userId}&limit=1`)).json();
    expect(first.items[0].event).toBe('logout');
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (
      await as(admin).get(`/v1/admin/audit?userId=${u.userId}&limit=1&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items[0].id).toBeLessThan(first.items[0].id);
    const bad = await as(admin).get('/v1/admin/audit?userId=not-a-uuid');
    expect(bad.statusCode).toBe(400);
    const badEvent = await as(admin).get('/v1/admin/audit?event=DROP%20TABLE');
    expect(badEvent.statusCode).toBe(400);
  });

  it('the audit log rejects UPDATE, DELETE and TRUNCATE', async () => {
    await expect(h.t.db.query("UPDATE audit_log SET event = 'tampered'")).rejects.toThrow(/append-only/);
    await expect(h.t.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(h.t.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    const n = (await h.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]?.n;
    expect(n).toBeGreaterThan(0);
  });
});
