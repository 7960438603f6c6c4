import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MetricsQuerySchema, ModelMetricsSchema } from '@seer/core/metrics';
import { SlugParamsSchema } from '@seer/core/registry';
import { problemResponses } from '../../schemas/problem';

/** Public performance metrics of a model, one record per version (docs/METRICS.md). */
const modelMetricsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { metrics } = app.ctx.services;

  app.get(
    '/models/:slug/metrics',
    {
      schema: {
        tags: ['models'],
        operationId: 'modelMetrics',
        summary: "Performance metrics of every version's own record (live or backtest, never mixed).",
        description:
          'Public. Without from/to the metrics come from snapshots maintained as outcomes land; with from/to they are computed on request. docs/METRICS.md has the formulas and their definition versions.',
        params: SlugParamsSchema,
        querystring: MetricsQuerySchema,
        response: { 200: ModelMetricsSchema, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, no-cache');
      return metrics.modelMetrics({ slug: request.params.slug, query: request.query });
    },
  );
};

export default modelMetricsRoutes;
