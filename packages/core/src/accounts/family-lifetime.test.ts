/**
 * A refresh-token family (one password login) has an absolute lifetime (issue 9, item 9):
 * rotating keeps the session going only until REFRESH_TOKEN_FAMILY_MAX_SECONDS after the login.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../config';
import { createTestDb, TEST_DRIVERS, type TestDb } from '../testing/test-db';
import { createAccountServices } from './create-accounts';

const MIN = 60_000;
const PASSWORD = 'correct horse battery staple';

describe.each(TEST_DRIVERS)('refresh-token family lifetime on %s', (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver);
  }, 180_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('rotation never extends a session past its absolute lifetime', async () => {
    const t0 = Date.parse('2026-11-27T12:00:00Z');
    let now = t0;
    const clock = () => new Date(now);
    // Sliding one hour per token, two hours per login.
    const config = testConfig({ refreshTokenTtlSeconds: 3600, refreshTokenFamilyMaxSeconds: 7200 });
    const { accounts, sessions } = await createAccountServices({ config, db: t.db, clock });
    const email = `family-${randomBytes(5).toString('hex')}@example.com`;
    await accounts.register({ email, password: PASSWORD, displayName: 'F', roles: ['subscriber'] });

    const login = await sessions.login({ email, password: PASSWORD, client: 'api' });
    expect(login.refreshTokenExpiresAt.getTime()).toBe(t0 + 60 * MIN);

    now = t0 + 50 * MIN;
    const r1 = await sessions.refresh({ refreshToken: login.refreshToken });
    expect(r1.refreshTokenExpiresAt.getTime()).toBe(t0 + 110 * MIN);

    now = t0 + 100 * MIN;
    const r2 = await sessions.refresh({ refreshToken: r1.refreshToken });
    // Capped at the family's end (t0 + 120 min), not now + 60 min.
    expect(r2.refreshTokenExpiresAt.getTime()).toBe(t0 + 120 * MIN);

    now = t0 + 119 * MIN;
    const r3 = await sessions.refresh({ refreshToken: r2.refreshToken });
    expect(r3.refreshTokenExpiresAt.getTime()).toBe(t0 + 120 * MIN);

    now = t0 + 121 * MIN;
    await expect(sessions.refresh({ refreshToken: r3.refreshToken })).rejects.toMatchObject({
      code: 'refresh_token_invalid',
    });
    // A new password login starts a new family.
    const again = await sessions.login({ email, password: PASSWORD, client: 'api' });
    expect(again.refreshTokenExpiresAt.getTime()).toBe(now + 60 * MIN);
  }, 60_000);
});
