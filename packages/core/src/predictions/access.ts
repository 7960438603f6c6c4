/**
 * Who may read which predictions of a model. The decision itself is billing's one entitlement
 * function (`canReadPredictions`: owner, admin, a subscriber in good standing, or a key of
 * theirs with predictions:read); this only maps it to what the prediction routes serve:
 *
 * - `full`: every prediction, at once.
 * - `public`: only the delayed record: predictions whose outcome is known and whose as_of is
 *   older than the model's public delay. Anonymous callers and everyone else.
 *
 * An authenticated caller whose credential lacks the `predictions:read` scope (an API key made
 * without it) is refused with 403 insufficient_scope rather than silently given the public
 * record: a bot with a misconfigured key should find out, not receive stale data.
 */
import type { Principal } from '../accounts/principal';
import { scopesForRoles } from '../accounts/roles';
import type { Entitlements } from '../billing/entitlements';
import { AppError } from '../errors';

export type AccessLevel = 'full' | 'public';

export interface PredictionAccessDeps {
  /** Billing's entitlement decision. Without it (tests of the delayed record), nobody has full access. */
  entitlements?: Entitlements;
}

export interface PredictionAccess {
  level(principal: Principal | null, model: { id: string; ownerId: string }): Promise<AccessLevel>;
}

export function createPredictionAccess(deps: PredictionAccessDeps = {}): PredictionAccess {
  return {
    async level(principal, model) {
      if (!principal) return 'public';
      const scopes = principal.scopes ?? scopesForRoles(principal.roles);
      if (!scopes.includes('predictions:read'))
        throw new AppError('insufficient_scope', { detail: 'This requires the scope predictions:read.' });
      if (!deps.entitlements) return 'public';
      return (await deps.entitlements.canReadPredictions(principal, model)) ? 'full' : 'public';
    },
  };
}
