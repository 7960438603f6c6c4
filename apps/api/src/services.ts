/**
 * The domain services the HTTP layer calls, built once from config, database and clock.
 * Each feature adds its service here (one property per domain folder in packages/core).
 */
import {
  type AccountServices,
  type AuthCache,
  createAccountServices,
  createAuditRepo,
  createAuthCache,
  createRedisThrottleStore,
} from '@seer/core/accounts';
import { type Billing, createBilling } from '@seer/core/billing';
import type { Config } from '@seer/core/config';
import { loadMasterKeyring } from '@seer/core/crypto';
import type { Db } from '@seer/core/db';
import { createMarketRepo, createMarketService, type MarketService } from '@seer/core/market';
import { createMetricsService, type MetricsService } from '@seer/core/metrics';
import {
  type ChainService,
  createChainService,
  createPredictionAccess,
  createPredictionReadService,
  createPredictionsService,
  type PredictionReadService,
  type PredictionsService,
} from '@seer/core/predictions';
import { createQuotas, quotaLimitsFromConfig } from '@seer/core/quotas';
import { createRegistry, type Registry } from '@seer/core/registry';
import { createRunsService, type RunsService } from '@seer/core/runs';
import { redisTlsOptions } from '@seer/core/transport';
import { createWebhooksService, type WebhooksService } from '@seer/core/webhooks';
import { Redis } from 'ioredis';
import type { ProbeTarget } from './context';

export interface ServiceDeps {
  config: Readonly<Config>;
  db: Db;
  /** Market time: what bars exist, what is due. A replay clock in a demo; real time otherwise. */
  clock: () => Date;
  /** Where services register readiness probes and closers for what they open (e.g. Redis). */
  lifecycle: ServiceLifecycle;
}

export interface ServiceLifecycle {
  probes: ProbeTarget[];
  /** Run in order after the HTTP server has stopped. */
  closers: Array<() => Promise<void>>;
}

export type Services = {
  accounts: AccountServices['accounts'];
  sessions: AccountServices['sessions'];
  apiKeys: AccountServices['apiKeys'];
  tokens: AccountServices['tokens'];
  market: MarketService;
  runs: RunsService;
  predictions: PredictionsService;
  registry: Registry;
  billing: Billing;
  predictionRead: PredictionReadService;
  /** Ledger v2's public record: chain of hashes, revealed values, signed checkpoints, keys. */
  ledgerChain: ChainService;
  metrics: MetricsService;
  webhooks: WebhooksService;
  /**
   * API-key rows and subscriptions kept per process while PostgreSQL's notifications vouch for
   * them (docs/SECURITY.md, "Per-process caches"); empty and bypassed while the listener is down.
   */
  authCache: AuthCache;
};

export async function createServices(deps: ServiceDeps): Promise<Services> {
  const { config, db, clock, lifecycle } = deps;
  let throttle: ReturnType<typeof createRedisThrottleStore> | undefined;
  if (config.redisUrl) {
    // Login throttling is shared across API processes through Redis when there is one.
    const redis = new Redis(config.redisUrl, {
      maxRetriesPerRequest: 2,
      connectTimeout: 5000,
      ...redisTlsOptions(config.redisUrl, config.redisCaFile),
    });
    redis.on('error', () => {}); // reported by the readiness probe; ioredis reconnects on its own
    lifecycle.probes.push({ name: 'redis', check: async () => void (await redis.ping()) });
    lifecycle.closers.push(async () => void (await redis.quit().catch(() => redis.disconnect())));
    throttle = createRedisThrottleStore(redis);
  }
  // Bots polling with API keys are the main read load: with this, a repeated request costs no query.
  const authCache = createAuthCache(db);
  lifecycle.closers.push(() => authCache.close());
  const { accounts, sessions, apiKeys, tokens } = await createAccountServices({
    config,
    db,
    cache: authCache,
    // Security time (token expiry, throttling windows, audit) is always the wall clock, even
    // when a demo's market clock replays history.
    clock: () => new Date(),
    ...(throttle ? { throttle } : {}),
  });
  const market = createMarketService({
    repo: createMarketRepo(db),
    now: clock,
    audit: createAuditRepo(db.kysely),
  });
  // Per-user quotas (429 quota_exceeded_*): models, drafts, uploads in flight, queued backtests.
  const quotas = createQuotas({ db, limits: quotaLimitsFromConfig(config) });
  const runs = createRunsService({
    db,
    clock,
    graceMs: config.runGraceSeconds * 1000,
    backtestMaxBoundaries: config.backtestMaxBoundaries,
    quotas,
  });
  // Billing runs on platform time (the replay clock in a demo) so periods and renewals move with it.
  const billing = await createBilling({ config, db, clock, cache: authCache });
  const predictions = createPredictionsService({ db, entitlements: billing.entitlements });
  // No deploy gate: the API records deploy checks; workers run them (it never starts a sandbox).
  // Loaded once for what this process seals under it: packages, key files, webhook signing secrets.
  const masterKeys = await loadMasterKeyring({
    masterKey: config.masterKey,
    masterKeyFile: config.masterKeyFile,
    keysDir: config.keysDir,
    generateKeys: config.generateKeys,
  });
  const registry = await createRegistry({ config, db, clock, quotas, masterKeys: masterKeys ?? null });
  if (registry.keyring.activeKid === undefined) {
    // Fail at start-up, not at the first publish: an API without its signing key cannot do its job.
    throw new Error(
      `no artifact signing key in ${config.keysDir} (expected artifact-signing-<kid>.pem) and SEER_GENERATE_KEYS is off; provision one, e.g. openssl genpkey -algorithm ed25519 -out ${config.keysDir}/artifact-signing-$(date -u +%Y%m%dT%H%M%SZ).pem`,
    );
  }
  const predictionRead = createPredictionReadService({
    db,
    clock,
    access: createPredictionAccess({ entitlements: billing.entitlements }),
  });
  const ledgerChain = createChainService({
    db,
    clock,
    access: createPredictionAccess({ entitlements: billing.entitlements }),
  });
  const metrics = createMetricsService({
    db,
    liveSlots: async (versionId) => {
      const c = await runs.coverage(versionId);
      return { succeeded: c.succeeded, due: c.slots };
    },
  });
  // Webhook endpoints are managed here; workers fan out and deliver (the API never sends them).
  const webhooks = createWebhooksService({
    db,
    entitlements: billing.entitlements,
    allowPrivate: config.webhooksAllowPrivate,
    masterKeys,
    legacySecretKey: config.webhooksSecretKey,
    timeoutMs: config.webhooksTimeoutMs,
  });
  return {
    accounts,
    sessions,
    apiKeys,
    tokens,
    market,
    runs,
    predictions,
    registry,
    billing,
    predictionRead,
    ledgerChain,
    metrics,
    webhooks,
    authCache,
  };
}
