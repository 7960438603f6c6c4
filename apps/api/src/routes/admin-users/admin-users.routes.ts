import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AdminUsersQuerySchema,
  AuditPageSchema,
  AuditQuerySchema,
  type Principal,
  RolesBodySchema,
  UserPageSchema,
  UserParamsSchema,
  UserSchema,
} from '@seer/core/accounts';
import { AppError } from '@seer/core/errors';
import type { FastifyRequest } from 'fastify';
import { requireRole } from '../../plugins/auth';
import { problemResponses } from '../../schemas/problem';
import { requestMeta } from '../auth/auth.routes';

/** Admin work is done by a logged-in admin, never by an API key. */
function requireAdmin(request: FastifyRequest): Principal {
  const principal = requireRole(request.principal, 'admin');
  if (!principal.roles.includes('admin') || principal.via !== 'jwt') {
    throw new AppError('forbidden', { detail: 'Admin routes need an admin logged in with a password.' });
  }
  return principal;
}

const adminUsersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { accounts } = app.ctx.services;
  const common = { tags: ['admin'], security: [{ bearer: [] }] };

  app.get(
    '/admin/users',
    {
      preHandler: app.authenticate,
      schema: {
        ...common,
        operationId: 'adminListUsers',
        summary: 'All users, newest first (cursor pagination).',
        querystring: AdminUsersQuerySchema,
        response: { 200: UserPageSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      requireAdmin(request);
      const { limit = 50, cursor, email } = request.query;
      return accounts.listUsers({ limit, cursor, email });
    },
  );

  app.post(
    '/admin/users/:id/roles',
    {
      preHandler: app.authenticate,
      schema: {
        ...common,
        operationId: 'adminChangeRoles',
        summary: 'Grant and/or revoke roles.',
        params: UserParamsSchema,
        body: RolesBodySchema,
        response: { 200: UserSchema, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      const admin = requireAdmin(request);
      return accounts.changeRoles({
        actorUserId: admin.userId,
        userId: request.params.id,
        grant: request.body.grant ?? [],
        revoke: request.body.revoke ?? [],
        meta: requestMeta(request),
      });
    },
  );

  for (const action of ['disable', 'enable'] as const) {
    app.post(
      `/admin/users/:id/${action}`,
      {
        preHandler: app.authenticate,
        schema: {
          ...common,
          operationId: action === 'disable' ? 'adminDisableUser' : 'adminEnableUser',
          summary:
            action === 'disable'
              ? 'Disable an account: its tokens, sessions and API keys stop working at once.'
              : 'Re-enable a disabled account (old access tokens stay invalid).',
          params: UserParamsSchema,
          response: { 200: UserSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const admin = requireAdmin(request);
        return accounts.setDisabled({
          actorUserId: admin.userId,
          userId: request.params.id,
          disabled: action === 'disable',
          meta: requestMeta(request),
        });
      },
    );
  }

  app.get(
    '/admin/audit',
    {
      preHandler: app.authenticate,
      schema: {
        ...common,
        operationId: 'adminListAudit',
        summary: 'Security audit log, newest first; filter by user (actor or subject) and event.',
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      requireAdmin(request);
      const { limit = 50, cursor, userId, event } = request.query;
      return accounts.listAudit({ limit, cursor, userId, event });
    },
  );
};

export default adminUsersRoutes;
