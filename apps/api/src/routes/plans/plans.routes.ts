import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { PlanSchema, SetPlanSchema, SlugParamsSchema } from '@seer/core/registry';
import { problemResponses } from '../../schemas/problem';
import { writerOf } from '../models/actor';

/** Plans: the owner's monthly price and trial; every change is a new row, history is kept. */
const plansRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { registry } = app.ctx.services;

  app.put(
    '/models/:slug/plan',
    {
      preHandler: app.authenticate,
      schema: {
        operationId: 'setModelPlan',
        tags: ['plans'],
        summary:
          'Set the monthly price and trial (0-30 days). Applies to new subscriptions; 0 makes the model free.',
        security: [{ bearer: [] }],
        params: SlugParamsSchema,
        body: SetPlanSchema,
        response: { 200: PlanSchema, ...problemResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) => registry.plans.setPlan(writerOf(request), request.params.slug, request.body),
  );

  app.get(
    '/models/:slug/plans',
    {
      preHandler: app.authenticate,
      schema: {
        operationId: 'listModelPlans',
        tags: ['plans'],
        summary: 'Every plan the model has had, newest first (owner or admin).',
        security: [{ bearer: [] }],
        params: SlugParamsSchema,
        response: {
          200: Type.Object({ items: Type.Array(PlanSchema) }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => ({ items: await registry.plans.history(writerOf(request), request.params.slug) }),
  );
};

export default plansRoutes;
