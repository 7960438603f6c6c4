import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { UserParamsSchema } from '@seer/core/accounts';
import { AppError } from '@seer/core/errors';
import {
  CreatedWebhookSchema,
  CreateWebhookBodySchema,
  DeliveriesQuerySchema,
  PrivateAllowanceBodySchema,
  WebhookDeliveriesSchema,
  WebhookListSchema,
  WebhookParamsSchema,
  WebhookSchema,
} from '@seer/core/webhooks';
import { requireRole, requireScope } from '../../plugins/auth';
import { problemResponses } from '../../schemas/problem';

/**
 * Subscriber webhooks (docs/API.md, Webhooks): each caller sees and manages only their own
 * endpoints (someone else's is a 404). Creating one needs entitlement to the model's predictions.
 */
const webhooksRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { webhooks } = app.ctx.services;
  const common = { tags: ['webhooks'], security: [{ bearer: [] }] };

  app.post(
    '/webhooks',
    {
      preHandler: app.authenticate,
      schema: {
        ...common,
        operationId: 'createWebhook',
        summary:
          'Register a URL that receives each new prediction of a model. The secret is in this response only.',
        body: CreateWebhookBodySchema,
        response: { 201: CreatedWebhookSchema, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const principal = requireScope(request.principal, 'webhooks:write');
      const created = await webhooks.create({ principal, model: request.body.model, url: request.body.url });
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/webhooks',
    {
      preHandler: app.authenticate,
      schema: {
        ...common,
        operationId: 'listWebhooks',
        summary: 'Your webhook endpoints (without secrets).',
        response: { 200: WebhookListSchema, ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      const principal = requireScope(request.principal, 'webhooks:read');
      return { items: await webhooks.list(principal.userId) };
    },
  );

  app.get(
    '/webhooks/:id',
    {
      preHandler: app.authenticate,
      schema: {
        ...common,
        operationId: 'getWebhook',
        summary: 'One of your webhook endpoints.',
        params: WebhookParamsSchema,
        response: { 200: WebhookSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const principal = requireScope(request.principal, 'webhooks:read');
      return webhooks.get(principal.userId, request.params.id);
    },
  );

  app.delete(
    '/webhooks/:id',
    {
      preHandler: app.authenticate,
      schema: {
        ...common,
        operationId: 'deleteWebhook',
        summary: 'Delete one of your webhook endpoints; pending deliveries are not sent.',
        params: WebhookParamsSchema,
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const principal = requireScope(request.principal, 'webhooks:write');
      await webhooks.remove(principal.userId, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/webhooks/:id/deliveries',
    {
      preHandler: app.authenticate,
      schema: {
        ...common,
        operationId: 'listWebhookDeliveries',
        summary: 'The delivery log of one of your endpoints: one row per attempt, newest first.',
        params: WebhookParamsSchema,
        querystring: DeliveriesQuerySchema,
        response: { 200: WebhookDeliveriesSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const principal = requireScope(request.principal, 'webhooks:read');
      return {
        items: await webhooks.deliveries(principal.userId, request.params.id, request.query.limit ?? 100),
      };
    },
  );

  app.put(
    '/admin/users/:id/webhook-private',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['admin'],
        security: [{ bearer: [] }],
        operationId: 'adminSetWebhookPrivate',
        summary:
          "Allow (or stop allowing) a user's webhooks to reach private, loopback and link-local addresses.",
        params: UserParamsSchema,
        body: PrivateAllowanceBodySchema,
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const admin = requireRole(request.principal, 'admin');
      if (!admin.roles.includes('admin') || admin.via !== 'jwt')
        throw new AppError('forbidden', { detail: 'Admin routes need an admin logged in with a password.' });
      await webhooks.setPrivateAllowance({
        adminId: admin.userId,
        userId: request.params.id,
        allow: request.body.allow,
      });
      return reply.code(204).send(null);
    },
  );
};

export default webhooksRoutes;
