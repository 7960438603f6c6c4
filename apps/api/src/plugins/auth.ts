/**
 * Authentication for every route: `Authorization: Bearer <JWT or seer_ API key>` becomes
 * `request.principal`. Routes opt in with `{ preHandler: app.authenticate }` (401 without valid
 * credentials) or `app.authenticateOptional`, then authorize with requireRole / requireScope.
 * Also serves the public signing keys at /.well-known/jwks.json.
 */
import cookie from '@fastify/cookie';
import { Type } from '@fastify/type-provider-typebox';
import { type Principal, type Role, type Scope, scopesForRoles } from '@seer/core/accounts';
import { AppError } from '@seer/core/errors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export type { Principal, Role, Scope } from '@seer/core/accounts';

export type AuthPreHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by app.authenticate / app.authenticateOptional; null when the caller is anonymous. */
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** preHandler: 401 unless the request carries a valid access token or API key. */
    authenticate: AuthPreHandler;
    /** preHandler: sets request.principal when credentials are present and valid, leaves it null when absent, 401 when invalid. */
    authenticateOptional: AuthPreHandler;
  }
}

const WWW_AUTHENTICATE = { 'www-authenticate': 'Bearer realm="seer"' };

/** The bearer credential, undefined when there is no Authorization header; 401 when it is not Bearer. */
function bearerCredential(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined || header === '') return undefined;
  const m = /^Bearer[ ]+([^\s]+)[ ]*$/i.exec(header);
  if (!m?.[1]) {
    throw new AppError('unauthenticated', {
      detail: 'Use "Authorization: Bearer <access token or API key>".',
      headers: WWW_AUTHENTICATE,
    });
  }
  return m[1];
}

/** The authenticated caller, or 401 when the route forgot app.authenticate and nobody logged in. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) {
    throw new AppError('unauthenticated', { detail: 'Authentication required.', headers: WWW_AUTHENTICATE });
  }
  return request.principal;
}

/** Passes when the principal has any of the roles; admins always pass. Returns the principal. */
export function requireRole(principal: Principal | null, ...roles: Role[]): Principal {
  if (!principal) {
    throw new AppError('unauthenticated', { detail: 'Authentication required.', headers: WWW_AUTHENTICATE });
  }
  if (principal.roles.includes('admin') || roles.some((r) => principal.roles.includes(r))) return principal;
  throw new AppError('forbidden', { detail: `This requires the role ${roles.join(' or ')}.` });
}

/**
 * Passes when the credential carries the scope: an API key its own (already narrowed to its
 * owner's roles), a JWT every scope of its roles.
 */
export function requireScope(principal: Principal | null, scope: Scope): Principal {
  if (!principal) {
    throw new AppError('unauthenticated', { detail: 'Authentication required.', headers: WWW_AUTHENTICATE });
  }
  const scopes = principal.scopes ?? scopesForRoles(principal.roles);
  if (!scopes.includes(scope)) {
    throw new AppError('insufficient_scope', { detail: `This requires the scope ${scope}.` });
  }
  return principal;
}

/**
 * For optional-auth reads: the principal when its credential carries the scope, else null — an
 * API key lacking the scope reads exactly like an anonymous caller (public data only).
 */
export function principalWithScope(principal: Principal | null, scope: Scope): Principal | null {
  if (!principal) return null;
  const scopes = principal.scopes ?? scopesForRoles(principal.roles);
  return scopes.includes(scope) ? principal : null;
}

/** Account management (keys, sessions, admin) needs a person logged in, not a bot's API key. */
export function requireInteractive(principal: Principal | null): Principal {
  const p = requireRole(principal, 'developer', 'subscriber');
  if (p.via !== 'jwt') {
    throw new AppError('forbidden', { detail: 'API keys cannot do this; log in with a password.' });
  }
  return p;
}

const JwkSchema = Type.Object(
  {
    kty: Type.String(),
    crv: Type.String(),
    x: Type.String(),
    kid: Type.String(),
    alg: Type.String(),
    use: Type.String(),
  },
  { additionalProperties: true },
);

export default fp(
  async (app: FastifyInstance) => {
    if (!app.hasDecorator('parseCookie')) await app.register(cookie);
    app.decorateRequest('principal', null);

    const sessions = () => app.ctx.services.sessions;
    app.decorate('authenticate', async (request: FastifyRequest) => {
      const credential = bearerCredential(request);
      if (credential === undefined) {
        throw new AppError('unauthenticated', {
          detail: 'This endpoint needs "Authorization: Bearer <access token or API key>".',
          headers: WWW_AUTHENTICATE,
        });
      }
      request.principal = await sessions().authenticate(credential);
    });
    app.decorate('authenticateOptional', async (request: FastifyRequest) => {
      const credential = bearerCredential(request);
      request.principal = credential === undefined ? null : await sessions().authenticate(credential);
    });

    // A key with the admin scope acts with admin power: every request it makes is attributable
    // in the audit log (key id, method, route template, status).
    // onSend (not onResponse) so the row is written before the client sees the answer.
    // Callback-style: every response passes here, and almost none need the audit row.
    app.addHook('onSend', (request, reply, payload, done) => {
      const p = request.principal;
      if (p?.via !== 'api_key' || !p.scopes?.includes('admin')) return done(null, payload);
      const ua = request.headers['user-agent'];
      app.ctx.services.apiKeys
        .recordAdminUse({
          principal: p,
          method: request.method,
          route: request.routeOptions.url ?? request.url,
          status: reply.statusCode,
          meta: { ip: request.ip ?? null, userAgent: typeof ua === 'string' ? ua.slice(0, 512) : null },
        })
        .catch((err: unknown) => {
          request.log.error({ err }, 'could not write api_key.admin_used to the audit log');
        })
        .finally(() => done(null, payload));
    });

    app.get(
      '/.well-known/jwks.json',
      {
        schema: {
          operationId: 'getJwks',
          tags: ['auth'],
          summary: 'Public keys that verify access tokens (JWK Set).',
          response: { 200: Type.Object({ keys: Type.Array(JwkSchema) }) },
        },
      },
      async (_request, reply) => {
        // Caches may keep it briefly; a rotated-in key is published before it signs anything.
        reply.header('cache-control', 'public, max-age=300');
        return app.ctx.services.tokens.jwks();
      },
    );
  },
  { name: 'seer-auth', dependencies: ['seer-problem'] },
);
