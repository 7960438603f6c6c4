/**
 * Transport security of the connections Seer opens to PostgreSQL and Redis: what a URL asks for
 * (sslmode, rediss://), whether its host is local, and the TLS options the drivers get. The
 * drivers' own URL handling is bypassed on purpose: node-postgres lets the connection string's
 * sslmode override any `ssl` option and treats require/verify-ca as verify-full, and neither
 * driver knows Seer's CA file settings.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';

export type PgSslMode = 'disable' | 'require' | 'verify-ca' | 'verify-full';
const PG_SSL_MODES: readonly string[] = ['disable', 'require', 'verify-ca', 'verify-full'];
/** URL parameters about TLS that Seer interprets itself (removed before the driver sees the URL). */
const PG_SSL_PARAMS = ['sslmode', 'sslrootcert', 'ssl', 'sslcert', 'sslkey', 'uselibpqcompat'];

/** localhost, 127.0.0.0/8, ::1 or a Unix socket folder: traffic that never crosses a network. */
export function isLocalHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === '' || h.startsWith('/')) return true; // empty = libpq default socket
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  return mapped ? (mapped[1] as string).startsWith('127.') : false;
}

export interface PgTransport {
  /** Host the connection goes to (a socket folder when it starts with /). */
  host: string;
  sslmode: PgSslMode;
  /** CA file from the URL's sslrootcert parameter, if any. */
  sslrootcert: string | undefined;
  local: boolean;
}

/** Reads a PostgreSQL URL's transport settings; throws a message without the URL (it has a password). */
export function pgTransport(url: string): PgTransport {
  const u = new URL(url);
  const hostParam = u.searchParams.get('host');
  const host = hostParam ?? decodeURIComponent(u.hostname);
  const mode =
    u.searchParams.get('sslmode') ?? (u.searchParams.get('ssl') === 'true' ? 'verify-full' : 'disable');
  if (!PG_SSL_MODES.includes(mode))
    throw new Error(
      `sslmode=${mode} is not supported (it may silently fall back to plain text); use disable, require, verify-ca or verify-full`,
    );
  return {
    host,
    sslmode: mode as PgSslMode,
    sslrootcert: u.searchParams.get('sslrootcert') ?? undefined,
    local: isLocalHost(host),
  };
}

/**
 * The URL without its TLS parameters plus the `ssl` option for node-postgres. `caFile` (the
 * DATABASE_CA_FILE setting) wins over the URL's sslrootcert. verify-full checks the chain against
 * the CA (or the system's CAs when none is given) and the host name; verify-ca the chain only;
 * require encrypts without verifying unless a CA is given (then it is verify-ca, as in libpq).
 */
export function pgConnectionOptions(
  url: string,
  caFile?: string,
): { connectionString: string; ssl: false | ConnectionOptions } {
  const t = pgTransport(url);
  const u = new URL(url);
  for (const p of PG_SSL_PARAMS) u.searchParams.delete(p);
  const connectionString = u.toString();
  if (t.sslmode === 'disable') return { connectionString, ssl: false };
  const ca = readCa(caFile ?? t.sslrootcert, caFile ? 'DATABASE_CA_FILE' : 'sslrootcert');
  if (t.sslmode === 'verify-full')
    return { connectionString, ssl: { rejectUnauthorized: true, ...(ca ? { ca } : {}) } };
  if (t.sslmode === 'verify-ca' || ca) {
    if (!ca) throw new Error('sslmode=verify-ca needs a CA: set DATABASE_CA_FILE or sslrootcert in the URL');
    return { connectionString, ssl: { rejectUnauthorized: true, ca, checkServerIdentity: () => undefined } };
  }
  return { connectionString, ssl: { rejectUnauthorized: false } };
}

export interface RedisTransport {
  host: string;
  tls: boolean;
  local: boolean;
}

export function redisTransport(url: string): RedisTransport {
  const u = new URL(url);
  const host = decodeURIComponent(u.hostname);
  return { host, tls: u.protocol === 'rediss:', local: isLocalHost(host) };
}

/** Extra ioredis options for a URL: the CA for rediss:// (REDIS_CA_FILE); nothing for redis://. */
export function redisTlsOptions(url: string, caFile?: string): { tls?: ConnectionOptions } {
  if (!redisTransport(url).tls) return {};
  const ca = readCa(caFile, 'REDIS_CA_FILE');
  return { tls: { rejectUnauthorized: true, ...(ca ? { ca } : {}) } };
}

function readCa(file: string | undefined, setting: string): string | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(
      `${setting}: cannot read the CA file ${file}: ${(err as NodeJS.ErrnoException).code ?? err}`,
    );
  }
}

/**
 * Production guard: a connection that would cross a network in plain text is refused unless the
 * operator allowed it by name. Returns the problem, or undefined when the URL is acceptable.
 */
export function plaintextProblem(
  variable: string,
  url: string,
  kind: 'pg' | 'redis',
  allowVariable: string,
  allowed: boolean,
): string | undefined {
  let plain: boolean;
  let local: boolean;
  try {
    if (kind === 'pg') {
      const t = pgTransport(url);
      plain = t.sslmode === 'disable';
      local = t.local;
    } else {
      const t = redisTransport(url);
      plain = !t.tls;
      local = t.local;
    }
  } catch (err) {
    return `${variable}: ${(err as Error).message}`;
  }
  if (!plain || local || allowed) return undefined;
  return kind === 'pg'
    ? `${variable} connects to a non-local host without TLS; add sslmode=verify-full (and DATABASE_CA_FILE) or set ${allowVariable}=true to accept plain text`
    : `${variable} connects to a non-local host without TLS; use rediss:// (and REDIS_CA_FILE) or set ${allowVariable}=true to accept plain text`;
}
