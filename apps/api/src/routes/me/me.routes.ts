import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { ChangePasswordBodySchema, MeSchema, scopesForRoles } from '@seer/core/accounts';
import { requireInteractive, requireScope } from '../../plugins/auth';
import { problemResponses } from '../../schemas/problem';
import { requestMeta } from '../auth/auth.routes';

/** The caller's own account, and what the credential used may do. */
const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me',
    {
      preHandler: app.authenticate,
      schema: {
        operationId: 'getMe',
        tags: ['auth'],
        summary: 'The authenticated user.',
        security: [{ bearer: [] }],
        response: { 200: MeSchema, ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      const principal = requireScope(request.principal, 'account:read');
      const user = await app.ctx.services.accounts.getUser(principal.userId);
      return {
        ...user,
        via: principal.via,
        scopes: principal.scopes ?? scopesForRoles(principal.roles),
        apiKeyId: principal.apiKeyId,
      };
    },
  );

  app.post(
    '/me/password',
    {
      preHandler: app.authenticate,
      schema: {
        operationId: 'changePassword',
        tags: ['auth'],
        summary: 'Change your password (needs the current one); ends your other sessions, keeps this one.',
        security: [{ bearer: [] }],
        body: ChangePasswordBodySchema,
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403, 413, 415, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      const principal = requireInteractive(request.principal);
      await app.ctx.services.sessions.changePassword({
        userId: principal.userId,
        keepSessionId: principal.sessionId ?? null,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        meta: requestMeta(request),
      });
      return reply.code(204).send(null);
    },
  );
};

export default meRoutes;
