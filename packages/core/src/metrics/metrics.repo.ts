/** SQL for metrics: the scored predictions of a record, backtest slot counts and the snapshot table. */
import type { Db } from '../db/db';
import type { RunMode } from '../runs/runs.tables';
import type { Metrics, ScoredPrediction } from './metrics';

export async function loadScored(
  db: Db,
  q: {
    versionId: string;
    mode: RunMode;
    symbol?: string | undefined;
    from?: Date | undefined;
    to?: Date | undefined;
  },
): Promise<ScoredPrediction[]> {
  const params: unknown[] = [q.versionId, q.mode];
  let where = '';
  if (q.symbol !== undefined) {
    params.push(q.symbol);
    where += ` AND p.symbol = $${params.length}`;
  }
  if (q.from) {
    params.push(q.from);
    where += ` AND p.as_of >= $${params.length}`;
  }
  if (q.to) {
    params.push(q.to);
    where += ` AND p.as_of <= $${params.length}`;
  }
  const { rows } = await db.query<{
    t: number;
    symbol: string;
    target: ScoredPrediction['target'];
    value: number;
    realized_value: number | null;
    realized_return: number | null;
    base_close: number | null;
  }>(
    `SELECT (extract(epoch FROM p.as_of) * 1000)::float8 AS t, p.symbol, p.target, p.value,
            o.realized_value, o.realized_return, o.base_close
       FROM predictions p LEFT JOIN outcomes o ON o.prediction_id = p.id
      WHERE p.version_id = $1 AND p.mode = $2${where}`,
    params,
  );
  return rows.map((r) => ({
    t: Number(r.t),
    symbol: r.symbol,
    target: r.target,
    value: r.value,
    realizedValue: r.realized_value,
    realizedReturn: r.realized_return,
    baseClose: r.base_close,
  }));
}

/** Backtest slots: succeeded over every boundary except market_closed ones. */
export async function backtestSlots(db: Db, versionId: string): Promise<{ succeeded: number; due: number }> {
  const { rows } = await db.query<{ succeeded: number; due: number }>(
    `SELECT count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded,
            count(*) FILTER (WHERE status NOT IN ('market_closed', 'queued', 'running'))::int AS due
       FROM runs WHERE version_id = $1 AND mode = 'backtest'`,
    [versionId],
  );
  const r = rows[0];
  return { succeeded: Number(r?.succeeded ?? 0), due: Number(r?.due ?? 0) };
}

export interface SnapshotRow {
  version_id: string;
  mode: RunMode;
  symbol: string;
  metrics: Metrics;
  computed_at: string;
}

export async function upsertSnapshots(
  db: Db,
  rows: ReadonlyArray<{ versionId: string; mode: RunMode; symbol: string; metrics: Metrics }>,
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO metric_snapshots (version_id, mode, symbol, definition_version, metrics, resolved, computed_at)
     SELECT x.version_id, x.mode, x.symbol, x.definition_version, x.metrics, x.resolved, now()
       FROM jsonb_to_recordset($1::jsonb) AS x(version_id uuid, mode text, symbol text, definition_version text,
                                              metrics jsonb, resolved bigint)
     ON CONFLICT (version_id, mode, symbol) DO UPDATE
       SET definition_version = EXCLUDED.definition_version, metrics = EXCLUDED.metrics,
           resolved = EXCLUDED.resolved, computed_at = EXCLUDED.computed_at`,
    [
      JSON.stringify(
        rows.map((r) => ({
          version_id: r.versionId,
          mode: r.mode,
          symbol: r.symbol,
          definition_version: r.metrics.definitionVersion,
          metrics: r.metrics,
          resolved: r.metrics.resolved,
        })),
      ),
    ],
  );
}

export async function readSnapshots(
  db: Db,
  q: { versionIds: readonly string[]; mode: RunMode; symbol: string; definitionVersion: string },
): Promise<SnapshotRow[]> {
  if (q.versionIds.length === 0) return [];
  const { rows } = await db.query<SnapshotRow>(
    `SELECT version_id, mode, symbol, metrics,
            to_char(computed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS computed_at
       FROM metric_snapshots
      WHERE version_id = ANY($1::uuid[]) AND mode = $2 AND symbol = $3 AND definition_version = $4`,
    [q.versionIds, q.mode, q.symbol, q.definitionVersion],
  );
  return rows.map((r) => ({
    ...r,
    metrics: typeof r.metrics === 'string' ? (JSON.parse(r.metrics) as Metrics) : r.metrics,
  }));
}

/** (version, mode) pairs with outcomes stored at or after `since` (database time). */
export async function versionsResolvedSince(
  db: Db,
  since: Date,
): Promise<Array<{ versionId: string; mode: RunMode }>> {
  const { rows } = await db.query<{ version_id: string; mode: RunMode }>(
    `SELECT DISTINCT p.version_id, p.mode
       FROM outcomes o JOIN predictions p ON p.id = o.prediction_id
      WHERE o.computed_at >= $1`,
    [since],
  );
  return rows.map((r) => ({ versionId: r.version_id, mode: r.mode }));
}
