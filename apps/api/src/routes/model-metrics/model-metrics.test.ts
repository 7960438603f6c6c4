/**
 * GET /v1/models/{slug}/metrics and the catalogue's metric sorts over a real database: every
 * version's own record (retired included), live and backtest apart, snapshots refreshed when
 * outcomes land, date ranges computed on request, DSR deflated by the number of versions.
 */
import type { Db } from '@seer/core/db';
import { computeMetrics, type ScoredPrediction } from '@seer/core/metrics';
import { TEST_DRIVERS } from '@seer/core/testing';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededVersion, seedVersion } from '../../../../worker/test/helpers';
import { storeRun } from '../../testing/runs';
import { createTestApp, type TestApp } from '../../testing/test-app';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 5);

/** A second version of the same model, deployed (and retired when asked). */
async function addVersion(db: Db, base: SeededVersion, version: string, retired: boolean): Promise<string> {
  const r = await sql<{ id: string }>`INSERT INTO model_versions
      (model_id, version, status, digest, artifact_bytes, unpacked_bytes, file_count, manifest, interval, horizon,
       target, symbols, signature, signing_key_id, signed_payload, created_by)
    SELECT model_id, ${version}, 'draft', digest, artifact_bytes, unpacked_bytes, file_count, manifest, interval, horizon,
       target, symbols, signature, signing_key_id, signed_payload, created_by FROM model_versions WHERE id = ${base.id}
    RETURNING id`.execute(db.kysely);
  const id = (r.rows[0] as { id: string }).id;
  await sql`UPDATE model_versions SET status = 'deployed', deployed_at = ${new Date(T0)} WHERE id = ${id}`.execute(
    db.kysely,
  );
  if (retired)
    await sql`UPDATE model_versions SET status = 'retired', retired_at = ${new Date(T0 + 100 * H)} WHERE id = ${id}`.execute(
      db.kysely,
    );
  return id;
}

/** Predictions for AAA-USD and BBB-USD at each hour; outcomes for those listed. Returns what was seeded. */
async function seed(
  db: Db,
  versionId: string,
  mode: 'live' | 'backtest',
  hours: number[],
  predictedOf: (k: number, i: number) => number,
  returnOf: (k: number, i: number) => number | null,
): Promise<ScoredPrediction[]> {
  const out: ScoredPrediction[] = [];
  for (const k of hours) {
    const asOf = new Date(T0 + k * H);
    const { predictions: rows } = await storeRun(db, {
      versionId,
      mode,
      asOf,
      createdAt: asOf,
      predictions: ['AAA-USD', 'BBB-USD'].map((symbol, i) => ({
        symbol,
        value: predictedOf(k, i),
        confidence: null,
      })),
    });
    for (const [i, p] of rows.entries()) {
      const rr = returnOf(k, i);
      out.push({
        t: asOf.getTime(),
        symbol: p.symbol,
        target: 'return',
        value: p.value,
        realizedValue: rr,
        realizedReturn: rr,
        baseClose: rr === null ? null : 100,
      });
      if (rr !== null)
        await sql`INSERT INTO outcomes (prediction_id, base_close, realized_close, realized_return, realized_direction, realized_value)
          VALUES (${p.id}, 100, ${100 * (1 + rr)}, ${rr}, ${Math.sign(rr)}, ${rr})`.execute(db.kysely);
    }
  }
  return out;
}

const wave = (k: number, i: number) => 0.01 * Math.sin(k * 1.7 + i);

