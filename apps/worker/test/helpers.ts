/**
 * Test fixtures for the runs engine: registry rows for a version whose package is a fixture
 * folder, market bars, a package opener over fixture folders (the registry's signed artifact
 * store is exercised by the registry's own tests), and the set-up the engine's test files share:
 * a test database and a real sandbox per file or describe block, workers over fixture packages,
 * schedulers on in-process queues.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Db, DbDriver } from '@seer/core/db';
import { chainPage, verifyLedger } from '@seer/core/predictions';
import { createInProcessQueues, type JobQueues } from '@seer/core/queue';
import { liveStatusCounts } from '@seer/core/runs';
import { createTestDb, type TestDb } from '@seer/core/testing';
import { createBwrapSandbox, readManifest, type Sandbox } from '@seer/sandbox';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startWorker, type WorkerHandle, type WorkerOptions } from '../src/index';
import { PackageIntegrityError, type PackageOpener } from '../src/package-opener';
import { createScheduler, type Scheduler, type SchedulerOptions } from '../src/scheduler';

export const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
export const HOUR = 3_600_000;
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function until(cond: () => Promise<boolean> | boolean, timeoutMs = 20_000, what = 'condition') {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * The promise's value, or an error naming `what` after `ms`: a step that talks to a Redis that
 * was just killed must fail with its own name, not wait out the test's timeout.
 */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export interface SeededVersion {
  id: string;
  modelId: string;
  slug: string;
  ownerId: string;
  version: string;
  fixture: string;
}

export async function seedUser(db: Db, roles: string[] = ['developer']): Promise<string> {
  const r = await sql<{ id: string }>`INSERT INTO users (email, display_name, password_hash, roles)
    VALUES (${`u${randomBytes(5).toString('hex')}@example.test`}, 'Test', 'x', ${roles})
    RETURNING id`.execute(db.kysely);
  return (r.rows[0] as { id: string }).id;
}

/** A model with one version in the given status, its package being fixtures/<fixture>. */
export async function seedVersion(
  db: Db,
  o: {
    fixture: string;
    deployedAt: Date | null;
    ownerId?: string;
    symbols?: string[];
    interval?: '1h' | '4h' | '1d';
    horizon?: string;
    status?: 'draft' | 'deployed' | 'retired';
    retiredAt?: Date | null;
  },
): Promise<SeededVersion> {
  const ownerId = o.ownerId ?? (await seedUser(db));
  const slug = `m-${randomBytes(5).toString('hex')}`;
  const m = await sql<{
    id: string;
  }>`INSERT INTO models (owner_id, slug, name) VALUES (${ownerId}, ${slug}, 'Test model')
    RETURNING id`.execute(db.kysely);
  const modelId = (m.rows[0] as { id: string }).id;
  const manifest = readManifest(`${FIXTURES}/${o.fixture}`);
  const symbols = o.symbols ?? manifest.symbols;
  const interval = o.interval ?? manifest.interval;
  const horizon = o.horizon ?? manifest.horizon;
  const status = o.status ?? (o.deployedAt ? 'deployed' : 'draft');
  // Versions are born drafts (registry trigger); deploy and retire them the way the registry does.
  const v = await sql<{ id: string }>`INSERT INTO model_versions
      (model_id, version, status, digest, artifact_bytes, unpacked_bytes, file_count, manifest, interval, horizon,
       target, symbols, signature, signing_key_id, signed_payload, created_by)
    VALUES (${modelId}, '1.0.0', 'draft', ${'a'.repeat(64)}, 1, 1, 2, ${JSON.stringify({ ...manifest, symbols })}::jsonb,
       ${interval}, ${horizon}, ${manifest.target}, ${symbols}, 'sig', 'k1', '{}', ${ownerId})
    RETURNING id`.execute(db.kysely);
  const id = (v.rows[0] as { id: string }).id;
  if (status !== 'draft')
    await sql`UPDATE model_versions SET status = 'deployed', deployed_at = ${o.deployedAt} WHERE id = ${id}`.execute(
      db.kysely,
    );
  if (status === 'retired')
    await sql`UPDATE model_versions SET status = 'retired', retired_at = ${o.retiredAt ?? null} WHERE id = ${id}`.execute(
      db.kysely,
    );
  return {
    id,
    modelId,
    slug,
    ownerId,
    version: '1.0.0',
    fixture: o.fixture,
  };
}

