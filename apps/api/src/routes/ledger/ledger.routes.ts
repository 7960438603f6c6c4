import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LedgerVerificationSchema, LedgerVerifyQuerySchema } from '@seer/core/predictions';
import { VersionParamsSchema } from '@seer/core/runs';
import { requireScope } from '../../plugins/auth';
import { problemResponses } from '../../schemas/problem';

const ledgerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { predictions } = app.ctx.services;

  app.get(
    '/models/:slug/versions/:version/ledger/verify',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['predictions'],
        operationId: 'verifyLedger',
        summary: 'Recompute the hash chain of a version (live or backtest) and report the first broken link.',
        security: [{ bearer: [] }],
        params: VersionParamsSchema,
        querystring: LedgerVerifyQuerySchema,
        response: { 200: LedgerVerificationSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const caller = requireScope(request.principal, 'predictions:read');
      return predictions.verify({ caller, params: request.params, mode: request.query.mode ?? 'live' });
    },
  );
};

export default ledgerRoutes;
