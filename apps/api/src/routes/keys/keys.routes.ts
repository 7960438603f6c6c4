import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SigningKeyListSchema } from '@seer/core/registry';

/** Public keys that sign model versions, so anyone can verify an attestation offline. */
const keysRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { registry } = app.ctx.services;
  app.get(
    '/keys/signing',
    {
      schema: {
        operationId: 'listSigningKeys',
        tags: ['attestations'],
        summary: 'Ed25519 public keys (PEM and JWK) that sign model version attestations.',
        response: { 200: SigningKeyListSchema },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return { keys: registry.keys.list() };
    },
  );
};

export default keysRoutes;
