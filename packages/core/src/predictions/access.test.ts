import { describe, expect, it } from 'vitest';
import type { Principal } from '../accounts/principal';
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

describe('PredictionAccess', () => {
  it('anonymous and non-subscribers get the public record; owner and admin everything', async () => {
    const access = createPredictionAccess();
    expect(await access.level(null, model)).toBe('public');
    expect(await access.level(who({}), model)).toBe('public');
    expect(await access.level(who({ userId: 'owner', roles: ['developer'] }), model)).toBe('full');
    expect(await access.level(who({ roles: ['admin'] }), model)).toBe('full');
  });

  it('the injected entitlement (billing) opens everything to a subscriber of this model only', async () => {
    const access = createPredictionAccess({
      isSubscriber: async (userId, modelId) => userId === 's' && modelId === 'm1',
    });
    expect(await access.level(who({ userId: 's' }), model)).toBe('full');
    expect(await access.level(who({ userId: 's' }), { id: 'm2', ownerId: 'owner' })).toBe('public');
    expect(await access.level(who({ userId: 'x' }), model)).toBe('public');
  });

  it('an API key without predictions:read is refused, even for the owner', async () => {
    const access = createPredictionAccess({ isSubscriber: async () => true });
    const key = who({
      userId: 'owner',
      roles: ['developer'],
      via: 'api_key',
      scopes: ['models:read'],
      apiKeyId: 'k',
    });
    await expect(access.level(key, model)).rejects.toMatchObject({ code: 'insufficient_scope' });
    const scoped = { ...key, scopes: ['predictions:read' as const] };
    expect(await access.level(scoped, model)).toBe('full');
  });
});
