import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';

export const MetaSchema = Type.Object(
  {
    name: Type.Literal('seer'),
    apiVersion: Type.Literal('v1'),
    demo: Type.Boolean({
      description: 'A demo instance: its clock may replay history, so its records are not live.',
    }),
    environment: Type.String(),
    database: Type.Union([Type.Literal('pg'), Type.Literal('pglite')]),
    queue: Type.Union([Type.Literal('bullmq'), Type.Literal('in-process')]),
    now: Type.String({
      format: 'date-time',
      description: 'The platform clock (simulated in a demo replay).',
    }),
  },
  { $id: 'Meta' },
);

/** What kind of instance this is; clients show a banner when `demo` is true. */
const metaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/meta',
    {
      schema: {
        operationId: 'getMeta',
        tags: ['meta'],
        summary: 'Describe this Seer instance',
        response: { 200: MetaSchema },
      },
    },
    async () => ({
      name: 'seer' as const,
      apiVersion: 'v1' as const,
      demo: app.ctx.config.demo,
      environment: app.ctx.config.env,
      database: app.ctx.db.driver,
      queue: app.ctx.config.redisUrl ? ('bullmq' as const) : ('in-process' as const),
      now: app.ctx.clock().toISOString(),
    }),
  );
};

export default metaRoutes;