/** Hourly bars (open times) for each symbol, a smooth deterministic walk per symbol. */
export async function seedBars(
  db: Db,
  o: { symbols: string[]; interval?: '1h' | '4h' | '1d'; from: Date; count: number },
): Promise<void> {
  const interval = o.interval ?? '1h';
  const step = { '1h': HOUR, '4h': 4 * HOUR, '1d': 24 * HOUR }[interval];
  for (const [k, symbol] of o.symbols.entries()) {
    await sql`INSERT INTO instruments (symbol, name, asset_class) VALUES (${symbol}, ${symbol}, 'crypto')
      ON CONFLICT (symbol) DO NOTHING`.execute(db.kysely);
    const ts: Date[] = [];
    const close: number[] = [];
    for (let i = 0; i < o.count; i++) {
      const t = o.from.getTime() + i * step;
      ts.push(new Date(t));
      close.push(priceAt(k, t));
    }
    await sql`INSERT INTO bars (instrument_id, interval, ts, open, high, low, close, volume)
      SELECT (SELECT id FROM instruments WHERE symbol = ${symbol}), ${interval}, x.ts, x.c, x.c, x.c, x.c, 1
        FROM unnest(${ts}::timestamptz[], ${close}::float8[]) AS x(ts, c)
      ON CONFLICT DO NOTHING`.execute(db.kysely);
  }
}

export function priceAt(symbolIndex: number, t: number): number {
  return 100 * (symbolIndex + 1) * (1 + 0.05 * Math.sin(t / HOUR / 3 + symbolIndex));
}

/** Opens fixture folders by version id; a version mapped to 'tampered' fails verification. */
export function fixtureOpener(map: Map<string, string>): PackageOpener {
  return async (versionId) => {
    const fixture = map.get(versionId);
    if (!fixture) throw new Error(`no package for ${versionId}`);
    if (fixture === 'tampered') throw new PackageIntegrityError('artifact digest mismatch');
    const dir = `${FIXTURES}/${fixture}`;
    const { name: _n, version: _v, ...manifest } = readManifest(dir);
    return { dir, manifest };
  };
}

