/**
 * Wiring of the runs engines for a process: queues (BullMQ with REDIS_URL, else in-process),
 * the sandbox (fork-template strategy), the registry's verified package opener, the scheduler
 * and the worker. `seerd all`, `seerd worker` and `seerd scheduler` all start through here.
 */
import {
  createBilling,
  createEntitlements,
  createLogNotificationSender,
  type MockProvider,
  type NotificationSender,
  type RenewalEngine,
  startRenewalEngine,
} from '@seer/core/billing';
import type { Clock } from '@seer/core/clock';
import type { Config } from '@seer/core/config';
import { loadMasterKeyring } from '@seer/core/crypto';
import type { Db } from '@seer/core/db';
import type { Consumer } from '@seer/core/queue';
import { createQueues, type JobQueues } from '@seer/core/queue';
import { createRegistry, createVersionsRepo, sweepArtifacts } from '@seer/core/registry';
import { createWebhooksService, startWebhookConsumer } from '@seer/core/webhooks';
import { createBwrapSandbox, type Sandbox } from '@seer/sandbox';
import { createSandboxDeployGate } from './deploy-gate';
import { startWorker, type WorkerHandle } from './index';
import { type LedgerSignerHandle, startLedgerSigner } from './ledger-signer';
import { createRunMetrics, instrumentQueues, type RunMetrics } from './metrics';
import { registryPackageOpener } from './registry-opener';
import { createScheduler, type Scheduler } from './scheduler';

export interface EnginesOptions {
  config: Readonly<Config>;
  db: Db;
  clock: Clock;
  scheduler: boolean;
  worker: boolean;
  /** Shared with other parts of the process (e.g. the API) when given. */
  queues?: JobQueues;
  metrics?: RunMetrics;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  /** Real ms per simulated hour when a replay clock drives the process (ticks faster). */
  replayMsPerSimHour?: number;
  /** Where subscription events go (default: the log). */
  notifier?: NotificationSender;
  /** Real-time period of dispatching pending deploy checks and backtests from the tables. */
  pollMs?: number;
}

export interface Engines {
  queues: JobQueues;
  metrics: RunMetrics;
  scheduler: Scheduler | undefined;
  worker: WorkerHandle | undefined;
  /** Billing renewals: ticks with the scheduler, consumes the billing queue with the worker. */
  billing: RenewalEngine | undefined;
  /** Signs ledger checkpoints (worker processes only; they alone read the ledger key). */
  ledgerSigner: LedgerSignerHandle | undefined;
  close(): Promise<void>;
}

