/**
 * The scheduler: at every tick it settles each deployed version's open boundaries (run, wait,
 * missed, or market_closed when no symbol's market produces the bar; see
 * packages/core/src/runs/schedule.ts and market/calendar.ts), writes the runs rows and only then enqueues the
 * new ones (job id = run id). Inserts are idempotent on (version, as_of, mode), so two schedulers
 * running at once create each run once and only the one whose insert won dispatches it.
 * Recovery re-dispatches runs that are queued for too long or running on an expired lease.
 */

import type { Db } from '@seer/core/db';
import { intervalMs } from '@seer/core/market';
import type { JobQueues } from '@seer/core/queue';
import {
  decideSlot,
  insertRuns,
  instrumentCalendars,
  lastLiveAsOf,
  listSchedulableVersions,
  type NewRun,
  openBoundaries,
  parseDuration,
  type RunnableVersion,
  recordedLiveSince,
  runsToRedispatch,
  symbolsInSession,
  symbolsWithBar,
} from '@seer/core/runs';
import type { RunMetrics } from './metrics';

export type { RunJob } from '@seer/core/queue';

export interface SchedulerOptions {
  db: Db;
  queues: JobQueues;
  clock: () => Date;
  /** How long after a boundary its data may still arrive for the run to count as live. */
  graceMs: number;
  /** Real-time period of the scheduling loop; 0 = no loop (call tick() yourself). */
  tickMs?: number;
  /** Real-time period of recovery (re-dispatch of lost or orphaned runs). */
  recoverEveryMs?: number;
  /** A queued run older than this (real time) is considered lost and re-dispatched. */
  requeueAfterMs?: number;
  /** Most boundaries settled per version per tick (bounds the work after a long outage). */
  maxBoundariesPerTick?: number;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  metrics?: RunMetrics;
}

export interface TickReport {
  dispatched: number;
  missed: number;
  /** Boundaries recorded as market_closed (no symbol in session), never dispatched. */
  marketClosed: number;
  waiting: number;
}

export interface Scheduler {
  tick(): Promise<TickReport>;
  recover(): Promise<number>;
  close(): Promise<void>;
}

const LOOK_BACK_MS = 2 * 86_400_000;

