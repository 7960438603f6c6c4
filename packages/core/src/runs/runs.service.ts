/**
 * Runs, coverage and backtests as the API sees them. Object-level rule: a version's runs,
 * coverage and backtests belong to the model's owner (and admins).
 */
import type { Db } from '../db/db';
import { AppError, forbidden, notFound, registerErrorCodes } from '../errors';
import { intervalMs } from '../market/intervals';
import type { Quotas } from '../quotas/quotas';
import { findRerun, insertRerun, type Rerun } from './reruns.repo';
import {
  type Backtest,
  countLiveRuns,
  findBacktest,
  findRun as findRunById,
  insertBacktest,
  listRuns,
  liveStatusCounts,
  type Run,
} from './runs.repo';
import type {
  BacktestRequest,
  BacktestView,
  Coverage,
  RerunView,
  RunList,
  RunListQuery,
  RunView,
  VersionParams,
} from './runs.schemas';
import { countBoundaries, coverageDecidedUntil, coverageRatio, parseDuration } from './schedule';
import { findVersionById, findVersionBySlug, type RunnableVersion } from './versions.repo';

registerErrorCodes({ backtest_too_large: 422, backtest_range_invalid: 422, run_not_rerunnable: 409 });

export interface Caller {
  userId: string;
  roles: readonly string[];
}

