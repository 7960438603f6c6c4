/**
 * The per-account login limit holds under concurrency: attempts are counted atomically before
 * the password is checked, so a burst of parallel guesses gets at most the limit's number of
 * argon2 verifications. The verifier is the real argon2 hasher, wrapped only to count calls at
 * the service boundary.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../config';
import { createTestDb, TEST_DRIVERS, type TestDb } from '../testing/test-db';
import { createAccountServices } from './create-accounts';
import { createPasswordHasher, type PasswordHasher } from './passwords';
import { createSessionsService } from './sessions.service';
import { createMemoryThrottleStore, createRedisThrottleStore, type ThrottleStore } from './throttle';

const LIMIT = 5;
const PASSWORD = 'correct horse battery staple';
const prefix = `seer:throttle:race-${randomBytes(4).toString('hex')}:`;
let redis: Redis;

beforeAll(() => {
  redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

function counting(hasher: PasswordHasher): PasswordHasher & { verifications: () => number } {
  let n = 0;
  return {
    hash: (p) => hasher.hash(p),
    verify: async (h, p) => {
      n += 1;
      return hasher.verify(h, p);
    },
    verifyDummy: async (p) => {
      n += 1;
      return hasher.verifyDummy(p);
    },
    verifications: () => n,
  };
}

describe.each(TEST_DRIVERS)('login throttling under concurrency on %s', (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver);
  }, 60_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  describe.each([
    ['memory', () => createMemoryThrottleStore(() => new Date())],
    ['redis', () => createRedisThrottleStore(redis, `${prefix}${driver}:`)],
  ] as const)('%s store', (_name, makeStore) => {
    async function setup() {
      const config = testConfig({
        loginMaxAttemptsPerAccount: LIMIT,
        loginMaxAttemptsPerIp: 10_000,
        loginWindowSeconds: 600,
      });
      const clock = () => new Date();
      const services = await createAccountServices({ config, db: t.db, clock });
      const email = `race-${randomBytes(6).toString('hex')}@example.com`;
      await services.accounts.register({ email, password: PASSWORD, displayName: 'R', roles: ['developer'] });
      const real = await createPasswordHasher({
        memoryKib: config.argon2MemoryKib,
        timeCost: config.argon2TimeCost,
        parallelism: 1,
      });
      const passwords = counting(real);
      const throttle: ThrottleStore = makeStore();
      const sessions = createSessionsService({
        db: t.db,
        clock,
        config,
        tokens: services.tokens,
        passwords,
        throttle,
        apiKeys: services.apiKeys,
      });
      return { sessions, passwords, email };
    }

    it('50 concurrent bad logins at one account check the password at most LIMIT times', async () => {
      const { sessions, passwords, email } = await setup();
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) =>
          sessions.login({
            email,
            password: `wrong password number ${i}`,
            client: 'api',
            meta: { ip: `10.9.${i}.1`, userAgent: null },
          }),
        ),
      );
      const codes = results.map((r) =>
        r.status === 'rejected' ? (r.reason as { code?: string }).code : 'ok',
      );
      expect(codes.filter((c) => c === 'invalid_credentials').length).toBeLessThanOrEqual(LIMIT);
      expect(codes.filter((c) => c === 'rate_limited').length).toBeGreaterThanOrEqual(50 - LIMIT);
      expect(passwords.verifications()).toBeLessThanOrEqual(LIMIT);
      // Even the right password is refused while the account is locked: no verification happens.
      await expect(sessions.login({ email, password: PASSWORD, client: 'api' })).rejects.toMatchObject({
        code: 'rate_limited',
      });
      expect(passwords.verifications()).toBeLessThanOrEqual(LIMIT);
    }, 60_000);

    it('a successful login resets the account counter', async () => {
      const { sessions, email } = await setup();
      for (let i = 0; i < LIMIT - 1; i++) {
        await expect(
          sessions.login({ email, password: 'not the password!', client: 'api' }),
        ).rejects.toMatchObject({ code: 'invalid_credentials' });
      }
      await sessions.login({ email, password: PASSWORD, client: 'api' });
      for (let i = 0; i < LIMIT - 1; i++) {
        await expect(
          sessions.login({ email, password: 'not the password!', client: 'api' }),
        ).rejects.toMatchObject({ code: 'invalid_credentials' });
      }
      await sessions.login({ email, password: PASSWORD, client: 'api' });
    }, 60_000);
  });
});
