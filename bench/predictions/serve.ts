/**
 * The benchmark's servers, N processes each (node:cluster, the kernel distributes accepted
 * connections: SCHED_NONE). Default N = available cores.
 *
 *   api:   the real Seer API (createApiContext) on BENCH_DATABASE_URL, LOG_LEVEL=warn
 *   floor: a bare Fastify with one empty route, GET /empty -> {} (Fastify's own floor), and
 *          GET /page -> the bytes of BENCH_FLOOR_BODY_FILE (the payload floor)
 *
 *   node --import tsx bench/predictions/serve.ts api|floor <port> [workers]
 *   BENCH_CPU_PROF=<dir>: each server process writes a V8 CPU profile there when it exits
 */
import cluster from 'node:cluster';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';

const [kind = 'api', portText = '3901', workersText] = process.argv.slice(2);
const port = Number(portText);
const workers = Number(workersText ?? availableParallelism());

if (cluster.isPrimary) {
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  if (process.env.BENCH_CPU_PROF)
    cluster.setupPrimary({
      execArgv: [...process.execArgv, '--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF],
    });
  for (let i = 0; i < workers; i++) cluster.fork();
  let ready = 0;
  cluster.on('message', (_w, msg) => {
    if (msg === 'ready' && ++ready === workers)
      console.log(`${kind} ready on ${port} (${workers} processes)`);
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
  process.send?.('ready');
} else {
  const { loadConfig } = await import('../../packages/core/src/config');
  const { openDb, dbOptionsFromConfig } = await import('@seer/core/db');
  const { createApiContext } = await import('../../apps/api/src/bootstrap');
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/seer_bench_predictions';
  const dir = path.join(tmpdir(), 'seer-bench-predictions');
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: url,
    LOG_LEVEL: 'warn',
    PORT: String(port),
    HOST: '127.0.0.1',
    SEER_DATA_DIR: dir,
    SEER_KEYS_DIR: path.join(dir, 'keys'),
    SEER_GENERATE_KEYS: 'false',
    // Production refuses these; a loopback benchmark needs them (nothing here is a secret).
    ALLOW_PLAIN_HTTP: 'true',
    BILLING_MOCK_WEBHOOK_SECRET: 'bench-mock-webhook-secret-not-a-secret',
    SEER_MASTER_KEY: Buffer.alloc(32, 0xb).toString('base64'),
    WEBHOOKS_SECRET_KEY: 'c'.repeat(64),
  });
  const db = await openDb(dbOptionsFromConfig(config));
  // Throwaway signing keys generated at start (production would refuse: keys are provisioned there).
  const api = await createApiContext({ config: { ...config, generateKeys: true }, db });
  await api.app.listen({ port, host: '127.0.0.1' });
  process.send?.('ready');
  process.on('SIGTERM', async () => {
    await api.close();
    await db.close();
    process.exit(0);
  });
}
