/**
 * Playback keeps the settled part of a year per process and, as time moves on, appends only the
 * intervals settled since; it also hands back the same answer while nothing in it changed. Both
 * are checked here against a service with nothing cached, hour after hour, with runs and
 * outcomes landing in between. PostgreSQL only: 40 days of runs are slow to store on PGlite, and
 * the logic under test is above the driver.
 */
import type { Db } from '@seer/core/db';
import { createPredictionAccess, createPredictionReadService } from '@seer/core/predictions';
import { createTestDb, type TestDb } from '@seer/core/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededVersion, seedBars, seedVersion } from '../../../../worker/test/helpers';
import { storeRun } from '../../testing/runs';

const H = 3_600_000;
const NOW = Math.floor(Date.now() / H) * H;
const T0 = NOW - 40 * 24 * H;

async function seedRun(db: Db, v: SeededVersion, asOf: number, resolved: boolean) {
  const { predictions } = await storeRun(db, {
    versionId: v.id,
    asOf: new Date(asOf),
    createdAt: new Date(asOf + 1500),
    predictions: [{ symbol: 'AAA-USD', value: Math.sin(asOf / H) / 100, confidence: null }],
  });
  if (resolved) for (const p of predictions) await resolve(db, p.id, asOf);
}

async function resolve(db: Db, predictionId: number | string, asOf: number) {
  const rr = Math.cos(asOf / H) / 100;
  await sql`INSERT INTO outcomes (prediction_id, base_close, realized_close, realized_return, realized_direction, realized_value)
    VALUES (${predictionId}, 100, ${100 * (1 + rr)}, ${rr}, ${Math.sign(rr)}, ${rr})`.execute(db.kysely);
}

describe('playback: the settled prefix, extended as time moves on', () => {
  let t: TestDb;
  let v: SeededVersion;
  beforeAll(async () => {
    t = await createTestDb('pg');
    v = await seedVersion(t.db, { fixture: 'momentum', deployedAt: new Date(T0), symbols: ['AAA-USD'] });
    await seedBars(t.db, { symbols: ['AAA-USD'], from: new Date(T0 - 2 * H), count: 40 * 24 + 40 });
    // A run every 3 hours up to 6 hours ago, resolved; the newest ones left pending.
    for (let at = T0 + H; at <= NOW - 6 * H; at += 3 * H) await seedRun(t.db, v, at, at < NOW - 9 * H);
  }, 180_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('answers exactly what a process with nothing cached answers, hour after hour', async () => {
    let now = NOW + 1000;
    const clock = () => new Date(now);
    const cached = createPredictionReadService({ db: t.db, clock, access: createPredictionAccess() });
    const fresh = () => createPredictionReadService({ db: t.db, clock, access: createPredictionAccess() });
    const q = { slug: v.slug, principal: null, query: {} };

    const first = await cached.playback(q);
    expect(first.prediction.filter((x) => x !== null).length).toBeGreaterThan(50);
    expect(await fresh().playback(q)).toEqual(first);
    // Nothing changed: the very same answer.
    expect(await cached.playback(q)).toBe(first);

    let previous = first;
    for (const hours of [1, 2, 5, 30]) {
      now = NOW + hours * H + 1000;
      // Meanwhile a run lands and an older pending one resolves.
      await seedRun(t.db, v, NOW + (hours - 1) * H, false);
      const pending = await sql<{ id: string; as_of: Date }>`SELECT p.id, p.as_of FROM predictions p
        LEFT JOIN outcomes o ON o.prediction_id = p.id
        WHERE p.version_id = ${v.id} AND o.prediction_id IS NULL ORDER BY p.as_of LIMIT 1`.execute(
        t.db.kysely,
      );
      const oldest = pending.rows[0];
      if (oldest) await resolve(t.db, oldest.id, oldest.as_of.getTime());

      const answer = await cached.playback(q);
      expect(answer, `${hours} h later`).toEqual(await fresh().playback(q));
      expect(answer).not.toBe(previous);
      expect(answer.from).not.toBe(previous.from);
      previous = answer;
    }
  });
});
