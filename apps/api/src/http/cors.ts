/**
 * CORS for the browser origins listed in CORS_ORIGINS (the web UI when it is served from another
 * origin). Same-origin and non-browser requests carry no Origin header and get no CORS headers.
 *
 * This replaces @fastify/cors, which on every request copied its options object, resolved the
 * origin through a callback and rewrote the Vary header: ~5% of the API's CPU on a cached
 * prediction page (bench/predictions). The behaviour kept from it:
 * - an allowed Origin gets Access-Control-Allow-Origin (that origin), -Allow-Credentials and
 *   -Expose-Headers on every response, errors included;
 * - a preflight (OPTIONS with Origin and Access-Control-Request-Method) from an allowed origin is
 *   answered 204 before authentication; from another origin it is 404, without an Origin or a
 *   requested method 400;
 * - every response says Vary: Origin, because what it carries depends on the Origin header.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { appendVary } from './vary';

export interface CorsOptions {
  origins: readonly string[];
  methods: readonly string[];
  exposedHeaders: readonly string[];
  maxAgeSeconds: number;
}

export default fp(
  async (app: FastifyInstance, o: CorsOptions) => {
    const allowed = new Set(o.origins);
    const expose = o.exposedHeaders.join(', ');
    const methods = o.methods.join(', ');
    const maxAge = String(o.maxAgeSeconds);

    app.addHook('onRequest', (request, reply, done) => {
      appendVary(reply, 'Origin');
      const origin = request.headers.origin;
      if (origin === undefined || !allowed.has(origin)) return done();
      reply
        .header('access-control-allow-origin', origin)
        .header('access-control-allow-credentials', 'true')
        .header('access-control-expose-headers', expose);
      done();
    });

    app.options('*', { schema: { hide: true } }, (request, reply) => {
      const origin = request.headers.origin;
      const method = request.headers['access-control-request-method'];
      if (origin === undefined || method === undefined)
        return reply.code(400).type('text/plain').send('Invalid Preflight Request');
      if (!allowed.has(origin)) return reply.callNotFound();
      const asked = request.headers['access-control-request-headers'];
      appendVary(reply, 'Access-Control-Request-Headers');
      if (asked !== undefined) reply.header('access-control-allow-headers', asked);
      return reply
        .code(204)
        .header('access-control-allow-methods', methods)
        .header('access-control-max-age', maxAge)
        .header('content-length', '0')
        .send();
    });
  },
  { name: 'seer-cors' },
);
