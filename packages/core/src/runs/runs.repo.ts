/**
 * SQL for runs and backtests. Claiming, extending, releasing and finishing a run follow the lease
 * protocol of db/leases.ts (shared with reruns and deploy checks).
 */
import { type Selectable, sql } from 'kysely';
import { type Db, type Executor, withTransaction } from '../db/db';
import { leasedJobs } from '../db/leases';
import type { BacktestsTable, RunMode, RunStatus, RunsTable } from './runs.tables';

export type Run = Selectable<RunsTable>;
export type Backtest = Selectable<BacktestsTable>;

const runLeases = leasedJobs('runs');

export interface NewRun {
  version_id: string;
  mode: RunMode;
  as_of: Date;
  interval_seconds: number;
  horizon_seconds: number;
  status: 'queued' | 'missed' | 'market_closed';
  backtest_id?: string | null;
  error_code?: string | null;
  error_message?: string | null;
  finished_at?: Date | null;
}

/** Inserts runs that do not exist yet (unique version+as_of+mode); returns only the new ones. */
export async function insertRuns(
  ex: Executor,
  rows: readonly NewRun[],
): Promise<Array<{ id: string; version_id: string; as_of: Date; status: RunStatus }>> {
  if (rows.length === 0) return [];
  return ex
    .insertInto('runs')
    .values(
      rows.map((r) => ({
        version_id: r.version_id,
        mode: r.mode,
        as_of: r.as_of,
        interval_seconds: r.interval_seconds,
        horizon_seconds: r.horizon_seconds,
        status: r.status,
        backtest_id: r.backtest_id ?? null,
        error_code: r.error_code ?? null,
        error_message: r.error_message ?? null,
        finished_at: r.finished_at ?? null,
      })),
    )
    .onConflict((oc) => oc.columns(['version_id', 'as_of', 'mode']).doNothing())
    .returning(['id', 'version_id', 'as_of', 'status'])
    .execute();
}

