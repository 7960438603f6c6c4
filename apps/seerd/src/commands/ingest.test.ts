import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDb, type TestDb } from '@seer/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeerdInProcess } from './run-in-process';

// The CLI is a thin shell over the market service (tested on both drivers); one driver suffices here.
describe('seerd ingest', () => {
  let t: TestDb;
  let dir: string;

  beforeAll(async () => {
    t = await createTestDb('pg');
    dir = await mkdtemp(path.join(tmpdir(), 'seer-ingest-cli-'));
  });
  afterAll(async () => {
    await t?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function seerd(args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}) {
    return runSeerdInProcess(args, { NODE_ENV: 'test', DATABASE_URL: t.url!, ...opts.env }, opts.stdin ?? '');
  }

  it('creates an instrument and imports a CSV, reporting rejected rows and exiting 3', async () => {
    const file = path.join(dir, 'eurusd.csv');
    await writeFile(
      file,
      'ts,open,high,low,close,volume\n2024-01-01T00:00:00Z,1.1,1.2,1.0,1.15,\n2024-01-01T01:00:00Z,1.15,1.1,1.0,1.12,\n',
    );
    const args = [
      'ingest',
      'csv',
      file,
      '--symbol',
      'eurusd',
      '--interval',
      '1h',
      '--create-instrument',
      '--name',
      'Euro / US dollar',
      '--asset-class',
      'fx',
      '--currency',
      'usd',
      '--source',
      'test fixture',
      '--report',
      path.join(dir, 'report.json'),
    ];
    const first = await seerd(args);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(3);
    expect(first.stdout).toContain('instrument EURUSD: created');
    expect(first.stdout).toContain('2 rows, 1 inserted, 0 unchanged, 1 rejected');
    expect(first.stdout).toContain('line 3: inconsistent_ohlc');
    expect(await readdir(dir)).toContain('report.json');

    const again = await seerd(args);
    expect(again.stdout).toContain('instrument EURUSD: already exists');
    expect(again.stdout).toContain('0 inserted, 1 unchanged');

    const audit = await t.db.query<{ event: string; actor_user_id: string | null; details: unknown }>(
      `SELECT event, actor_user_id, details FROM audit_log WHERE event LIKE 'market.%' ORDER BY id`,
    );
    expect(audit.rows.map((r) => r.event)).toEqual([
      'market.instrument_created',
      'market.bars_imported',
      'market.bars_imported',
    ]);
    expect(audit.rows[0]!.actor_user_id).toBeNull();
    const details = audit.rows[1]!.details;
    expect(typeof details === 'string' ? JSON.parse(details) : details).toMatchObject({
      symbol: 'EURUSD',
      inserted: 1,
      rejected: 1,
      via: 'cli',
    });
  });

  it('reads stdin, exits 0 when every row is good, 1 on domain errors and 2 on usage errors', async () => {
    const ok = await seerd(['ingest', 'csv', '-', '--symbol', 'EURUSD', '--interval', '1h'], {
      stdin: 'ts,open,high,low,close,volume\n2024-01-01T02:00:00Z,1.1,1.2,1.0,1.15,5\n',
    });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('stdin: EURUSD 1h: 1 rows, 1 inserted');

    const unknown = await seerd(['ingest', 'csv', '-', '--symbol', 'NOPE', '--interval', '1h'], {
      stdin: 'ts,open,high,low,close,volume\n',
    });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/not_found: Instrument NOPE not found/);

    const header = await seerd(['ingest', 'csv', '-', '--symbol', 'EURUSD', '--interval', '1h'], {
      stdin: 'time,open,high,low,close\n',
    });
    expect(header.code).toBe(1);
    expect(header.stderr).toMatch(/csv_invalid/);

    expect((await seerd(['ingest', 'csv', '-', '--symbol', 'EURUSD', '--interval', '5m'])).code).toBe(2);
    expect((await seerd(['ingest', 'csv', '--symbol', 'EURUSD', '--interval', '1h'])).code).toBe(2);
    expect(
      (await seerd(['ingest', 'instrument', '--symbol', 'X', '--name', 'x', '--asset-class', 'stonks'])).code,
    ).toBe(2);
    const conflict = await seerd([
      'ingest',
      'instrument',
      '--symbol',
      'EURUSD',
      '--name',
      'Other',
      '--asset-class',
      'fx',
    ]);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toMatch(/instrument_conflict/);
  });

  it('ingest instrument --calendar stores the trading calendar and refuses unknown ones', async () => {
    const base = ['ingest', 'instrument', '--symbol', 'usdjpy', '--name', 'USD/JPY', '--asset-class', 'fx'];
    const bad = await seerd([...base, '--calendar', 'nyse']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--calendar must be one of 24x7, weekdays/);
    expect((await seerd([...base, '--calendar', 'weekdays'])).stdout).toContain('instrument USDJPY: created');
    const row = await t.db.query<{ calendar: string }>(
      `SELECT calendar FROM instruments WHERE symbol = 'USDJPY'`,
    );
    expect(row.rows[0]?.calendar).toBe('weekdays');
    expect((await seerd([...base, '--calendar', 'weekdays'])).stdout).toContain('already exists');
    const other = await seerd(base);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/instrument_conflict.*calendar/);
  });

  it('watch --once imports dropped files into done/', async () => {
    const feedDir = path.join(dir, 'feed');
    await rm(feedDir, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(feedDir));
    await writeFile(
      path.join(feedDir, 'EURUSD_1h_x.csv'),
      'ts,open,high,low,close,volume\n2024-01-01T03:00:00Z,1,1,1,1,\n',
    );
    const r = await seerd(['ingest', 'watch', feedDir, '--once']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 file(s) imported, 1 bar(s) appended, 0 set aside');
    expect(await readdir(path.join(feedDir, 'done'))).toEqual(['EURUSD_1h_x.csv']);
  });

  it('loads the real demo data sets with their attribution', async () => {
    const r = await seerd(['ingest', 'demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('USDCHF 1h: 31248 rows, 31248 inserted');
    expect(r.stdout).toContain('SPX 1d: 5105 rows, 5105 inserted');
    expect(r.stdout).toMatch(/source: .*Yahoo Finance/);
    const cal = await t.db.query<{ symbol: string; calendar: string }>(
      `SELECT symbol, calendar FROM instruments WHERE symbol IN ('USDCHF', 'SPX') ORDER BY symbol`,
    );
    expect(cal.rows).toEqual([
      { symbol: 'SPX', calendar: 'weekdays' },
      { symbol: 'USDCHF', calendar: 'weekdays' },
    ]);
  });

  it('refuses to replay outside a demo configuration', async () => {
    const r = await seerd(['ingest', 'replay']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SEER_DEMO=true and SEER_REPLAY_START/);
  });
});
