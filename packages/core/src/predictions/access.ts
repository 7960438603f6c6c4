/**
 * Who may read which predictions of a model. Pure decision over injected facts, so the billing
 * work's entitlement (`canReadPredictions(principal, modelId)`) plugs in as `isSubscriber`
 * with a one-line change where the services are built.
 *
 * - `full`: every prediction, at once: the model's owner, admins, and subscribers.
 * - `public`: only the delayed record: predictions whose outcome is known and whose as_of is
 *   older than the model's public delay. Anonymous callers and everyone else.
 *
 * An authenticated caller whose credential lacks the `predictions:read` scope (an API key made
 * without it) is refused with 403 insufficient_scope rather than silently given the public
 * record: a bot with a misconfigured key should find out, not receive stale data.
 */
import type { Principal } from '../accounts/principal';
import { scopesForRoles } from '../accounts/roles';
import { AppError } from '../errors';

export type AccessLevel = 'full' | 'public';

export interface PredictionAccessDeps {
  /** Whether the user holds an entitlement to the model's predictions (billing). Default: nobody. */
  isSubscriber?: (userId: string, modelId: string) => Promise<boolean>;
}

export interface PredictionAccess {
  level(principal: Principal | null, model: { id: string; ownerId: string }): Promise<AccessLevel>;
}

export function createPredictionAccess(deps: PredictionAccessDeps = {}): PredictionAccess {
  const isSubscriber = deps.isSubscriber ?? (async () => false);
  return {
    async level(principal, model) {
      if (!principal) return 'public';
      const scopes = principal.scopes ?? scopesForRoles(principal.roles);
      if (!scopes.includes('predictions:read'))
        throw new AppError('insufficient_scope', { detail: 'This requires the scope predictions:read.' });
      if (principal.roles.includes('admin') || principal.userId === model.ownerId) return 'full';
      return (await isSubscriber(principal.userId, model.id)) ? 'full' : 'public';
    },
  };
}