export async function createScheduler(opts: SchedulerOptions): Promise<Scheduler> {
  const { db, queues, clock } = opts;
  const log = opts.log ?? (() => {});
  const maxPerTick = opts.maxBoundariesPerTick ?? 5000;
  let closed = false;
  let running: Promise<unknown> = Promise.resolve();
  const lastOutcomeSweep = new Map<string, number>();

  const dispatch = async (ids: readonly string[]) => {
    for (let i = 0; i < ids.length; i += 500)
      await queues.enqueueMany(
        'runs',
        ids.slice(i, i + 500).map((id) => ({ id, data: { runId: id } })),
      );
  };

  async function tick(): Promise<TickReport> {
    const now = clock();
    const versions = (
      await listSchedulableVersions(db.kysely, new Date(now.getTime() - LOOK_BACK_MS))
    ).filter((v): v is RunnableVersion & { deployedAt: Date } => v.deployedAt !== null);
    const report: TickReport = { dispatched: 0, missed: 0, marketClosed: 0, waiting: 0 };
    if (versions.length === 0) return report;
    const last = await lastLiveAsOf(
      db.kysely,
      versions.map((v) => v.id),
    );
    const recorded = await recordedLiveSince(db.kysely, new Date(now.getTime() - LOOK_BACK_MS));
    const calendars = await instrumentCalendars(
      db.kysely,
      versions.flatMap((v) => v.symbols),
    );
    const dataCache = new Map<string, Promise<Set<string>>>();
    const dataAt = (interval: RunnableVersion['interval'], boundary: Date) => {
      const key = `${interval}@${boundary.getTime()}`;
      let p = dataCache.get(key);
      if (!p) {
        p = symbolsWithBar(db.kysely, { interval, ts: new Date(boundary.getTime() - intervalMs(interval)) });
        dataCache.set(key, p);
      }
      return p;
    };

    const toRun: NewRun[] = [];
    const toMiss: NewRun[] = [];
    const toClose: NewRun[] = [];
    for (const v of versions) {
      const horizonMs = parseDuration(v.horizon) ?? intervalMs(v.interval);
      const open = openBoundaries({
        version: {
          id: v.id,
          interval: v.interval,
          horizonMs,
          deployedAt: v.deployedAt,
          retiredAt: v.retiredAt,
        },
        now,
        lastAsOf: last.get(v.id) ?? null,
        recorded: recorded.get(v.id) ?? new Set(),
        lookBackMs: LOOK_BACK_MS,
        limit: maxPerTick,
      });
      const base = {
        version_id: v.id,
        mode: 'live' as const,
        interval_seconds: intervalMs(v.interval) / 1000,
        horizon_seconds: horizonMs / 1000,
      };
      for (const boundary of open) {
        const live = symbolsInSession({ symbols: v.symbols, calendars, boundary, interval: v.interval });
        // Stale boundaries are missed either way; their data only tells why (kept to recent ones).
        const recent = boundary.getTime() > now.getTime() - LOOK_BACK_MS;
        const have = recent && live.length > 0 ? await dataAt(v.interval, boundary) : undefined;
        const dataReady = have ? live.every((s) => have.has(s)) : !recent;
        const d = decideSlot({
          boundary,
          now,
          graceMs: opts.graceMs,
          horizonMs,
          dataReady,
          inSession: live.length > 0,
        });
        if (d === 'run') toRun.push({ ...base, as_of: boundary, status: 'queued' });
        else if (d === 'wait' || d === 'future') report.waiting++;
        else if (d === 'market_closed')
          toClose.push({
            ...base,
            as_of: boundary,
            status: 'market_closed',
            finished_at: now,
            error_code: null,
            error_message: 'no market session for this bar',
          });
        else
          toMiss.push({
            ...base,
            as_of: boundary,
            status: 'missed',
            finished_at: now,
            error_code: d,
            error_message:
              d === 'missed_data_late'
                ? 'the bar closing at this boundary was not stored within the grace period'
                : 'no scheduler was running within the grace period of this boundary',
          });
      }
    }
    const m = opts.metrics;
    for (let i = 0; i < toClose.length; i += 1000) {
      report.marketClosed += (await insertRuns(db.kysely, toClose.slice(i, i + 1000))).length;
    }
    for (let i = 0; i < toMiss.length; i += 1000) {
      report.missed += (await insertRuns(db.kysely, toMiss.slice(i, i + 1000))).length;
    }
    for (let i = 0; i < toRun.length; i += 1000) {
      const created = await insertRuns(db.kysely, toRun.slice(i, i + 1000));
      await dispatch(created.map((c) => c.id));
      report.dispatched += created.length;
      if (m) {
        const at = clock().getTime();
        for (const c of created) m.dispatchLag.observe(Math.max(0, (at - c.as_of.getTime()) / 1000));
      }
    }
    if (m) {
      if (report.dispatched) m.slots.inc({ outcome: 'dispatched' }, report.dispatched);
      if (report.missed) m.slots.inc({ outcome: 'missed' }, report.missed);
      if (report.marketClosed) m.slots.inc({ outcome: 'market_closed' }, report.marketClosed);
    }
    // Outcomes become computable when the bar closing at a boundary is stored: sweep when a
    // boundary's data is first seen complete (runs dispatched for it), and once per new boundary
    // as a fallback for symbols no run waited on. Sweeps are idempotent; job ids collapse.
    const sweeps = new Set<string>();
    for (const r of toRun) sweeps.add(`sweep-${r.interval_seconds}-${r.as_of.getTime()}`);
    for (const interval of new Set(versions.map((v) => v.interval))) {
      const step = intervalMs(interval);
      const b = Math.floor(now.getTime() / step) * step;
      if (lastOutcomeSweep.get(interval) !== b) {
        lastOutcomeSweep.set(interval, b);
        sweeps.add(`sweep-${step / 1000}-${b}`);
      }
    }
    if (sweeps.size > 0)
      await queues.enqueueMany(
        'outcomes',
        [...sweeps].map((id) => ({ id, data: {} })),
      );
    if (report.dispatched + report.missed + report.marketClosed > 0)
      log('scheduler tick', { ...report, at: now.toISOString() });
    return report;
  }

  async function recover(): Promise<number> {
    const stale = await runsToRedispatch(db.kysely, {
      queuedForMs: opts.requeueAfterMs ?? 60_000,
      limit: 10_000,
      mode: 'live',
    });
    await redispatch(stale.map((r) => r.id));
    if (stale.length > 0) log('scheduler re-dispatched runs', { count: stale.length });
    return stale.length;
  }

  // A run still pending in PostgreSQL whose job is dead-lettered (transient failures outlasted
  // the retries) is revived; otherwise BullMQ would keep ignoring its job id.
  async function redispatch(ids: readonly string[]) {
    const fresh: string[] = [];
    for (const id of ids) if (!(await queues.retryDeadLetter('runs', id))) fresh.push(id);
    await dispatch(fresh);
  }

  // Serialize loop work: a slow tick must not overlap the next one.
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = running.then(fn, fn);
    running = p.catch(() => {});
    return p;
  };

  const timers: NodeJS.Timeout[] = [];
  const loop = (fn: () => Promise<unknown>, everyMs: number, name: string) => {
    const t = setInterval(() => {
      if (closed) return;
      serial(fn).catch((err) => log(`scheduler ${name} failed`, { error: (err as Error).message }));
    }, everyMs);
    timers.push(t);
  };

  // Start-up: first re-dispatch what a previous process left behind (no age limit), then tick.
  const startup = await runsToRedispatch(db.kysely, { queuedForMs: 0, limit: 10_000, mode: 'live' });
  await redispatch(startup.map((r) => r.id));
  if (opts.tickMs && opts.tickMs > 0) {
    loop(tick, opts.tickMs, 'tick');
    loop(recover, opts.recoverEveryMs ?? 30_000, 'recovery');
  }

  return {
    tick: () => serial(tick),
    recover: () => serial(recover),
    async close() {
      closed = true;
      for (const t of timers) clearInterval(t);
      await running;
    },
  };
}
