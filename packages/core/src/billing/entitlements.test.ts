/**
 * canReadPredictions for every kind of caller and every subscription state, over a real database
 * (both drivers). Subscriptions are written as the service would leave them in each state. With
 * the auth cache: what it saves, and that changes (here or elsewhere) and time still apply.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthCache, createAuthCache } from '../accounts/auth-cache';
import type { Principal } from '../accounts/principal';
import { createManualClock } from '../clock/clock';
import { type Db, openDb } from '../db/db';
import { countingDb, deafListener, eventually } from '../testing/count-statements';
import { createTestDb, TEST_DRIVERS, type TestDb } from '../testing/test-db';
import { createBillingService, stateOf } from './billing.service';
import { createEntitlements, type Entitlements } from './entitlements';
import { DAY_MS } from './periods';
import { createMockProvider } from './providers/mock-provider';
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

  it('with the model and its owner at hand, the owner and admins cost no query', async () => {
    const c = countingDb(t.db);
    const e = createEntitlements({ db: c.db, clock: () => clock.now() });
    const model = { id: modelId, ownerId };
    expect(await e.canReadPredictions(jwt(ownerId, ['developer']), model)).toBe(true);
    expect(await e.canReadPredictions(key(ownerId, ['predictions:read'], ['developer']), model)).toBe(true);
    expect(await e.canReadPredictions(jwt(await user(['admin']), ['admin']), model)).toBe(true);
    expect(c.seen).toEqual([]);
    // The id alone: the owner is looked up.
    expect(await e.canReadPredictions(jwt(ownerId, ['developer']), modelId)).toBe(true);
    expect(c.seen).toEqual(['SelectQueryNode']);
  });

  describe('with the auth cache', () => {
    let cache: AuthCache;
    let e: Entitlements;
    let c: { db: Db; seen: string[] };
    /** Set freely, backwards too: each test starts again at T0. */
    const at = {
      t: T0,
      now() {
        return this.t;
      },
      set(d: Date) {
        this.t = d;
      },
    };
    const model = () => ({ id: modelId, ownerId });
    /** Statements one decision sends, and the decision. */
    async function decide(u: string): Promise<{ seen: string[]; ok: boolean }> {
      c.seen.length = 0;
      const ok = await e.canReadPredictions(key(u, ['predictions:read']), model());
      return { seen: [...c.seen], ok };
    }
    /**
     * Decides until an answer comes from the cache: on pg the notification of the row just
     * written arrives a moment later and evicts what the first decision stored.
     */
    const warm = (u: string) => eventually(async () => (await decide(u)).seen.length === 0);
    beforeAll(async () => {
      c = countingDb(t.db);
      cache = createAuthCache(t.db);
      e = createEntitlements({ db: c.db, clock: () => at.now(), cache });
      expect(await cache.whenActive(5_000)).toBe(true);
    });
    afterAll(async () => {
      await cache?.close();
    });

    it("a subscriber's repeated request costs no query, and a period that ends applies at once", async () => {
      const canceling = transition(active(), { type: 'cancel', at: T0 }).state;
      const u = await holder(canceling);
      at.set(T0);
      expect(await decide(u)).toEqual({ seen: ['SelectQueryNode'], ok: true });
      expect(await warm(u)).toBe(true);
      expect(await decide(u)).toEqual({ seen: [], ok: true });
      at.set(canceling.currentPeriodEnd);
      // Decided against the clock from the cached rows: no query, no access.
      expect(await decide(u)).toEqual({ seen: [], ok: false });
      // A non-subscriber's empty answer is cached too, and subscribing (an INSERT) ends it.
      at.set(T0);
      const later = await user();
      expect(await decide(later)).toEqual({ seen: ['SelectQueryNode'], ok: false });
      expect(await warm(later)).toBe(true);
      expect(await decide(later)).toEqual({ seen: [], ok: false });
      await t.db.query(
        `INSERT INTO subscriptions (user_id, model_id, plan_id, provider, status, price_minor, currency, anchor_at,
           period_index, current_period_start, current_period_end, created_at, updated_at)
         SELECT $1, model_id, plan_id, provider, status, price_minor, currency, anchor_at, period_index,
           current_period_start, current_period_end, created_at, updated_at FROM subscriptions WHERE user_id = $2`,
        [later, u],
      );
      expect(await eventually(async () => (await decide(later)).ok)).toBe(true);
    });

    it('a subscription canceled, expired or deleted elsewhere is refused once the notification arrives', async () => {
      at.set(T0);
      const other = driver === 'pg' ? await openDb({ databaseUrl: t.url, poolMax: 1 }) : t.db;
      try {
        const ended = await holder(active());
        const gone = await holder(active());
        for (const u of [ended, gone]) {
          expect(await warm(u)).toBe(true);
          expect(await decide(u)).toEqual({ seen: [], ok: true });
        }
        await other.query(
          `UPDATE subscriptions SET status = 'expired', ended_at = now() WHERE user_id = $1`,
          [ended],
        );
        await other.query('DELETE FROM subscriptions WHERE user_id = $1', [gone]);
        expect(await eventually(async () => !(await decide(ended)).ok)).toBe(true);
        expect(await eventually(async () => !(await decide(gone)).ok)).toBe(true);
      } finally {
        if (other !== t.db) await other.close();
      }
    });

    it('a cancel through the billing service applies to the very next request in this process', async () => {
      at.set(T0);
      const u = await holder(active());
      // Deaf: no notification will come, so only the service's own invalidation can help.
      const local = createAuthCache(deafListener);
      const e = createEntitlements({ db: c.db, clock: () => at.now(), cache: local });
      const decide = async (u: string) => {
        c.seen.length = 0;
        const ok = await e.canReadPredictions(key(u, ['predictions:read']), model());
        return { seen: [...c.seen], ok };
      };
      const billing = createBillingService({
        db: t.db,
        provider: createMockProvider({ db: t.db, webhookSecret: 'x'.repeat(32) }),
        clock: () => at.now(),
        policy: { graceMs: 7 * DAY_MS, retryOffsetsMs: [] },
        feePercent: 20,
        cache: local,
      });
      await decide(u);
      expect(await decide(u)).toEqual({ seen: [], ok: true });
      const sub = await t.db.query<{ id: string }>('SELECT id FROM subscriptions WHERE user_id = $1', [u]);
      // Cancel keeps access to the period's end: at the end, the next request must already read the
      // new row (cancel_at_period_end), not the cached one that would renew.
      await billing.cancel(jwt(u), (sub.rows[0] as { id: string }).id);
      const after = await decide(u);
      expect(after.seen).toEqual(['SelectQueryNode']);
      expect(after.ok).toBe(true);
      at.set(active().currentPeriodEnd);
      expect((await decide(u)).ok).toBe(false);
    });
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
