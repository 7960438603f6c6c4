/**
 * canReadPredictions for every kind of caller and every subscription state, over a real database
 * (both drivers). Subscriptions are written as the service would leave them in each state.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../accounts/principal';
import { createManualClock } from '../clock/clock';
import { createTestDb, TEST_DRIVERS, type TestDb } from '../testing/test-db';
import { stateOf } from './billing.service';
import { createEntitlements, type Entitlements } from './entitlements';
import { DAY_MS } from './periods';
import { type SubscriptionState, startSubscription, transition } from './subscription-machine';

const T0 = new Date('2027-03-01T00:00:00Z');

describe.each(TEST_DRIVERS)('entitlements (%s)', (driver) => {
  let t: TestDb;
  let ent: Entitlements;
  const clock = createManualClock(T0);
  let ownerId: string;
  let modelId: string;
  let planId: string;

  async function user(roles: string[] = ['subscriber']): Promise<string> {
    const r = await sql<{ id: string }>`INSERT INTO users (email, display_name, password_hash, roles)
      VALUES (${`e${randomBytes(5).toString('hex')}@example.test`}, 'T', 'x', ${roles}) RETURNING id`.execute(
      t.db.kysely,
    );
    return (r.rows[0] as { id: string }).id;
  }
  const jwt = (userId: string, roles: Principal['roles'] = ['subscriber']): Principal => ({
    userId,
    email: 'x@example.test',
    roles,
    via: 'jwt',
    scopes: null,
    apiKeyId: null,
  });
  const key = (userId: string, scopes: string[], roles: Principal['roles'] = ['subscriber']): Principal => ({
    ...jwt(userId, roles),
    via: 'api_key',
    scopes: scopes as Principal['scopes'],
    apiKeyId: 'k',
  });

  /** A user holding a subscription in the given state. */
  async function holder(state: SubscriptionState): Promise<string> {
    const u = await user();
    await t.db.kysely
      .insertInto('subscriptions')
      .values({
        user_id: u,
        model_id: modelId,
        plan_id: planId,
        provider: 'mock',
        status: state.status,
        price_minor: state.priceMinor,
        currency: state.currency,
        trial_end: state.trialEnd,
        anchor_at: state.anchorAt,
        period_index: state.periodIndex,
        current_period_start: state.currentPeriodStart,
        current_period_end: state.currentPeriodEnd,
        cancel_at_period_end: state.cancelAtPeriodEnd,
        grace_until: state.graceUntil,
        ended_at: state.endedAt,
        failed_attempts: state.failedAttempts,
        created_at: T0,
        updated_at: T0,
      })
      .execute();
    return u;
  }

  const start = (trialDays: number) =>
    startSubscription({ at: T0, priceMinor: 1900, currency: 'USD', trialDays, trialAllowed: true });
  const active = () => transition(start(0), { type: 'charge_succeeded', periodIndex: 1, at: T0 }).state;

  beforeAll(async () => {
    t = await createTestDb(driver);
    ent = createEntitlements({ db: t.db, clock: () => clock.now() });
    ownerId = await user(['developer']);
    const m = await sql<{ id: string }>`INSERT INTO models (owner_id, slug, name)
      VALUES (${ownerId}, ${`ent-${randomBytes(4).toString('hex')}`}, 'E') RETURNING id`.execute(t.db.kysely);
    modelId = (m.rows[0] as { id: string }).id;
    const p = await sql<{
      id: string;
    }>`INSERT INTO plans (model_id, price_minor, currency, trial_days, effective_from, created_by)
      VALUES (${modelId}, 1900, 'USD', 14, ${T0}, ${ownerId}) RETURNING id`.execute(t.db.kysely);
    planId = (p.rows[0] as { id: string }).id;
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('anonymous, a non-subscriber, an unknown model: no', async () => {
    expect(await ent.canReadPredictions(null, modelId)).toBe(false);
    expect(await ent.canReadPredictions(jwt(await user()), modelId)).toBe(false);
    expect(
      await ent.canReadPredictions(jwt(ownerId, ['developer']), '00000000-0000-4000-8000-000000000000'),
    ).toBe(false);
  });

  it('owner and admin: yes; an admin API key needs an explicit admin scope to act as admin', async () => {
    expect(await ent.canReadPredictions(jwt(ownerId, ['developer']), modelId)).toBe(true);
    expect(await ent.canReadPredictions(key(ownerId, ['predictions:read'], ['developer']), modelId)).toBe(
      true,
    );
    expect(await ent.canReadPredictions(key(ownerId, ['models:read'], ['developer']), modelId)).toBe(false);
    const adminId = await user(['admin']);
    expect(await ent.canReadPredictions(jwt(adminId, ['admin']), modelId)).toBe(true);
    expect(await ent.canReadPredictions(key(adminId, ['predictions:read'], ['admin']), modelId)).toBe(false);
    expect(
      await ent.canReadPredictions(key(adminId, ['predictions:read', 'admin'], ['admin']), modelId),
    ).toBe(true);
  });

  it('trialing and active: yes; API keys of such a user only with predictions:read', async () => {
    const tr = await holder(start(14));
    expect(await ent.canReadPredictions(jwt(tr), modelId)).toBe(true);
    const ac = await holder(active());
    expect(await ent.canReadPredictions(jwt(ac), modelId)).toBe(true);
    expect(await ent.canReadPredictions(key(ac, ['predictions:read']), modelId)).toBe(true);
    expect(await ent.canReadPredictions(key(ac, ['models:read', 'account:read']), modelId)).toBe(false);
    // incomplete (first payment not confirmed): no.
    expect(await ent.canReadPredictions(jwt(await holder(start(0))), modelId)).toBe(false);
  });

  it('past_due within grace: yes; after grace: no; expired: no', async () => {
    const a = active();
    const pd = transition(a, { type: 'charge_failed', periodIndex: 2, at: a.currentPeriodEnd }).state;
    const u = await holder(pd);
    const c = createManualClock(new Date(a.currentPeriodEnd.getTime() + 6 * DAY_MS));
    const e2 = createEntitlements({ db: t.db, clock: () => c.now() });
    expect(await e2.canReadPredictions(jwt(u), modelId)).toBe(true);
    c.set(pd.graceUntil as Date);
    expect(await e2.canReadPredictions(jwt(u), modelId)).toBe(false);
    const ex = transition(pd, { type: 'expire', at: pd.graceUntil as Date }).state;
    expect(await e2.canReadPredictions(jwt(await holder(ex)), modelId)).toBe(false);
  });

  it('canceled: yes within the paid period, no after it', async () => {
    const canceling = transition(active(), { type: 'cancel', at: T0 }).state;
    const u = await holder(canceling);
    const c = createManualClock(new Date(canceling.currentPeriodEnd.getTime() - 1));
    const e2 = createEntitlements({ db: t.db, clock: () => c.now() });
    expect(await e2.canReadPredictions(jwt(u), modelId)).toBe(true);
    c.set(canceling.currentPeriodEnd);
    // At the end the engine has not run yet: still no access (the period was paid to here).
    expect(await e2.canReadPredictions(jwt(u), modelId)).toBe(false);
    const ended = transition(canceling, { type: 'period_end', at: canceling.currentPeriodEnd }).state;
    expect(await e2.canReadPredictions(jwt(await holder(ended)), modelId)).toBe(false);
    // stateOf round-trips what the table holds.
    const row = await t.db.kysely
      .selectFrom('subscriptions')
      .selectAll()
      .where('user_id', '=', u)
      .executeTakeFirstOrThrow();
    expect(stateOf(row).cancelAtPeriodEnd).toBe(true);
  });
});
