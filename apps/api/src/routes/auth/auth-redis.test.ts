import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomIp, registerAndLogin, TEST_PASSWORD } from '../../testing/auth';
import { createTestApp, type TestApp } from '../../testing/test-app';

// Wiring of the Redis throttle store into the API (the store itself is tested against Redis in
// packages/core, and the login rules on both database drivers in auth.test.ts): one driver suffices.
describe('login throttling shared through Redis', () => {
  let h: TestApp;
  let h2: TestApp;
  let redis: Redis;
  const touched: string[] = [];
  beforeAll(async () => {
    const config = {
      redisUrl: 'redis://127.0.0.1:6379',
      loginMaxAttemptsPerAccount: 2,
      loginMaxAttemptsPerIp: 50,
    };
    h = await createTestApp('pg', config);
    // A second API process on the same database and Redis.
    h2 = await createTestApp('pg', config);
    redis = new Redis('redis://127.0.0.1:6379');
  }, 60_000);
  afterAll(async () => {
    if (touched.length > 0) await redis.del(...touched);
    redis?.disconnect();
    await h?.close();
    await h2?.close();
  });

  it('reports Redis in readiness', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.json().checks).toMatchObject({ database: 'ok', redis: 'ok' });
  });

  it('counts failures in Redis under seer:throttle:, so every process sees them', async () => {
    const u = await registerAndLogin(h.app);
    // The same email on the second app's database, so both processes know the account.
    await registerAndLogin(h2.app, { email: u.email });
    const accountKey = `seer:throttle:login:account:${createHash('sha256').update(u.email).digest('hex').slice(0, 32)}`;
    touched.push(accountKey);
    const attempt = (app: TestApp, password: string) =>
      app.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        remoteAddress: randomIp(),
        payload: { email: u.email, password },
      });

    expect((await attempt(h, 'wrong password 1')).statusCode).toBe(401);
    expect(Number(await redis.get(accountKey))).toBe(1);
    expect((await attempt(h2, 'wrong password 2')).statusCode).toBe(401);
    const blocked = await attempt(h, TEST_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('rate_limited');
    const ttl = await redis.ttl(accountKey);
    expect(ttl).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(ttl + 1);
    expect((await attempt(h2, TEST_PASSWORD)).statusCode).toBe(429);

    await redis.del(accountKey);
    expect((await attempt(h2, TEST_PASSWORD)).statusCode).toBe(200);
  });
});
