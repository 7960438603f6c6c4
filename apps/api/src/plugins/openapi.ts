import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** OpenAPI 3.1 document built from the route schemas, at /openapi.json, and a browsable UI at /docs. */
export default fp(
  async (app: FastifyInstance, opts: { publicUrl: string }) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Seer API',
          version: '1.0.0',
          description:
            'Seer: publish Python forecasting models, run them in a sandbox on point-in-time market data, subscribe to their predictions. Errors are application/problem+json with a stable `code`.',
        },
        servers: [{ url: opts.publicUrl }],
        components: {
          securitySchemes: {
            bearer: {
              type: 'http',
              scheme: 'bearer',
              description: 'An access token (JWT, EdDSA) or an API key (`seer_...`).',
            },
          },
        },
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'seer-openapi' },
);
