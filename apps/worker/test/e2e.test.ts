/**
 * End to end on real PostgreSQL and Redis (BullMQ): the demo USD/CHF history is revealed by the
 * replay feed as a replay clock passes two dozen hourly boundaries; examples/momentum is
 * published and deployed through the registry (signed artifact, deploy gate); the scheduler and
 * worker (registry opener: digest + signature verified per run) produce one prediction per
 * boundary, a valid chain, outcomes, and nothing duplicated.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createReplayClock } from '@seer/core/clock';
import { testConfig } from '@seer/core/config';
import { createMarketRepo, createMarketService, DEMO_DATASETS, startDemoReplay } from '@seer/core/market';
import { chainPage, verifyLedger } from '@seer/core/predictions';
import { createBullQueues, obliteratePrefix } from '@seer/core/queue';
import { createRegistry, publishPackageDir, waitForDeployCheck } from '@seer/core/registry';
import { createTestDb, type TestDb } from '@seer/core/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngines } from '../src/engines';
import { startMetricsListener } from '../src/metrics-listener';
import { REDIS_URL, seedUser, until } from './helpers';

const MOMENTUM = fileURLToPath(new URL('../../../examples/momentum', import.meta.url));
const START = new Date('1996-06-03T00:30:00Z'); // a Monday: the FX market is open
// Slow enough that a loaded CI machine (test files run two at a time) still starts every run in its grace.
const MS_PER_SIM_HOUR = 3000;
const BOUNDARIES = 24;

describe('end to end: replay clock, registry, scheduler, worker, ledger, outcomes (pg + Redis)', () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb('pg');
    dir = mkdtempSync(path.join(tmpdir(), 'seer-e2e-'));
  });
  afterAll(async () => {
    await t?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`produces one prediction per boundary over ${BOUNDARIES} replayed hours`, async () => {
    const config = testConfig({
      demo: true,
      redisUrl: REDIS_URL,
      artifactDir: path.join(dir, 'artifacts'),
      keysDir: path.join(dir, 'keys'),
      generateKeys: true,
      runGraceSeconds: 1800,
      workerConcurrency: 2,
    });
    const clock = createReplayClock({ config, start: START, msPerSimHour: MS_PER_SIM_HOUR });
    const now = () => clock.now();
    const market = createMarketService({ repo: createMarketRepo(t.db), now });
    const usdchf = DEMO_DATASETS.filter((d) => d.instrument.symbol === 'USDCHF');
    const replay = await startDemoReplay({ config, clock, market, datasets: usdchf });
    const prefix = `seer-e2e-${Date.now().toString(36)}`;
    const queues = createBullQueues({ redisUrl: REDIS_URL, prefix });
    let engines: Awaited<ReturnType<typeof startEngines>> | undefined;
    try {
      // History up to the start is revealed at the first poll.
      await until(async () => {
        const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM bars`.execute(t.db.kysely);
        return (r.rows[0]?.n ?? 0) > 200;
      }, 30_000);
      // The scheduler and worker are up before the version is deployed (as in production).
      engines = await startEngines({
        config,
        db: t.db,
        clock,
        queues,
        scheduler: true,
        worker: true,
        replayMsPerSimHour: MS_PER_SIM_HOUR,
      });
      const owner = await seedUser(t.db, ['developer']);
      const registry = await createRegistry({ config, db: t.db, clock: now });
      const actor = { userId: owner, roles: ['developer'] };
      const { version } = await publishPackageDir(registry, { actor, dir: MOMENTUM, slug: 'e2e-momentum' });
      // Deploy as the API does: a deploy check that the running worker executes (BullMQ).
      const { check } = await registry.versions.requestDeploy(actor, 'e2e-momentum', version.version);
      expect(
        (await waitForDeployCheck(registry.versions, actor, check.id, { timeoutMs: 60_000 })).status,
      ).toBe('succeeded');
      const deployed = await sql<{
        deployed_at: Date;
      }>`SELECT deployed_at FROM model_versions WHERE id = ${version.id}`.execute(t.db.kysely);
      const deployedAt = deployed.rows[0]?.deployed_at as Date;

      const endAt = new Date(
        Math.ceil(deployedAt.getTime() / 3_600_000) * 3_600_000 + (BOUNDARIES - 1) * 3_600_000,
      );
      await until(
        () => now() > new Date(endAt.getTime() + 70 * 60_000),
        (BOUNDARIES + 4) * MS_PER_SIM_HOUR * 2,
      );
      // Outcomes are filled by the outcomes consumer, triggered by the scheduler, not by hand.
      const outcomesCount = async () =>
        (
          await sql<{ n: number }>`SELECT count(*)::int AS n FROM outcomes o
            JOIN predictions p ON p.id = o.prediction_id
           WHERE p.version_id = ${version.id} AND p.as_of <= ${endAt}`.execute(t.db.kysely)
        ).rows[0]?.n;
      await until(async () => (await outcomesCount()) === BOUNDARIES, 120_000, 'outcomes filled');

      // The worker signs a checkpoint of the moved chain head (docs/VERIFYING.md).
      const round = await engines.ledgerSigner?.signNow();
      expect(round?.signed).toBeGreaterThanOrEqual(1);
      expect(round?.refused).toEqual([]);

      // What Prometheus scrapes from a worker process after these runs (deploy/prometheus).
      const listener = await startMetricsListener({
        host: '127.0.0.1',
        port: 0,
        processPrefix: 'seer_worker_',
        registries: [engines.metrics.registry],
      });
      try {
        const text = await (await fetch(listener.url)).text();
        const value = (series: string) => {
          const line = text.split('\n').find((l) => l.startsWith(`${series} `));
          return line === undefined ? undefined : Number(line.slice(series.length + 1));
        };
        expect(value('seer_runs_total{status="succeeded",mode="live"}')).toBeGreaterThanOrEqual(BOUNDARIES);
        expect(
          value('seer_run_duration_seconds_count{status="succeeded",mode="live"}'),
        ).toBeGreaterThanOrEqual(BOUNDARIES);
        expect(value('seer_run_cpu_seconds_count{mode="live"}')).toBeGreaterThanOrEqual(BOUNDARIES);
        expect(value('seer_run_peak_memory_bytes_sum{mode="live"}')).toBeGreaterThan(
          BOUNDARIES * 10 * 1024 * 1024,
        );
        expect(value('seer_slots_total{outcome="dispatched"}')).toBeGreaterThanOrEqual(BOUNDARIES);
        expect(value('seer_scheduler_dispatch_lag_seconds_count')).toBeGreaterThanOrEqual(BOUNDARIES);
        expect(value('seer_run_boundary_to_stored_seconds_count{mode="live"}')).toBeGreaterThanOrEqual(
          BOUNDARIES,
        );
        expect(value('seer_queue_wait_seconds_count{queue="runs"}')).toBeGreaterThanOrEqual(BOUNDARIES);
        expect(value('seer_queue_jobs{queue="runs",state="failed"}')).toBe(0);
        expect(value('seer_queue_jobs{queue="runs",state="waiting"}')).toBe(0);
        // The replay feed keeps USDCHF current on the replay clock: fresh, nothing overdue.
        expect(value('seer_market_data_overdue_seconds{symbol="USDCHF",interval="1h"}')).toBe(0);
        expect(value('seer_market_data_age_seconds{symbol="USDCHF",interval="1h"}')).toBeLessThan(2 * 3600);
        expect(value('seer_worker_process_resident_memory_bytes')).toBeGreaterThan(10 * 1024 * 1024);
        expect(value('seer_ledger_checkpoints_signed_total')).toBeGreaterThanOrEqual(1);
        expect(value('seer_ledger_checkpoint_newest_timestamp_seconds')).toBeGreaterThan(
          Date.now() / 1000 - 3600,
        );
      } finally {
        await listener.close();
      }
      await engines.close();
      engines = undefined;
      await replay.stop();

      const runs = await t.db.kysely
        .selectFrom('runs')
        .selectAll()
        .where('version_id', '=', version.id)
        .where('as_of', '<=', endAt)
        .orderBy('as_of')
        .execute();
      // Every hourly boundary from deploy to the end has exactly one run.
      expect(runs).toHaveLength(BOUNDARIES);
      const hours = runs.map((r) => r.as_of.getTime());
      for (let i = 1; i < hours.length; i++)
        expect((hours[i] as number) - (hours[i - 1] as number)).toBe(3_600_000);
      const bad = runs.filter((r) => r.status !== 'succeeded');
      expect(bad.map((r) => [r.as_of.toISOString(), r.status, r.error_code, r.error_message])).toEqual([]);
      for (const r of runs) {
        expect(r.input_digest).toMatch(/^[0-9a-f]{64}$/);
        expect(r.prediction_count).toBe(1);
      }

      const chain = await chainPage(t.db.kysely, {
        versionId: version.id,
        mode: 'live',
        afterSeq: 0,
        limit: 1000,
      });
      const upToEnd = chain.filter((p) => p.as_of <= endAt);
      expect(upToEnd).toHaveLength(BOUNDARIES);
      expect(new Set(chain.map((p) => p.as_of.getTime())).size).toBe(chain.length);
      expect(chain.every((p) => p.symbol === 'USDCHF' && p.target === 'return')).toBe(true);
      expect(verifyLedger(chain)).toMatchObject({ valid: true, checked: chain.length });
      // Ledger v2: each entry commits to its run's input digest and the version's package.
      const inputOf = new Map(runs.map((r) => [r.id, r.input_digest]));
      for (const p of upToEnd) {
        expect(p.ledger_format).toBe('seer-ledger-v2');
        expect(p.input_digest).toBe(inputOf.get(p.run_id));
        expect(p.package_digest).toMatch(/^[0-9a-f]{64}$/);
      }

      expect(await outcomesCount()).toBe(BOUNDARIES);
    } finally {
      await engines?.close();
      await replay.stop().catch(() => {});
      await queues.close();
      await obliteratePrefix(REDIS_URL, prefix);
    }
  }, 360_000);
});
