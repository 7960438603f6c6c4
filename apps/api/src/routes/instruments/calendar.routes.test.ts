/**
 * The instrument's trading calendar over HTTP: optional on creation (default 24x7), validated by
 * the schema, part of the idempotent definition, shown on reads and in the coverage schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin, type TestUser } from '../../testing/auth';
import { createTestApp, type TestApp } from '../../testing/test-app';

describe.each(['pg', 'pglite'] as const)('instrument calendars over HTTP on %s', (driver) => {
  let h: TestApp;
  let admin: TestUser;
  const post = (payload: Record<string, unknown>) =>
    h.app.inject({ method: 'POST', url: '/v1/admin/instruments', headers: admin.authHeader, payload });

  beforeAll(async () => {
    h = await createTestApp(driver);
    admin = await createAdmin(h.app);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('creates with a calendar, defaults to 24x7, refuses unknown calendars and a different one', async () => {
    const fx = { symbol: 'EURCHF', name: 'Euro / Swiss franc', assetClass: 'fx', calendar: 'weekdays' };
    const a = await post(fx);
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ symbol: 'EURCHF', calendar: 'weekdays' });
    expect((await post(fx)).statusCode).toBe(200);
    const other = await post({ ...fx, calendar: '24x7' });
    expect(other.statusCode).toBe(409);
    expect(other.json().errors).toEqual([
      { field: '/calendar', message: 'differs from the stored instrument' },
    ]);
    const bad = await post({ ...fx, symbol: 'GBPCHF', calendar: 'nyse' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation_failed');

    expect((await post({ symbol: 'ETH-USD', name: 'Ether', assetClass: 'crypto' })).json().calendar).toBe(
      '24x7',
    );
    const one = await h.app.inject({ method: 'GET', url: '/v1/instruments/eurchf' });
    expect(one.json().calendar).toBe('weekdays');
    const list = await h.app.inject({ method: 'GET', url: '/v1/instruments' });
    expect(
      list.json().items.map((i: { symbol: string; calendar: string }) => [i.symbol, i.calendar]),
    ).toEqual([
      ['ETH-USD', '24x7'],
      ['EURCHF', 'weekdays'],
    ]);
  });

  it('documents the calendar and the coverage marketClosed count in OpenAPI', async () => {
    const text = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).body;
    expect(text).toContain('market_closed');
    expect(text).toContain('marketClosed');
    expect(text).toMatch(/"calendar"/);
  });
});
