/**
 * `seerd ingest ...`: market data in from the command line. The same market service as the
 * admin API does the work, so validation, idempotence and immutability are identical.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createAuditRepo } from '@seer/core/accounts';
import { clockFromConfig, systemClock } from '@seer/core/clock';
import type { Config } from '@seer/core/config';
import type { Db } from '@seer/core/db';
import { isAppError } from '@seer/core/errors';
import {
  ASSET_CLASSES,
  type AssetClass,
  createDemoReplayFeed,
  createFolderFeed,
  createMarketRepo,
  createMarketService,
  DEMO_DATASETS,
  type FeedPollResult,
  type IngestReport,
  type Interval,
  isBarInterval,
  isTradingCalendar,
  type MarketActor,
  type MarketService,
  readDemoCsv,
  runFeed,
  TRADING_CALENDARS,
} from '@seer/core/market';

// An operator at the console: no user account, but the audit log still says what happened.
const CLI: MarketActor = { userId: null, via: 'cli' };

import { type Command, type CommandIo, UsageError } from '../cli';
import { loadConfigOrExit, openDatabase } from '../runtime';

/** Exit status when the import worked but some rows were refused (see the report). */
export const EXIT_ROWS_REJECTED = 3;

type Values = Record<string, string | boolean | undefined>;

