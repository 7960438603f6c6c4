/**
 * SQL for reading a model's predictions across its versions: keyset pages in (as_of, id) order,
 * the newest per symbol, and the columns a playback needs. Raw SQL on purpose: these are the hot
 * read paths, timestamps come back as ISO text (no Date round trip) and the page query is a
 * UNION ALL of one index range scan per version that PostgreSQL merges in order.
 */
import type { Db } from '../db/db';
import type { Interval } from '../market/intervals';
import type { RunMode } from '../runs/runs.tables';

export interface ReadVersion {
  id: string;
  version: string;
  status: 'draft' | 'deployed' | 'retired';
  interval: Interval;
  horizon: string;
  target: 'return' | 'direction' | 'price';
  symbols: string[];
  deployedAt: Date | null;
}

export interface ReadModel {
  id: string;
  slug: string;
  ownerId: string;
  publicDelaySeconds: number;
  versions: ReadVersion[];
}

export async function findModelForRead(db: Db, slug: string): Promise<ReadModel | undefined> {
  const { rows } = await db.query<{
    id: string;
    slug: string;
    owner_id: string;
    public_delay_seconds: number;
    versions: ReadVersion[] | null;
  }>(
    `SELECT m.id, m.slug, m.owner_id, m.public_delay_seconds,
            (SELECT json_agg(json_build_object('id', v.id, 'version', v.version, 'status', v.status,
                       'interval', v.interval, 'horizon', v.horizon, 'target', v.target,
                       'symbols', v.symbols, 'deployedAt', v.deployed_at) ORDER BY v.created_at)
               FROM model_versions v WHERE v.model_id = m.id) AS versions
       FROM models m WHERE m.slug = $1`,
    [slug],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    id: r.id,
    slug: r.slug,
    ownerId: r.owner_id,
    publicDelaySeconds: Number(r.public_delay_seconds),
    versions: (r.versions ?? []).map((v) => ({
      ...v,
      deployedAt: v.deployedAt ? new Date(v.deployedAt as unknown as string) : null,
    })),
  };
}

