/** The registry's view of the caller, and the scope checks its write routes share. */
import type { Actor } from '@seer/core/registry';
import type { FastifyRequest } from 'fastify';
import { principalOf, principalWithScope, requireScope } from '../../plugins/auth';

/**
 * The caller on optional-auth reads, else null. An API key without models:read is treated as
 * anonymous: it sees public models and versions only, never its owner's drafts.
 */
export function viewerOf(request: FastifyRequest): Actor | null {
  const p = principalWithScope(request.principal, 'models:read');
  return p ? { userId: p.userId, roles: p.roles } : null;
}

/** An authenticated caller allowed to change models (JWT, or an API key with models:write). */
export function writerOf(request: FastifyRequest): Actor {
  const p = requireScope(principalOf(request), 'models:write');
  return { userId: p.userId, roles: p.roles };
}
