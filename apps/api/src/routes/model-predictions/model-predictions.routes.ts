/**
 * A model's predictions across its versions (subscribers, owner, admins; the delayed public
 * record for everyone else), the newest per symbol, and playback columns. Responses are
 * gzip/brotli compressed when the client accepts it (this plugin's scope only), carry a strong
 * ETag, and settled pages (which can never change) are cacheable as immutable.
 */
import compress from '@fastify/compress';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  type CachedPage,
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
import {
  CODING_THRESHOLD,
  codedBody,
  etagFor,
  matchesIfNoneMatch,
  preferredCoding,
  type Rendering,
  render,
} from '../../http/encoded-body';
import { appendVary } from '../../http/vary';
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

/**
 * Sends a rendering in the coding the client prefers (made once per rendering, see
 * encoded-body.ts), with its strong ETag; 304 when the client already has it in any coding.
 */
function sendRendering(
  request: FastifyRequest,
  reply: FastifyReply,
  r: Rendering,
  o: { contentType: string; cacheControl: string },
) {
  const coding =
    r.body.length >= CODING_THRESHOLD ? preferredCoding(request.headers['accept-encoding']) : undefined;
  appendVary(reply, 'Authorization', 'Accept', 'Accept-Encoding');
  reply
    .header('etag', etagFor(r, coding))
    .header('cache-control', o.cacheControl)
    // Time from the request's arrival to a rendered body (before content coding): the bench reads it.
    .header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
  if (matchesIfNoneMatch(request.headers['if-none-match'], r)) return reply.code(304).send();
  reply.type(o.contentType);
  if (coding === undefined) return reply.send(r.body);
  return reply.header('content-encoding', coding).send(codedBody(r, coding));
}

const cacheControlFor = (access: 'full' | 'public', settled: boolean) =>
  `${access === 'full' ? 'private' : 'public'}, ${settled ? 'max-age=31536000, immutable' : 'no-cache'}`;

const modelPredictionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { predictionRead } = app.ctx.services;
  // A settled page's renderings, by format, for as long as the service keeps the page.
  const renderings = new WeakMap<CachedPage, Map<Format, Rendering>>();
  const playbackRenderings = new WeakMap<object, Rendering>();
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
      // Settled pages are the same object each time: their renderings are kept beside them.
      let byFormat = renderings.get(result);
      let r = byFormat?.get(format);
      if (!r) {
        r = render(
          format === 'csv'
            ? modelPredictionsCsv(page.items)
            : format === 'ndjson'
              ? modelPredictionsNdjson(page.items)
              : JSON.stringify(page),
        );
        if (settled) {
          if (!byFormat) {
            byFormat = new Map();
            renderings.set(result, byFormat);
          }
          byFormat.set(format, r);
        }
      }
      if (format !== 'json') {
        if (page.nextCursor) reply.header('x-next-cursor', page.nextCursor);
        reply.header('x-access', page.access);
      }
      return sendRendering(request, reply, r, {
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
      // The service hands back the same object while the answer has not changed: its rendering
      // (and codings, the costly part: brotli of 1.7 MB) is kept beside it.
      let r = playbackRenderings.get(body);
      if (!r) {
        r = render(JSON.stringify(body));
        playbackRenderings.set(body, r);
      }
      return sendRendering(request, reply, r, {
        contentType: 'application/json; charset=utf-8',
        cacheControl: `${body.access === 'full' ? 'private' : 'public'}, no-cache`,
      });
    },
  );
};

export default modelPredictionsRoutes;
