/**
 * The security headers every response carries (helmet's defaults plus our CSP), computed once.
 * @fastify/helmet rebuilds helmet's middleware, and re-parses the CSP, on every request; our
 * headers never vary per request (no CSP nonces, no per-route options), so helmet runs once at
 * start-up against a recording response and each request only copies the result.
 */
import helmet, { type HelmetOptions } from 'helmet';

export function securityHeaders(options: Readonly<HelmetOptions>): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failed: unknown;
  // helmet's middleware is synchronous: next() has run when it returns.
  helmet(options)({} as never, res as never, (err?: unknown) => {
    failed = err;
  });
  if (failed) throw failed;
  return Object.freeze(headers);
}
