/**
 * Test helpers that run bin/seerd as a real process (the built JavaScript, as operators run it).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const SEERD = path.resolve(__dirname, '../../../bin/seerd');
const EXIT_PROBE = pathToFileURL(path.join(__dirname, 'exit-probe.mjs')).href;

/** Cheap password hashing and quiet logs; callers add SEER_DATA_DIR, PORT... */
export const BASE_ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  ARGON2_MEMORY_KIB: '64',
  ARGON2_TIME_COST: '1',
  // Start-up without the optional preimports: the engines are not what these tests look at.
  SANDBOX_PREIMPORT: '',
};

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from spawn to exit. */
  ms: number;
  /**
   * Milliseconds the process's event loop stayed alive after its last output (measured inside
   * it by exit-probe.mjs: what open handles cost, not how long a busy machine takes to reap it).
   */
  lingerMs: number;
}

export function runSeerd(
  args: string[],
  env: Record<string, string>,
  opts: { input?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const p = spawn(SEERD, args, { env: { ...BASE_ENV, NODE_OPTIONS: `--import=${EXIT_PROBE}`, ...env } });
    let stdout = '';
    let stderr = '';
    let lastOutput = t0;
    p.stdout.on('data', (d) => {
      stdout += d;
      lastOutput = Date.now();
    });
    p.stderr.on('data', (d) => {
      stderr += d;
      lastOutput = Date.now();
    });
    const killer = setTimeout(() => p.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    p.stdin.end(opts.input ?? '');
    // 'exit' is the process ending; 'close' may come later, when its stdio closes.
    p.on('exit', (code) => {
      const exitAt = Date.now();
      clearTimeout(killer);
      p.on('close', () => {
        const probe = /\n?\[exit-probe\] linger_ms=(\d+)\n/g;
        const probes = [...stderr.matchAll(probe)];
        const measured = probes.at(-1)?.[1];
        resolve({
          code,
          stdout,
          stderr: stderr.replace(probe, ''),
          ms: exitAt - t0,
          lingerMs: measured === undefined ? exitAt - lastOutput : Number(measured),
        });
      });
    });
  });
}

export interface Server {
  proc: ChildProcess;
  port: number;
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

export function randomPort(): number {
  return 20000 + Math.floor(Math.random() * 20000);
}

/**
 * Starts a long-running seerd command and resolves once /readyz answers 200. A random port that
 * turns out to be taken (other suites share the machine) is retried with another one.
 */
export async function startServer(
  args: string[],
  env: Record<string, string>,
  opts: { timeoutMs?: number; pollMs?: number } = {},
): Promise<Server & { readyMs: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(args, env, opts);
    } catch (err) {
      if (attempt >= 3 || !/EADDRINUSE/.test((err as Error).message)) throw err;
    }
  }
}

async function startOnce(
  args: string[],
  env: Record<string, string>,
  { timeoutMs = 240_000, pollMs = 100 } = {},
): Promise<Server & { readyMs: number }> {
  const port = randomPort();
  const t0 = Date.now();
  const proc = spawn(SEERD, args, { env: { ...BASE_ENV, ...env, PORT: String(port) } });
  let err = '';
  proc.stderr?.on('data', (d) => {
    err += d;
  });
  proc.stdout?.resume();
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    proc.on('exit', (c) => {
      code = c;
      resolve(c);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  while (Date.now() - t0 < timeoutMs) {
    if (code !== undefined) throw new Error(`seerd ${args.join(' ')} exited (${code}) before ready:\n${err}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.status === 200) return { proc, port, url, stderr: () => err, exited, readyMs: Date.now() - t0 };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  proc.kill('SIGKILL');
  throw new Error(`seerd ${args.join(' ')} not ready after ${timeoutMs} ms:\n${err}`);
}

export async function login(url: string, email: string, password: string): Promise<number> {
  const res = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  await res.arrayBuffer();
  return res.status;
}

export interface CallResult {
  /** 0 when no answer came: connection refused or reset (the server died), or a timeout. */
  status: number;
  body: Record<string, unknown> | null;
  type: string;
}

/** One JSON request; never throws, so a fault test can record what every request got. */
export async function call(
  url: string,
  method: string,
  p: string,
  opts: { token?: string; json?: unknown } = {},
): Promise<CallResult> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.json !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(`${url}${p}`, {
      method,
      headers,
      body: opts.json === undefined ? undefined : JSON.stringify(opts.json),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let body: Record<string, unknown> | null = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {}
    return { status: res.status, body, type: res.headers.get('content-type') ?? '' };
  } catch {
    return { status: 0, body: null, type: '' }; // connection refused / reset / timeout
  }
}

/** Registers an account and logs it in with its password (a session that may move money). */
export async function registerSession(
  url: string,
  email: string,
  password: string,
  roles: string[],
): Promise<{ token: string; userId: string }> {
  const r = await call(url, 'POST', '/v1/auth/register', {
    json: { email, password, displayName: email, roles },
  });
  if (r.status !== 201) throw new Error(`register ${email}: ${r.status} ${JSON.stringify(r.body)}`);
  const l = await call(url, 'POST', '/v1/auth/login', { json: { email, password } });
  if (l.status !== 200) throw new Error(`login ${email}: ${l.status} ${JSON.stringify(l.body)}`);
  return { token: l.body?.accessToken as string, userId: r.body?.id as string };
}

/**
 * The environment of a production deployment (NODE_ENV=production: real argon2 cost, no generated
 * keys, a master key, a webhook secret of its own), with its signing keys provisioned into
 * `dir/keys` the way an operator does. Only what production refuses on loopback is relaxed: plain
 * HTTP and a plain-text database connection.
 */
export function productionEnv(dir: string, databaseUrl: string): Record<string, string> {
  const keysDir = path.join(dir, 'keys');
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  for (const name of ['jwt-test1.pem', 'artifact-signing-test1.pem']) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(path.join(keysDir, name), privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
    });
  }
  return {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    DATABASE_ALLOW_PLAINTEXT: 'true',
    ALLOW_PLAIN_HTTP: 'true',
    // Fixed, so tokens issued before an API restart (on another port) still verify (issuer).
    PUBLIC_URL: 'http://localhost:8080',
    SEER_DATA_DIR: path.join(dir, 'data'),
    SEER_KEYS_DIR: keysDir,
    SEER_GENERATE_KEYS: 'false',
    SEER_MASTER_KEY: randomBytes(32).toString('base64'),
    BILLING_PROVIDER: 'mock',
    BILLING_MOCK_WEBHOOK_SECRET: randomBytes(24).toString('hex'),
    // The OWASP minimum production insists on (BASE_ENV's cheap hashing is refused there).
    ARGON2_MEMORY_KIB: '19456',
    ARGON2_TIME_COST: '2',
  };
}
