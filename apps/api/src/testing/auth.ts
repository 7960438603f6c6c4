/**
 * Test helpers for authenticated requests: real registration and login through the API (or the
 * services, for admins, as `seerd users create` does). Each login comes from its own random
 * client address so suites that log in many users never trip the per-IP login throttle.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Role, Scope } from '@seer/core/accounts';
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestUser {
  userId: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  authHeader: { authorization: string };
}

/** A random address in 10.0.0.0/8, so throttling keys never collide between helpers. */
export function randomIp(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

export function uniqueEmail(tag = 'user'): string {
  return `${tag}-${randomUUID().slice(0, 12)}@example.com`;
}

async function loginOverHttp(app: FastifyInstance, email: string, password: string): Promise<TestUser> {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    remoteAddress: randomIp(),
    payload: { email, password },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as {
    accessToken: string;
    refreshToken: string;
    user: { id: string; email: string };
  };
  return {
    userId: body.user.id,
    email: body.user.email,
    password,
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
    authHeader: { authorization: `Bearer ${body.accessToken}` },
  };
}

/** Registers through POST /v1/auth/register (roles default to subscriber) and logs in. */
export async function registerAndLogin(
  app: FastifyInstance,
  opts: { roles?: Role[]; email?: string; password?: string; displayName?: string } = {},
): Promise<TestUser> {
  const email = opts.email ?? uniqueEmail(opts.roles?.join('-') ?? 'subscriber');
  const password = opts.password ?? TEST_PASSWORD;
  const res = await app.inject({
    method: 'POST',
    url: '/v1/auth/register',
    remoteAddress: randomIp(),
    payload: {
      email,
      password,
      displayName: opts.displayName ?? 'Test User',
      roles: opts.roles ?? ['subscriber'],
    },
  });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  return loginOverHttp(app, email, password);
}

/**
 * An admin, made by the accounts service directly (admins cannot self-register), then logged
 * in. Accepts the app or its context.
 */
export async function createAdmin(
  appOrCtx: FastifyInstance | ApiContext,
  opts: { email?: string; roles?: Role[] } = {},
): Promise<TestUser> {
  const ctx: ApiContext = 'services' in appOrCtx ? appOrCtx : appOrCtx.ctx;
  const email = opts.email ?? uniqueEmail('admin');
  const roles: Role[] = opts.roles ?? ['admin'];
  await ctx.services.accounts.createUser({ email, password: TEST_PASSWORD, displayName: 'Admin', roles });
  const session = await ctx.services.sessions.login({
    email,
    password: TEST_PASSWORD,
    client: 'api',
    meta: { ip: randomIp(), userAgent: 'test' },
  });
  return {
    userId: session.user.id,
    email: session.user.email,
    password: TEST_PASSWORD,
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    authHeader: { authorization: `Bearer ${session.accessToken}` },
  };
}

/** Creates an API key through POST /v1/api-keys with the user's access token. */
export async function createApiKey(
  app: FastifyInstance,
  accessToken: string,
  scopes: Scope[],
  opts: { name?: string; expiresAt?: string } = {},
): Promise<{ id: string; key: string; authHeader: { authorization: string } }> {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/api-keys',
    headers: { authorization: `Bearer ${accessToken}` },
    payload: {
      name: opts.name ?? 'test key',
      scopes,
      ...(opts.expiresAt ? { expiresAt: opts.expiresAt } : {}),
    },
  });
  if (res.statusCode !== 201) throw new Error(`createApiKey failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { id: string; key: string };
  return { id: body.id, key: body.key, authHeader: { authorization: `Bearer ${body.key}` } };
}
