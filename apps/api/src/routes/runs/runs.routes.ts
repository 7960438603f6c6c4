import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CoverageSchema, RunListQuerySchema, RunListSchema, VersionParamsSchema } from '@seer/core/runs';
import { requireScope } from '../../plugins/auth';
import { problemResponses } from '../../schemas/problem';

/** A version's runs and live coverage, for the model's owner (and admins). */
const runsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { runs } = app.ctx.services;
  const tags = ['runs'];

  app.get(
    '/models/:slug/versions/:version/runs',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        operationId: 'listRuns',
        summary: 'Runs of a version, newest as_of first: status, timings, resource use, errors and stderr.',
        security: [{ bearer: [] }],
        params: VersionParamsSchema,
        querystring: RunListQuerySchema,
        response: { 200: RunListSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const caller = requireScope(request.principal, 'models:read');
      return runs.listRuns({ caller, params: request.params, query: request.query });
    },
  );

  app.get(
    '/models/:slug/versions/:version/coverage',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        operationId: 'getCoverage',
        summary:
          'Live coverage: succeeded runs over every slot since deploy (missed and failed slots count; market_closed boundaries are not slots).',
        security: [{ bearer: [] }],
        params: VersionParamsSchema,
        response: { 200: CoverageSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const caller = requireScope(request.principal, 'models:read');
      return runs.versionCoverage({ caller, params: request.params });
    },
  );
};

export default runsRoutes;
