/**
 * The one place that decides whether a caller may read a model's predictions. Every route that
 * returns predictions (or their ledger) asks `canReadPredictions(principal, model)`:
 *
 * - anonymous: no;
 * - the credential must carry `predictions:read` (a JWT has every scope of its roles; an API
 *   key only the scopes it was given);
 * - an admin: yes (through an API key only when the key itself carries an `admin` scope);
 * - the model's owner: yes;
 * - a user with a subscription of the model that is trialing or active (to the end of its
 *   period when canceling), or past_due within grace: yes; anything else: no.
 *
 * It reads our own tables only, never the payment provider. A caller that already holds the
 * model passes `{ id, ownerId }` (read in the same request), so the owner and admin decisions cost
 * no query.
 * With the API's auth cache, a subscriber's subscriptions of the model are kept per process while
 * the database's notifications vouch for them; the decision is still made per request against the
 * clock, so a period or grace that ends takes effect at once.
 */
import type { AuthCache } from '../accounts/auth-cache';
import type { Principal } from '../accounts/principal';
import { scopesForRoles } from '../accounts/roles';
import type { Db } from '../db/db';
import { createBillingRepo, type SubscriptionRow } from './billing.repo';
import { stateOf } from './billing.service';
import { grantsAccess } from './subscription-machine';

export type EntitlementPrincipal = Pick<Principal, 'userId' | 'roles' | 'via' | 'scopes'>;

/** A model id, or the model with the owner the caller already read. */
export type EntitlementModel = string | { id: string; ownerId: string };

export interface Entitlements {
  canReadPredictions(principal: EntitlementPrincipal | null, model: EntitlementModel): Promise<boolean>;
}

export function createEntitlements(deps: { db: Db; clock: () => Date; cache?: AuthCache }): Entitlements {
  const repo = createBillingRepo(deps.db);
  const { cache } = deps;
  const cached = cache?.table<SubscriptionRow[]>();
  if (cache && cached) {
    cache.onInvalidate((payload) => {
      if (payload.startsWith('s:')) cached.delete(payload.slice(2));
    });
  }
  async function candidates(userId: string, modelId: string): Promise<SubscriptionRow[]> {
    const key = `${userId}:${modelId}`;
    const hit = cached?.get(key);
    if (hit) return hit;
    const ticket = cache?.ticket() ?? 0;
    const subs = await repo.accessCandidates(userId, modelId);
    // An empty list is kept too: subscribing is an INSERT, which the trigger announces.
    cached?.set(key, subs, ticket);
    return subs;
  }
  return {
    async canReadPredictions(principal, model) {
      if (!principal) return false;
      const scopes: readonly string[] = principal.scopes ?? scopesForRoles(principal.roles);
      if (!scopes.includes('predictions:read')) return false;
      if (principal.roles.includes('admin') && (principal.via === 'jwt' || scopes.includes('admin')))
        return true;
      const modelId = typeof model === 'string' ? model : model.id;
      const ownerId = typeof model === 'string' ? await repo.modelOwner(model) : model.ownerId;
      if (ownerId === undefined) return false;
      if (ownerId === principal.userId) return true;
      const now = deps.clock();
      const subs = await candidates(principal.userId, modelId);
      return subs.some((s) => grantsAccess(stateOf(s), now));
    },
  };
}
