/**
 * The one place that decides whether a caller may read a model's predictions. Every route that
 * returns predictions (or their ledger) asks `canReadPredictions(principal, modelId)`:
 *
 * - anonymous: no;
 * - the credential must carry `predictions:read` (a JWT has every scope of its roles; an API
 *   key only the scopes it was given);
 * - an admin: yes (through an API key only when the key itself carries an `admin` scope);
 * - the model's owner: yes;
 * - a user with a subscription of the model that is trialing or active (to the end of its
 *   period when canceling), or past_due within grace: yes; anything else: no.
 *
 * It reads our own tables only, never the payment provider.
 */
import type { Principal } from '../accounts/principal';
import { scopesForRoles } from '../accounts/roles';
import type { Db } from '../db/db';
import { createBillingRepo } from './billing.repo';
import { stateOf } from './billing.service';
import { grantsAccess } from './subscription-machine';

export type EntitlementPrincipal = Pick<Principal, 'userId' | 'roles' | 'via' | 'scopes'>;

export interface Entitlements {
  canReadPredictions(principal: EntitlementPrincipal | null, modelId: string): Promise<boolean>;
}

export function createEntitlements(deps: { db: Db; clock: () => Date }): Entitlements {
  const repo = createBillingRepo(deps.db);
  return {
    async canReadPredictions(principal, modelId) {
      if (!principal) return false;
      const scopes: readonly string[] = principal.scopes ?? scopesForRoles(principal.roles);
      if (!scopes.includes('predictions:read')) return false;
      if (principal.roles.includes('admin') && (principal.via === 'jwt' || scopes.includes('admin')))
        return true;
      const ownerId = await repo.modelOwner(modelId);
      if (ownerId === undefined) return false;
      if (ownerId === principal.userId) return true;
      const now = deps.clock();
      const subs = await repo.accessCandidates(principal.userId, modelId);
      return subs.some((s) => grantsAccess(stateOf(s), now));
    },
  };
}
