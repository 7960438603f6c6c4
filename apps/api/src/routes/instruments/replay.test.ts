/**
 * End to end: a demo process whose API and replay feed share one clock serves exactly the bars
 * a live system would have had at each simulated moment.
 */
import { createManualClock } from '@seer/core/clock';
import { testConfig } from '@seer/core/config';
import { DEMO_DATASETS, startDemoReplay } from '@seer/core/market';
import { createTestDb, TEST_DRIVERS, type TestDb } from '@seer/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHandle, createApiContext } from '../../bootstrap';

describe.each(TEST_DRIVERS)('demo replay through the API on %s', (driver) => {
  let t: TestDb;
  let api: ApiHandle;
  const clock = createManualClock(new Date('2008-09-12T12:00:00Z'));
  let replay: Awaited<ReturnType<typeof startDemoReplay>>;

  beforeAll(async () => {
    t = await createTestDb(driver);
    const config = testConfig({ demo: true });
    api = await createApiContext({ config, db: t.db, clock: () => clock.now() });
    replay = await startDemoReplay({
      config,
      clock,
      market: api.ctx.services.market,
      datasets: DEMO_DATASETS.filter((d) => d.instrument.symbol === 'SPX'),
    });
    await settled();
  });
  afterAll(async () => {
    await replay?.stop();
    await api?.close();
    await t?.cleanup();
  });

  /** The feed loop is asleep on the clock once it has caught up. */
  async function settled() {
    for (let i = 0; i < 500 && clock.pending === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(clock.pending).toBe(1);
  }

  async function latest() {
    const res = await api.app.inject({
      method: 'GET',
      url: '/v1/instruments/SPX/bars?interval=1d&order=desc&limit=1',
    });
    expect(res.statusCode).toBe(200);
    return res.json().bars[0]?.ts as string | undefined;
  }

  it('reveals each daily bar only after its close on the shared clock', async () => {
    // Friday 2008-09-12 noon: Thursday's bar has closed, Friday's has not.
    expect(await latest()).toBe('2008-09-11T00:00:00.000Z');
    const stored = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM bars');
    expect(stored.rows[0]!.n).toBeLessThan(5105); // the future is not even in the table

    clock.set(new Date('2008-09-13T00:00:00Z'));
    await waitFor(async () => (await latest()) === '2008-09-12T00:00:00.000Z');
    await settled();

    // Monday 2008-09-15 (Lehman) closes at Tuesday 00:00 UTC.
    clock.set(new Date('2008-09-15T23:59:59Z'));
    await new Promise((r) => setTimeout(r, 100));
    expect(await latest()).toBe('2008-09-12T00:00:00.000Z');
    clock.set(new Date('2008-09-16T00:00:00Z'));
    await waitFor(async () => (await latest()) === '2008-09-15T00:00:00.000Z');
    const detail = (await api.app.inject({ method: 'GET', url: '/v1/instruments/SPX' })).json();
    expect(detail.coverage[0]).toEqual({
      interval: '1d',
      first: '2000-01-03T00:00:00.000Z',
      last: '2008-09-15T00:00:00.000Z',
    });
  });
});

async function waitFor(cond: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 250; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition not reached in 5 s');
}