export async function startEngines(opts: EnginesOptions): Promise<Engines> {
  const { config, db } = opts;
  const ownQueues = !opts.queues;
  const queues =
    opts.queues ??
    createQueues({
      redisUrl: config.redisUrl,
      redisCaFile: config.redisCaFile,
      lockDurationMs: config.runLeaseSeconds * 1000,
      stalledIntervalMs: config.runLeaseSeconds * 1000,
    });
  const metrics = opts.metrics ?? createRunMetrics();
  metrics.observe({ queues, db, now: () => opts.clock.now() });
  const consumed = instrumentQueues(queues, metrics);
  const clock = () => opts.clock.now();
  const graceMs = config.runGraceSeconds * 1000;
  let sandbox: Sandbox | undefined;
  let worker: WorkerHandle | undefined;
  let scheduler: Scheduler | undefined;
  let billing: RenewalEngine | undefined;
  let gcTimer: NodeJS.Timeout | undefined;
  let ledgerSigner: LedgerSignerHandle | undefined;
  let webhookConsumer: Consumer | undefined;
  try {
    if (opts.worker) {
      // Loaded once for what this worker opens under it: packages, key files, webhook signing secrets.
      const masterKeys = await loadMasterKeyring({
        masterKey: config.masterKey,
        masterKeyFile: config.masterKeyFile,
        keysDir: config.keysDir,
        generateKeys: config.generateKeys,
      });
      // Subscriber webhooks: fanned out after each stored live run, delivered from the webhooks queue.
      const webhooks = createWebhooksService({
        db,
        entitlements: createEntitlements({ db, clock }),
        allowPrivate: config.webhooksAllowPrivate,
        masterKeys,
        legacySecretKey: config.webhooksSecretKey,
        timeoutMs: config.webhooksTimeoutMs,
        queues,
        ...(opts.log ? { log: opts.log } : {}),
      });
      webhookConsumer = await startWebhookConsumer({ queues, webhooks });
      sandbox = await createBwrapSandbox({
        strategy: 'fork',
        concurrency: config.workerConcurrency,
        preimport: config.sandboxPreimport,
        uidRange: config.sandboxUidRange,
        // Per-run memory/pids/CPU limits are what keeps one model from starving the others.
        requireCgroups: config.env === 'production' && !config.sandboxAllowNoCgroups,
      });
      const registry = await createRegistry({ config, db, clock, masterKeys: masterKeys ?? null });
      worker = await startWorker({
        db,
        queues: consumed,
        sandbox,
        openPackage: registryPackageOpener(registry),
        clock,
        graceMs,
        concurrency: config.workerConcurrency,
        leaseMs: config.runLeaseSeconds * 1000,
        metrics,
        liveReservedSlots: config.workerLiveReservedSlots,
        backtestConcurrency: config.backtestConcurrency,
        backtestUserConcurrency: config.backtestUserConcurrency,
        ...(opts.pollMs ? { backtestPollMs: opts.pollMs } : {}),
        ...(opts.pollMs ? { rerunPollMs: opts.pollMs } : {}),
        // A failed fan-out never fails the run; it is logged (and not retried: see docs/API.md, Webhooks).
        afterLiveStored: (runId) =>
          webhooks.fanOut(runId).then(
            () => {},
            (err) => opts.log?.('webhook fan-out failed', { runId, error: (err as Error).message }),
          ),
        deployChecks: {
          versions: registry.versions,
          gate: (run) =>
            createSandboxDeployGate({
              db,
              versionsRepo: createVersionsRepo(db),
              openVersionPackage: (id) => registry.versions.openVersionPackage(id),
              run,
            }),
          concurrency: config.deployCheckConcurrency,
          ...(opts.pollMs ? { pollMs: opts.pollMs } : {}),
        },
      });
      // Stored packages nothing references any more (deleted drafts, refused uploads) go after
      // ARTIFACT_GC_GRACE_SECONDS; several workers sweeping at once is harmless.
      if (config.artifactGcIntervalSeconds > 0) {
        let sweeping = false;
        gcTimer = setInterval(() => {
          if (sweeping) return;
          sweeping = true;
          sweepArtifacts({ db, store: registry.store, graceMs: config.artifactGcGraceSeconds * 1000 })
            .then((r) => {
              if (r.deleted.length + r.tempDeleted.length > 0)
                opts.log?.('artifact sweep', {
                  scanned: r.scanned,
                  deleted: r.deleted.length,
                  tempDeleted: r.tempDeleted.length,
                });
            })
            .catch((err) => opts.log?.('artifact sweep failed', { error: (err as Error).message }))
            .finally(() => {
              sweeping = false;
            });
        }, config.artifactGcIntervalSeconds * 1000);
        gcTimer.unref();
      }
      // Without its key a worker still runs models: a later checkpoint covers everything stored
      // meanwhile (the chain is continuous), and LedgerCheckpointOverdue says signing stopped.
      ledgerSigner = await startLedgerSigner({
        db,
        config,
        metrics,
        ...(opts.log ? { log: opts.log } : {}),
      }).catch((err: Error) => {
        opts.log?.('ledger checkpoint signing disabled', {
          error: err.message,
          hint: `provision an Ed25519 key: openssl genpkey -algorithm ed25519 -out ${config.ledgerSigningKeyFile} (LEDGER_SIGNING_KEY_FILE, docs/VERIFYING.md)`,
        });
        return undefined;
      });
    }
    if (opts.scheduler) {
      const tickMs = opts.replayMsPerSimHour
        ? Math.max(20, Math.min(1000, opts.replayMsPerSimHour / 20))
        : 1000;
      scheduler = await createScheduler({
        db,
        queues,
        clock,
        graceMs,
        tickMs,
        recoverEveryMs: 30_000,
        requeueAfterMs: 2 * config.runLeaseSeconds * 1000,
        metrics,
        ...(opts.log ? { log: opts.log } : {}),
      });
    }
    if (opts.scheduler || opts.worker) {
      const log = opts.log ?? (() => {});
      const b = await createBilling({ config, db, clock, log });
      const mock = b.provider.name === 'mock' ? (b.provider as MockProvider) : undefined;
      const webhookUrl = `${config.publicUrl.replace(/\/$/, '')}/v1/billing/webhooks/mock`;
      billing = await startRenewalEngine({
        billing: b.service,
        queues,
        notifier: countedNotifier(opts.notifier ?? createLogNotificationSender(log), metrics),
        consume: opts.worker,
        tickMs: opts.scheduler
          ? opts.replayMsPerSimHour
            ? Math.max(20, Math.min(1000, opts.replayMsPerSimHour / 20))
            : 1000
          : 0,
        // The mock provider's back office runs beside the scheduler and posts its signed webhooks
        // to this server's own endpoint, as a real provider would.
        ...(mock && opts.scheduler
          ? {
              mockWebhooks: {
                provider: mock,
                send: async (body: string, headers: Record<string, string>) =>
                  (
                    await fetch(webhookUrl, {
                      method: 'POST',
                      body,
                      headers,
                      signal: AbortSignal.timeout(10_000),
                    })
                  ).status,
              },
            }
          : {}),
        log,
      });
    }
  } catch (err) {
    await billing?.close().catch(() => {});
    clearInterval(gcTimer);
    ledgerSigner?.close();
    await webhookConsumer?.close().catch(() => {});
    await worker?.close().catch(() => {});
    await sandbox?.close().catch(() => {});
    if (ownQueues) await queues.close().catch(() => {});
    throw err;
  }
  return {
    queues,
    metrics,
    scheduler,
    worker,
    billing,
    ledgerSigner,
    async close() {
      // Stop creating work, then finish running work, then release the sandbox and queues.
      await billing?.close();
      await scheduler?.close();
      clearInterval(gcTimer);
      ledgerSigner?.close();
      await webhookConsumer?.close();
      await worker?.close();
      await sandbox?.close();
      if (ownQueues) await queues.close();
    },
  };
}

/** Every billing event sent on counts in seer_billing_events_total{type}. */
function countedNotifier(inner: NotificationSender, metrics: RunMetrics): NotificationSender {
  return {
    async send(event) {
      await inner.send(event);
      metrics.billingEvents.inc({ type: event.type });
    },
  };
}
