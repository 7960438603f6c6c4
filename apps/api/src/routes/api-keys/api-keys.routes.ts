import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import {
  ApiKeyListSchema,
  ApiKeyParamsSchema,
  CreateApiKeyBodySchema,
  CreatedApiKeySchema,
} from '@seer/core/accounts';
import { requireInteractive } from '../../plugins/auth';
import { problemResponses } from '../../schemas/problem';
import { requestMeta } from '../auth/auth.routes';

/**
 * API keys belong to the logged-in user; only a password session manages them, so a leaked key
 * cannot mint more keys.
 */
const apiKeysRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { apiKeys } = app.ctx.services;

  app.post(
    '/api-keys',
    {
      preHandler: app.authenticate,
      schema: {
        operationId: 'createApiKey',
        tags: ['api-keys'],
        summary: 'Create an API key. The secret is in this response only.',
        security: [{ bearer: [] }],
        body: CreateApiKeyBodySchema,
        response: { 201: CreatedApiKeySchema, ...problemResponses(400, 401, 403, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const principal = requireInteractive(request.principal);
      const created = await apiKeys.create({
        userId: principal.userId,
        roles: principal.roles,
        name: request.body.name,
        scopes: request.body.scopes,
        expiresAt: request.body.expiresAt ? new Date(request.body.expiresAt) : undefined,
        meta: requestMeta(request),
      });
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api-keys',
    {
      preHandler: app.authenticate,
      schema: {
        operationId: 'listApiKeys',
        tags: ['api-keys'],
        summary: 'Your live API keys (without secrets).',
        security: [{ bearer: [] }],
        response: { 200: ApiKeyListSchema, ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      const principal = requireInteractive(request.principal);
      return { items: await apiKeys.list(principal.userId) };
    },
  );

  app.delete(
    '/api-keys/:id',
    {
      preHandler: app.authenticate,
      schema: {
        operationId: 'deleteApiKey',
        tags: ['api-keys'],
        summary: 'Revoke one of your API keys; it stops working at once.',
        security: [{ bearer: [] }],
        params: ApiKeyParamsSchema,
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const principal = requireInteractive(request.principal);
      await apiKeys.revoke({ userId: principal.userId, id: request.params.id, meta: requestMeta(request) });
      return reply.code(204).send(null);
    },
  );
};

export default apiKeysRoutes;
