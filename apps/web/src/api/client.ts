/**
 * The one HTTP client of the web UI: openapi-fetch typed by the generated schema, with the
 * access token attached and refreshed silently through the HttpOnly refresh cookie.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';
import { session } from './session';

export type { components, paths };

/** An RFC 9457 problem as the API sends it. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code: string;
  detail: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
}

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail || problem.code);
    this.name = 'ApiError';
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
}

/** 401 codes after which the access token is worth refreshing. */
const REFRESHABLE = new Set(['token_expired']);
/** 401 codes that end the session outright (a refresh would fail or is pointless). */
const ENDING = new Set(['token_revoked', 'account_disabled', 'token_unknown_kid', 'token_invalid_signature']);

async function problemOf(res: Response): Promise<Problem | undefined> {
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    return (await res.clone().json()) as Problem;
  } catch {
    return undefined;
  }
}

/** Sends the request with the current access token; on an expired token, refreshes once and retries. */
export async function authFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const token = session.accessToken();
  if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
  const res = await fetch(request);
  if (res.status !== 401 || !token) return res;
  const problem = await problemOf(res);
  if (problem && REFRESHABLE.has(problem.code)) {
    const renewed = await session.refresh();
    if (!renewed) {
      session.end('expired');
      return res;
    }
    retry.headers.set('authorization', `Bearer ${renewed}`);
    const again = await fetch(retry);
    if (again.status === 401) session.end('expired');
    return again;
  }
  if (problem && ENDING.has(problem.code)) {
    // The session was ended elsewhere (logged out, disabled); a refresh tells us which for sure.
    const renewed = await session.refresh();
    if (!renewed) {
      session.end(problem.code === 'account_disabled' ? 'disabled' : 'ended');
      return res;
    }
    retry.headers.set('authorization', `Bearer ${renewed}`);
    return fetch(retry);
  }
  return res;
}

export const api = createClient<paths>({ baseUrl: '', fetch: authFetch });

/**
 * Unwraps an openapi-fetch result: the data, or an ApiError carrying the problem. Network
 * failures become a `network_error` problem so every screen can show one error state.
 */
export async function call<T>(
  promise: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await promise;
  } catch (err) {
    throw new ApiError({
      status: 0,
      code: 'network_error',
      detail: `Could not reach the server (${(err as Error).message}).`,
    });
  }
  if (result.response.ok) return result.data as T;
  const error = result.error as Partial<Problem> | undefined;
  throw new ApiError({
    status: result.response.status,
    code: error?.code ?? 'http_error',
    detail: error?.detail ?? `${result.response.status} ${result.response.statusText}`,
    ...(error?.errors ? { errors: error.errors } : {}),
    ...(error?.requestId ? { requestId: error.requestId } : {}),
  });
}
