/** Use cases for plans: the owner sets the monthly price and trial; history is kept. */
import { notFound } from '../errors';
import type { ModelsRepo } from './models.repo';
import type { PlanRow, PlansRepo } from './plans.repo';
import type { Plan, SetPlan } from './registry.schemas';
import { type Actor, canManage, planView, requireManage } from './views';

export interface PlansServiceDeps {
  modelsRepo: Pick<ModelsRepo, 'findBySlug' | 'hasPublicHistory'>;
  plansRepo: PlansRepo;
  clock: () => Date;
}

export function createPlansService(deps: PlansServiceDeps) {
  const { modelsRepo, plansRepo, clock } = deps;

  async function loadManaged(actor: Actor, slug: string) {
    const model = await modelsRepo.findBySlug(slug);
    if (!model) throw notFound(`Model ${slug}`);
    const publiclyVisible = canManage(actor, model) || (await modelsRepo.hasPublicHistory(model.id));
    requireManage(actor, model, publiclyVisible);
    return model;
  }

  return {
    /** A new plan row effective now: it applies to subscriptions started from now on. */
    async setPlan(actor: Actor, slug: string, input: SetPlan): Promise<Plan> {
      const model = await loadManaged(actor, slug);
      const row = await plansRepo.insert({
        model_id: model.id,
        price_minor: input.priceMinor,
        currency: input.currency,
        trial_days: input.trialDays,
        effective_from: clock(),
        created_by: actor.userId,
      });
      return planView(row);
    },

    /** Every plan the model has had, newest first (owner or admin). */
    async history(actor: Actor, slug: string): Promise<Plan[]> {
      const model = await loadManaged(actor, slug);
      return (await plansRepo.history(model.id)).map(planView);
    },

    /** The plan in force for a model at `at` (billing uses this when a subscription starts). */
    async currentPlan(modelId: string, at: Date = clock()): Promise<PlanRow | undefined> {
      return plansRepo.current(modelId, at);
    },

    /** A plan row by id (subscriptions keep the id of the plan they were sold under). */
    async findPlan(planId: string): Promise<PlanRow | undefined> {
      return plansRepo.findById(planId);
    },
  };
}

export type PlansService = ReturnType<typeof createPlansService>;
