/**
 * The mapping from billing's entitlement decision to what the prediction routes serve. The
 * decision itself (owner, admin, subscription states, keys) is tested on real databases in
 * billing/entitlements.test.ts; here it is a plain function value.
 */
import { describe, expect, it } from 'vitest';
import type { Principal } from '../accounts/principal';
import type { Entitlements } from '../billing/entitlements';
import { createPredictionAccess } from './access';

const model = { id: 'm1', ownerId: 'owner' };
const who = (o: Partial<Principal>): Principal => ({
  userId: 'u',
  email: 'u@example.com',
  roles: ['subscriber'],
  via: 'jwt',
  scopes: null,
  apiKeyId: null,
  ...o,
});
const entitledTo = (userId: string, modelId: string): Entitlements => ({
  canReadPredictions: async (p, m) => p?.userId === userId && (typeof m === 'string' ? m : m.id) === modelId,
});

describe('PredictionAccess', () => {
  it('anonymous callers get the public record', async () => {
    expect(await createPredictionAccess({ entitlements: entitledTo('s', 'm1') }).level(null, model)).toBe(
      'public',
    );
  });

  it('the entitlement decides: full for the entitled caller of this model only', async () => {
    const access = createPredictionAccess({ entitlements: entitledTo('s', 'm1') });
    expect(await access.level(who({ userId: 's' }), model)).toBe('full');
    expect(await access.level(who({ userId: 's' }), { id: 'm2', ownerId: 'owner' })).toBe('public');
    expect(await access.level(who({ userId: 'x' }), model)).toBe('public');
  });

  it('hands billing the model with its owner, so the owner decision needs no query', async () => {
    const asked: unknown[] = [];
    const access = createPredictionAccess({
      entitlements: {
        canReadPredictions: async (_p, m) => {
          asked.push(m);
          return true;
        },
      },
    });
    await access.level(who({ userId: 'owner', roles: ['developer'] }), model);
    expect(asked).toEqual([model]);
  });

  it('without an entitlement function nobody gets more than the public record', async () => {
    const access = createPredictionAccess();
    expect(await access.level(who({ userId: 'owner', roles: ['developer'] }), model)).toBe('public');
  });

  it('an API key without predictions:read is refused, even for the entitled owner', async () => {
    const access = createPredictionAccess({ entitlements: entitledTo('owner', 'm1') });
    const key = who({
      userId: 'owner',
      roles: ['developer'],
      via: 'api_key',
      scopes: ['models:read'],
      apiKeyId: 'k',
    });
    await expect(access.level(key, model)).rejects.toMatchObject({ code: 'insufficient_scope' });
    expect(await access.level({ ...key, scopes: ['predictions:read'] }, model)).toBe('full');
  });
});
