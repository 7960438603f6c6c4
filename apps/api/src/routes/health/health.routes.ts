import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';

const HealthSchema = Type.Object({ status: Type.Literal('ok') });
const ReadySchema = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  checks: Type.Record(Type.String(), Type.Union([Type.Literal('ok'), Type.Literal('failed')])),
});

/** Liveness (the process answers) and readiness (its dependencies answer). Unauthenticated, unversioned. */
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    { schema: { operationId: 'healthz', tags: ['operations'], response: { 200: HealthSchema } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        operationId: 'readyz',
        tags: ['operations'],
        response: { 200: ReadySchema, 503: ReadySchema },
      },
    },
    async (request, reply) => {
      const probes = [{ name: 'database', check: () => app.ctx.db.ping() }, ...app.ctx.probes];
      const results = await Promise.all(
        probes.map(async (p) => {
          try {
            await withTimeout(p.check(), 2000);
            return [p.name, 'ok'] as const;
          } catch (err) {
            request.log.warn({ err, probe: p.name }, 'readiness probe failed');
            return [p.name, 'failed'] as const;
          }
        }),
      );
      const checks = Object.fromEntries(results);
      const ready = results.every(([, r]) => r === 'ok');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
    },
  );
};

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

export default healthRoutes;
