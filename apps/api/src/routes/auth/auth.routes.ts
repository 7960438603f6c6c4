/**
 * Registration and sessions. Browsers keep the refresh token in an HttpOnly cookie scoped to
 * /v1/auth; API clients keep it themselves. See docs/API.md for the flows.
 */
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import {
  LoginBodySchema,
  LogoutBodySchema,
  RefreshBodySchema,
  RegisterBodySchema,
  SessionSchema,
  type SessionTokens,
  UserSchema,
} from '@seer/core/accounts';
import { AppError } from '@seer/core/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requireInteractive } from '../../plugins/auth';
import { problemResponses } from '../../schemas/problem';

export const REFRESH_COOKIE = 'seer_refresh';
const COOKIE_PATH = '/v1/auth';

export function requestMeta(request: FastifyRequest) {
  const ua = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof ua === 'string' ? ua.slice(0, 512) : null };
}

function setRefreshCookie(reply: FastifyReply, session: SessionTokens) {
  reply.setCookie(REFRESH_COOKIE, session.refreshToken, {
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    path: COOKIE_PATH,
    expires: session.refreshTokenExpiresAt,
  });
}

function clearRefreshCookie(reply: FastifyReply) {
  reply.clearCookie(REFRESH_COOKIE, { httpOnly: true, secure: true, sameSite: 'strict', path: COOKIE_PATH });
}

/** Browsers may call refresh and logout with no body at all: they send only the cookie. */
async function emptyBodyIsObject(request: FastifyRequest) {
  if (request.body === undefined || request.body === null) request.body = {};
}

/** Browsers get the refresh token only as a cookie, so script on the page can never read it. */
function sessionBody(session: SessionTokens, browser: boolean) {
  return {
    accessToken: session.accessToken,
    tokenType: session.tokenType,
    expiresIn: session.expiresIn,
    ...(browser ? {} : { refreshToken: session.refreshToken }),
    refreshTokenExpiresAt: session.refreshTokenExpiresAt.toISOString(),
    user: session.user,
  };
}

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { accounts, sessions } = app.ctx.services;

  app.post(
    '/auth/register',
    {
      schema: {
        operationId: 'register',
        tags: ['auth'],
        summary: 'Create an account (roles developer and/or subscriber).',
        body: RegisterBodySchema,
        response: { 201: UserSchema, ...problemResponses(400, 409, 413, 415, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      const user = await accounts.register({ ...request.body, meta: requestMeta(request) });
      return reply.code(201).send(user);
    },
  );

  app.post(
    '/auth/login',
    {
      schema: {
        operationId: 'login',
        tags: ['auth'],
        summary: 'Exchange email and password for an access token and a refresh token.',
        body: LoginBodySchema,
        response: { 200: SessionSchema, ...problemResponses(400, 401, 413, 415, 429, 503) },
      },
    },
    async (request, reply) => {
      const browser = request.body.client === 'browser';
      const session = await sessions.login({
        email: request.body.email,
        password: request.body.password,
        client: browser ? 'browser' : 'api',
        meta: requestMeta(request),
      });
      if (browser) setRefreshCookie(reply, session);
      return sessionBody(session, browser);
    },
  );

  app.post(
    '/auth/refresh',
    {
      preValidation: emptyBodyIsObject,
      schema: {
        operationId: 'refresh',
        tags: ['auth'],
        summary: 'Rotate a refresh token: body token (API clients) or the seer_refresh cookie (browsers).',
        body: RefreshBodySchema,
        response: { 200: SessionSchema, ...problemResponses(400, 401, 413, 415) },
      },
    },
    async (request, reply) => {
      // A token in the body means an API client; otherwise the browser's cookie is used.
      const fromBody = request.body.refreshToken;
      const browser = fromBody === undefined;
      const token = fromBody ?? request.cookies[REFRESH_COOKIE];
      if (!token) {
        throw new AppError('refresh_token_invalid', {
          detail: 'No refresh token: send refreshToken in the body or the seer_refresh cookie.',
        });
      }
      try {
        const session = await sessions.refresh({ refreshToken: token, meta: requestMeta(request) });
        if (browser) setRefreshCookie(reply, session);
        return sessionBody(session, browser);
      } catch (err) {
        // A dead cookie is useless to the browser; drop it so the UI goes to the login page.
        if (browser) clearRefreshCookie(reply);
        throw err;
      }
    },
  );

  app.post(
    '/auth/logout',
    {
      preValidation: emptyBodyIsObject,
      schema: {
        operationId: 'logout',
        tags: ['auth'],
        summary: 'End the session: revokes the refresh token family and clears the cookie.',
        body: LogoutBodySchema,
        response: { 204: Type.Null(), ...problemResponses(400, 413, 415) },
      },
    },
    async (request, reply) => {
      const token = request.body.refreshToken ?? request.cookies[REFRESH_COOKIE];
      await sessions.logout({ refreshToken: token, meta: requestMeta(request) });
      clearRefreshCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/logout-all',
    {
      preHandler: app.authenticate,
      schema: {
        operationId: 'logoutAll',
        tags: ['auth'],
        summary: 'Log out everywhere: ends every session of your account, this one included.',
        security: [{ bearer: [] }],
        response: { 204: Type.Null(), ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const principal = requireInteractive(request.principal);
      await sessions.logoutAll({ userId: principal.userId, meta: requestMeta(request) });
      clearRefreshCookie(reply);
      return reply.code(204).send(null);
    },
  );
};

export default authRoutes;
