/**
 * Trading calendars in the scheduler, on real databases: over a weekend an instrument with the
 * 'weekdays' calendar owes no run, so its boundaries are recorded as market_closed (never
 * dispatched, never missed) and coverage stays 1.0 when every weekday run succeeded. No sandbox:
 * the scheduler's decisions are what is under test, so runs are marked succeeded in SQL the way
 * the worker would finish them.
 */
import type { Db } from '@seer/core/db';
import { createInProcessQueues } from '@seer/core/queue';
import { createRunsService, insertBacktest, liveStatusCounts } from '@seer/core/runs';
import { TEST_DRIVERS } from '@seer/core/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runBacktest, startBacktestConsumer } from '../src/backtest-runner';
import {
  HOUR,
  manualClock,
  retireVersionsAfterEach,
  seedBars,
  seedVersion,
  useTestDb,
  withScheduler,
} from './helpers';

const GRACE = 5 * 60_000;
// Friday 2026-01-09 .. Monday 2026-01-12 (UTC).
const FRI = Date.UTC(2026, 0, 9, 0, 0, 0);
const at = (hoursAfterFridayMidnight: number, extraMs = 0) =>
  new Date(FRI + hoursAfterFridayMidnight * HOUR + extraMs);
const isWeekday = (ms: number) => {
  const d = new Date(ms).getUTCDay();
  return d >= 1 && d <= 5;
};

/** An FX-like instrument: hourly bars for open times Monday..Friday only, like the demo USD/CHF. */
async function seedWeekdayInstrument(db: Db, symbol: string, from: Date, to: Date, skip: Date[] = []) {
  await sql`INSERT INTO instruments (symbol, name, asset_class, calendar)
    VALUES (${symbol}, ${symbol}, 'fx', 'weekdays')`.execute(db.kysely);
  const ts: Date[] = [];
  for (let ms = from.getTime(); ms < to.getTime(); ms += HOUR)
    if (isWeekday(ms) && !skip.some((s) => s.getTime() === ms)) ts.push(new Date(ms));
  await sql`INSERT INTO bars (instrument_id, interval, ts, open, high, low, close, volume)
    SELECT (SELECT id FROM instruments WHERE symbol = ${symbol}), '1h', x.ts, 1, 1, 1, 1, NULL
      FROM unnest(${ts}::timestamptz[]) AS x(ts)`.execute(db.kysely);
}