/** A controllable clock for the scheduler (the replay clock's role in tests). */
export function manualClock(start: Date) {
  let now = start.getTime();
  return {
    clock: () => new Date(now),
    set: (t: Date) => {
      now = t.getTime();
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/**
 * A real sandbox (bubblewrap, fork strategy) for the tests of the file or describe block this is
 * called in: opened before the first, closed after the last. The object returned stands for it.
 */
export function useSandbox(o: { concurrency?: number; timeoutMs?: number } = {}): Sandbox {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await createBwrapSandbox({ strategy: 'fork', concurrency: o.concurrency ?? 2 });
  }, o.timeoutMs);
  afterAll(async () => {
    await sandbox?.close();
  });
  return {
    run: (req) => {
      if (!sandbox) throw new Error('the test sandbox is opened in beforeAll');
      return sandbox.run(req);
    },
    close: async () => {
      await sandbox?.close();
    },
  };
}

/**
 * A migrated database of `driver` for the tests of the file or describe block this is called in,
 * seeded once before the first and dropped after the last.
 */
export function useTestDb(
  driver: DbDriver,
  o: { seed?: (db: Db) => Promise<void>; timeoutMs?: number } = {},
): Pick<TestDb, 'db' | 'driver' | 'url'> {
  let t: TestDb | undefined;
  beforeAll(async () => {
    t = await createTestDb(driver);
    await o.seed?.(t.db);
  }, o.timeoutMs);
  afterAll(async () => {
    await t?.cleanup();
  });
  const open = (): TestDb => {
    if (!t) throw new Error('the test database is opened in beforeAll');
    return t;
  };
  return {
    get db() {
      return open().db;
    },
    driver,
    get url() {
      return open().url;
    },
  };
}

/** The scheduler sees every deployed version: retire each test's versions (owing no slot). */
export function retireVersionsAfterEach(t: { db: Db }): void {
  afterEach(async () => {
    await sql`UPDATE model_versions SET status = 'retired', retired_at = deployed_at WHERE status = 'deployed'`.execute(
      t.db.kysely,
    );
  });
}

/**
 * startWorker over fixture packages (`packages`: version id -> fixture folder, or 'tampered'),
 * consuming live runs only unless `consumers` says otherwise.
 */
export function startFixtureWorker({
  packages,
  consumers,
  ...o
}: Omit<WorkerOptions, 'openPackage'> & { packages: Record<string, string> }): Promise<WorkerHandle> {
  return startWorker({
    ...o,
    openPackage: fixtureOpener(new Map(Object.entries(packages))),
    consumers: { runs: true, outcomes: false, backtests: false, ...consumers },
  });
}

/** In-process queues and a scheduler on them for `fn`; both closed afterwards, whatever happens. */
export async function withScheduler<T>(
  o: Omit<SchedulerOptions, 'queues'> & { retry?: { attempts: number; backoffMs: number } },
  fn: (s: Scheduler, queues: JobQueues) => Promise<T>,
): Promise<T> {
  const { retry, ...opts } = o;
  const queues = createInProcessQueues(retry ? { retry } : {});
  try {
    const s = await createScheduler({ ...opts, queues });
    try {
      return await fn(s, queues);
    } finally {
      await s.close();
    }
  } finally {
    await queues.close();
  }
}

/**
 * In-process queues, a worker over fixture packages (startFixtureWorker) and a scheduler, on one
 * clock, for `fn`; all closed afterwards, whatever happens.
 */
export async function withEngine<T>(
  o: Omit<WorkerOptions, 'openPackage' | 'queues'> & {
    packages: Record<string, string>;
    retry?: { attempts: number; backoffMs: number };
  },
  fn: (e: { scheduler: Scheduler; worker: WorkerHandle; queues: JobQueues }) => Promise<T>,
): Promise<T> {
  const { retry, ...workerOptions } = o;
  const scheduling = { db: o.db, clock: o.clock, graceMs: o.graceMs, ...(retry ? { retry } : {}) };
  return withScheduler(scheduling, async (scheduler, queues) => {
    const worker = await startFixtureWorker({ ...workerOptions, queues });
    try {
      return await fn({ scheduler, worker, queues });
    } finally {
      await worker.close();
    }
  });
}

/** The version's chain in `mode` holds exactly `length` predictions and verifies. */
export async function expectValidChain(db: Db, versionId: string, mode: 'live' | 'backtest', length: number) {
  const chain = await chainPage(db.kysely, { versionId, mode, afterSeq: 0, limit: 1000 });
  expect(chain).toHaveLength(length);
  expect(verifyLedger(chain).valid).toBe(true);
}

/** No live run of the version is queued or running. */
export async function liveRunsSettled(db: Db, versionId: string): Promise<boolean> {
  const c = await liveStatusCounts(db.kysely, versionId);
  return c.queued + c.running === 0;
}

/**
 * A deployed version of `fixture` with one live run queued by the scheduler at `now` (the
 * version is retired again, so later ticks in the file owe it nothing).
 */
export async function queuedLiveRun(
  db: Db,
  o: { fixture: string; deployedAt: Date; now: Date; graceMs: number },
): Promise<{ runId: string; versionId: string; asOf: Date }> {
  const v = await seedVersion(db, { fixture: o.fixture, deployedAt: o.deployedAt });
  await withScheduler({ db, clock: () => o.now, graceMs: o.graceMs }, (s) => s.tick());
  const run = await db.kysely
    .selectFrom('runs')
    .select(['id', 'as_of', 'status'])
    .where('version_id', '=', v.id)
    .executeTakeFirstOrThrow();
  expect(run.status).toBe('queued');
  await sql`UPDATE model_versions SET status = 'retired', retired_at = deployed_at WHERE id = ${v.id}`.execute(
    db.kysely,
  );
  return { runId: run.id, versionId: v.id, asOf: new Date(run.as_of) };
}
