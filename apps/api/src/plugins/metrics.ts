/**
 * Prometheus metrics at GET /metrics: the process's own (CPU, memory, event loop), HTTP request
 * durations by route template (never the raw URL, which would explode label cardinality), and
 * any registries other parts of the process add to `ctx.metricsRegistries` (the runs engine in
 * `seerd all`). Scrape it from inside the cluster; do not route /metrics through a public ingress.
 */
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

    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      if (route === '/metrics') return;
      duration.observe(
        { method: request.method, route, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });

    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      const merged = Registry.merge([registry, ...app.ctx.metricsRegistries]);
      return reply.type(merged.contentType).send(await merged.metrics());
    });
  },
  { name: 'seer-metrics' },
);
