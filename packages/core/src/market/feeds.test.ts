import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../clock/clock';
import { createTestDb, TEST_DRIVERS, type TestDb } from '../testing/test-db';
import { DEMO_DATASETS } from './demo-data';
import { runFeed } from './feed';
import { createFolderFeed, parseFeedFileName } from './folder-feed';
import { createMarketRepo } from './market.repo';
import { createMarketService, type MarketService } from './market.service';
import { createDemoReplayFeed, createReplayFeed, replaySeriesFromCsv, startDemoReplay } from './replay-feed';

const HEADER = 'ts,open,high,low,close,volume';
const demoConfig = { env: 'development' as const, demo: true };

describe('parseFeedFileName', () => {
  it('reads symbol and interval from the file name convention', () => {
    expect(parseFeedFileName('USDCHF_1h.csv')).toEqual({ symbol: 'USDCHF', interval: '1h' });
    expect(parseFeedFileName('btc-usd_4h_2024-06-01.csv')).toEqual({ symbol: 'BTC-USD', interval: '4h' });
    expect(parseFeedFileName('BTC_USD_1d.part2.csv')).toEqual({ symbol: 'BTC_USD', interval: '1d' });
    for (const bad of ['USDCHF.csv', 'USDCHF_15m.csv', '_1h.csv', 'USD CHF_1h.csv', 'USDCHF_1h.txt']) {
      expect(parseFeedFileName(bad), bad).toBeUndefined();
    }
  });
});

