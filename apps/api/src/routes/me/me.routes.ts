import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MeSchema } from '@seer/core/accounts/accounts.schemas';
import { scopesForRoles } from '@seer/core/accounts/roles';
import { requireScope } from '../../plugins/auth';
import { problemResponses } from '../../schemas/problem';

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
};

export default meRoutes;
