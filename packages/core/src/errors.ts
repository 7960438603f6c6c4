/**
 * Errors are values with stable machine-readable codes. Clients branch on `code`;
 * the HTTP status is derived from it in one table so the two never drift apart.
 */
export const ERROR_STATUS = {
  // 400
  validation_failed: 400,
  malformed_json: 400,
  bad_request: 400,
  // 401
  unauthenticated: 401,
  invalid_credentials: 401,
  token_expired: 401,
  token_invalid_signature: 401,
  token_unsupported_alg: 401,
  token_unknown_kid: 401,
  token_malformed: 401,
  token_revoked: 401,
  refresh_token_invalid: 401,
  refresh_token_reused: 401,
  api_key_invalid: 401,
  account_disabled: 401,
  // 403
  forbidden: 403,
  insufficient_scope: 403,
  // 404
  not_found: 404,
  route_not_found: 404,
  // 405/406/409/413/415/422/429
  method_not_allowed: 405,
  conflict: 409,
  email_taken: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  weak_password: 422,
  rate_limited: 429,
  // 5xx
  internal_error: 500,
  service_unavailable: 503,
} as const satisfies Record<string, number>;

export type BuiltinErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  /** JSON pointer to the offending field, e.g. `/email` or `/symbols/2`. */
  field: string;
  message: string;
}

export interface AppErrorOptions {
  detail?: string;
  errors?: FieldError[];
  /** Overrides the status for codes owned by a domain module (see registerErrorCodes). */
  status?: number;
  /** Extra response headers, e.g. Retry-After. */
  headers?: Record<string, string>;
  cause?: unknown;
}

const extraStatuses = new Map<string, number>();

/** Domain modules register their own codes once, at import time, instead of growing one giant enum. */
export function registerErrorCodes(codes: Record<string, number>): void {
  for (const [code, status] of Object.entries(codes)) extraStatuses.set(code, status);
}

export function statusForCode(code: string): number {
  return (ERROR_STATUS as Record<string, number>)[code] ?? extraStatuses.get(code) ?? 500;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly detail: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: BuiltinErrorCode | (string & {}), options: AppErrorOptions = {}) {
    super(options.detail ?? code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? statusForCode(code);
    this.detail = options.detail ?? code.replaceAll('_', ' ');
    this.errors = options.errors;
    this.headers = options.headers;
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

export const notFound = (what: string) => new AppError('not_found', { detail: `${what} not found` });
export const forbidden = (detail = 'You are not allowed to do this') => new AppError('forbidden', { detail });
