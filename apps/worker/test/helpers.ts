/**
 * Test fixtures for the runs engine: registry rows for a version whose package is a fixture
 * folder, market bars, and a package opener over fixture folders (the registry's signed artifact
 * store is exercised by the registry's own tests).
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { type Db, withTransaction } from '@seer/core/db';
import { appendPredictions } from '@seer/core/predictions';
import { insertRuns } from '@seer/core/runs';
import { readManifest } from '@seer/sandbox';
import { sql } from 'kysely';
import { PackageIntegrityError, type PackageOpener } from '../src/package-opener';

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

/**
 * A live hourly run of a version at `asOf` that succeeded, its predictions stored (hash-chained)
 * as the worker stores them: what a live run leaves for fan-out. Returns the run id.
 */
export async function seedStoredLiveRun(
  db: Db,
  o: {
    versionId: string;
    asOf: Date;
    predictions: Array<{ symbol: string; value: number; confidence: number | null }>;
  },
): Promise<string> {
  const [run] = await insertRuns(db.kysely, [
    {
      version_id: o.versionId,
      mode: 'live',
      as_of: o.asOf,
      interval_seconds: 3600,
      horizon_seconds: 3600,
      status: 'queued',
    },
  ]);
  if (!run) throw new Error('run exists');
  await withTransaction(db, async (trx) => {
    await trx.updateTable('runs').set({ status: 'succeeded' }).where('id', '=', run.id).execute();
    await appendPredictions(trx, {
      versionId: o.versionId,
      mode: 'live',
      runId: run.id,
      asOf: o.asOf,
      horizon: '1h',
      horizonMs: HOUR,
      target: 'return',
      createdAt: o.asOf,
      predictions: o.predictions,
    });
  });
  return run.id;
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