describe.each(TEST_DRIVERS)('model metrics (%s)', (driver) => {
  let ta: TestApp;
  let app: FastifyInstance;
  let v: SeededVersion;
  let retiredId: string;
  let weak: SeededVersion;
  let liveSeeded: ScoredPrediction[];
  const get = (url: string) => app.inject({ method: 'GET', url });

  beforeAll(async () => {
    ta = await createTestApp(driver);
    app = ta.app;
    const db = ta.t.db;
    v = await seedVersion(db, {
      fixture: 'momentum',
      deployedAt: new Date(T0),
      symbols: ['AAA-USD', 'BBB-USD'],
    });
    retiredId = await addVersion(db, v, '0.9.0', true);
    const hours = Array.from({ length: 40 }, (_, k) => k + 1);
    // 1.0.0 live: mostly right (value has the sign of the return 3 times out of 4); the last hour pending.
    liveSeeded = await seed(
      db,
      v.id,
      'live',
      hours,
      (k, i) => (k % 4 === 0 ? -1 : 1) * wave(k, i),
      (k, i) => (k === 40 ? null : wave(k, i) * 0.5 + 0.0005 * i),
    );
    await seed(
      db,
      v.id,
      'backtest',
      [1, 2, 3],
      () => 0.01,
      () => -0.01,
    );
    await seed(
      db,
      retiredId,
      'live',
      hours.slice(0, 20),
      (k, i) => wave(k + 3, i),
      (k, i) => wave(k, i),
    );
    weak = await seedVersion(db, {
      fixture: 'momentum',
      deployedAt: new Date(T0),
      symbols: ['AAA-USD', 'BBB-USD'],
    });
    await seed(
      db,
      weak.id,
      'live',
      hours,
      (k, i) => -wave(k, i),
      (k, i) => wave(k, i),
    );
  }, 180_000);
  afterAll(async () => {
    await ta?.close();
  });

  it('lists every version (retired too) with its own live record, matching the metric functions', async () => {
    const res = await get(`/v1/models/${v.slug}/metrics`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.source).toBe('snapshot');
    expect(body.versions.map((x: { version: string; status: string }) => [x.version, x.status])).toEqual([
      ['1.0.0', 'deployed'],
      ['0.9.0', 'retired'],
    ]);
    const m = body.versions[0].metrics;
    const expected = computeMetrics({ predictions: liveSeeded, periodsPerYear: 8760 });
    expect(m.count).toBe(80);
    expect(m.pending).toBe(2);
    for (const k of ['hitRate', 'ic', 'sharpe', 'sortino', 'maxDrawdown', 'psr', 'totalReturn'] as const)
      expect(m[k]).toBeCloseTo(expected[k] as number, 12);
    expect(m.trials).toBe(2);
    expect(m.dsr).toBeLessThan(m.psr);
    expect(m.definitionVersion).toBe('seer-metrics-1');
    expect(body.versions[1].metrics.count).toBe(40);
  });

  it('keeps backtests apart, filters by version and symbol, computes date ranges on request', async () => {
    const bt = (await get(`/v1/models/${v.slug}/metrics?mode=backtest&version=1.0.0`)).json();
    expect(bt.versions).toHaveLength(1);
    expect(bt.versions[0].metrics).toMatchObject({ count: 6, resolved: 6, hitRate: 0, totalReturn: -0.03 });
    const sym = (await get(`/v1/models/${v.slug}/metrics?symbol=BBB-USD&version=1.0.0`)).json();
    expect(sym.versions[0].metrics.count).toBe(40);
    const ranged = (
      await get(
        `/v1/models/${v.slug}/metrics?version=1.0.0&from=${new Date(T0 + H).toISOString()}&to=${new Date(T0 + 10 * H).toISOString()}`,
      )
    ).json();
    expect(ranged.source).toBe('computed');
    expect(ranged.versions[0].metrics.count).toBe(20);
    expect(ranged.versions[0].metrics.coverage).toBeNull();
    expect((await get(`/v1/models/${v.slug}/metrics?version=7.0.0`)).statusCode).toBe(404);
    expect((await get('/v1/models/not-a-model/metrics')).statusCode).toBe(404);
  });

  it('snapshots follow the outcomes: refreshResolvedSince picks up what landed', async () => {
    const db = ta.t.db;
    const before = (await get(`/v1/models/${v.slug}/metrics?version=1.0.0`)).json().versions[0].metrics;
    const { rows } = await db.query<{ now: Date }>('SELECT now() AS now');
    const since = new Date((rows[0] as { now: Date }).now);
    const { rows: pend } = await db.query<{ id: number }>(
      `SELECT p.id FROM predictions p LEFT JOIN outcomes o ON o.prediction_id = p.id
        WHERE p.version_id = $1 AND p.mode = 'live' AND o.prediction_id IS NULL`,
      [v.id],
    );
    for (const p of pend)
      await db.query(
        `INSERT INTO outcomes (prediction_id, base_close, realized_close, realized_return, realized_direction, realized_value)
         VALUES ($1, 100, 101, 0.01, 1, 0.01)`,
        [p.id],
      );
    expect(await app.ctx.services.metrics.refreshResolvedSince(since)).toBe(1);
    const after = (await get(`/v1/models/${v.slug}/metrics?version=1.0.0`)).json().versions[0].metrics;
    expect(before.pending).toBe(2);
    expect(after.pending).toBe(0);
    expect(after.resolved).toBe(80);
  });

  it('the catalogue sorts by a metric, best first, with a keyset cursor', async () => {
    await get(`/v1/models/${weak.slug}/metrics`); // a miss computes and stores the snapshot
    const sharpeOf = async (slug: string) =>
      (await get(`/v1/models/${slug}/metrics?version=1.0.0`)).json().versions[0].metrics.sharpe as number;
    expect(await sharpeOf(v.slug)).toBeGreaterThan(await sharpeOf(weak.slug));
    const slugs: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(
        `/v1/models?sort=sharpe&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { items: Array<{ slug: string }>; nextCursor: string | null };
      slugs.push(...page.items.map((m) => m.slug));
      cursor = page.nextCursor;
    } while (cursor);
    expect(slugs.indexOf(v.slug)).toBeLessThan(slugs.indexOf(weak.slug));
    const dd = (await get('/v1/models?sort=max_drawdown')).json() as { items: Array<{ slug: string }> };
    expect(dd.items.length).toBeGreaterThanOrEqual(2);
  });
  it('divergence: live against its own backtest over the common periods (docs/METRICS.md)', async () => {
    const db = ta.t.db;
    const few = (await get(`/v1/models/${v.slug}/metrics?version=1.0.0`)).json().versions[0];
    expect(few.divergence).toMatchObject({
      status: 'insufficient_data',
      n: 3,
      statistic: null,
      pValue: null,
    });
    // weak 1.0.0 lives against the sign of the returns; its backtest over the same hours followed it.
    const hours = Array.from({ length: 40 }, (_, k) => k + 1);
    await seed(
      db,
      weak.id,
      'backtest',
      hours,
      (k, i) => wave(k, i),
      (k, i) => wave(k, i),
    );
    await app.ctx.services.metrics.refresh(weak.id, 'live');
    const d = (await get(`/v1/models/${weak.slug}/metrics?version=1.0.0`)).json().versions[0].divergence;
    expect(d).toMatchObject({ status: 'diverging', n: 40, alpha: 0.01, minPeriods: 30 });
    expect(d.pValue).toBeLessThan(0.01);
    expect(d.meanDifference).toBeLessThan(0);
  });
});
