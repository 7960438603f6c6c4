/**
 * Prometheus metrics at GET /metrics: the process's own (CPU, memory, event loop), HTTP request
 * durations by route template (never the raw URL, which would explode label cardinality), and
 * any registries other parts of the process add to `ctx.metricsRegistries` (the runs engine in
 * `seerd all`). Not public: served only when METRICS_TOKEN is set, and only to requests that
 * carry it as a bearer token (Prometheus `authorization.credentials`).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** The API's own metrics: process metrics and HTTP durations by route template. */
export function createHttpMetrics(registry: Registry = new Registry()) {
  collectDefaultMetrics({ register: registry, prefix: 'seer_api_' });
  const duration = new Histogram({
    name: 'seer_http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status code.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return { registry, duration };
}

export default fp(
  async (app: FastifyInstance) => {
    const { registry, duration } = createHttpMetrics();

    app.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      if (route !== '/metrics')
        duration.observe(
          { method: request.method, route, status: String(reply.statusCode) },
          reply.elapsedTime / 1000,
        );
      done();
    });

    const token = app.ctx.config.metricsToken;
    if (token === undefined) return; // no token, no /metrics: it is never public
    const digest = (v: string) => createHash('sha256').update(v).digest();
    const expected = digest(`Bearer ${token}`);
    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      const given = request.headers.authorization;
      // Hashed first so the comparison is constant-time whatever the header's length.
      if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer realm="seer-metrics"')
          .type('text/plain')
          .send('metrics need the METRICS_TOKEN bearer token\n');
      }
      const merged = Registry.merge([registry, ...app.ctx.metricsRegistries]);
      return reply.type(merged.contentType).send(await merged.metrics());
    });
  },
  { name: 'seer-metrics' },
);
