import { previousBoundary } from '@seer/core/market';
/**
 * The public market data routes and the admin routes that write market data share one app per
 * driver here: creating a migrated database is the slow part of these tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin, registerAndLogin, type TestUser } from '../../testing/auth';
import { createTestApp, type TestApp } from '../../testing/test-app';

const CSV = [
  'ts,open,high,low,close,volume',
  '2024-01-01T00:00:00Z,1,2,0.5,1.5,100',
  '2024-01-01T01:00:00Z,1.5,1.7,1.4,1.6,',
  '2024-01-01T01:30:00Z,1,1,1,1,',
  '2024-01-01T02:00:00Z,1,0.5,1,1,',
].join('\n');

describe.each(['pg', 'pglite'] as const)('market data routes on %s', (driver) => {
  let h: TestApp;
  let admin: TestUser;
  let developer: TestUser;

  beforeAll(async () => {
    h = await createTestApp(driver);
    const { market } = h.app.ctx.services;
    await market.createInstrument({
      symbol: 'SPX',
      name: 'S&P 500',
      assetClass: 'index',
      quoteCurrency: 'USD',
      source: 'Yahoo Finance via vega-datasets',
    });
    await market.createInstrument({ symbol: 'AAA', name: 'A', assetClass: 'other' });
    const rows = Array.from({ length: 30 }, (_, i) => {
      const ts = new Date(Date.UTC(2020, 0, 1 + i)).toISOString();
      return `${ts},${100 + i},${101 + i},${99 + i},${100 + i},${1000 * i}`;
    });
    const report = await market.importCsv({
      symbol: 'SPX',
      interval: '1d',
      csv: ['ts,open,high,low,close,volume', ...rows].join('\n'),
    });
    expect(report.inserted).toBe(30);
    admin = await createAdmin(h.app);
    developer = await registerAndLogin(h.app, { roles: ['developer'] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lists instruments publicly with keyset pagination', async () => {
    const first = await h.app.inject({ method: 'GET', url: '/v1/instruments?limit=1' });
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.items.map((i: { symbol: string }) => i.symbol)).toEqual(['AAA']);
    const second = await h.app.inject({
      method: 'GET',
      url: `/v1/instruments?limit=1&cursor=${body.nextCursor}`,
    });
    expect(second.json().items[0]).toMatchObject({
      symbol: 'SPX',
      assetClass: 'index',
      source: 'Yahoo Finance via vega-datasets',
    });
    expect(second.json().nextCursor).toBeNull();
    expect((await h.app.inject({ method: 'GET', url: '/v1/instruments?limit=1001' })).statusCode).toBe(400);
    expect((await h.app.inject({ method: 'GET', url: '/v1/instruments?cursor=%%%' })).statusCode).toBe(400);
  });

  it('serves one instrument with its coverage, case-insensitively, and 404s unknown ones', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/instruments/spx' });
    expect(res.statusCode).toBe(200);
    expect(res.json().coverage).toEqual([
      { interval: '1d', first: '2020-01-01T00:00:00.000Z', last: '2020-01-30T00:00:00.000Z' },
    ]);
    const missing = await h.app.inject({ method: 'GET', url: '/v1/instruments/NOPE' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('not_found');
    expect((await h.app.inject({ method: 'GET', url: '/v1/instruments/a%20b' })).statusCode).toBe(400);
  });

  it('pages bars with limit and cursor, filters by from/to, and validates the query', async () => {
    const p1 = await h.app.inject({ method: 'GET', url: '/v1/instruments/SPX/bars?interval=1d&limit=20' });
    expect(p1.statusCode).toBe(200);
    const b1 = p1.json();
    expect(b1.bars).toHaveLength(20);
    expect(b1.bars[0]).toEqual({
      ts: '2020-01-01T00:00:00.000Z',
      open: 100,
      high: 101,
      low: 99,
      close: 100,
      volume: 0,
    });
    const p2 = await h.app.inject({
      method: 'GET',
      url: `/v1/instruments/SPX/bars?interval=1d&limit=20&cursor=${b1.nextCursor}`,
    });
    expect(p2.json().bars.map((b: { open: number }) => b.open)).toEqual(
      Array.from({ length: 10 }, (_, i) => 120 + i),
    );
    expect(p2.json().nextCursor).toBeNull();
    const ranged = await h.app.inject({
      method: 'GET',
      url: '/v1/instruments/SPX/bars?interval=1d&from=2020-01-10T00:00:00Z&to=2020-01-12T00:00:00Z',
    });
    expect(ranged.json().bars.map((b: { ts: string }) => b.ts)).toEqual([
      '2020-01-10T00:00:00.000Z',
      '2020-01-11T00:00:00.000Z',
    ]);
    const other = await h.app.inject({ method: 'GET', url: '/v1/instruments/SPX/bars?interval=1h' });
    expect(other.json().bars).toEqual([]);
    for (const q of [
      '',
      '?interval=5m',
      '?interval=1d&limit=1001',
      '?interval=1d&limit=0',
      '?interval=1d&from=yesterday',
      '?interval=1d&cursor=abc',
      '?interval=1d&foo=1',
    ]) {
      const r = await h.app.inject({ method: 'GET', url: `/v1/instruments/SPX/bars${q}` });
      expect(r.statusCode, q).toBe(400);
      expect(r.headers['content-type'], q).toMatch(/problem\+json/);
    }
  });

  it('never serves a bar that has not closed yet', async () => {
    const open = previousBoundary(new Date(), '1h');
    const closed = new Date(open.getTime() - 3_600_000);
    await h.t.db.query(
      `INSERT INTO bars (instrument_id, interval, ts, open, high, low, close, volume)
       SELECT id, '1h', unnest($1::timestamptz[]), 1, 1, 1, 1, NULL FROM instruments WHERE symbol = 'AAA'`,
      [[closed.toISOString(), open.toISOString()]],
    );
    const res = await h.app.inject({ method: 'GET', url: '/v1/instruments/AAA/bars?interval=1h&order=desc' });
    expect(res.json().bars.map((b: { ts: string }) => b.ts)).toEqual([closed.toISOString()]);
  });

  it('documents the market routes in OpenAPI', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/instruments',
        '/v1/instruments/{symbol}',
        '/v1/instruments/{symbol}/bars',
        '/v1/admin/bars',
      ]),
    );
    expect(doc.paths['/v1/admin/bars'].post.requestBody.content).toHaveProperty('text/csv');
  });
  describe('admin writes', () => {
    const instrument = {
      symbol: 'USDCHF',
      name: 'US dollar / Swiss franc',
      assetClass: 'fx',
      quoteCurrency: 'CHF',
    };

    it('creates an instrument (201), repeats harmlessly (200) and refuses a different definition (409)', async () => {
      const post = (payload: Record<string, unknown>) =>
        h.app.inject({ method: 'POST', url: '/v1/admin/instruments', headers: admin.authHeader, payload });
      const a = await post(instrument);
      expect(a.statusCode).toBe(201);
      expect(a.json()).toMatchObject({ ...instrument, source: null });
      const b = await post(instrument);
      expect(b.statusCode).toBe(200);
      expect(b.json()).toEqual(a.json());
      const c = await post({ ...instrument, assetClass: 'equity' });
      expect(c.statusCode).toBe(409);
      expect(c.json()).toMatchObject({ code: 'instrument_conflict' });
    });

    it('validates the instrument body and rejects unknown fields', async () => {
      const post = (payload: Record<string, unknown>) =>
        h.app.inject({ method: 'POST', url: '/v1/admin/instruments', headers: admin.authHeader, payload });
      const bad = await post({ ...instrument, symbol: 'usd chf' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('validation_failed');
      const extra = await post({ ...instrument, symbol: 'EURCHF', admin: true });
      expect(extra.statusCode).toBe(400);
      expect(extra.json().errors).toContainEqual({ field: '/admin', message: 'is not an allowed field' });
      const cls = await post({ ...instrument, symbol: 'EURCHF', assetClass: 'stonks' });
      expect(cls.statusCode).toBe(400);
    });

    it('only lets a logged-in admin write market data', async () => {
      const anon = await h.app.inject({ method: 'POST', url: '/v1/admin/instruments', payload: instrument });
      expect(anon.statusCode).toBe(401);
      const dev = await h.app.inject({
        method: 'POST',
        url: '/v1/admin/bars?symbol=USDCHF&interval=1h',
        headers: { ...developer.authHeader, 'content-type': 'text/csv' },
        payload: CSV,
      });
      expect(dev.statusCode).toBe(403);
      const anonBars = await h.app.inject({
        method: 'POST',
        url: '/v1/admin/bars?symbol=USDCHF&interval=1h',
        headers: { 'content-type': 'text/csv' },
        payload: CSV,
      });
      expect(anonBars.statusCode).toBe(401);
      expect(anonBars.headers['content-type']).toMatch(/problem\+json/);
    });

    it('imports CSV idempotently, reporting bad rows by line and changed bars as conflicts', async () => {
      const send = (csv: string) =>
        h.app.inject({
          method: 'POST',
          url: '/v1/admin/bars?symbol=USDCHF&interval=1h',
          headers: { ...admin.authHeader, 'content-type': 'text/csv; charset=utf-8' },
          payload: csv,
        });
      const first = await send(CSV);
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({
        symbol: 'USDCHF',
        interval: '1h',
        received: 4,
        inserted: 2,
        unchanged: 0,
      });
      expect(first.json().rejected.map((r: { line: number; code: string }) => [r.line, r.code])).toEqual([
        [4, 'misaligned_ts'],
        [5, 'inconsistent_ohlc'],
      ]);
      const again = await send(CSV);
      expect(again.json()).toMatchObject({ inserted: 0, unchanged: 2 });
      const changed = await send(CSV.replace('1.5,1.7,1.4,1.6,', '1.5,1.7,1.4,1.65,'));
      expect(changed.json()).toMatchObject({ inserted: 0, unchanged: 1 });
      expect(changed.json().rejected[0]).toMatchObject({
        line: 3,
        code: 'conflict',
        ts: '2024-01-01T01:00:00.000Z',
      });

      const audit = await h.t.db.query<{ actor_user_id: string; details: unknown }>(
        `SELECT actor_user_id, details FROM audit_log WHERE event = 'market.bars_imported' ORDER BY id`,
      );
      expect(audit.rows).toHaveLength(3);
      expect(audit.rows.every((r) => r.actor_user_id === admin.userId)).toBe(true);
      const last = audit.rows[2]!.details;
      expect(typeof last === 'string' ? JSON.parse(last) : last).toMatchObject({
        symbol: 'USDCHF',
        conflicts: 1,
        via: 'api',
      });

      const header = await send('date,open,high,low,close\n2024-01-01,1,1,1,1\n');
      expect(header.statusCode).toBe(400);
      expect(header.json().code).toBe('csv_invalid');
    });

    it('imports JSON bars with per-index rejects and validates the query', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/v1/admin/bars?symbol=usdchf&interval=4h',
        headers: admin.authHeader,
        payload: {
          bars: [
            { ts: '2024-01-01T04:00:00Z', open: 1, high: 1, low: 1, close: 1, volume: null },
            { ts: '2024-01-01T05:00:00Z', open: 1, high: 1, low: 1, close: 1 },
          ],
        },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ symbol: 'USDCHF', interval: '4h', inserted: 1 });
      expect(res.json().rejected).toEqual([expect.objectContaining({ index: 1, code: 'misaligned_ts' })]);

      const unknownField = await h.app.inject({
        method: 'POST',
        url: '/v1/admin/bars?symbol=USDCHF&interval=4h',
        headers: admin.authHeader,
        payload: { bars: [{ ts: '2024-01-01T08:00:00Z', open: 1, high: 1, low: 1, close: 1, vwap: 1 }] },
      });
      expect(unknownField.statusCode).toBe(400);
      const badInterval = await h.app.inject({
        method: 'POST',
        url: '/v1/admin/bars?symbol=USDCHF&interval=15m',
        headers: admin.authHeader,
        payload: { bars: [] },
      });
      expect(badInterval.statusCode).toBe(400);
      const unknownSymbol = await h.app.inject({
        method: 'POST',
        url: '/v1/admin/bars?symbol=NOPE&interval=1h',
        headers: admin.authHeader,
        payload: { bars: [] },
      });
      expect(unknownSymbol.statusCode).toBe(404);
      const xml = await h.app.inject({
        method: 'POST',
        url: '/v1/admin/bars?symbol=USDCHF&interval=1h',
        headers: { ...admin.authHeader, 'content-type': 'application/xml' },
        payload: '<bars/>',
      });
      expect(xml.statusCode).toBe(415);
    });
  });
});