function str(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function required(values: Values, name: string, hint = ''): string {
  const v = str(values, name);
  if (v === undefined) throw new UsageError(`--${name} is required${hint}`);
  return v;
}

function intervalOf(values: Values): Interval {
  const v = required(values, 'interval', ' (1h, 4h or 1d)');
  if (!isBarInterval(v)) throw new UsageError(`--interval must be 1h, 4h or 1d, got "${v}"`);
  return v;
}

function instrumentOf(values: Values) {
  const assetClass = required(values, 'asset-class', ` (${ASSET_CLASSES.join(', ')})`);
  if (!(ASSET_CLASSES as readonly string[]).includes(assetClass)) {
    throw new UsageError(`--asset-class must be one of ${ASSET_CLASSES.join(', ')}`);
  }
  const currency = str(values, 'currency');
  const source = str(values, 'source');
  const calendar = str(values, 'calendar');
  if (calendar !== undefined && !isTradingCalendar(calendar)) {
    throw new UsageError(`--calendar must be one of ${TRADING_CALENDARS.join(', ')}, got "${calendar}"`);
  }
  return {
    symbol: required(values, 'symbol').toUpperCase(),
    name: required(values, 'name'),
    assetClass: assetClass as AssetClass,
    ...(currency ? { quoteCurrency: currency.toUpperCase() } : {}),
    ...(source ? { source } : {}),
    ...(calendar ? { calendar } : {}),
  };
}

/** Opens the database and the market service on the real clock, runs fn, and maps domain errors to exit 1. */
async function withMarket(
  io: CommandIo,
  name: string,
  fn: (ctx: { market: MarketService; config: Readonly<Config>; db: Db }) => Promise<number>,
): Promise<number> {
  const config = loadConfigOrExit(io);
  const db = await openDatabase(config, { migrate: true, log: (s) => io.stderr(`seerd: ${s}\n`) });
  try {
    const market = createMarketService({
      repo: createMarketRepo(db),
      now: () => systemClock.now(),
      audit: createAuditRepo(db.kysely),
    });
    return await fn({ market, config, db });
  } catch (err) {
    if (isAppError(err)) {
      const fields = err.errors?.map((e) => `\n  ${e.field}: ${e.message}`).join('') ?? '';
      io.stderr(`seerd ${name}: ${err.code}: ${err.detail}${fields}\n`);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
  }
}

const SHOW_REJECTED = 20;

function printReport(io: CommandIo, what: string, r: IngestReport): void {
  io.stdout(
    `${what}: ${r.symbol} ${r.interval}: ${r.received} rows, ${r.inserted} inserted, ${r.unchanged} unchanged, ${r.rejectedTotal} rejected\n`,
  );
  for (const x of r.rejected.slice(0, SHOW_REJECTED)) {
    const where = x.line !== undefined ? `line ${x.line}` : `index ${x.index}`;
    io.stdout(`  ${where}: ${x.code}: ${x.message}\n`);
  }
  if (r.rejectedTotal > SHOW_REJECTED) {
    io.stdout(`  ... and ${r.rejectedTotal - SHOW_REJECTED} more (use --report FILE to see up to 10,000)\n`);
  }
}

const instrumentOptions = {
  symbol: { type: 'string' },
  name: { type: 'string' },
  'asset-class': { type: 'string' },
  currency: { type: 'string' },
  source: { type: 'string' },
  calendar: { type: 'string' },
} as const;

export const ingestCsvCommand: Command = {
  path: ['ingest', 'csv'],
  summary:
    'Import bars from a CSV (ts,open,high,low,close,volume; "-" reads stdin). Idempotent; exit 3 when some rows were rejected.',
  usage:
    'FILE --symbol X --interval 1h|4h|1d [--create-instrument --name N --asset-class fx [--currency CHF] [--source "..."] [--calendar 24x7|weekdays]] [--report report.json]',
  options: {
    ...instrumentOptions,
    interval: { type: 'string' },
    'create-instrument': { type: 'boolean' },
    report: { type: 'string' },
  },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError('expected exactly one FILE (or - for stdin)');
    const interval = intervalOf(values);
    const symbol = required(values, 'symbol').toUpperCase();
    const instrument = values['create-instrument'] ? instrumentOf(values) : undefined;
    const csv = file === '-' ? await readStream(io.stdin) : await readFile(file, 'utf8');
    return withMarket(io, 'ingest csv', async ({ market }) => {
      if (instrument) {
        const { created } = await market.createInstrument(instrument, CLI);
        io.stdout(`instrument ${instrument.symbol}: ${created ? 'created' : 'already exists'}\n`);
      }
      const report = await market.importCsv({ symbol, interval, csv, actor: CLI });
      printReport(io, file === '-' ? 'stdin' : file, report);
      const reportPath = str(values, 'report');
      if (reportPath) await writeFile(reportPath, `${JSON.stringify(report, null, 2)}\n`);
      return report.rejectedTotal > 0 ? EXIT_ROWS_REJECTED : 0;
    });
  },
};

export const ingestInstrumentCommand: Command = {
  path: ['ingest', 'instrument'],
  summary: 'Create an instrument (repeating the same definition is harmless).',
  usage: `--symbol X --name N --asset-class ${ASSET_CLASSES.join('|')} [--currency CHF] [--source "provenance and licence"] [--calendar 24x7|weekdays]`,
  options: instrumentOptions,
  async run({ values, io }) {
    const instrument = instrumentOf(values);
    return withMarket(io, 'ingest instrument', async ({ market }) => {
      const { created } = await market.createInstrument(instrument, CLI);
      io.stdout(`instrument ${instrument.symbol}: ${created ? 'created' : 'already exists'}\n`);
      return 0;
    });
  },
};

export const ingestDemoCommand: Command = {
  path: ['ingest', 'demo'],
  summary:
    'Load the real historical demo data shipped with Seer (USD/CHF hourly 1996-2001, S&P 500 daily 2000-2020) with attribution.',
  usage: '',
  options: {},
  async run({ io }) {
    return withMarket(io, 'ingest demo', async ({ market }) => {
      let rejected = 0;
      for (const d of DEMO_DATASETS) {
        await market.createInstrument(d.instrument, CLI);
        const report = await market.importCsv({
          symbol: d.instrument.symbol,
          interval: d.interval,
          csv: await readDemoCsv(d),
          actor: CLI,
        });
        printReport(io, d.instrument.symbol, report);
        io.stdout(`  source: ${d.instrument.source}\n`);
        rejected += report.rejectedTotal;
      }
      return rejected > 0 ? EXIT_ROWS_REJECTED : 0;
    });
  },
};

function logPoll(io: CommandIo, label: string | (() => string)) {
  return (r: FeedPollResult) => {
    const prefix = typeof label === 'string' ? label : label();
    for (const rep of r.reports) {
      if (rep.inserted > 0 || rep.rejectedTotal > 0) {
        io.stdout(
          `${prefix}: ${rep.symbol} ${rep.interval}: ${rep.inserted} appended, ${rep.unchanged} unchanged, ${rep.rejectedTotal} rejected\n`,
        );
      }
    }
    for (const e of r.errors) io.stderr(`${prefix}: ${e.source}: ${e.code}: ${e.detail}\n`);
  };
}

function abortOnSignals(): { signal: AbortSignal; dispose(): void } {
  const ac = new AbortController();
  const stop = () => ac.abort(new Error('shutting down'));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return {
    signal: ac.signal,
    dispose: () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
    },
  };
}

