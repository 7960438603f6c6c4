import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { createTestDb, TEST_DRIVERS, type TestDb } from '../testing/test-db';
import { createMarketRepo } from './market.repo';
import { createMarketService, type MarketService } from './market.service';

const DEMO_USDCHF = fileURLToPath(new URL('../../demo-data/usdchf_1h.csv', import.meta.url));

describe.each(TEST_DRIVERS)('market service on %s', (driver) => {
  let t: TestDb;
  let market: MarketService;
  let now = new Date('2024-01-02T00:00:00Z');

  beforeAll(async () => {
    t = await createTestDb(driver);
    market = createMarketService({ repo: createMarketRepo(t.db), now: () => now });
    await market.createInstrument({ symbol: 'TEST', name: 'Test', assetClass: 'fx', quoteCurrency: 'CHF' });
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('creates instruments idempotently and refuses a different definition of the same symbol', async () => {
    const body = {
      symbol: 'EURUSD',
      name: 'Euro / US dollar',
      assetClass: 'fx' as const,
      quoteCurrency: 'USD',
    };
    const a = await market.createInstrument(body);
    expect(a.created).toBe(true);
    expect(a.instrument).toMatchObject({
      symbol: 'EURUSD',
      assetClass: 'fx',
      quoteCurrency: 'USD',
      source: null,
    });
    const b = await market.createInstrument(body);
    expect(b.created).toBe(false);
    expect(b.instrument).toEqual(a.instrument);
    const err = await market.createInstrument({ ...body, name: 'Other' }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'instrument_conflict', status: 409 });
    expect(err.errors).toEqual([{ field: '/name', message: 'differs from the stored instrument' }]);
  });

  it('stores the trading calendar (default 24x7) and treats a different one as a conflict', async () => {
    const fx = { symbol: 'GBPUSD', name: 'Pound / US dollar', assetClass: 'fx' as const };
    const a = await market.createInstrument({ ...fx, calendar: 'weekdays' });
    expect(a).toMatchObject({ created: true, instrument: { calendar: 'weekdays' } });
    expect(await market.createInstrument({ ...fx, calendar: 'weekdays' })).toMatchObject({ created: false });
    // Omitting the calendar means '24x7': not the stored definition.
    for (const body of [fx, { ...fx, calendar: '24x7' as const }]) {
      const err = await market.createInstrument(body).catch((e) => e);
      expect(err).toMatchObject({ code: 'instrument_conflict', status: 409 });
      expect(err.errors).toEqual([{ field: '/calendar', message: 'differs from the stored instrument' }]);
    }
    const plain = await market.createInstrument({ symbol: 'BTC-USD', name: 'Bitcoin', assetClass: 'crypto' });
    expect(plain.instrument.calendar).toBe('24x7');
    expect(
      await market.createInstrument({
        symbol: 'BTC-USD',
        name: 'Bitcoin',
        assetClass: 'crypto',
        calendar: '24x7',
      }),
    ).toMatchObject({ created: false });
    expect((await market.getInstrument('GBPUSD')).calendar).toBe('weekdays');
    // The database refuses an unknown calendar whatever the writer.
    await expect(
      t.db.query(
        `INSERT INTO instruments (symbol, name, asset_class, calendar) VALUES ('XX', 'x', 'fx', 'nyse')`,
      ),
    ).rejects.toThrow(/check/i);
  });

  it('imports a CSV, re-imports it as a no-op, and reports changed values as conflicts', async () => {
    const csv = [
      'ts,open,high,low,close,volume',
      '2024-01-01T00:00:00Z,1,2,0.5,1.5,100',
      '2024-01-01T01:00:00Z,1.5,1.7,1.4,1.6,',
      '2024-01-01T02:00:00Z,1.6,1.6,1.1,1.2,7',
      '2024-01-01T02:30:00Z,1,1,1,1,1',
    ].join('\n');
    const first = await market.importCsv({ symbol: 'TEST', interval: '1h', csv });
    expect(first).toMatchObject({ symbol: 'TEST', interval: '1h', received: 4, inserted: 3, unchanged: 0 });
    expect(first.rejected.map((r) => [r.line, r.code])).toEqual([[5, 'misaligned_ts']]);

    const again = await market.importCsv({ symbol: 'TEST', interval: '1h', csv });
    expect(again).toMatchObject({ received: 4, inserted: 0, unchanged: 3 });

    const changed = csv
      .replace('1.5,1.7,1.4,1.6,', '1.5,1.8,1.4,1.6,')
      .replace('1.6,1.6,1.1,1.2,7', '1.6,1.6,1.1,1.2,')
      .concat('\n2024-01-01T03:00:00Z,1.2,1.3,1.1,1.25,3');
    const third = await market.importCsv({ symbol: 'TEST', interval: '1h', csv: changed });
    expect(third).toMatchObject({ received: 5, inserted: 1, unchanged: 1, conflicts: 2, rejectedTotal: 3 });
    expect(third.rejected.map((r) => [r.line, r.code])).toEqual([
      [3, 'conflict'],
      [4, 'conflict'],
      [5, 'misaligned_ts'],
    ]);
    expect(third.rejected[0]!.message).toMatch(/stored open=1.5 high=1.7/);
    expect(third.rejected[1]!.ts).toBe('2024-01-01T02:00:00.000Z');

    // History is untouched.
    const page = await market.listBars({ symbol: 'TEST', interval: '1h' });
    expect(page.bars.map((b) => [b.ts, b.high, b.volume])).toEqual([
      ['2024-01-01T00:00:00.000Z', 2, 100],
      ['2024-01-01T01:00:00.000Z', 1.7, null],
      ['2024-01-01T02:00:00.000Z', 1.6, 7],
      ['2024-01-01T03:00:00.000Z', 1.3, 3],
    ]);
  });

  it('keeps intervals apart and imports JSON rows with per-index rejects', async () => {
    const report = await market.importBars({
      symbol: 'test',
      interval: '4h',
      bars: [
        { ts: '2024-01-01T00:00:00Z', open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 },
        { ts: '2024-01-01T04:00:00+00:00', open: 1.5, high: 2, low: 1, close: 1.2 },
        { ts: '2024-01-01T05:00:00Z', open: 1, high: 2, low: 0.5, close: 1.5 },
        { ts: 'not a time', open: 1, high: 2, low: 0.5, close: 1.5 },
        { ts: '2024-01-01T08:00:00Z', open: 3, high: 2, low: 0.5, close: 1.5 },
      ],
    });
    expect(report).toMatchObject({ symbol: 'TEST', interval: '4h', received: 5, inserted: 2, unchanged: 0 });
    expect(report.rejected.map((r) => [r.index, r.code])).toEqual([
      [2, 'misaligned_ts'],
      [3, 'invalid_ts'],
      [4, 'inconsistent_ohlc'],
    ]);
    expect(report.rejected.every((r) => r.line === undefined)).toBe(true);
    const p4 = await market.listBars({ symbol: 'TEST', interval: '4h' });
    expect(p4.bars).toHaveLength(2);
  });

  it('never serves a bar before it has closed on the clock', async () => {
    await market.createInstrument({ symbol: 'CLK', name: 'Clock test', assetClass: 'other' });
    const saved = now;
    now = new Date('2030-01-01T00:00:00Z');
    try {
      const csv = [
        'ts,open,high,low,close,volume',
        ...[0, 1, 2, 3].map((h) => `2025-06-01T0${h}:00:00Z,1,1,1,1,`),
      ].join('\n');
      expect((await market.importCsv({ symbol: 'CLK', interval: '1h', csv })).inserted).toBe(4);
      now = new Date('2025-06-01T02:00:00Z');
      let page = await market.listBars({ symbol: 'CLK', interval: '1h' });
      expect(page.bars.map((b) => b.ts)).toEqual(['2025-06-01T00:00:00.000Z', '2025-06-01T01:00:00.000Z']);
      now = new Date('2025-06-01T02:59:59.999Z');
      page = await market.listBars({ symbol: 'CLK', interval: '1h', order: 'desc', limit: 1 });
      expect(page.bars.map((b) => b.ts)).toEqual(['2025-06-01T01:00:00.000Z']);
      const detail = await market.getInstrument('CLK');
      expect(detail.coverage).toEqual([
        { interval: '1h', first: '2025-06-01T00:00:00.000Z', last: '2025-06-01T01:00:00.000Z' },
      ]);
      // And the importer refuses bars that have not closed yet on the clock.
      const early = await market.importCsv({
        symbol: 'CLK',
        interval: '1h',
        csv: 'ts,open,high,low,close,volume\n2025-06-01T02:00:00Z,1,1,1,1,\n2025-06-01T05:00:00Z,1,1,1,1,\n',
      });
      expect(early.rejected.map((r) => [r.line, r.code])).toEqual([
        [2, 'not_closed'],
        [3, 'not_closed'],
      ]);
    } finally {
      now = saved;
    }
  });

  it('pages bars with a keyset cursor in both directions and filters by from/to', async () => {
    await market.createInstrument({ symbol: 'PAGE', name: 'Paging', assetClass: 'other' });
    const rows = Array.from({ length: 25 }, (_, i) => {
      const ts = new Date(Date.UTC(2023, 0, 1, i)).toISOString();
      return `${ts},${i},${i + 1},${i},${i},`;
    });
    await market.importCsv({
      symbol: 'PAGE',
      interval: '1h',
      csv: ['ts,open,high,low,close,volume', ...rows].join('\n'),
    });
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await market.listBars({
        symbol: 'PAGE',
        interval: '1h',
        limit: 10,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.bars.map((b) => b.open));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));

    const desc = await market.listBars({ symbol: 'PAGE', interval: '1h', order: 'desc', limit: 3 });
    expect(desc.bars.map((b) => b.open)).toEqual([24, 23, 22]);
    const desc2 = await market.listBars({
      symbol: 'PAGE',
      interval: '1h',
      order: 'desc',
      limit: 3,
      cursor: desc.nextCursor!,
    });
    expect(desc2.bars.map((b) => b.open)).toEqual([21, 20, 19]);

    const ranged = await market.listBars({
      symbol: 'PAGE',
      interval: '1h',
      from: '2023-01-01T05:00:00Z',
      to: '2023-01-01T08:00:00Z',
    });
    expect(ranged.bars.map((b) => b.open)).toEqual([5, 6, 7]);
    expect(ranged.nextCursor).toBeNull();

    await expect(
      market.listBars({ symbol: 'PAGE', interval: '1h', cursor: 'garbage!' }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
    // A cursor from the instruments list is not a bars cursor.
    const instruments = await market.listInstruments({ limit: 1 });
    await expect(
      market.listBars({ symbol: 'PAGE', interval: '1h', cursor: instruments.nextCursor! }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      market.listBars({ symbol: 'PAGE', interval: '1h', from: '2023-01-01T05:00:00' }),
    ).rejects.toMatchObject({ code: 'validation_failed', status: 400 });
  });

  it('lists instruments with keyset pagination', async () => {
    const all: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await market.listInstruments({ limit: 2, ...(cursor ? { cursor } : {}) });
      all.push(...page.items.map((i) => i.symbol));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(all).toEqual([...all].sort());
    expect(all).toEqual(expect.arrayContaining(['TEST', 'EURUSD', 'CLK', 'PAGE']));
    expect(new Set(all).size).toBe(all.length);
  });

  it('caps the listed rejected rows but counts them all', async () => {
    const bad = Array.from({ length: 10_050 }, (_, i) => `2023-12-01T00:30:00Z,${i},1,1,1,`);
    const good = '2023-12-01T00:00:00Z,1,1,1,1,';
    const r = await market.importCsv({
      symbol: 'TEST',
      interval: '1h',
      csv: ['ts,open,high,low,close,volume', ...bad, good].join('\n'),
    });
    expect(r).toMatchObject({ received: 10_051, inserted: 1, rejectedTotal: 10_050, conflicts: 0 });
    expect(r.rejected).toHaveLength(10_000);
    expect(r.rejected[0]).toMatchObject({ line: 2, code: 'misaligned_ts' });
  });

  it('404s for an unknown symbol and refuses an unreadable CSV as a whole', async () => {
    await expect(market.listBars({ symbol: 'NOPE', interval: '1h' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      market.importCsv({ symbol: 'NOPE', interval: '1h', csv: 'ts,open,high,low,close,volume\n' }),
    ).rejects.toMatchObject({ code: 'not_found', status: 404 });
    await expect(
      market.importCsv({ symbol: 'TEST', interval: '1h', csv: 'time,o,h,l,c\n' }),
    ).rejects.toMatchObject({
      code: 'csv_invalid',
      status: 400,
    });
  });

  it('refuses to update or delete a stored bar at the database level', async () => {
    await expect(t.db.query(`UPDATE bars SET close = close + 1 WHERE interval = '1h'`)).rejects.toThrow(
      /immutable/,
    );
    await expect(t.db.query(`DELETE FROM bars`)).rejects.toThrow(/immutable/);
  });

  it('bulk-loads the real USD/CHF demo file (31k hourly bars) and re-imports it as a no-op', async () => {
    await market.createInstrument({
      symbol: 'USDCHF',
      name: 'USD/CHF',
      assetClass: 'fx',
      quoteCurrency: 'CHF',
    });
    const csv = await readFile(DEMO_USDCHF, 'utf8');
    const saved = now;
    now = new Date('2026-01-01T00:00:00Z');
    try {
      const started = performance.now();
      const first = await market.importCsv({ symbol: 'USDCHF', interval: '1h', csv });
      const took = performance.now() - started;
      expect(first.rejected).toEqual([]);
      expect(first.received).toBe(31_248);
      expect(first.inserted).toBe(31_248);
      expect(took).toBeLessThan(20_000);
      const again = await market.importCsv({ symbol: 'USDCHF', interval: '1h', csv });
      expect(again).toMatchObject({ inserted: 0, unchanged: 31_248, rejected: [] });
      const last = await market.listBars({ symbol: 'USDCHF', interval: '1h', order: 'desc', limit: 1 });
      expect(last.bars[0]).toEqual({
        ts: '2001-03-30T23:00:00.000Z',
        open: 1.742,
        high: 1.7429,
        low: 1.742,
        close: 1.7429,
        volume: null,
      });
    } finally {
      now = saved;
    }
  });
});
