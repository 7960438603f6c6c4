/**
 * `seerd demo`: the whole platform on the embedded defaults, with real historical data replayed
 * faster than real time, three example models published and deployed by a demo developer, and
 * demo accounts. Everything lives in <SEER_DATA_DIR>/demo and is reset at every start: a demo
 * record is a demonstration, never to be mistaken for (or merged into) a live one.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiContext } from '@seer/api/bootstrap';
import { createManualClock, delay } from '@seer/core/clock/clock';
import { runPacedReplay } from '@seer/core/clock/paced-replay';
import { ConfigError, loadConfig } from '@seer/core/config';
import { createDemoReplayFeed } from '@seer/core/market/replay-feed';
import type { JobQueues } from '@seer/core/queue/queue';
import { publishPackageDir, waitForDeployCheck } from '@seer/core/registry/publish-dir';
import { startEngines } from '@seer/worker/engines';
import { type Command, type CommandIo, UsageError } from '../cli';
import { onShutdown, openDatabase } from '../runtime';

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../examples');

/** Demo accounts. Fixed, printed passwords: a demo instance holds nothing worth protecting. */
export const DEMO_ACCOUNTS = {
  developer: { email: 'quant@demo.seer.example', password: 'replay-the-past-1', displayName: 'Demo Quant' },
  subscriber: {
    email: 'trader@demo.seer.example',
    password: 'replay-the-past-2',
    displayName: 'Demo Trader',
  },
  admin: { email: 'operator@demo.seer.example', password: 'replay-the-past-3', displayName: 'Demo Operator' },
} as const;

/** The example models, their plans: one with a trial, one free, one paid without trial. */
export const DEMO_MODELS = [
  { dir: 'momentum', tags: ['fx', 'momentum'], plan: { priceMinor: 1900, currency: 'USD', trialDays: 14 } },
  {
    dir: 'mean-reversion',
    tags: ['fx', 'mean-reversion'],
    plan: { priceMinor: 0, currency: 'USD', trialDays: 0 },
  },
  {
    dir: 'sklearn-direction',
    tags: ['fx', 'machine-learning'],
    plan: { priceMinor: 4900, currency: 'USD', trialDays: 0 },
  },
] as const;

const DEFAULT_START = '2000-01-03T00:00:00Z';
const DEFAULT_MS_PER_HOUR = 100;
/** The replay moves in quarter hours of simulated time. */
const STEP_MS = 15 * 60_000;