describe.each(TEST_DRIVERS)('feeds on %s', (driver) => {
  let t: TestDb;
  let market: MarketService;
  let now = new Date('2024-06-02T00:00:00Z');
  let dir: string;

  beforeAll(async () => {
    t = await createTestDb(driver);
    market = createMarketService({ repo: createMarketRepo(t.db), now: () => now });
    await market.createInstrument({
      symbol: 'FEED',
      name: 'Feed test',
      assetClass: 'crypto',
      quoteCurrency: 'USD',
    });
    dir = await mkdtemp(path.join(tmpdir(), 'seer-feed-'));
  });
  afterAll(async () => {
    await t?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('folder feed: appends closed bars, moves files to done/, reports bad rows and sets bad files aside', async () => {
    const feed = createFolderFeed({ dir, market, now: () => now });
    await writeFile(
      path.join(dir, 'FEED_1h_a.csv'),
      [
        HEADER,
        '2024-06-01T00:00:00Z,1,2,0.5,1.5,3',
        '2024-06-01T01:00:00Z,1,2,0.5,9,3',
        '2024-06-01T23:00:00Z,1,1,1,1,',
      ].join('\n'),
    );
    // Still forming at "now": must not be stored.
    await writeFile(path.join(dir, 'feed_1h_b.csv'), [HEADER, '2024-06-02T00:00:00Z,1,1,1,1,'].join('\n'));
    await writeFile(path.join(dir, 'NOPE_1h.csv'), `${HEADER}\n2024-06-01T00:00:00Z,1,1,1,1,\n`);
    await writeFile(path.join(dir, 'random.csv'), 'whatever');
    await writeFile(path.join(dir, '.FEED_1h_c.csv'), `${HEADER}\n2024-06-01T05:00:00Z,1,1,1,1,\n`); // being written
    await writeFile(path.join(dir, 'notes.txt'), 'ignored');

    const r = await feed.poll();
    expect(r.appended).toBe(2);
    expect(r.errors.map((e) => [e.source, e.code])).toEqual([
      ['NOPE_1h.csv', 'not_found'],
      ['random.csv', 'bad_file_name'],
    ]);
    expect((await readdir(dir)).sort()).toEqual(['.FEED_1h_c.csv', 'done', 'failed', 'notes.txt']);
    expect((await readdir(path.join(dir, 'done'))).sort()).toEqual([
      'FEED_1h_a.csv',
      'FEED_1h_a.csv.rejected.json',
      'feed_1h_b.csv',
      'feed_1h_b.csv.rejected.json',
    ]);
    const rej = JSON.parse(await readFile(path.join(dir, 'done', 'FEED_1h_a.csv.rejected.json'), 'utf8'));
    expect(rej).toMatchObject({ file: 'FEED_1h_a.csv', symbol: 'FEED', interval: '1h', inserted: 2 });
    expect(rej.rejected.map((x: { line: number; code: string }) => [x.line, x.code])).toEqual([
      [3, 'inconsistent_ohlc'],
    ]);
    const rejB = JSON.parse(await readFile(path.join(dir, 'done', 'feed_1h_b.csv.rejected.json'), 'utf8'));
    expect(rejB.rejected[0].code).toBe('not_closed');
    const err = JSON.parse(await readFile(path.join(dir, 'failed', 'NOPE_1h.csv.error.json'), 'utf8'));
    expect(err).toMatchObject({ code: 'not_found' });

    // Dropping the same file again changes nothing, and is kept beside the first copy.
    await writeFile(
      path.join(dir, 'FEED_1h_a.csv'),
      [HEADER, '2024-06-01T00:00:00Z,1,2,0.5,1.5,3'].join('\n'),
    );
    const again = await feed.poll();
    expect(again.appended).toBe(0);
    expect(again.reports[0]).toMatchObject({ inserted: 0, unchanged: 1 });
    expect(await readdir(path.join(dir, 'done'))).toContain('FEED_1h_a.1.csv');
    expect((await feed.poll()).reports).toEqual([]);

    const page = await market.listBars({ symbol: 'FEED', interval: '1h' });
    expect(page.bars.map((b) => b.ts)).toEqual(['2024-06-01T00:00:00.000Z', '2024-06-01T23:00:00.000Z']);
  });

  it('replay feed: reveals each bar only once the clock passes its close, idempotently', async () => {
    await market.createInstrument({ symbol: 'RPL', name: 'Replay test', assetClass: 'fx' });
    const csv = [HEADER, ...[0, 1, 2, 5].map((h) => `1999-01-04T0${h}:00:00Z,${h},${h + 1},${h},${h},`)].join(
      '\n',
    );
    const clock = createManualClock(new Date('1999-01-04T01:30:00Z'));
    now = clock.now();
    const series = replaySeriesFromCsv(csv, 'RPL', '1h');
    const feed = createReplayFeed({ config: demoConfig, clock, market, series: [series] });

    const first = await feed.poll();
    expect(first.appended).toBe(1); // 00:00 closed at 01:00; 01:00 closes at 02:00
    expect(feed.nextPollAt()?.toISOString()).toBe('1999-01-04T02:00:00.000Z');
    expect((await feed.poll()).appended).toBe(0);

    clock.set(new Date('1999-01-04T03:00:00Z'));
    now = clock.now();
    expect((await feed.poll()).appended).toBe(2);
    expect(feed.remaining()).toEqual({ 'RPL/1h': 1 });
    expect(feed.nextPollAt()?.toISOString()).toBe('1999-01-04T06:00:00.000Z');
    const page = await market.listBars({ symbol: 'RPL', interval: '1h' });
    expect(page.bars.map((b) => b.open)).toEqual([0, 1, 2]);

    // A restarted replay re-appends what is stored as unchanged, never duplicates.
    const restarted = createReplayFeed({ config: demoConfig, clock, market, series: [series] });
    const r = await restarted.poll();
    expect(r.appended).toBe(0);
    expect(r.reports[0]).toMatchObject({ unchanged: 3, inserted: 0, rejected: [] });

    // runFeed sleeps on the clock until the next close, then finishes when all is revealed.
    const ac = new AbortController();
    const results: number[] = [];
    const loop = runFeed({
      feed,
      clock,
      pollEveryMs: 3_600_000,
      signal: ac.signal,
      onResult: (x) => results.push(x.appended),
    });
    await new Promise((res) => setTimeout(res, 20));
    now = new Date('1999-01-04T06:00:00Z');
    clock.set(now);
    await loop;
    expect(results).toEqual([0, 1]);
    expect(feed.nextPollAt()).toBeNull();
  });

  it('replay feed and demo replay are refused outside demo configurations', async () => {
    const clock = createManualClock(new Date('1999-01-04T00:00:00Z'));
    expect(() =>
      createReplayFeed({ config: { env: 'production', demo: true }, clock, market, series: [] }),
    ).toThrow(/production/);
    await expect(
      createDemoReplayFeed({ config: { env: 'development', demo: false }, clock, market }),
    ).rejects.toMatchObject({ code: 'replay_not_allowed' });
  });

  it('demo replay creates the real demo instruments and reveals history up to the clock', async () => {
    const clock = createManualClock(new Date('2000-01-06T00:00:00Z'));
    now = clock.now();
    const feed = await createDemoReplayFeed({ config: demoConfig, clock, market });
    const r = await feed.poll();
    // USD/CHF hourly from 1996-04-01, S&P 500 daily from 2000-01-03 (3 days closed by Jan 6).
    expect(r.reports.find((x) => x.symbol === 'SPX')).toMatchObject({ inserted: 3, rejected: [] });
    expect(r.appended).toBeGreaterThan(20_000);
    const spx = await market.getInstrument('SPX');
    expect(spx.source).toMatch(/Yahoo Finance/);
    expect(spx.coverage).toEqual([
      { interval: '1d', first: '2000-01-03T00:00:00.000Z', last: '2000-01-05T00:00:00.000Z' },
    ]);
  });

  it('startDemoReplay runs in the background on the given clock and stops cleanly', async () => {
    const clock = createManualClock(new Date('2000-01-10T00:00:00Z'));
    now = clock.now();
    const logs: string[] = [];
    const replay = await startDemoReplay({
      config: demoConfig,
      clock,
      market,
      datasets: DEMO_DATASETS.filter((d) => d.instrument.symbol === 'SPX'),
      log: (m) => logs.push(m),
    });
    // The first poll (years of hourly history) is done once the loop sleeps on the clock.
    for (let i = 0; i < 500 && clock.pending === 0; i++) await new Promise((res) => setTimeout(res, 20));
    expect(clock.pending).toBe(1);
    const spxLeft = replay.feed.remaining()['SPX/1d']!;
    expect(spxLeft).toBe(5105 - 5); // Jan 3-7 2000 have closed by Jan 10
    now = new Date('2000-01-12T00:00:00Z');
    clock.set(now);
    for (let i = 0; i < 250 && replay.feed.remaining()['SPX/1d'] === spxLeft; i++) {
      await new Promise((res) => setTimeout(res, 20));
    }
    expect(replay.feed.remaining()['SPX/1d']).toBe(spxLeft - 2);
    await replay.stop();
    expect(logs.some((l) => l.includes('revealed'))).toBe(true);
  });
});

describe('runFeed', () => {
  it('backs off after a failed poll instead of spinning on a feed that is still due', async () => {
    const clock = createManualClock(new Date('2024-01-01T00:00:00Z'));
    let polls = 0;
    const errors: unknown[] = [];
    const feed = {
      name: 'broken',
      poll: async () => {
        polls++;
        throw new Error('database down');
      },
      nextPollAt: () => new Date('2023-01-01T00:00:00Z'), // always overdue
    };
    const ac = new AbortController();
    const loop = runFeed({
      feed,
      clock,
      pollEveryMs: 60_000,
      signal: ac.signal,
      onError: (e) => errors.push(e),
    });
    await new Promise((res) => setTimeout(res, 50));
    expect(polls).toBe(1);
    expect(clock.pending).toBe(1);
    clock.advance(60_000);
    await new Promise((res) => setTimeout(res, 50));
    expect(polls).toBe(2);
    ac.abort();
    await loop;
    expect(errors).toHaveLength(2);
  });
});
