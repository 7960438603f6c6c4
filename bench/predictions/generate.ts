/**
 * Builds the predictions benchmark database: a dedicated PostgreSQL database (dropped and
 * re-created, never the test template) migrated by the real migrations, holding
 * MODELS models x 1 deployed version x 10 symbols x 8,760 hourly runs (the year up to now):
 * 115 models = 10,074,000 predictions with their outcomes (all but the last hour), 1,007,400
 * runs and the bars. Rows are generated inside PostgreSQL (INSERT ... SELECT generate_series:
 * nothing crosses the wire, which beats COPY from the client), two models at a time.
 * Hashes are well-formed but NOT a valid chain (the ledger is not what is measured here).
 * Then ANALYZE and the metric snapshot of the measured model, through the real metrics service.
 *
 *   node --import tsx bench/predictions/generate.ts [--models 115] [--db seer_bench_predictions]
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { migrate, openDb } from '@seer/core/db';
import { createMetricsService } from '@seer/core/metrics';
import { createRunsService } from '@seer/core/runs';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    models: { type: 'string', default: '115' },
    db: { type: 'string', default: 'seer_bench_predictions' },
    admin: {
      type: 'string',
      default: process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
const MODELS = Number(values.models);
const DB_NAME = values.db as string;
if (!/^seer_bench_[a-z0-9_]+$/.test(DB_NAME)) throw new Error('--db must be named seer_bench_*');
const ADMIN_URL = values.admin as string;
export const BENCH_URL = ADMIN_URL.replace(/\/[^/]*$/, `/${DB_NAME}`);

/** Fixed credentials of the throwaway bench database (also used by the Flask peer and run.ts). */
export const BENCH_KEY_PREFIX = '0123456789ab';
export const BENCH_KEY_SECRET = 'benchmarkbenchmarkbenchmarkbenchmarkbench01';
export const BENCH_API_KEY = `seer_${BENCH_KEY_PREFIX}_${BENCH_KEY_SECRET}`;
const HOURS = 8760;
const SYMBOLS = 10;

const H = 3_600_000;
const END = Math.floor(Date.now() / H) * H; // the newest as_of
const START = END - (HOURS - 1) * H;

