/**
 * The benchmark's servers, N processes each (node:cluster, the kernel distributes accepted
 * connections: SCHED_NONE). Default N = available cores.
 *
 *   api:   the real Seer API as production runs it: each process is \`seerd api\` from the
 *          built bundle (dist/seerd, scripts/build.mjs; no TypeScript loader), configured by
 *          environment on BENCH_DATABASE_URL, LOG_LEVEL=warn. Set BENCH_API_TSX=1 to run the
 *          sources under tsx instead (createApiContext in-process, as before).
 *   floor: a bare Fastify with one empty route, GET /empty -> {} (Fastify's own floor), and
 *          GET /page -> the bytes of BENCH_FLOOR_BODY_FILE (the payload floor)
 *
 *   node --import tsx bench/predictions/serve.ts api|floor <port> [workers]
 *   BENCH_CPU_PROF=<dir>: each server process writes a V8 CPU profile there when it exits
 */
import { execFileSync } from 'node:child_process';
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [kind = 'api', portText = '3901', workersText] = process.argv.slice(2);
const port = Number(portText);
const workers = Number(workersText ?? availableParallelism());
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DATA_DIR = path.join(tmpdir(), 'seer-bench-predictions');
const bundled = kind === 'api' && process.env.BENCH_API_TSX !== '1';

/** The API's configuration, as environment variables (what an operator would set). */
function apiEnv(): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL:
      process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/seer_bench_predictions',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    HOST: '127.0.0.1',
    SEER_DATA_DIR: DATA_DIR,
    SEER_KEYS_DIR: path.join(DATA_DIR, 'keys'),
    SEER_GENERATE_KEYS: 'false',
    // Production refuses these; a loopback benchmark needs them (nothing here is a secret).
    ALLOW_PLAIN_HTTP: 'true',
    BILLING_MOCK_WEBHOOK_SECRET: 'bench-mock-webhook-secret-not-a-secret',
    SEER_MASTER_KEY: Buffer.alloc(32, 0xb).toString('base64'),
    WEBHOOKS_SECRET_KEY: 'c'.repeat(64),
  };
}

/** An API context over the bench database; generating throwaway signing keys when asked. */
async function openApi(generateKeys: boolean) {
  const { loadConfig } = await import('../../packages/core/src/config');
  const { openDb, dbOptionsFromConfig } = await import('@seer/core/db');
  const { createApiContext } = await import('../../apps/api/src/bootstrap');
  const config = loadConfig(apiEnv());
  const db = await openDb(dbOptionsFromConfig(config));
  // Production refuses to generate keys: they are provisioned there, here once before the servers start.
  const api = await createApiContext({ config: { ...config, generateKeys }, db });
  return { api, db };
}

if (cluster.isPrimary) {
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
    : [];
  if (bundled) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--quiet'], { stdio: 'inherit' });
    const main = path.join(ROOT, 'dist/seerd/main.mjs');
    if (!existsSync(main)) throw new Error(`${main} was not built`);
    // The signing keys, made once (the servers run with SEER_GENERATE_KEYS=false, as in production).
    const prep = await openApi(true);
    await prep.api.close();
    await prep.db.close();
    Object.assign(process.env, apiEnv());
    cluster.setupPrimary({ exec: main, args: ['api'], execArgv: profile });
  } else if (profile.length > 0) {
    cluster.setupPrimary({ execArgv: [...process.execArgv, ...profile] });
  }
  for (let i = 0; i < workers; i++) cluster.fork();
  let ready = 0;
  cluster.on('listening', () => {
    if (++ready === workers)
      console.log(
        `${kind} ready on ${port} (${workers} processes${bundled ? ', seerd api from dist/seerd' : ''})`,
      );
  });
  cluster.on('exit', (_w, code) => {
    if (code !== 0 && code !== null) console.error(`${kind}: a server process exited with ${code}`);
  });
  const stop = () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    setTimeout(() => process.exit(0), 500);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else if (kind === 'floor') {
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false });
  app.get('/empty', async () => ({}));
  // The payload floor: Fastify sending the measured page's own bytes (run.ts writes them to this
  // file before measuring), so the cost of moving 65 KiB per response is seen apart from Seer's.
  const bodyFile = process.env.BENCH_FLOOR_BODY_FILE;
  let body: string | undefined;
  app.get('/page', async (_req, reply) => {
    body ??= bodyFile ? (await import('node:fs')).readFileSync(bodyFile, 'utf8') : '{}';
    return reply.type('application/json; charset=utf-8').send(body);
  });
  await app.listen({ port, host: '127.0.0.1' });
} else {
  const { api, db } = await openApi(true);
  await api.app.listen({ port, host: '127.0.0.1' });
  process.on('SIGTERM', async () => {
    await api.close();
    await db.close();
    process.exit(0);
  });
}
