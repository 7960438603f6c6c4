/**
 * `seerd demo`: the whole platform on the embedded defaults, with real historical data replayed
 * faster than real time, three example models published and deployed by a demo developer, and
 * demo accounts. Everything lives in <SEER_DATA_DIR>/demo and is reset at every start: a demo
 * record is a demonstration, never to be mistaken for (or merged into) a live one.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiContext } from '@seer/api/bootstrap';
import { MOCK_TEST_CARDS, type MockProvider } from '@seer/core/billing';
import { createManualClock, delay, runPacedReplay } from '@seer/core/clock';
import { ConfigError, loadConfig } from '@seer/core/config';
import { createDemoReplayFeed } from '@seer/core/market';
import type { JobQueues } from '@seer/core/queue';
import { publishPackageDir, waitForDeployCheck } from '@seer/core/registry';
import { startEngines } from '@seer/worker/engines';
import { type Command, type CommandIo, UsageError } from '../cli';
import { onShutdown, openDatabase } from '../runtime';

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../examples');

/** Demo accounts; their passwords come from demoAccounts(), never from the source. */
export const DEMO_ACCOUNTS = {
  developer: { email: 'quant@demo.seer.example', displayName: 'Demo Quant' },
  subscriber: { email: 'trader@demo.seer.example', displayName: 'Demo Trader' },
  admin: { email: 'operator@demo.seer.example', displayName: 'Demo Operator' },
} as const;

export type DemoAccounts = {
  [K in keyof typeof DEMO_ACCOUNTS]: (typeof DEMO_ACCOUNTS)[K] & { password: string };
};

/**
 * The demo accounts with their passwords for this start: SEER_DEMO_PASSWORD when set, otherwise
 * a fresh random one per account (printed in the welcome message). A password in the source
 * would log anyone into every demo left reachable on a network.
 */
export function demoAccounts(password: string | undefined): DemoAccounts {
  const pick = () => password ?? randomBytes(12).toString('base64url');
  return {
    developer: { ...DEMO_ACCOUNTS.developer, password: pick() },
    subscriber: { ...DEMO_ACCOUNTS.subscriber, password: pick() },
    admin: { ...DEMO_ACCOUNTS.admin, password: pick() },
  };
}

/**
 * The demo's configuration: the environment plus demo settings. It binds to 127.0.0.1 unless
 * HOST says otherwise (the config default), so a demo is not on the network by accident.
 */
export function loadDemoConfig(
  env: Record<string, string | undefined>,
  o: { dataDir: string; start: string; msPerHour: string },
): ReturnType<typeof loadConfig> {
  return loadConfig({
    ...env,
    SEER_DEMO: 'true',
    // Keep the terminal readable for the person watching; LOG_LEVEL=info shows every request.
    LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
    SEER_DATA_DIR: o.dataDir,
    // A throwaway single-process database: PGlite, reset at every start.
    SEER_EMBEDDED_DB: 'pglite',
    SEER_REPLAY_START: o.start,
    SEER_REPLAY_MS_PER_HOUR: o.msPerHour,
    // Grace is simulated time: half an hour lets a run start well within its one-hour horizon.
    RUN_GRACE_SECONDS: env.RUN_GRACE_SECONDS ?? '1800',
  });
}

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
      config = loadDemoConfig(io.env, { dataDir: demoDir, start, msPerHour });
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
    const accounts = demoAccounts(config.demoPassword);

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
      const users = await createDemoUsers(services.accounts, accounts);

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
      const demoSlugs = new Map<string, string>();
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
        demoSlugs.set(m.dir, model.slug);
        log(`deployed ${model.slug} ${version.version}`);
      }

      // 4b. Billing: the demo subscriber trials the model that has a trial and pays for the paid
      //     one (mock provider, test card 4242...); the mock's signed webhook confirms the charge.
      await subscribeDemoTrader(api, users.subscriber, demoSlugs, log);

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
      // 6. Open on a populated marketplace: let the replay resolve the first outcomes (bounded).
      const replayed = await warmUp(clock, t0, replayAbort.signal);
      log(`replayed ${replayed} simulated hours before opening; the record keeps growing while you watch`);
    } catch (err) {
      replayAbort.abort();
      await replayLoop.catch(() => {});
      await engines?.close().catch(() => {});
      await api.close().catch(() => {});
      await db.close().catch(() => {});
      throw err;
    }
    printWelcome(io, config.publicUrl, config.replayMsPerSimHour, t0, accounts);
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