/** A prediction row as the read paths return it: instants as ISO text, the outcome columns null while pending. */
export interface PredictionReadRow {
  id: number;
  version_id: string;
  mode: RunMode;
  seq: number;
  run_id: string;
  symbol: string;
  as_of: string;
  as_of_ms: number;
  horizon: string;
  target: string;
  value: number;
  confidence: number | null;
  created_at: string;
  prev_hash: string;
  hash: string;
  base_close: number | null;
  realized_close: number | null;
  realized_return: number | null;
  realized_direction: number | null;
  realized_value: number | null;
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const ROW_COLUMNS = `p.id, p.version_id, p.mode, p.seq, p.run_id, p.symbol,
  to_char(p.as_of AT TIME ZONE 'UTC', ${ISO}) AS as_of,
  (extract(epoch FROM p.as_of) * 1000)::float8 AS as_of_ms,
  p.horizon, p.target, p.value, p.confidence,
  to_char(p.created_at AT TIME ZONE 'UTC', ${ISO}) AS created_at,
  p.prev_hash, p.hash,
  o.base_close, o.realized_close, o.realized_return, o.realized_direction::int AS realized_direction, o.realized_value`;

export interface PageQuery {
  versionIds: readonly string[];
  mode: RunMode;
  symbol?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Keyset position: (as_of, id) of the last row of the previous page. */
  after?: { asOf: Date; id: number } | undefined;
  /** Public record only: resolved predictions with as_of <= this instant. */
  publicUntil?: Date | undefined;
  limit: number;
}

/** One page in (as_of, id) order: one ordered, limited range scan per version, merged. */
export async function predictionPage(db: Db, q: PageQuery): Promise<PredictionReadRow[]> {
  if (q.versionIds.length === 0) return [];
  const params: unknown[] = [q.mode, q.limit];
  const conds: string[] = ['p.mode = $1'];
  const add = (sqlText: (n: number) => string, v: unknown) => {
    params.push(v);
    conds.push(sqlText(params.length));
  };
  if (q.symbol !== undefined) add((n) => `p.symbol = $${n}`, q.symbol);
  if (q.from) add((n) => `p.as_of >= $${n}`, q.from);
  if (q.to) add((n) => `p.as_of <= $${n}`, q.to);
  if (q.after) {
    params.push(q.after.asOf, q.after.id);
    conds.push(`(p.as_of, p.id) > ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
  }
  if (q.publicUntil) {
    add((n) => `p.as_of <= $${n}`, q.publicUntil);
    conds.push('o.prediction_id IS NOT NULL');
  }
  const join = q.publicUntil ? 'JOIN' : 'LEFT JOIN';
  const parts = q.versionIds.map((id) => {
    params.push(id);
    return `(SELECT ${ROW_COLUMNS} FROM predictions p ${join} outcomes o ON o.prediction_id = p.id
      WHERE p.version_id = $${params.length} AND ${conds.join(' AND ')}
      ORDER BY p.as_of, p.id LIMIT $2)`;
  });
  const text =
    parts.length === 1
      ? (parts[0] as string)
      : `SELECT * FROM (${parts.join(' UNION ALL ')}) x ORDER BY x.as_of_ms, x.id LIMIT $2`;
  const { rows } = await db.query<PredictionReadRow>(text, params);
  return rows;
}

/** The newest prediction per (version, symbol) pair; the caller keeps the newest per symbol. */
export async function latestPredictions(
  db: Db,
  q: {
    pairs: ReadonlyArray<{ versionId: string; symbol: string }>;
    mode: RunMode;
    publicUntil?: Date | undefined;
  },
): Promise<PredictionReadRow[]> {
  if (q.pairs.length === 0) return [];
  const params: unknown[] = [q.pairs.map((p) => p.versionId), q.pairs.map((p) => p.symbol), q.mode];
  let extra = '';
  if (q.publicUntil) {
    params.push(q.publicUntil);
    extra = `AND p.as_of <= $4 AND o.prediction_id IS NOT NULL`;
  }
  const { rows } = await db.query<PredictionReadRow>(
    `SELECT x.* FROM unnest($1::uuid[], $2::text[]) AS s(version_id, symbol)
     CROSS JOIN LATERAL (
       SELECT ${ROW_COLUMNS} FROM predictions p ${q.publicUntil ? 'JOIN' : 'LEFT JOIN'} outcomes o ON o.prediction_id = p.id
        WHERE p.version_id = s.version_id AND p.mode = $3 AND p.symbol = s.symbol ${extra}
        ORDER BY p.as_of DESC LIMIT 1) x`,
    params,
  );
  return rows;
}

export interface BarColumns {
  asOfMs: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: Array<number | null>;
}

/** Bars of a symbol by close time (as_of = open time + interval) within [from, to]. */
export async function barsByClose(
  db: Db,
  q: { symbol: string; interval: string; intervalMs: number; from: Date; to: Date },
): Promise<BarColumns> {
  const { rows } = await db.query<{
    t: number;
    open: number;
    high: number;
    low: number;
    close: number;
    volume: number | null;
  }>(
    `SELECT (extract(epoch FROM b.ts) * 1000)::float8 + $5 AS t, b.open, b.high, b.low, b.close, b.volume
       FROM bars b JOIN instruments i ON i.id = b.instrument_id
      WHERE i.symbol = $1 AND b.interval = $2 AND b.ts >= $3 AND b.ts <= $4
      ORDER BY b.ts`,
    [
      q.symbol,
      q.interval,
      new Date(q.from.getTime() - q.intervalMs),
      new Date(q.to.getTime() - q.intervalMs),
      q.intervalMs,
    ],
  );
  const out: BarColumns = { asOfMs: [], open: [], high: [], low: [], close: [], volume: [] };
  for (const r of rows) {
    out.asOfMs.push(Number(r.t));
    out.open.push(r.open);
    out.high.push(r.high);
    out.low.push(r.low);
    out.close.push(r.close);
    out.volume.push(r.volume);
  }
  return out;
}

export interface PlaybackPredictionRow {
  t: number;
  value: number;
  confidence: number | null;
  realized_return: number | null;
  realized_value: number | null;
  base_close: number | null;
}

/** One version's predictions for one symbol within [from, to], as_of order. */
export async function playbackPredictions(
  db: Db,
  q: {
    versionId: string;
    mode: RunMode;
    symbol: string;
    from: Date;
    to: Date;
    publicUntil?: Date | undefined;
  },
): Promise<PlaybackPredictionRow[]> {
  const params: unknown[] = [q.versionId, q.mode, q.symbol, q.from, q.to];
  let extra = '';
  if (q.publicUntil) {
    params.push(q.publicUntil);
    extra = 'AND p.as_of <= $6 AND o.prediction_id IS NOT NULL';
  }
  const { rows } = await db.query<PlaybackPredictionRow>(
    `SELECT (extract(epoch FROM p.as_of) * 1000)::float8 AS t, p.value, p.confidence,
            o.realized_return, o.realized_value, o.base_close
       FROM predictions p LEFT JOIN outcomes o ON o.prediction_id = p.id
      WHERE p.version_id = $1 AND p.mode = $2 AND p.symbol = $3 AND p.as_of >= $4 AND p.as_of <= $5 ${extra}
      ORDER BY p.as_of`,
    params,
  );
  return rows;
}