export async function findRun(ex: Executor, id: string): Promise<Run | undefined> {
  return ex.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRunBySlot(
  ex: Executor,
  slot: { versionId: string; asOf: Date; mode: RunMode },
): Promise<Run | undefined> {
  return ex
    .selectFrom('runs')
    .selectAll()
    .where('version_id', '=', slot.versionId)
    .where('as_of', '=', slot.asOf)
    .where('mode', '=', slot.mode)
    .executeTakeFirst();
}

/** Latest live as_of per version. */
export async function lastLiveAsOf(ex: Executor, versionIds: readonly string[]): Promise<Map<string, Date>> {
  if (versionIds.length === 0) return new Map();
  const rows = await ex
    .selectFrom('runs')
    .select(['version_id', (eb) => eb.fn.max('as_of').as('as_of')])
    .where('mode', '=', 'live')
    .where('version_id', 'in', versionIds)
    .groupBy('version_id')
    .execute();
  return new Map(rows.map((r) => [r.version_id, new Date(r.as_of as unknown as Date)]));
}

/** Live slots recorded after `since`, per version (as epoch ms). */
export async function recordedLiveSince(ex: Executor, since: Date): Promise<Map<string, Set<number>>> {
  const rows = await ex
    .selectFrom('runs')
    .select(['version_id', 'as_of'])
    .where('mode', '=', 'live')
    .where('as_of', '>', since)
    .execute();
  const out = new Map<string, Set<number>>();
  for (const r of rows) {
    const s = out.get(r.version_id) ?? new Set<number>();
    s.add(r.as_of.getTime());
    out.set(r.version_id, s);
  }
  return out;
}

/**
 * Takes a run for one worker: a queued run, or a running one whose lease expired (its worker
 * died). undefined when another worker holds it or it already finished.
 */
export async function claimRun(
  ex: Executor,
  o: { runId: string; workerId: string; leaseMs: number; startedAt: Date },
): Promise<Run | undefined> {
  return runLeases.claim(ex, {
    id: o.runId,
    workerId: o.workerId,
    leaseMs: o.leaseMs,
    startedAt: o.startedAt,
  });
}

export async function extendLease(
  ex: Executor,
  o: { runId: string; workerId: string; leaseMs: number },
): Promise<boolean> {
  return runLeases.extend(ex, { id: o.runId, workerId: o.workerId, leaseMs: o.leaseMs });
}

/** Gives a run back after a transient failure so the retry (any worker) can take it at once. */
export async function releaseRun(ex: Executor, o: { runId: string; workerId: string }): Promise<boolean> {
  return runLeases.release(ex, { id: o.runId, workerId: o.workerId });
}

export interface RunFinish {
  status: 'succeeded' | 'failed' | 'timed_out' | 'missed';
  finished_at: Date;
  duration_ms?: number | null;
  cpu_ms?: number | null;
  peak_memory_kb?: number | null;
  input_digest?: string | null;
  prediction_count?: number | null;
  error_code?: string | null;
  error_message?: string | null;
  stderr?: string | null;
}

/** Finishes a run this worker holds; false when the lease was lost (another worker took over). */
export async function finishRun(
  ex: Executor,
  o: { runId: string; workerId: string; fields: RunFinish },
): Promise<boolean> {
  return runLeases.finish(ex, { id: o.runId, workerId: o.workerId, fields: o.fields });
}

/**
 * Runs to hand to the queue again: queued for longer than `queuedForMs` (a lost message or a
 * crash between insert and enqueue) or running on a lease that expired (a dead worker).
 */
export async function runsToRedispatch(
  ex: Executor,
  o: { queuedForMs: number; limit: number; mode?: RunMode },
): Promise<Array<{ id: string; mode: RunMode; backtest_id: string | null }>> {
  let q = ex
    .selectFrom('runs')
    .select(['id', 'mode', 'backtest_id'])
    .where((eb) =>
      eb.or([
        eb.and([
          eb('status', '=', 'queued'),
          eb('created_at', '<', sql<Date>`now() - make_interval(secs => ${o.queuedForMs / 1000})`),
        ]),
        eb.and([eb('status', '=', 'running'), eb('lease_expires_at', '<', sql<Date>`now()`)]),
      ]),
    );
  if (o.mode) q = q.where('mode', '=', o.mode);
  return q.orderBy('created_at').limit(o.limit).execute();
}

export async function liveStatusCounts(ex: Executor, versionId: string): Promise<Record<RunStatus, number>> {
  const rows = await ex
    .selectFrom('runs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('version_id', '=', versionId)
    .where('mode', '=', 'live')
    .groupBy('status')
    .execute();
  const out: Record<RunStatus, number> = {
    queued: 0,
    running: 0,
    succeeded: 0,
    failed: 0,
    timed_out: 0,
    missed: 0,
    market_closed: 0,
  };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

/** Live runs of a version in one status with as_of <= asOfUntil. */
export async function countLiveRuns(
  ex: Executor,
  o: { versionId: string; status: RunStatus; asOfUntil: Date },
): Promise<number> {
  const r = await ex
    .selectFrom('runs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('version_id', '=', o.versionId)
    .where('mode', '=', 'live')
    .where('status', '=', o.status)
    .where('as_of', '<=', o.asOfUntil)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listRuns(
  ex: Executor,
  o: { versionId: string; mode?: RunMode; status?: RunStatus; before?: Date; limit: number },
): Promise<Run[]> {
  let q = ex.selectFrom('runs').selectAll().where('version_id', '=', o.versionId);
  if (o.mode) q = q.where('mode', '=', o.mode);
  if (o.status) q = q.where('status', '=', o.status);
  if (o.before) q = q.where('as_of', '<', o.before);
  return q.orderBy('as_of', 'desc').orderBy('mode').limit(o.limit).execute();
}

// --- backtests -------------------------------------------------------------------------------

export async function insertBacktest(
  ex: Executor,
  b: { version_id: string; requested_by: string | null; range_from: Date; range_to: Date; total: number },
): Promise<Backtest> {
  return ex.insertInto('backtests').values(b).returningAll().executeTakeFirstOrThrow();
}

export async function findBacktest(ex: Executor, id: string): Promise<Backtest | undefined> {
  return ex.selectFrom('backtests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateBacktest(
  ex: Executor,
  id: string,
  fields: Partial<Omit<Backtest, 'id' | 'version_id' | 'created_at'>>,
): Promise<void> {
  await ex.updateTable('backtests').set(fields).where('id', '=', id).execute();
}

/**
 * Backtests a worker may dispatch now, fairly: every running one (to resume it after a restart),
 * then queued ones taking turns between users (each user's oldest first, then everyone's second,
 * ...), leaving out those that would take a user past `userConcurrency` running at once.
 */
export async function dispatchableBacktests(
  ex: Executor,
  o: { limit: number; userConcurrency: number },
): Promise<Array<{ id: string }>> {
  const { rows } = await sql<{ id: string }>`
    WITH running AS (
      SELECT requested_by, count(*)::int AS n FROM backtests WHERE status = 'running' GROUP BY requested_by
    ), ranked AS (
      SELECT id, requested_by, created_at,
             row_number() OVER (PARTITION BY requested_by ORDER BY created_at, id) AS turn
      FROM backtests WHERE status = 'queued'
    )
    SELECT id FROM (
      SELECT id, 0::bigint AS turn, created_at FROM backtests WHERE status = 'running'
      UNION ALL
      SELECT r.id, r.turn, r.created_at
      FROM ranked r LEFT JOIN running u ON u.requested_by IS NOT DISTINCT FROM r.requested_by
      WHERE r.turn + coalesce(u.n, 0) <= ${o.userConcurrency}
    ) x
    ORDER BY turn, created_at
    LIMIT ${o.limit}`.execute(ex);
  return rows;
}

/**
 * queued -> running, unless the requesting user already has `userConcurrency` backtests running
 * (false: it waits for a later turn). A backtest already running is resumed (true). Serialized per
 * user by an advisory lock, so two workers cannot both take a user's last free turn.
 */
export async function claimBacktest(
  db: Db,
  o: { id: string; userConcurrency: number; startedAt: Date },
): Promise<boolean> {
  return withTransaction(db, async (trx) => {
    const bt = await trx
      .selectFrom('backtests')
      .select(['status', 'requested_by'])
      .where('id', '=', o.id)
      .executeTakeFirst();
    if (!bt) return false;
    if (bt.status === 'running') return true;
    if (bt.status !== 'queued') return false;
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`backtests:${bt.requested_by ?? ''}`}))`.execute(trx);
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM backtests
      WHERE status = 'running' AND requested_by IS NOT DISTINCT FROM ${bt.requested_by} AND id <> ${o.id}`.execute(
      trx,
    );
    if ((rows[0]?.n ?? 0) >= o.userConcurrency) return false;
    const r = await trx
      .updateTable('backtests')
      .set({ status: 'running', started_at: o.startedAt })
      .where('id', '=', o.id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  });
}

export async function unfinishedBacktests(ex: Executor, limit: number): Promise<Array<{ id: string }>> {
  return ex
    .selectFrom('backtests')
    .select('id')
    .where('status', 'in', ['queued', 'running'])
    .orderBy('created_at')
    .limit(limit)
    .execute();
}
