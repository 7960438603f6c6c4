import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ChainPageSchema,
  ChainQuerySchema,
  CheckpointListSchema,
  CheckpointQuerySchema,
  LedgerKeyListSchema,
  LedgerVerificationSchema,
  LedgerVerifyQuerySchema,
} from '@seer/core/predictions';
import { VersionParamsSchema } from '@seer/core/runs';
import { requireScope } from '../../plugins/auth';
import { problemResponses } from '../../schemas/problem';

const ledgerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { predictions, ledgerChain } = app.ctx.services;

  app.get(
    '/models/:slug/versions/:version/chain',
    {
      preHandler: app.authenticateOptional,
      schema: {
        tags: ['predictions'],
        operationId: 'getLedgerChain',
        summary: "A version's public record (ledger v2): the chain of hashes in seq order, keyset-paginated.",
        description:
          'Anyone may read the chain of hashes and commitments the moment an entry is stored. Values, confidences and salts are revealed to entitled callers at once and to everyone once the outcome is known and the public delay has passed (docs/VERIFYING.md).',
        security: [{}, { bearer: [] }],
        params: VersionParamsSchema,
        querystring: ChainQuerySchema,
        response: { 200: ChainPageSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const page = await ledgerChain.chain({
        principal: request.principal,
        slug: request.params.slug,
        version: request.params.version,
        mode: request.query.mode ?? 'live',
        ...(request.query.cursor ? { cursor: request.query.cursor } : {}),
        limit: request.query.limit ?? 1000,
      });
      reply.header('cache-control', page.access === 'full' ? 'private, no-cache' : 'public, no-cache');
      return page;
    },
  );

  app.get(
    '/ledger/checkpoints',
    {
      preHandler: app.authenticateOptional,
      schema: {
        tags: ['predictions'],
        operationId: 'listLedgerCheckpoints',
        summary: 'Signed checkpoints of chain heads, oldest first (public; keep a copy to detect rewrites).',
        security: [{}, { bearer: [] }],
        querystring: CheckpointQuerySchema,
        response: { 200: CheckpointListSchema, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const q = request.query;
      reply.header('cache-control', 'public, no-cache');
      return ledgerChain.checkpoints({
        principal: request.principal,
        ...(q.model ? { model: q.model } : {}),
        ...(q.version ? { version: q.version } : {}),
        ...(q.mode ? { mode: q.mode } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
        limit: q.limit ?? 1000,
      });
    },
  );

  app.get(
    '/keys/ledger',
    {
      schema: {
        tags: ['attestations'],
        operationId: 'listLedgerKeys',
        summary: 'Ed25519 public keys the workers sign ledger checkpoints with.',
        response: { 200: LedgerKeyListSchema },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return { keys: await ledgerChain.keys() };
    },
  );

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