export const demoCommand: Command = {
  path: ['demo'],
  summary:
    'Start the whole platform on embedded defaults with demo data: real USD/CHF and S&P 500 history replayed faster than real time, three example models, demo accounts.',
  usage: '[--start ISO8601] [--ms-per-hour N]  (N: at least N real ms per simulated hour; default 100)',
  options: {
    start: { type: 'string' },
    'ms-per-hour': { type: 'string' },
  },
  async run({ values, io }) {
    const start = typeof values.start === 'string' ? values.start : DEFAULT_START;
    const msPerHour =
      typeof values['ms-per-hour'] === 'string' ? values['ms-per-hour'] : String(DEFAULT_MS_PER_HOUR);
    if (!/^\d+$/.test(msPerHour) || Number(msPerHour) < 10) {
      throw new UsageError('--ms-per-hour must be an integer >= 10 (real milliseconds per simulated hour)');
    }
    const baseDir = path.resolve(io.env.SEER_DATA_DIR ?? './data');
    const demoDir = path.join(baseDir, 'demo');
    let config: ReturnType<typeof loadConfig>;
    try {
      config = loadConfig({
        ...io.env,
        SEER_DEMO: 'true',
        // Keep the terminal readable for the person watching; LOG_LEVEL=info shows every request.
        LOG_LEVEL: io.env.LOG_LEVEL ?? 'warn',
        SEER_DATA_DIR: demoDir,
        SEER_REPLAY_START: start,
        SEER_REPLAY_MS_PER_HOUR: msPerHour,
        // Grace is simulated time: half an hour lets a run start well within its one-hour horizon.
        RUN_GRACE_SECONDS: io.env.RUN_GRACE_SECONDS ?? '1800',
      });
    } catch (err) {
      if (err instanceof ConfigError) {
        io.stderr(`seerd demo: ${err.message}\n`);
        return 78;
      }
      throw err;
    }
    if (config.databaseUrl) {
      throw new UsageError('the demo runs on the embedded database only; unset DATABASE_URL');
    }
    const t0 = config.replayStart!;
    const log = (s: string) => io.stderr(`seerd demo: ${s}\n`);

    // A demo starts from nothing, every time.
    await rm(demoDir, { recursive: true, force: true });
    log(`preparing a fresh demo in ${demoDir}`);
    const db = await openDatabase(config, { migrate: true });
    // Simulated time stands still at t0 during set-up, then the paced replay moves it.
    const clock = createManualClock(t0);
    const api = await createApiContext({ config, db, clock: () => clock.now() });
    const { services } = api.ctx;
    let engines: Awaited<ReturnType<typeof startEngines>> | undefined;
    const replayAbort = new AbortController();
    let replayLoop: Promise<void> = Promise.resolve();
    try {
      // 1. Market data up to the replay start (the history models look back on).
      const feed = await createDemoReplayFeed({ config, clock, market: services.market });
      const backlog = await feed.poll();
      log(`loaded ${backlog.appended} historical bars up to ${t0.toISOString()}`);

      // 2. Accounts.
      const users = await createDemoUsers(services.accounts);

      // 3. The engines (the clock stands still at t0 until the replay starts: nothing is due).
      engines = await startEngines({
        config,
        db,
        clock,
        scheduler: true,
        worker: true,
        replayMsPerSimHour: config.replayMsPerSimHour,
        pollMs: 100,
      });
      api.ctx.metricsRegistries.push(engines.metrics.registry);

      // 4. Example models: publish, ask for the deploy (202-style: a deploy check) and wait for
      //    the worker's trial run in the real sandbox, as an API client would; set plans.
      const actor = { userId: users.developer, roles: ['developer'] };
      for (const m of DEMO_MODELS) {
        const { model, version } = await publishPackageDir(services.registry, {
          actor,
          dir: path.join(EXAMPLES, m.dir),
          model: { tags: [...m.tags] },
        });
        const { check } = await services.registry.versions.requestDeploy(actor, model.slug, version.version);
        const done = await waitForDeployCheck(services.registry.versions, actor, check.id, {
          timeoutMs: 120_000,
        });
        if (done.status !== 'succeeded')
          throw new Error(
            `the deploy check of ${model.slug} failed (${done.errorCode}): ${done.errorMessage}`,
          );
        await services.registry.plans.setPlan(actor, model.slug, m.plan);
        log(`deployed ${model.slug} ${version.version}`);
      }

      await db.analyze();

      // 5. Let time run. Each quarter hour of simulated time: reveal the bars that closed, let
      //    the scheduler create the runs that are due, and wait for them to finish.
      const scheduler = engines.scheduler!;
      replayLoop = runPacedReplay({
        config,
        clock,
        stepMs: STEP_MS,
        minRealMsPerStep: Math.ceil(config.replayMsPerSimHour / 4),
        signal: replayAbort.signal,
        afterStep: async () => {
          await feed.poll();
          await scheduler.tick();
          await waitForRuns(engines!.queues, replayAbort.signal);
        },
        onError: (err) => log(`replay step failed, continuing: ${(err as Error).message}`),
      });
      await api.app.listen({ port: config.port, host: config.host });
    } catch (err) {
      replayAbort.abort();
      await replayLoop.catch(() => {});
      await engines?.close().catch(() => {});
      await api.close().catch(() => {});
      await db.close().catch(() => {});
      throw err;
    }
    printWelcome(io, config.publicUrl, config.replayMsPerSimHour, t0);
    return onShutdown(
      [
        async () => {
          replayAbort.abort(new Error('stopping'));
          await replayLoop;
        },
        () => api.close(),
        () => engines!.close(),
        () => db.close(),
      ],
      io,
    );
  },
};

/**
 * Waits (bounded) until the run queue is empty and idle, so simulated time never outruns the
 * worker. Asks the in-process queue, not the database: polling PGlite would compete with the
 * very work it waits for.
 */
async function waitForRuns(queues: JobQueues, signal: AbortSignal, maxWaitMs = 60_000): Promise<void> {
  const until = Date.now() + maxWaitMs;
  while (!signal.aborted && Date.now() < until) {
    const c = await queues.counts('runs');
    if (c.waiting + c.active + c.delayed === 0) return;
    await delay(10, signal).catch(() => {});
  }
}

async function createDemoUsers(accounts: {
  createUser(input: {
    email: string;
    password: string;
    displayName?: string;
    roles: readonly ('developer' | 'subscriber' | 'admin')[];
  }): Promise<{ id: string }>;
}): Promise<{ developer: string; subscriber: string; admin: string }> {
  const developer = await accounts.createUser({ ...DEMO_ACCOUNTS.developer, roles: ['developer'] });
  const subscriber = await accounts.createUser({ ...DEMO_ACCOUNTS.subscriber, roles: ['subscriber'] });
  const admin = await accounts.createUser({ ...DEMO_ACCOUNTS.admin, roles: ['admin'] });
  return { developer: developer.id, subscriber: subscriber.id, admin: admin.id };
}

function printWelcome(io: CommandIo, url: string, msPerHour: number, t0: Date): void {
  const a = DEMO_ACCOUNTS;
  io.stdout(`
  Seer demo is running at ${url}
  API reference: ${url}/docs

  THIS IS A DEMO INSTANCE. Its clock replays real historical market data from
  ${t0.toISOString()}, one market hour per ${msPerHour} ms at most (slower when the models need
  longer); the track records it builds are a demonstration, not live records. State is
  reset at every start.

  Demo accounts (email / password):
    developer   ${a.developer.email}   ${a.developer.password}
    subscriber  ${a.subscriber.email}   ${a.subscriber.password}
    admin       ${a.admin.email}   ${a.admin.password}

  Example: curl -s ${url}/v1/models | head
  Stop with Ctrl-C.
`);
}
