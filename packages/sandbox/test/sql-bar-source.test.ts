import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataBroker } from '../src/broker/data-broker';
import { createSqlBarSource } from '../src/broker/sql-bar-source';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const DB = `seer_sandbox_test_${process.pid}`;
const ADMIN = { host: '127.0.0.1', port: 5432, user: 'postgres' };

describe('SQL bar source as seer_model_reader (real PostgreSQL)', () => {
  let admin: pg.Client;
  let reader: pg.Client;

  beforeAll(async () => {
    admin = new pg.Client({ ...ADMIN, database: 'postgres' });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${DB}`);
    await admin.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'seer_model_reader') THEN
        CREATE ROLE seer_model_reader NOLOGIN;
      END IF; END $$`);
    const setup = new pg.Client({ ...ADMIN, database: DB });
    await setup.connect();
    await setup.query(`
      CREATE TABLE instruments(id bigint generated always as identity primary key, symbol text unique not null,
        name text not null, asset_class text not null, quote_currency text, created_at timestamptz not null default now());
      CREATE TABLE bars(instrument_id bigint not null references instruments(id), interval text not null
        check (interval in ('1h','4h','1d')), ts timestamptz not null, open double precision not null,
        high double precision not null, low double precision not null, close double precision not null,
        volume double precision, primary key (instrument_id, interval, ts));
      CREATE TABLE secrets(v text); INSERT INTO secrets VALUES ('platform-secret');
      REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
      GRANT USAGE ON SCHEMA public TO seer_model_reader;
      GRANT SELECT ON instruments, bars TO seer_model_reader;
      INSERT INTO instruments(symbol, name, asset_class) VALUES ('BTC-USD', 'Bitcoin', 'crypto'), ('ETH-USD', 'Ether', 'crypto');`);
    await setup.query(
      `INSERT INTO bars SELECT 1, '1h', to_timestamp($1::double precision / 1000) + make_interval(hours => g), g, g, g, g,
         CASE WHEN g % 5 = 0 THEN NULL ELSE g END FROM generate_series(0, 99) g`,
      [T0],
    );
    await setup.query(
      `INSERT INTO bars SELECT 1, '1d', to_timestamp($1::double precision / 1000) + make_interval(days => g), g, g, g, g, g
         FROM generate_series(0, 9) g`,
      [T0],
    );
    await setup.end();
    reader = new pg.Client({ ...ADMIN, database: DB });
    await reader.connect();
    await reader.query('SET ROLE seer_model_reader');
  });

  afterAll(async () => {
    await reader?.end();
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await admin.end();
  });

  const query = (text: string, params: unknown[]) => reader.query(text, params);

  it('returns the newest bars closed at or before the bound, ascending', async () => {
    const src = createSqlBarSource(query);
    const bars = await src.readBars({
      symbol: 'BTC-USD',
      interval: '1h',
      closedAtOrBefore: new Date(T0 + 50 * H),
      limit: 3,
    });
    expect(bars.map((b) => b.close)).toEqual([47, 48, 49]);
    expect(bars[2]!.ts.getTime()).toBe(T0 + 49 * H);
    const justBefore = await src.readBars({
      symbol: 'BTC-USD',
      interval: '1h',
      closedAtOrBefore: new Date(T0 + 50 * H - 1),
      limit: 1,
    });
    expect(justBefore.map((b) => b.close)).toEqual([48]);
    expect(
      (
        await src.readBars({
          symbol: 'BTC-USD',
          interval: '1h',
          closedAtOrBefore: new Date(T0 + 51 * H),
          limit: 1,
        })
      )[0]!.volume,
    ).toBeNull();
  });

  it('respects the interval (a daily bar is visible only a day after it opens)', async () => {
    const src = createSqlBarSource(query);
    const bars = await src.readBars({
      symbol: 'BTC-USD',
      interval: '1d',
      closedAtOrBefore: new Date(T0 + 47 * H),
      limit: 10,
    });
    expect(bars.map((b) => b.close)).toEqual([0]);
  });

  it('treats hostile symbols as data, and the role can read nothing else', async () => {
    const src = createSqlBarSource(query);
    expect(
      await src.readBars({
        symbol: "x' OR 1=1 --",
        interval: '1h',
        closedAtOrBefore: new Date(T0 + 99 * H),
        limit: 5,
      }),
    ).toEqual([]);
    await expect(reader.query('SELECT * FROM secrets')).rejects.toThrow(/permission denied/);
    await expect(
      reader.query("INSERT INTO instruments(symbol, name, asset_class) VALUES ('X','x','x')"),
    ).rejects.toThrow(/permission denied/);
  });

  it('feeds the broker end to end', async () => {
    const broker = createDataBroker({
      source: createSqlBarSource(query),
      symbols: ['BTC-USD'],
      interval: '1h',
      lookback: 24,
      asOf: new Date(T0 + 60 * H + 1),
      maxRequests: 2,
    });
    const r = await broker.handle({ symbol: 'BTC-USD', lookback: 1000 });
    expect(r.bars).toHaveLength(24);
    expect(r.bars.at(-1)!.ts.getTime()).toBe(T0 + 59 * H);
    expect(broker.inputDigest()).toMatch(/^[0-9a-f]{64}$/);
  });
});