async function main() {
  const t0 = Date.now();
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();

  const db = await openDb({ databaseUrl: BENCH_URL, poolMax: 4 });
  await migrate(db);
  const log = (s: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${s}`);
  log('migrated');

  // Deterministic prices: close of symbol k at instant t (the bar closing at t).
  await db.exec(`CREATE FUNCTION bench_px(k int, t timestamptz) RETURNS float8 IMMUTABLE LANGUAGE sql AS
    $$ SELECT 100.0 * (k + 1) * (1 + 0.05 * sin(extract(epoch FROM t) / 3600 / 7 + k)
                                  + 0.01 * sin(extract(epoch FROM t) / 3600 * 1.3 + 2 * k)) $$`);
  const { rows: users } = await db.query<{ id: string }>(
    `INSERT INTO users (email, display_name, password_hash, roles)
     VALUES ('bench-owner@example.com', 'Bench owner', 'x', ARRAY['developer']) RETURNING id`,
  );
  const ownerId = (users[0] as { id: string }).id;
  await db.query(
    `INSERT INTO api_keys (user_id, name, prefix, secret_hash, scopes) VALUES ($1, 'bench', $2, $3, ARRAY['predictions:read'])`,
    [ownerId, BENCH_KEY_PREFIX, createHash('sha256').update(BENCH_KEY_SECRET).digest('hex')],
  );
  await db.query(
    `INSERT INTO instruments (symbol, name, asset_class) SELECT 'BENCH' || k, 'Bench ' || k, 'crypto' FROM generate_series(0, $1 - 1) k`,
    [SYMBOLS],
  );
  // Bars closing at START - 1h .. END + 1h (ts is the open time).
  await db.query(
    `INSERT INTO bars (instrument_id, interval, ts, open, high, low, close, volume)
     SELECT i.id, '1h', g, bench_px(k, g + interval '1 hour'), bench_px(k, g + interval '1 hour'),
            bench_px(k, g + interval '1 hour'), bench_px(k, g + interval '1 hour'), 1000
       FROM generate_series(0, $1 - 1) k
       JOIN instruments i ON i.symbol = 'BENCH' || k
      CROSS JOIN generate_series($2::timestamptz, $3::timestamptz, interval '1 hour') g`,
    [SYMBOLS, new Date(START - 2 * H), new Date(END)],
  );
  log('bars');
  const symbols = Array.from({ length: SYMBOLS }, (_, k) => `BENCH${k}`);
  const manifest = {
    name: 'bench',
    version: '1.0.0',
    entrypoint: 'model.py:predict',
    interval: '1h',
    horizon: '1h',
    target: 'return',
    symbols,
    lookback: 24,
  };
  const versionIds: string[] = [];
  for (let m = 0; m < MODELS; m++) {
    const slug = `bench-m${String(m).padStart(3, '0')}`;
    const { rows: mr } = await db.query<{ id: string }>(
      `INSERT INTO models (owner_id, slug, name, created_at) VALUES ($1, $2, $3, now() - make_interval(secs => $4)) RETURNING id`,
      [ownerId, slug, `Bench model ${m}`, m],
    );
    const modelId = (mr[0] as { id: string }).id;
    const { rows: vr } = await db.query<{ id: string }>(
      `INSERT INTO model_versions (model_id, version, status, digest, artifact_bytes, unpacked_bytes, file_count, manifest,
         interval, horizon, target, symbols, signature, signing_key_id, signed_payload, created_by)
       VALUES ($1, '1.0.0', 'draft', $2, 1, 1, 2, $3::jsonb, '1h', '1h', 'return', $4, 'sig', 'k1', '{}', $5) RETURNING id`,
      [modelId, 'b'.repeat(64), JSON.stringify(manifest), symbols, ownerId],
    );
    const vid = (vr[0] as { id: string }).id;
    await db.query(`UPDATE model_versions SET status = 'deployed', deployed_at = $2 WHERE id = $1`, [
      vid,
      new Date(START - H),
    ]);
    versionIds.push(vid);
  }
  log(`${MODELS} models`);

  // Foreign-key and guard triggers off for the bulk load of this throwaway database
  // (session_replication_role = replica); the rows are consistent by construction.
  const fill = (m: number) =>
    db.withSession(async (s) => {
      await s.query('SET session_replication_role = replica');
      try {
        await fillOn(s.query, m);
      } finally {
        await s.query('SET session_replication_role = DEFAULT');
      }
    });
  const fillOn = async (query: typeof db.query, m: number) => {
    const vid = versionIds[m] as string;
    const p = [vid, new Date(START), HOURS, SYMBOLS, m];
    await query(
      `INSERT INTO runs (version_id, mode, as_of, interval_seconds, horizon_seconds, status, attempts, created_at,
                         started_at, finished_at, duration_ms, prediction_count, input_digest)
       SELECT $1, 'live', t, 3600, 3600, 'succeeded', 1, t, t + interval '1 second', t + interval '2 seconds', 900, $4::int,
              repeat('c', 64)
         FROM generate_series($2::timestamptz, $2::timestamptz + ($3::int - 1) * interval '1 hour', interval '1 hour') t`,
      p.slice(0, 4),
    );
    await query(
      `INSERT INTO predictions (version_id, mode, seq, run_id, symbol, as_of, horizon, target, value, confidence,
                                created_at, prev_hash, hash, due_at)
       SELECT $1::uuid, 'live', x.seq, r.id, 'BENCH' || s.k, r.as_of, '1h', 'return',
              (bench_px(s.k, r.as_of + interval '1 hour') / bench_px(s.k, r.as_of) - 1) * ($5::int % 5) / 5.0
                + 0.004 * sin(extract(epoch FROM r.as_of) / 3600 * 0.77 + $5::int + s.k),
              0.5, r.as_of + interval '2 seconds',
              CASE WHEN x.seq = 1 THEN repeat('0', 64) ELSE encode(sha256(convert_to($1::text || ':' || (x.seq - 1), 'UTF8')), 'hex') END,
              encode(sha256(convert_to($1::text || ':' || x.seq, 'UTF8')), 'hex'),
              r.as_of + interval '1 hour'
         FROM runs r
        CROSS JOIN generate_series(0, $4::int - 1) s(k)
        CROSS JOIN LATERAL (SELECT ((extract(epoch FROM r.as_of - $2::timestamptz) / 3600)::bigint * $4::int + s.k + 1) AS seq) x
        WHERE r.version_id = $1::uuid AND r.mode = 'live' AND $3::int > 0
        ORDER BY r.as_of, s.k`,
      p,
    );
    await query(
      `INSERT INTO outcomes (prediction_id, base_close, realized_close, realized_return, realized_direction, realized_value, computed_at)
       SELECT p.id, b.b0, b.b1, b.b1 / b.b0 - 1, sign(b.b1 - b.b0)::smallint, b.b1 / b.b0 - 1, p.due_at
         FROM predictions p
        CROSS JOIN LATERAL (SELECT bench_px(substr(p.symbol, 6)::int, p.as_of) AS b0,
                                   bench_px(substr(p.symbol, 6)::int, p.due_at) AS b1) b
        WHERE p.version_id = $1 AND p.mode = 'live' AND p.due_at <= now()`,
      [vid],
    );
    await query(
      `INSERT INTO ledger_heads (version_id, mode, seq, hash)
       SELECT version_id, mode, seq, hash FROM predictions WHERE version_id = $1 AND mode = 'live' ORDER BY seq DESC LIMIT 1`,
      [vid],
    );
  };
  let next = 0;
  const worker = async () => {
    for (;;) {
      const m = next++;
      if (m >= MODELS) return;
      await fill(m);
      if ((m + 1) % 10 === 0) log(`${m + 1} models filled`);
    }
  };
  await Promise.all([worker(), worker()]);
  await db.exec('ANALYZE');
  const { rows: counts } = await db.query<{ p: number; o: number; r: number }>(
    'SELECT (SELECT count(*) FROM predictions) AS p, (SELECT count(*) FROM outcomes) AS o, (SELECT count(*) FROM runs) AS r',
  );
  log(`analyzed: ${JSON.stringify(counts[0])}`);

  const runs = createRunsService({ db, clock: () => new Date(), graceMs: 300_000, backtestMaxBoundaries: 0 });
  const metrics = createMetricsService({
    db,
    liveSlots: async (id) => {
      const c = await runs.coverage(id);
      return { succeeded: c.succeeded, due: c.slots };
    },
  });
  // The snapshot of the measured model; the others are computed on their first request.
  const ms0 = Date.now();
  await metrics.refresh(versionIds[0] as string, 'live');
  log(`metric snapshot of bench-m000 (87,600 predictions) in ${((Date.now() - ms0) / 1000).toFixed(1)} s`);
  const { rows: size } = await db.query<{ s: string }>(
    'SELECT pg_size_pretty(pg_database_size(current_database())) AS s',
  );
  log(`done; database size ${(size[0] as { s: string }).s}`);
  await db.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
