/**
 * A model's predictions across its versions (subscribers, owner, admins; the delayed public
 * record for everyone else), the newest per symbol, and playback columns. Responses are
 * gzip/brotli compressed when the client accepts it (this plugin's scope only), carry a strong
 * ETag, and settled pages (which can never change) are cacheable as immutable.
 */
import { createHash } from 'node:crypto';
import compress from '@fastify/compress';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  LatestPredictionsSchema,
  LatestQuerySchema,
  ModelPredictionPageSchema,
  ModelPredictionQuerySchema,
  modelPredictionsCsv,
  modelPredictionsNdjson,
  PlaybackQuerySchema,
  PlaybackSchema,
} from '@seer/core/predictions';
import { SlugParamsSchema } from '@seer/core/registry';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { problemResponses } from '../../schemas/problem';

type Format = 'json' | 'csv' | 'ndjson';

/** ?format= wins; else the Accept header; JSON by default. */
export function negotiateFormat(format: Format | undefined, accept: string | undefined): Format {
  if (format) return format;
  if (!accept) return 'json';
  if (/\btext\/csv\b/i.test(accept)) return 'csv';
  if (/\bapplication\/(x-)?ndjson\b/i.test(accept)) return 'ndjson';
  return 'json';
}

/** Strong ETag of the exact bytes sent (before content coding); 304 when the client has them. */
function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  o: { body: string; contentType: string; cacheControl: string; etag?: string },
) {
  const etag = o.etag ?? etagOf(o.body);
  reply
    .header('etag', etag)
    .header('cache-control', o.cacheControl)
    .header('vary', 'Authorization, Accept')
    // Time from the request's arrival to a rendered body (before content coding): the bench reads it.
    .header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
  const inm = request.headers['if-none-match'];
  if (inm?.split(',').some((t) => t.trim() === etag)) return reply.code(304).send();
  return reply.type(o.contentType).send(o.body);
}

const etagOf = (body: string) => `"${createHash('sha1').update(body).digest('base64url')}"`;

const cacheControlFor = (access: 'full' | 'public', settled: boolean) =>
  `${access === 'full' ? 'private' : 'public'}, ${settled ? 'max-age=31536000, immutable' : 'no-cache'}`;

const modelPredictionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { predictionRead } = app.ctx.services;
  // Scoped to this plugin's routes (fastify-plugin encapsulation): brotli quality 4, gzip.
  await app.register(compress, { encodings: ['br', 'gzip'], threshold: 1024 });

  app.get(
    '/models/:slug/predictions',
    {
      preHandler: app.authenticateOptional,
      schema: {
        tags: ['predictions'],
        operationId: 'listModelPredictions',
        summary: "A model's predictions across its versions, in (as_of, id) order, keyset-paginated.",
        description:
          'Entitled callers (owner, admin, subscriber) see every prediction; everyone else the public record: resolved predictions older than the model public delay. JSON, CSV or NDJSON by Accept or ?format=. API keys need predictions:read.',
        security: [{}, { bearer: [] }],
        params: SlugParamsSchema,
        querystring: ModelPredictionQuerySchema,
        response: {
          200: {
            content: {
              'application/json': { schema: ModelPredictionPageSchema },
              'text/csv': { schema: Type.String() },
              'application/x-ndjson': { schema: Type.String() },
            },
          },
          304: Type.Null({ description: 'Not modified (If-None-Match matched the ETag).' }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const result = await predictionRead.page({
        principal: request.principal,
        slug: request.params.slug,
        query: request.query,
      });
      const { page, settled } = result;
      const format = negotiateFormat(request.query.format, request.headers.accept);
      // Settled pages keep their renderings (body and ETag) with them in the service's cache.
      let r = result.rendered.get(format);
      if (!r) {
        const body =
          format === 'csv'
            ? modelPredictionsCsv(page.items)
            : format === 'ndjson'
              ? modelPredictionsNdjson(page.items)
              : JSON.stringify(page);
        r = { body, etag: etagOf(body) };
        if (settled) result.rendered.set(format, r);
      }
      if (format !== 'json') {
        if (page.nextCursor) reply.header('x-next-cursor', page.nextCursor);
        reply.header('x-access', page.access);
      }
      return sendCached(request, reply, {
        body: r.body,
        etag: r.etag,
        contentType:
          format === 'csv'
            ? 'text/csv; charset=utf-8'
            : format === 'ndjson'
              ? 'application/x-ndjson; charset=utf-8'
              : 'application/json; charset=utf-8',
        cacheControl: cacheControlFor(page.access, settled),
      });
    },
  );

  app.get(
    '/models/:slug/predictions/latest',
    {
      preHandler: app.authenticateOptional,
      schema: {
        tags: ['predictions'],
        operationId: 'latestModelPredictions',
        summary: 'The newest prediction per symbol (public callers: the newest public one).',
        security: [{}, { bearer: [] }],
        params: SlugParamsSchema,
        querystring: LatestQuerySchema,
        response: { 200: LatestPredictionsSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const body = await predictionRead.latest({
        principal: request.principal,
        slug: request.params.slug,
        query: request.query,
      });
      reply.header('cache-control', `${body.access === 'full' ? 'private' : 'public'}, no-cache`);
      return body;
    },
  );

  app.get(
    '/models/:slug/playback',
    {
      preHandler: app.authenticateOptional,
      schema: {
        tags: ['predictions'],
        operationId: 'modelPlayback',
        summary:
          'Columns aligned on the interval: bars, the prediction made at each as_of, its outcome, strategy return and running equity.',
        description:
          'Default range: the year up to now; at most 17,520 points. Same access rules as the predictions: public callers see only the delayed record. Compressed (br, gzip) when accepted.',
        security: [{}, { bearer: [] }],
        params: SlugParamsSchema,
        querystring: PlaybackQuerySchema,
        response: { 200: PlaybackSchema, 304: Type.Null(), ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const body = await predictionRead.playback({
        principal: request.principal,
        slug: request.params.slug,
        query: request.query,
      });
      return sendCached(request, reply, {
        body: JSON.stringify(body),
        contentType: 'application/json; charset=utf-8',
        cacheControl: `${body.access === 'full' ? 'private' : 'public'}, no-cache`,
      });
    },
  );
};

export default modelPredictionsRoutes;