export const ingestWatchCommand: Command = {
  path: ['ingest', 'watch'],
  summary:
    'Folder feed: import <SYMBOL>_<interval>*.csv files dropped into DIR, moving them to DIR/done (bad rows in *.rejected.json) or DIR/failed.',
  usage: 'DIR [--poll-seconds 30] [--once]',
  options: { 'poll-seconds': { type: 'string' }, once: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const [dir, ...extra] = positionals;
    if (!dir || extra.length > 0) throw new UsageError('expected exactly one DIR');
    const seconds = Number(str(values, 'poll-seconds') ?? '30');
    if (!Number.isFinite(seconds) || seconds < 1 || seconds > 86_400) {
      throw new UsageError('--poll-seconds must be between 1 and 86400');
    }
    return withMarket(io, 'ingest watch', async ({ market }) => {
      const feed = createFolderFeed({ dir, market });
      if (values.once) {
        const r = await feed.poll();
        logPoll(io, 'watch')(r);
        io.stdout(
          `watch: ${r.reports.length} file(s) imported, ${r.appended} bar(s) appended, ${r.errors.length} set aside\n`,
        );
        return r.errors.length > 0 ? 1 : 0;
      }
      io.stderr(`seerd: watching ${dir} every ${seconds}s (SIGTERM to stop)\n`);
      const { signal, dispose } = abortOnSignals();
      try {
        await runFeed({
          feed,
          clock: systemClock,
          pollEveryMs: seconds * 1000,
          signal,
          onResult: logPoll(io, 'watch'),
          onError: (err) =>
            io.stderr(`seerd ingest watch: poll failed, retrying: ${(err as Error).message}\n`),
        });
      } finally {
        dispose();
      }
      return 0;
    });
  },
};

export const ingestReplayCommand: Command = {
  path: ['ingest', 'replay'],
  summary:
    'Demo only: replay the shipped historical data on the replay clock (SEER_REPLAY_START, SEER_REPLAY_MS_PER_HOUR), appending each bar once it has closed.',
  usage: '',
  options: {},
  async run({ io }) {
    return withMarket(io, 'ingest replay', async ({ market, config }) => {
      if (config.replayStart === undefined) {
        throw new UsageError('set SEER_DEMO=true and SEER_REPLAY_START (ISO 8601 UTC) to replay');
      }
      const clock = clockFromConfig(config);
      const feed = await createDemoReplayFeed({ config, clock, market });
      io.stderr(
        `seerd: replaying from ${config.replayStart.toISOString()} at ${config.replayMsPerSimHour} ms per simulated hour\n`,
      );
      const { signal, dispose } = abortOnSignals();
      try {
        await runFeed({
          feed,
          clock,
          pollEveryMs: 3_600_000,
          signal,
          onResult: logPoll(io, () => `replay ${clock.now().toISOString()}`),
          onError: (err) =>
            io.stderr(`seerd ingest replay: poll failed, retrying: ${(err as Error).message}\n`),
        });
      } finally {
        dispose();
      }
      return 0;
    });
  },
};

export const ingestCommands: Command[] = [
  ingestCsvCommand,
  ingestInstrumentCommand,
  ingestDemoCommand,
  ingestWatchCommand,
  ingestReplayCommand,
];

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
