/**
 * Live runs go before backtests through a running worker, not only in the slot arbiter's unit
 * tests: a worker with two sandbox slots, one reserved for live runs, is busy with a long
 * backtest of a slow model when a live boundary comes due. The live run is executed and stored
 * while the backtest is still running, and the backtest never holds the reserved slot.
 */
import { insertBacktest } from '@seer/core/runs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  HOUR,
  manualClock,
  seedBars,
  seedVersion,
  until,
  useSandbox,
  useTestDb,
  withEngine,
} from './helpers';

const T0 = new Date(Date.UTC(2026, 0, 5, 0, 0, 0));
const SLICES = 6;

describe('a live run is not held up by a running backtest (running worker, pg)', () => {
  const t = useTestDb('pg', {
    seed: (db) =>
      seedBars(db, { symbols: ['AAA-USD', 'BBB-USD'], from: new Date(T0.getTime() - 24 * HOUR), count: 80 }),
    timeoutMs: 120_000,
  });
  const sandbox = useSandbox({ timeoutMs: 120_000 });

  it('stores the live run while the backtest still has slices to go, and keeps the reserved slot free of it', async () => {
    // The slow model sleeps 3 s per run: its backtest of 6 boundaries needs at least 18 s on one slot.
    const slow = await seedVersion(t.db, { fixture: 'slow', deployedAt: new Date(T0.getTime() + 20 * HOUR) });
    // Deployed just before the T0+40h boundary, so exactly that one live boundary is due for it.
    const live = await seedVersion(t.db, {
      fixture: 'momentum',
      deployedAt: new Date(T0.getTime() + 40 * HOUR - 60_000),
    });
    const engine = {
      db: t.db,
      sandbox,
      packages: { [slow.id]: 'slow', [live.id]: 'momentum' },
      clock: manualClock(new Date(T0.getTime() + 40 * HOUR + 1000)).clock,
      graceMs: 30 * 60_000,
      concurrency: 2,
      liveReservedSlots: 1,
      backtestConcurrency: 2,
      consumers: { backtests: true },
      backtestPollMs: 50,
      retry: { attempts: 2, backoffMs: 10 },
    };
    await withEngine(engine, async ({ scheduler, worker }) => {
      let maxBacktestActive = 0;
      const sampler = setInterval(() => {
        maxBacktestActive = Math.max(maxBacktestActive, worker.slots.stats().active.backtest);
      }, 20);
      try {
        const b = await insertBacktest(t.db.kysely, {
          version_id: slow.id,
          requested_by: slow.ownerId,
          range_from: new Date(T0.getTime() + 21 * HOUR),
          range_to: new Date(T0.getTime() + (20 + SLICES) * HOUR),
          total: SLICES,
        });
        const backtest = async () =>
          t.db.kysely.selectFrom('backtests').selectAll().where('id', '=', b.id).executeTakeFirstOrThrow();
        // The backtest holds a slot before the live boundary is dispatched.
        await until(async () => worker.slots.stats().active.backtest > 0, 60_000, 'backtest running');

        // Both versions are deployed, so both are due live at T0+40h (the slow one's live run takes the
        // same live slot for its 3 s, still far shorter than the backtest's remaining slices).
        expect((await scheduler.tick()).dispatched).toBe(2);
        const liveRun = async () =>
          (
            await sql<{ status: string }>`SELECT status FROM runs
            WHERE version_id = ${live.id} AND mode = 'live'`.execute(t.db.kysely)
          ).rows[0]?.status;
        await until(async () => (await liveRun()) === 'succeeded', 60_000, 'the live run stored');
        const atLive = await backtest();
        expect(atLive.status).not.toBe('succeeded');
        expect(atLive.done).toBeLessThan(SLICES);

        await until(async () => (await backtest()).status === 'succeeded', 180_000, 'the backtest finished');
        expect(await backtest()).toMatchObject({ done: SLICES, succeeded: SLICES, failed: 0 });
        // Two slots, one reserved for live: the backtest never ran two slices at once.
        expect(maxBacktestActive).toBe(1);
      } finally {
        clearInterval(sampler);
      }
    });
  }, 300_000);
});
