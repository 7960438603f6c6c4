/**
 * The one place errors become HTTP responses: application/problem+json (RFC 9457) with a stable
 * `code`. 5xx responses never carry the underlying message; they are logged with context instead.
 */
import { isUnavailableError } from '@seer/core/db';
import { AppError, type FieldError, statusForCode } from '@seer/core/errors';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function fieldErrors(validation: ValidationIssue[], context: string | undefined): FieldError[] {
  return validation.map((v) => {
    let field = v.instancePath ?? '';
    const params = v.params ?? {};
    let message = v.message ?? 'is invalid';
    if (v.keyword === 'additionalProperties') {
      const extra =
        (params.additionalProperties as string[] | undefined)?.[0] ??
        (params.additionalProperty as string | undefined);
      if (extra !== undefined) field = `${field}/${extra}`;
      message = 'is not an allowed field';
    } else if (v.keyword === 'required') {
      const missing =
        (params.requiredProperties as string[] | undefined)?.[0] ??
        (params.missingProperty as string | undefined);
      if (missing !== undefined) field = `${field}/${missing}`;
      message = 'is required';
    }
    const prefix = context && context !== 'body' ? `${context}:` : '';
    return { field: `${prefix}${field || '/'}`, message };
  });
}

/** Maps anything thrown into (status, code, detail, errors) without leaking internals. */
export function toProblemParts(err: unknown): {
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
} {
  if (err instanceof AppError) {
    return {
      status: err.status,
      code: err.code,
      detail: err.detail,
      ...(err.errors ? { errors: err.errors } : {}),
    };
  }
  const e = err as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
  if (Array.isArray(e?.validation)) {
    const errors = fieldErrors(e.validation, e.validationContext);
    return {
      status: 400,
      code: 'validation_failed',
      detail: 'The request is invalid; see errors for each field.',
      errors,
    };
  }
  switch (e?.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'malformed_json', detail: 'The request body is not valid JSON.' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        code: 'payload_too_large',
        detail: 'The request body is larger than this endpoint accepts.',
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        status: 415,
        code: 'unsupported_media_type',
        detail: 'This endpoint does not accept that Content-Type.',
      };
  }
  if (e instanceof SyntaxError && (e as FastifyError).statusCode === 400) {
    return { status: 400, code: 'malformed_json', detail: 'The request body is not valid JSON.' };
  }
  // The database or Redis is restarting or unreachable: a clear, retryable 503, not a 500.
  if (isUnavailableError(err)) {
    return {
      status: 503,
      code: 'service_unavailable',
      detail: 'A service the platform depends on is briefly unavailable; retry in a few seconds.',
    };
  }
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (status === 429) return { status, code: 'rate_limited', detail: 'Too many requests; retry later.' };
  if (status >= 400 && status < 500) {
    return { status, code: 'bad_request', detail: 'The request could not be processed.' };
  }
  return {
    status: 500,
    code: 'internal_error',
    detail: 'An unexpected error occurred. It has been logged with the request id.',
  };
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  parts: { status: number; code: string; detail: string; errors?: FieldError[] },
): FastifyReply {
  const problem: Problem = {
    type: `https://seer.dev/problems/${parts.code}`,
    title: TITLES[parts.status] ?? 'Error',
    status: parts.status,
    code: parts.code,
    detail: parts.detail,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: String(request.id),
    ...(parts.errors ? { errors: parts.errors } : {}),
  };
  return reply
    .code(parts.status)
    .type('application/problem+json; charset=utf-8')
    .serializer(JSON.stringify)
    .send(problem);
}

/**
 * Fastify's own router errors — a path with bad percent-encoding, a path parameter over
 * maxParamLength — never reach the error handler; passed as `frameworkErrors` they are
 * problem+json like every other error instead of Fastify's plain JSON that echoes the URL back
 * (found by apps/api/src/security/api-fuzz.test.ts).
 */
export function frameworkErrorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-request-id', String(request.id));
  const parts =
    err.code === 'FST_ERR_BAD_URL'
      ? { status: 400, code: 'bad_request', detail: 'The URL is not valid (bad percent-encoding).' }
      : err.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? { status: 414, code: 'uri_too_long', detail: 'A path parameter is longer than this API accepts.' }
        : toProblemParts(err);
  if (parts.status >= 500) request.log.error({ err }, 'request failed');
  sendProblem(request, reply, parts);
}

export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((err, request, reply) => {
      const parts = toProblemParts(err);
      if (parts.status >= 500) request.log.error({ err }, 'request failed');
      else request.log.info({ code: parts.code, status: parts.status }, 'request rejected');
      if (err instanceof AppError && err.headers) reply.headers(err.headers);
      else if (parts.code === 'service_unavailable') reply.header('retry-after', '5');
      return sendProblem(request, reply, parts);
    });
    app.setNotFoundHandler((request, reply) =>
      sendProblem(request, reply, {
        status: 404,
        code: 'route_not_found',
        detail: `No route ${request.method} ${request.url.split('?')[0]}`,
      }),
    );
  },
  { name: 'seer-problem' },
);

export { statusForCode };