export interface RunsServiceDeps {
  db: Db;
  clock: () => Date;
  graceMs: number;
  backtestMaxBoundaries: number;
  /** Per-user limit on queued backtests (429); none in scripts and unit tests. */
  quotas?: Pick<Quotas, 'checkQueuedBacktests'>;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toRunView(r: Run): RunView {
  return {
    id: r.id,
    versionId: r.version_id,
    mode: r.mode,
    asOf: r.as_of.toISOString(),
    status: r.status,
    attempts: r.attempts,
    backtestId: r.backtest_id,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    durationMs: r.duration_ms,
    cpuMs: r.cpu_ms,
    peakMemoryKb: r.peak_memory_kb,
    inputDigest: r.input_digest,
    predictionCount: r.prediction_count,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    stderr: r.stderr,
  };
}

export function toBacktestView(b: Backtest): BacktestView {
  return {
    id: b.id,
    versionId: b.version_id,
    from: b.range_from.toISOString(),
    to: b.range_to.toISOString(),
    status: b.status,
    progress: b.total === 0 ? 1 : Math.min(1, b.done / b.total),
    counts: { total: b.total, done: b.done, succeeded: b.succeeded, failed: b.failed, reused: b.reused },
    error: b.error_message,
    createdAt: b.created_at.toISOString(),
    startedAt: iso(b.started_at),
    finishedAt: iso(b.finished_at),
  };
}

export function toRerunView(r: Rerun): RerunView {
  return {
    id: r.id,
    runId: r.run_id,
    status: r.status,
    storedInputDigest: r.stored_input_digest,
    rerunInputDigest: r.rerun_input_digest,
    compared: r.compared,
    differences: r.differences ?? [],
    errorCode: r.error_code,
    errorMessage: r.error_message,
    createdAt: r.created_at.toISOString(),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  };
}

export const isOwnerOrAdmin = (caller: Caller, v: Pick<RunnableVersion, 'ownerId'>) =>
  caller.roles.includes('admin') || caller.userId === v.ownerId;

/** The version behind /models/{slug}/versions/{version}, if the caller may see its runs. */
export async function versionForOwner(db: Db, caller: Caller, p: VersionParams): Promise<RunnableVersion> {
  const v = await findVersionBySlug(db.kysely, p);
  // A draft is private: to anyone else it does not exist.
  if (!v || (v.status === 'draft' && !isOwnerOrAdmin(caller, v))) throw notFound('model version');
  if (!isOwnerOrAdmin(caller, v)) throw forbidden('Only the owner of this model can do this');
  return v;
}

export function createRunsService(deps: RunsServiceDeps) {
  const { db } = deps;

  async function coverageOf(v: RunnableVersion): Promise<Coverage> {
    const counts = await liveStatusCounts(db.kysely, v.id);
    const horizonMs = parseDuration(v.horizon) ?? intervalMs(v.interval);
    const now = deps.clock();
    const window = { retiredAt: v.retiredAt, now, graceMs: deps.graceMs, horizonMs };
    // Only market_closed boundaries inside the decided window leave the denominator: they are
    // recorded at once, before their grace has passed.
    const closedDecided =
      v.deployedAt && counts.market_closed > 0
        ? await countLiveRuns(db.kysely, {
            versionId: v.id,
            status: 'market_closed',
            asOfUntil: coverageDecidedUntil(window),
          })
        : 0;
    const c = v.deployedAt
      ? coverageRatio({
          ...window,
          interval: v.interval,
          deployedAt: v.deployedAt,
          succeeded: counts.succeeded,
          marketClosed: closedDecided,
        })
      : { slots: 0, coverage: null };
    return {
      versionId: v.id,
      slots: c.slots,
      succeeded: counts.succeeded,
      failed: counts.failed,
      timedOut: counts.timed_out,
      missed: counts.missed,
      marketClosed: counts.market_closed,
      coverage: c.coverage,
    };
  }

  return {
    /**
     * Live coverage of a version: succeeded / every slot since deploy (missed and failed count;
     * market_closed boundaries are not slots).
     */
    async coverage(versionId: string): Promise<Coverage> {
      const v = await findVersionById(db.kysely, versionId);
      if (!v) throw notFound('model version');
      return coverageOf(v);
    },

    async versionCoverage(o: { caller: Caller; params: VersionParams }): Promise<Coverage> {
      return coverageOf(await versionForOwner(db, o.caller, o.params));
    },

    async listRuns(o: { caller: Caller; params: VersionParams; query: RunListQuery }): Promise<RunList> {
      const v = await versionForOwner(db, o.caller, o.params);
      const limit = o.query.limit ?? 100;
      const rows = await listRuns(db.kysely, {
        versionId: v.id,
        limit: limit + 1,
        ...(o.query.mode ? { mode: o.query.mode } : {}),
        ...(o.query.status ? { status: o.query.status } : {}),
        ...(o.query.cursor ? { before: new Date(o.query.cursor) } : {}),
      });
      // as_of is unique per mode, so a page boundary can split the two modes of one as_of: keep
      // whole as_of groups together.
      let page = rows.slice(0, limit);
      let next: string | null = null;
      if (rows.length > limit) {
        const last = page[page.length - 1] as Run;
        const cut = page.filter((r) => r.as_of.getTime() !== last.as_of.getTime());
        if (cut.length > 0 && (rows[limit] as Run).as_of.getTime() === last.as_of.getTime()) page = cut;
        next = (page[page.length - 1] as Run).as_of.toISOString();
      }
      return { items: page.map(toRunView), nextCursor: next };
    },

    async requestBacktest(o: {
      caller: Caller;
      params: VersionParams;
      body: BacktestRequest;
    }): Promise<BacktestView> {
      const v = await versionForOwner(db, o.caller, o.params);
      const from = new Date(o.body.from);
      const to = new Date(o.body.to);
      const now = deps.clock();
      if (from.getTime() > to.getTime())
        throw new AppError('backtest_range_invalid', {
          detail: 'from must not be after to',
          errors: [{ field: '/from', message: 'must not be after to' }],
        });
      if (to.getTime() > now.getTime())
        throw new AppError('backtest_range_invalid', {
          detail: 'a backtest covers the past only: to must not be in the future',
          errors: [{ field: '/to', message: 'must not be in the future' }],
        });
      const total = countBoundaries(v.interval, new Date(from.getTime() - 1), to);
      if (total === 0)
        throw new AppError('backtest_range_invalid', {
          detail: `the range contains no ${v.interval} boundary`,
        });
      if (total > deps.backtestMaxBoundaries)
        throw new AppError('backtest_too_large', {
          detail: `the range has ${total} boundaries; at most ${deps.backtestMaxBoundaries} per backtest`,
        });
      await deps.quotas?.checkQueuedBacktests(o.caller);
      const b = await insertBacktest(db.kysely, {
        version_id: v.id,
        requested_by: o.caller.userId,
        range_from: from,
        range_to: to,
        total,
      });
      return toBacktestView(b);
    },

    /**
     * Records a queued rerun of a succeeded run for a worker to execute (the API never starts a
     * sandbox). Owner of the model or admin; to anyone else the run does not exist (404).
     */
    async requestRerun(o: { caller: Caller; runId: string }): Promise<RerunView> {
      const run = await findRunById(db.kysely, o.runId);
      const v = run && (await findVersionById(db.kysely, run.version_id));
      if (!run || !v || !isOwnerOrAdmin(o.caller, v)) throw notFound('run');
      if (run.status !== 'succeeded' || !run.input_digest)
        throw new AppError('run_not_rerunnable', {
          detail: `only a succeeded run with a recorded input digest can be re-run; this run is ${run.status}`,
        });
      const r = await insertRerun(db.kysely, {
        run_id: run.id,
        requested_by: o.caller.userId,
        stored_input_digest: run.input_digest,
      });
      return toRerunView(r);
    },

    async getRerun(o: { caller: Caller; id: string }): Promise<RerunView> {
      const r = await findRerun(db.kysely, o.id);
      const run = r && (await findRunById(db.kysely, r.run_id));
      const v = run && (await findVersionById(db.kysely, run.version_id));
      if (!r || !v || !isOwnerOrAdmin(o.caller, v)) throw notFound('rerun');
      return toRerunView(r);
    },

    async getBacktest(o: { caller: Caller; id: string }): Promise<BacktestView> {
      const b = await findBacktest(db.kysely, o.id);
      if (!b) throw notFound('backtest');
      const v = await findVersionById(db.kysely, b.version_id);
      if (!v || !(isOwnerOrAdmin(o.caller, v) || b.requested_by === o.caller.userId))
        throw notFound('backtest');
      return toBacktestView(b);
    },
  };
}

export type RunsService = ReturnType<typeof createRunsService>;