/** Simulated hours replayed before the URL is printed: the first 1-hour outcomes are then resolved. */
export const WARM_UP_HOURS = 6;
/** Real time the warm-up may take at most, so a busy machine still starts promptly. */
export const WARM_UP_MAX_MS = 20_000;

/** Waits until the replay clock is WARM_UP_HOURS past t0, or WARM_UP_MAX_MS; returns the hours replayed. */
async function warmUp(clock: { now(): Date }, t0: Date, signal: AbortSignal): Promise<number> {
  const target = t0.getTime() + WARM_UP_HOURS * 3_600_000;
  const until = Date.now() + WARM_UP_MAX_MS;
  while (!signal.aborted && clock.now().getTime() < target && Date.now() < until) {
    await delay(100, signal).catch(() => {});
  }
  return Math.floor((clock.now().getTime() - t0.getTime()) / 3_600_000);
}

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

async function subscribeDemoTrader(
  api: Awaited<ReturnType<typeof createApiContext>>,
  subscriberId: string,
  slugs: Map<string, string>,
  log: (s: string) => void,
): Promise<void> {
  const { billing } = api.ctx.services;
  const principal = {
    userId: subscriberId,
    email: DEMO_ACCOUNTS.subscriber.email,
    roles: ['subscriber' as const],
    via: 'jwt' as const,
    scopes: null,
    apiKeyId: null,
  };
  const ids = new Map<string, string>();
  for (const m of DEMO_MODELS) {
    const slug = slugs.get(m.dir);
    if (!slug || m.plan.priceMinor === 0) continue;
    const s = await billing.service.subscribe(principal, {
      model: slug,
      paymentMethod: MOCK_TEST_CARDS.success,
    });
    ids.set(slug, s.id);
  }
  if (billing.provider.name === 'mock')
    await (billing.provider as MockProvider).flush(
      async (payload, headers) =>
        (await api.app.inject({ method: 'POST', url: '/v1/billing/webhooks/mock', payload, headers }))
          .statusCode,
    );
  // Logged after the provider's webhooks: a paid subscription is `incomplete` until its charge is confirmed.
  for (const [slug, id] of ids)
    log(`demo subscriber: ${slug} ${(await billing.service.get(principal, id)).status}`);
}

async function createDemoUsers(
  accounts: {
    createUser(input: {
      email: string;
      password: string;
      displayName?: string;
      roles: readonly ('developer' | 'subscriber' | 'admin')[];
    }): Promise<{ id: string }>;
  },
  a: DemoAccounts,
): Promise<{ developer: string; subscriber: string; admin: string }> {
  const developer = await accounts.createUser({ ...a.developer, roles: ['developer'] });
  const subscriber = await accounts.createUser({ ...a.subscriber, roles: ['subscriber'] });
  const admin = await accounts.createUser({ ...a.admin, roles: ['admin'] });
  return { developer: developer.id, subscriber: subscriber.id, admin: admin.id };
}

function printWelcome(io: CommandIo, url: string, msPerHour: number, t0: Date, a: DemoAccounts): void {
  io.stdout(`
  Seer demo is running at ${url}
  API reference: ${url}/docs

  THIS IS A DEMO INSTANCE. Its clock replays real historical market data from
  ${t0.toISOString()}, one market hour per ${msPerHour} ms at most (slower when the models need
  longer); the track records it builds are a demonstration, not live records. State is
  reset at every start.

  Demo accounts (email / password; new passwords at every start unless SEER_DEMO_PASSWORD is set):
    developer   ${a.developer.email}   ${a.developer.password}
    subscriber  ${a.subscriber.email}   ${a.subscriber.password}
    admin       ${a.admin.email}   ${a.admin.password}

  Example: curl -s ${url}/v1/models | head
  Stop with Ctrl-C.
`);
}
