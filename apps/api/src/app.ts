import { randomUUID } from 'node:crypto';
import { registerAjvFormats } from '@fastify/type-provider-typebox';
import { AppError } from '@seer/core/errors';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ApiContext } from './context';
import cors from './http/cors';
import { securityHeaders } from './http/security-headers';
import { typeBoxValidatorCompiler } from './http/validator';
import auth from './plugins/auth';
import metrics from './plugins/metrics';
import openapi from './plugins/openapi';
import problem, { frameworkErrorHandler } from './plugins/problem';
import healthRoutes from './routes/health/health.routes';
import { registerV1Routes } from './routes/index';
import webRoutes from './routes/web/web.routes';

registerAjvFormats();

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * TRUST_PROXY as Fastify wants it. A hop count n trusts the n nearest hops whoever they are
 * (proxy-addr's semantics; this Fastify maps a bare number to "trust nothing", so it is spelled
 * out as a function): the client is the address the outermost trusted proxy appended. Only safe
 * when the API port is reachable through the proxy alone; a CIDR list also checks the peer.
 */
export function trustProxyOption(
  value: false | number | string[],
): false | string[] | ((addr: string, hop: number) => boolean) {
  if (typeof value === 'number') return (_addr, hop) => hop < value;
  return value;
}

/** The first query or path field holding a NUL character, as `where:/name`. */
function nulField(where: string, values: unknown): string | undefined {
  if (!values || typeof values !== 'object') return undefined;
  for (const name in values) {
    const v = (values as Record<string, unknown>)[name];
    if (
      typeof v === 'string'
        ? v.includes('\u0000')
        : Array.isArray(v) && v.some((x) => typeof x === 'string' && x.includes('\u0000'))
    )
      return `${where}:/${name}`;
  }
  return undefined;
}

export interface BuildAppOptions {
  ctx: ApiContext;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp({ ctx, logger }: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = ctx;
  const app = Fastify({
    logger: logger ?? {
      level: config.logLevel,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        remove: true,
      },
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: trustProxyOption(config.trustProxy),
    // Accept a caller's request id when it is well-formed, so logs correlate across services.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    requestIdHeader: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: frameworkErrorHandler,
  });
  app.setValidatorCompiler(typeBoxValidatorCompiler);
  app.decorate('ctx', ctx);

  await app.register(problem);
  // PostgreSQL text cannot hold NUL: a %00 in a path or query value reached SQL as a 500 (found by
  // apps/api/src/security/api-fuzz.test.ts on GET /v1/ledger/checkpoints?model=%00). Refuse it up front.
  // (Hooks on every request are callback-style: an async hook costs a promise and a microtask hop.)
  app.addHook('preValidation', (request, _reply, done) => {
    const bad = nulField('querystring', request.query) ?? nulField('params', request.params);
    if (bad === undefined) return done();
    done(
      new AppError('validation_failed', {
        detail: 'The request is invalid; see errors for each field.',
        errors: [{ field: bad, message: 'must not contain a NUL character' }],
      }),
    );
  });
  const security = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // HSTS only makes sense behind TLS; operators terminate TLS at the ingress.
    hsts: config.publicUrl.startsWith('https:') ? { maxAge: 31536000, includeSubDomains: true } : false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    reply.headers(security);
    done();
  });
  await app.register(cors, {
    origins: config.corsOrigins,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAgeSeconds: 600,
  });
  await app.register(openapi, { publicUrl: config.publicUrl });
  await app.register(auth);
  await app.register(metrics);
  await app.register(healthRoutes);
  await app.register(webRoutes);
  await app.register(registerV1Routes, { prefix: '/v1' });
  return app;
}
