/**
 * Moving the clock under the scheduler and the workers (real database, real sandbox): a forward
 * jump over several boundaries (the host was suspended) records every skipped boundary as missed,
 * once, and runs only the fresh one; a backward step (an NTP correction), also while a run is in
 * flight, neither re-runs nor double-stores anything. One row per (version, as_of), one
 * prediction per (symbol, as_of), a valid chain. PostgreSQL only (the scheduler logic is the same
 * on PGlite; this is about time, not the driver).
 */
import { chainPage, verifyLedger } from '@seer/core/predictions';
import { describe, expect, it } from 'vitest';
import {
  HOUR,
  liveRunsSettled,
  manualClock,
  seedBars,
  seedVersion,
  until,
  useSandbox,
  useTestDb,
  withEngine,
} from './helpers';

const T0 = new Date(Date.UTC(2026, 0, 12, 0, 0, 0));
const GRACE = 5 * 60_000;
const SYMBOLS = ['AAA-USD', 'BBB-USD'];
const at = (h: number, ms = 1000) => new Date(T0.getTime() + h * HOUR + ms);

describe('scheduler and workers when the wall clock jumps (pg)', () => {
  const sandbox = useSandbox({ concurrency: 1, timeoutMs: 120_000 });
  const t = useTestDb('pg', {
    seed: (db) => seedBars(db, { symbols: SYMBOLS, from: new Date(T0.getTime() - 24 * HOUR), count: 55 }),
    timeoutMs: 120_000,
  });

  it('forward jump: skipped boundaries recorded missed once; backward step: nothing re-run or stored twice', async () => {
    const v = await seedVersion(t.db, {
      fixture: 'momentum',
      deployedAt: new Date(T0.getTime() + 30 * 60_000),
    });
    const clock = manualClock(at(1));
    const settled = () => liveRunsSettled(t.db, v.id);
    const engine = {
      db: t.db,
      sandbox,
      packages: { [v.id]: 'momentum' },
      clock: clock.clock,
      graceMs: GRACE,
      concurrency: 1,
      retry: { attempts: 3, backoffMs: 20 },
    };
    await withEngine(engine, async ({ scheduler }) => {
      const tickSettled = async () => {
        const r = await scheduler.tick();
        await until(settled, 60_000, `runs settled at ${clock.clock().toISOString()}`);
        return r;
      };
      expect(await tickSettled()).toMatchObject({ dispatched: 1, missed: 0 }); // 01:00
      clock.set(at(2));
      expect(await tickSettled()).toMatchObject({ dispatched: 1, missed: 0 }); // 02:00

      // Suspended from 02:00 to 07:00: 03:00..06:00 are past their grace -> missed (recorded,
      // not skipped); 07:00 is fresh -> run. A second tick at the same instant adds nothing.
      clock.set(at(7));
      expect(await tickSettled()).toMatchObject({ dispatched: 1, missed: 4 });
      expect(await tickSettled()).toMatchObject({ dispatched: 0, missed: 0 });

      // NTP steps the clock back 1.5 h: boundaries 06:00 and 07:00 are "in the future" again
      // but already recorded: nothing is dispatched, missed or re-run.
      clock.set(at(5, 30 * 60_000));
      expect(await tickSettled()).toMatchObject({ dispatched: 0, missed: 0 });
      clock.set(at(7, 30 * 60_000));
      expect(await tickSettled()).toMatchObject({ dispatched: 0, missed: 0 });

      // A backward step while a run is in flight: 08:00 is dispatched, then the clock goes back
      // before it finishes; it completes once, and the next ticks neither re-dispatch nor miss it.
      clock.set(at(8));
      expect(await scheduler.tick()).toMatchObject({ dispatched: 1, missed: 0 });
      clock.set(at(6, 45 * 60_000));
      await until(settled, 60_000, 'the 08:00 run settled');
      expect(await tickSettled()).toMatchObject({ dispatched: 0, missed: 0 });
      clock.set(at(8, 2 * 60_000));
      expect(await tickSettled()).toMatchObject({ dispatched: 0, missed: 0 });
      expect(await scheduler.recover()).toBe(0);

      const runs = await t.db.kysely
        .selectFrom('runs')
        .select(['as_of', 'status', 'error_code', 'attempts'])
        .where('version_id', '=', v.id)
        .where('mode', '=', 'live')
        .orderBy('as_of')
        .execute();
      expect(runs.map((r) => [r.as_of.getUTCHours(), r.status, r.error_code])).toEqual([
        [1, 'succeeded', null],
        [2, 'succeeded', null],
        [3, 'missed', 'missed_not_scheduled'],
        [4, 'missed', 'missed_not_scheduled'],
        [5, 'missed', 'missed_not_scheduled'],
        [6, 'missed', 'missed_not_scheduled'],
        [7, 'succeeded', null],
        [8, 'succeeded', null],
      ]);
      expect(runs.filter((r) => r.status === 'succeeded').map((r) => r.attempts)).toEqual([1, 1, 1, 1]);

      const preds = await chainPage(t.db.kysely, { versionId: v.id, mode: 'live', afterSeq: 0, limit: 1000 });
      expect(preds).toHaveLength(8);
      expect(new Set(preds.map((p) => `${p.symbol}@${p.as_of.toISOString()}`)).size).toBe(8);
      expect(new Set(preds.map((p) => p.as_of.getUTCHours()))).toEqual(new Set([1, 2, 7, 8]));
      expect(verifyLedger(preds)).toMatchObject({ valid: true, checked: 8 });
    });
  }, 300_000);
});