describe.each(TEST_DRIVERS)('trading calendars in the scheduler (%s)', (driver) => {
  const t = useTestDb(driver, {
    seed: async (db) => {
      // FXA: Friday 18:00 .. Monday 04:00 open times, weekdays only, but the bar opening Monday
      // 01:00 (closing at 02:00) never arrives: a real miss, which the calendar must not hide.
      await seedWeekdayInstrument(db, 'FXA', at(18), at(76), [at(73)]);
      // A 24x7 symbol with every bar over the same period.
      await seedBars(db, { symbols: ['CRY-USD'], from: at(18), count: 58 });
    },
  });
  retireVersionsAfterEach(t);

  const runsOf = async (versionId: string) =>
    t.db.kysely
      .selectFrom('runs')
      .select(['id', 'as_of', 'status', 'error_code', 'error_message', 'finished_at', 'started_at'])
      .where('version_id', '=', versionId)
      .orderBy('as_of')
      .execute();

  it('records weekend boundaries as market_closed at once, dispatches weekdays, keeps coverage at 1.0', async () => {
    const v = await seedVersion(t.db, {
      fixture: 'momentum',
      symbols: ['FXA'],
      deployedAt: at(20, 30 * 60_000),
    });
    const clock = manualClock(at(21, 1000));
    const runs = createRunsService({
      db: t.db,
      clock: clock.clock,
      graceMs: GRACE,
      backtestMaxBoundaries: 10,
    });
    const totals = { dispatched: 0, missed: 0, marketClosed: 0 };
    const scheduling = { db: t.db, clock: clock.clock, graceMs: GRACE, requeueAfterMs: 0 };
    await withScheduler(scheduling, async (s, queues) => {
      // Friday 21:00 .. Monday 01:00, one tick a second after each boundary; every dispatched run
      // is finished before time moves on (as the worker would).
      for (let h = 21; h <= 73; h++) {
        clock.set(at(h, 1000));
        const r = await s.tick();
        totals.dispatched += r.dispatched;
        totals.missed += r.missed;
        totals.marketClosed += r.marketClosed;
        await sql`UPDATE runs SET status = 'succeeded', finished_at = ${clock.clock()}
          WHERE version_id = ${v.id} AND status = 'queued'`.execute(t.db.kysely);
      }
      // In session: Fri 21, 22, 23, Sat 00:00 (closes Friday's 23:00 bar), Mon 01:00 = 5.
      // Closed: Sat 01:00 .. Mon 00:00 (closes Sunday's 23:00 bar) = 23 + 24 + 1 = 48.
      expect(totals).toEqual({ dispatched: 5, missed: 0, marketClosed: 48 });
      expect((await queues.counts('runs')).waiting).toBe(5);

      const rows = await runsOf(v.id);
      expect(rows).toHaveLength(53);
      const closed = rows.filter((r) => r.status === 'market_closed');
      expect(closed.map((r) => r.as_of.getTime())).toEqual(
        Array.from({ length: 48 }, (_, k) => at(25 + k).getTime()),
      );
      // Recorded at once (the tick a second after the boundary), with no error and never started.
      for (const r of closed) {
        expect(r.finished_at?.getTime()).toBe(r.as_of.getTime() + 1000);
        expect(r).toMatchObject({
          error_code: null,
          error_message: 'no market session for this bar',
          started_at: null,
        });
      }
      expect(rows.filter((r) => r.status === 'succeeded').map((r) => r.as_of.toISOString())).toEqual([
        '2026-01-09T21:00:00.000Z',
        '2026-01-09T22:00:00.000Z',
        '2026-01-09T23:00:00.000Z',
        '2026-01-10T00:00:00.000Z',
        '2026-01-12T01:00:00.000Z',
      ]);

      // Coverage: the weekend is not in the denominator.
      clock.set(at(73, GRACE + 1));
      expect(await runs.coverage(v.id)).toEqual({
        versionId: v.id,
        slots: 5,
        succeeded: 5,
        failed: 0,
        timedOut: 0,
        missed: 0,
        marketClosed: 48,
        coverage: 1,
      });

      // Recovery never hands a market_closed run to the queue; a further tick records nothing.
      expect(await s.recover()).toBe(0);
      expect(await s.tick()).toMatchObject({ dispatched: 0, missed: 0, marketClosed: 0 });
      expect((await queues.counts('runs')).waiting).toBe(5);

      // Monday 02:00 closes the bar that never arrived: a real miss, counted against coverage.
      clock.set(at(74, 1000));
      expect(await s.tick()).toMatchObject({ dispatched: 0, waiting: 1, marketClosed: 0 });
      clock.set(at(74, GRACE + 1));
      expect(await s.tick()).toMatchObject({ missed: 1, marketClosed: 0 });
      expect((await runsOf(v.id)).at(-1)).toMatchObject({ status: 'missed', error_code: 'missed_data_late' });
      const c = await runs.coverage(v.id);
      expect(c).toMatchObject({ slots: 6, succeeded: 5, missed: 1, marketClosed: 48 });
      expect(c.coverage).toBeCloseTo(5 / 6, 12);
    });
  });

  it('after an outage over the weekend: weekend slots market_closed, weekday slots missed', async () => {
    const v = await seedVersion(t.db, {
      fixture: 'momentum',
      symbols: ['FXA'],
      deployedAt: at(22, 30 * 60_000),
    });
    // No scheduler ran from Friday 22:30 until Monday 03:30.
    const clock = manualClock(at(75, 30 * 60_000));
    await withScheduler({ db: t.db, clock: clock.clock, graceMs: GRACE }, async (s, queues) => {
      expect(await s.tick()).toMatchObject({ dispatched: 0, missed: 5, marketClosed: 48 });
      const rows = await runsOf(v.id);
      const missed = rows.filter((r) => r.status === 'missed').map((r) => r.as_of.toISOString());
      // Mon 02:00 closes the bar that never came: missed either way once the grace has passed.
      expect(missed).toEqual([
        '2026-01-09T23:00:00.000Z',
        '2026-01-10T00:00:00.000Z',
        '2026-01-12T01:00:00.000Z',
        '2026-01-12T02:00:00.000Z',
        '2026-01-12T03:00:00.000Z',
      ]);
      expect(rows.filter((r) => r.status === 'market_closed')).toHaveLength(48);
      expect((await queues.counts('runs')).waiting).toBe(0);
    });
  });

  it('a version mixing a weekdays and a 24x7 symbol runs at weekends on the open market only', async () => {
    const v = await seedVersion(t.db, {
      fixture: 'momentum',
      symbols: ['FXA', 'CRY-USD'],
      deployedAt: at(35, 30 * 60_000),
    });
    // Saturday 12:00: FXA has no bar, CRY-USD has; the slot is owed and its data is complete.
    const clock = manualClock(at(36, 1000));
    await withScheduler({ db: t.db, clock: clock.clock, graceMs: GRACE }, async (s) => {
      expect(await s.tick()).toMatchObject({ dispatched: 1, missed: 0, marketClosed: 0 });
      expect((await runsOf(v.id)).map((r) => r.status)).toEqual(['queued']);
      expect((await liveStatusCounts(t.db.kysely, v.id)).market_closed).toBe(0);
    });
  });

  it('backtests record weekend boundaries as market_closed and never run them', async () => {
    const v = await seedVersion(t.db, { fixture: 'momentum', symbols: ['FXA'], deployedAt: at(0) });
    // Saturday 01:00 .. Monday 00:00: every bar closing there opened on Saturday or Sunday.
    const bt = await insertBacktest(t.db.kysely, {
      version_id: v.id,
      requested_by: v.ownerId,
      range_from: at(25),
      range_to: at(72),
      total: 48,
    });
    const executed: string[] = [];
    const executor = {
      execute: async (runId: string) => {
        executed.push(runId);
        return 'succeeded' as const;
      },
    };
    await runBacktest({ db: t.db, executor, clock: () => at(100) }, bt.id);
    expect(executed).toEqual([]);
    const row = await t.db.kysely
      .selectFrom('backtests')
      .selectAll()
      .where('id', '=', bt.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'succeeded', done: 48, succeeded: 0, failed: 0 });
    const statuses = await t.db.kysely
      .selectFrom('runs')
      .select('status')
      .where('backtest_id', '=', bt.id)
      .execute();
    expect(statuses).toHaveLength(48);
    expect(new Set(statuses.map((r) => r.status))).toEqual(new Set(['market_closed']));
  });

  it('a backtest that keeps failing for transient reasons ends failed, not running forever', async () => {
    const v = await seedVersion(t.db, { fixture: 'momentum', symbols: ['CRY-USD'], deployedAt: at(0) });
    const bt = await insertBacktest(t.db.kysely, {
      version_id: v.id,
      requested_by: v.ownerId,
      range_from: at(20),
      range_to: at(22),
      total: 3,
    });
    const queues = createInProcessQueues({ retry: { attempts: 2, backoffMs: 10 } });
    const executor = {
      execute: async (): Promise<'succeeded'> => {
        throw new Error('database connection reset');
      },
    };
    const consumer = await startBacktestConsumer({
      db: t.db,
      queues,
      executor,
      clock: () => at(100),
      pollMs: 50,
    });
    try {
      const deadline = Date.now() + 10_000;
      let row = await t.db.kysely
        .selectFrom('backtests')
        .selectAll()
        .where('id', '=', bt.id)
        .executeTakeFirstOrThrow();
      while (row.status !== 'failed' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        row = await t.db.kysely
          .selectFrom('backtests')
          .selectAll()
          .where('id', '=', bt.id)
          .executeTakeFirstOrThrow();
      }
      expect(row.status).toBe('failed');
      expect(row.error_message).toMatch(/gave up after 2 attempts: database connection reset/);
    } finally {
      await consumer.close();
      await queues.close();
    }
  });
});
