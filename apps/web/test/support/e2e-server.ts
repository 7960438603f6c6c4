/**
 * The server of the browser tests: `seerd demo`'s composition (real API serving the built UI,
 * embedded PGlite in a fresh folder, the demo's real market data, the real registry and
 * sandbox deploy gate, the scheduler and worker engines on a paced replay clock), trimmed for
 * a busy test machine: two example models that need only numpy/pandas, and a sandbox template
 * that pre-imports nothing else, so start-up stays within the sandbox's deadlines.
 *
 *   SEER_DATA_DIR=/tmp/x PORT=0 node --import tsx apps/web/test/support/e2e-server.ts
 * Prints "listening <url>" when ready; SIGTERM stops it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiContext } from '@seer/api/bootstrap';
import { createManualClock, delay, runPacedReplay } from '@seer/core/clock';
import { loadConfig } from '@seer/core/config';
import { createDemoReplayFeed } from '@seer/core/market';
import { publishPackageDir, waitForDeployCheck } from '@seer/core/registry';
import { DEMO_ACCOUNTS } from '@seer/seerd/commands/demo';
import { openDatabase } from '@seer/seerd/runtime';
import { startEngines } from '@seer/worker/engines';

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../examples');
const MODELS = [
  { dir: 'momentum', tags: ['fx', 'momentum'], plan: { priceMinor: 1900, currency: 'USD', trialDays: 14 } },
  {
    dir: 'mean-reversion',
    tags: ['fx', 'mean-reversion'],
    plan: { priceMinor: 0, currency: 'USD', trialDays: 0 },
  },
];

const config = loadConfig({
  ...process.env,
  SEER_DEMO: 'true',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  SEER_REPLAY_START: '2000-01-03T00:00:00Z',
  SEER_REPLAY_MS_PER_HOUR: process.env.SEER_REPLAY_MS_PER_HOUR ?? '200',
  RUN_GRACE_SECONDS: '1800',
  SANDBOX_PREIMPORT: '',
  // A throwaway single-process database, as in the demo.
  SEER_EMBEDDED_DB: 'pglite',
});
const t0 = config.replayStart!;
const db = await openDatabase(config, { migrate: true });
const clock = createManualClock(t0);
const api = await createApiContext({ config, db, clock: () => clock.now() });
const { services } = api.ctx;
const feed = await createDemoReplayFeed({ config, clock, market: services.market });
await feed.poll();

// Test-only passwords (the real demo generates them at each start); web.browser.test.ts signs in with these.
const TEST_PASSWORDS: Record<string, string> = {
  developer: 'replay-the-past-1',
  subscriber: 'replay-the-past-2',
  admin: 'replay-the-past-3',
};
const users: Record<string, string> = {};
for (const [role, account] of Object.entries(DEMO_ACCOUNTS)) {
  const user = await services.accounts.createUser({
    ...account,
    password: TEST_PASSWORDS[role] as string,
    roles: [role as 'developer' | 'subscriber' | 'admin'],
  });
  users[role] = user.id;
}
// The engines first: deploys are checked by the worker (the API never starts a sandbox).
const engines = await startEngines({
  config,
  db,
  clock,
  scheduler: true,
  worker: true,
  replayMsPerSimHour: config.replayMsPerSimHour,
  pollMs: 100,
});
const actor = { userId: users.developer as string, roles: ['developer'] };
for (const m of MODELS) {
  const { model, version } = await publishPackageDir(services.registry, {
    actor,
    dir: path.join(EXAMPLES, m.dir),
    model: { tags: [...m.tags] },
  });
  const { check } = await services.registry.versions.requestDeploy(actor, model.slug, version.version);
  const done = await waitForDeployCheck(services.registry.versions, actor, check.id, { timeoutMs: 180_000 });
  if (done.status !== 'succeeded')
    throw new Error(`deploy check of ${model.slug}: ${done.errorCode} ${done.errorMessage}`);
  await services.registry.plans.setPlan(actor, model.slug, m.plan);
}
await db.analyze();

const scheduler = engines.scheduler!;
const abort = new AbortController();
const replay = runPacedReplay({
  config,
  clock,
  stepMs: 15 * 60_000,
  minRealMsPerStep: Math.ceil(config.replayMsPerSimHour / 4),
  signal: abort.signal,
  afterStep: async () => {
    await feed.poll();
    await scheduler.tick();
    const until = Date.now() + 60_000;
    while (!abort.signal.aborted && Date.now() < until) {
      const c = await engines.queues.counts('runs');
      if (c.waiting + c.active + c.delayed === 0) break;
      await delay(10, abort.signal).catch(() => {});
    }
  },
  onError: (err) => process.stderr.write(`replay step failed: ${(err as Error).message}\n`),
});
const address = await api.app.listen({ port: config.port, host: config.host });
process.stdout.write(`listening ${address}\n`);

process.once('SIGTERM', async () => {
  abort.abort(new Error('stopping'));
  await replay.catch(() => {});
  await api.close().catch(() => {});
  await engines.close().catch(() => {});
  await db.close().catch(() => {});
  process.exit(0);
});
