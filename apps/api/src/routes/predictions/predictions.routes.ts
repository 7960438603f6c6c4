import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PredictionListQuerySchema, PredictionListSchema, predictionsToCsv } from '@seer/core/predictions';
import { VersionParamsSchema } from '@seer/core/runs';
import { Type } from 'typebox';
import { requireScope } from '../../plugins/auth';
import { problemResponses } from '../../schemas/problem';

/** Predictions with their hashes (verifiable exports) and outcomes. Owner and admins for now. */
const predictionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { predictions } = app.ctx.services;

  app.get(
    '/models/:slug/versions/:version/predictions',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['predictions'],
        operationId: 'listPredictions',
        summary: 'Predictions of a version in ledger order, with prev_hash/hash and outcomes (JSON or CSV).',
        description:
          'Ledger order = seq. from/to filter on as_of. format=csv returns the same page as text/csv. docs/RUNS.md explains how to verify an export.',
        security: [{ bearer: [] }],
        params: VersionParamsSchema,
        querystring: PredictionListQuerySchema,
        response: {
          200: {
            content: {
              'application/json': { schema: PredictionListSchema },
              'text/csv': { schema: Type.String() },
            },
          },
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const caller = requireScope(request.principal, 'predictions:read');
      const page = await predictions.list({ caller, params: request.params, query: request.query });
      if (request.query.format === 'csv') {
        if (page.nextCursor) reply.header('x-next-cursor', page.nextCursor);
        return reply.type('text/csv; charset=utf-8').send(predictionsToCsv(page.items));
      }
      return reply.type('application/json').send(page);
    },
  );
};

export default predictionsRoutes;
