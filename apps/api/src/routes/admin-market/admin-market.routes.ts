import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { AppError } from '@seer/core/errors';
import {
  AdminBarsQuerySchema,
  type BarsBody,
  BarsBodySchema,
  CreateInstrumentBodySchema,
  IngestReportSchema,
  InstrumentSchema,
  type Interval,
  type MarketActor,
} from '@seer/core/market';
import type { FastifyRequest } from 'fastify';
import { requireRole } from '../../plugins/auth';
import { problemResponses } from '../../schemas/problem';

// Years of hourly bars for one symbol are a few MB of CSV; this is an admin-only route and the
// caller is authenticated before the body is read.
const BARS_BODY_LIMIT = 64 * 1024 * 1024;

function actorOf(request: FastifyRequest): MarketActor {
  const ua = request.headers['user-agent'];
  return {
    userId: request.principal?.userId ?? null,
    ip: request.ip ?? null,
    userAgent: typeof ua === 'string' ? ua.slice(0, 512) : null,
    via: 'api',
  };
}

/** Admin work is done by a logged-in admin, never by an API key. */
async function requireAdmin(request: FastifyRequest): Promise<void> {
  const principal = requireRole(request.principal, 'admin');
  if (!principal.roles.includes('admin') || principal.via !== 'jwt') {
    throw new AppError('forbidden', { detail: 'Admin routes need an admin logged in with a password.' });
  }
}

const adminMarketRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { market } = app.ctx.services;
  const common = { tags: ['admin', 'market data'], security: [{ bearer: [] }] };

  // Scoped to this plugin: only the bars import reads CSV bodies.
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: BARS_BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );

  app.post(
    '/admin/instruments',
    {
      onRequest: [app.authenticate, requireAdmin],
      schema: {
        ...common,
        operationId: 'adminCreateInstrument',
        summary: 'Create an instrument (201); repeating the same definition returns it (200).',
        body: CreateInstrumentBodySchema,
        response: {
          200: InstrumentSchema,
          201: InstrumentSchema,
          ...problemResponses(400, 401, 403, 409, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const { instrument, created } = await market.createInstrument(request.body, actorOf(request));
      return reply.code(created ? 201 : 200).send(instrument);
    },
  );

  app.post(
    '/admin/bars',
    {
      onRequest: [app.authenticate, requireAdmin],
      bodyLimit: BARS_BODY_LIMIT,
      schema: {
        ...common,
        operationId: 'adminImportBars',
        summary: 'Append bars: a CSV (text/csv, ts,open,high,low,close,volume) or JSON ({ bars: [...] }).',
        description:
          'Idempotent: bars already stored with the same values count as unchanged; a different value for a stored bar is rejected as a conflict, never overwritten. Bad rows are reported by CSV line or JSON index and the good rows are stored. Bars that have not closed yet are refused.',
        querystring: AdminBarsQuerySchema,
        body: {
          content: {
            'application/json': { schema: BarsBodySchema },
            'text/csv': { schema: Type.String({ description: 'CSV in the exchange format.' }) },
          },
        },
        response: { 200: IngestReportSchema, ...problemResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) => {
      const { symbol, interval } = request.query as { symbol: string; interval: Interval };
      const body = request.body as unknown;
      const actor = actorOf(request);
      if (typeof body === 'string') return market.importCsv({ symbol, interval, csv: body, actor });
      return market.importBars({ symbol, interval, bars: (body as BarsBody).bars, actor });
    },
  );
};

export default adminMarketRoutes;
