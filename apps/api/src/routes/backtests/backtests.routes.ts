import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BacktestParamsSchema,
  BacktestRequestSchema,
  BacktestSchema,
  VersionParamsSchema,
} from '@seer/core/runs';
import { requireScope } from '../../plugins/auth';
import { problemResponses } from '../../schemas/problem';

/** Backtests are long work: 202 with a job resource to poll. */
const backtestsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { runs } = app.ctx.services;
  const tags = ['backtests'];

  app.post(
    '/models/:slug/versions/:version/backtests',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        operationId: 'createBacktest',
        summary: 'Run a version at each past boundary of [from, to] with point-in-time data (mode=backtest).',
        description:
          'Backtest predictions go to their own chain and never count in live figures. A boundary an earlier backtest of the same version already ran is reused. Poll GET /v1/backtests/{id}.',
        security: [{ bearer: [] }],
        params: VersionParamsSchema,
        body: BacktestRequestSchema,
        response: { 202: BacktestSchema, ...problemResponses(400, 401, 403, 404, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const caller = requireScope(request.principal, 'models:write');
      const bt = await runs.requestBacktest({ caller, params: request.params, body: request.body });
      reply.header('location', `/v1/backtests/${bt.id}`);
      return reply.code(202).send(bt);
    },
  );

  app.get(
    '/backtests/:id',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        operationId: 'getBacktest',
        summary: 'Status, progress and counts of a backtest.',
        security: [{ bearer: [] }],
        params: BacktestParamsSchema,
        response: { 200: BacktestSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const caller = requireScope(request.principal, 'models:read');
      return runs.getBacktest({ caller, id: request.params.id });
    },
  );
};

export default backtestsRoutes;
