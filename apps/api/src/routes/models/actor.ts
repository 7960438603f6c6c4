/** The registry's view of the caller, and the scope checks its write routes share. */
import type { Actor } from '@seer/core/registry/views';
import type { FastifyRequest } from 'fastify';
import { principalOf, requireScope } from '../../plugins/auth';

/** The caller when authenticated (optional-auth routes), else null. */
export function viewerOf(request: FastifyRequest): Actor | null {
  const p = request.principal;
  return p ? { userId: p.userId, roles: p.roles } : null;
}

/** An authenticated caller allowed to change models (JWT, or an API key with models:write). */
export function writerOf(request: FastifyRequest): Actor {
  const p = requireScope(principalOf(request), 'models:write');
  return { userId: p.userId, roles: p.roles };
}
