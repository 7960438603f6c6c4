/**
 * Demo replay: historical bars are appended to the bars table as the replay clock passes their
 * close time, so the API, the scheduler and the models see exactly what a live system would
 * have seen at that moment. Refused outside demo configurations, like the replay clock itself.
 */
import type { Clock } from '../clock/clock';
import { assertReplayAllowed } from '../clock/replay-clock';
import type { Config } from '../config';
import { AppError } from '../errors';
import type { Bar } from './bar';
import type { CandidateBar } from './bar-rows';
import { screenBars } from './bar-rows';
import { parseBarsCsv } from './bars-csv';
import { DEMO_DATASETS, type DemoDataset, readDemoCsv } from './demo-data';
import type { BarSink, Feed, FeedPollResult } from './feed';
import { emptyPollResult, runFeed } from './feed';
import { type Interval, intervalMs } from './intervals';
import type { MarketService } from './market.service';

export interface ReplaySeries {
  symbol: string;
  interval: Interval;
  /** Historical bars, any order; sorted by ts here. */
  bars: readonly Bar[];
}

// Appending a long backlog in slices keeps each transaction and staging table modest.
const APPEND_SLICE = 10_000;

export interface ReplayFeed extends Feed {
  /** Close time of the next bar to reveal; null once every bar is revealed. */
  nextPollAt(): Date | null;
  /** Bars not yet revealed, per "SYMBOL/interval". */
  remaining(): Record<string, number>;
}

export function createReplayFeed(opts: {
  config: Pick<Config, 'env' | 'demo'>;
  clock: Clock;
  market: BarSink;
  series: readonly ReplaySeries[];
}): ReplayFeed {
  assertReplayAllowed(opts.config);
  const state = opts.series.map((s) => ({
    ...s,
    sorted: [...s.bars].sort((a, b) => a.ts.getTime() - b.ts.getTime()),
    step: intervalMs(s.interval),
    next: 0,
  }));
  return {
    name: 'replay',
    async poll(): Promise<FeedPollResult> {
      const result = emptyPollResult();
      const now = opts.clock.now().getTime();
      for (const s of state) {
        let end = s.next;
        while (end < s.sorted.length && s.sorted[end]!.ts.getTime() + s.step <= now) end++;
        for (let from = s.next; from < end; from += APPEND_SLICE) {
          const slice = s.sorted.slice(from, Math.min(end, from + APPEND_SLICE));
          const bars: CandidateBar[] = slice.map((b, i) => ({ ...b, at: { index: from + i } }));
          const report = await opts.market.appendBars({ symbol: s.symbol, interval: s.interval, bars });
          result.appended += report.inserted;
          result.reports.push(report);
          // Only move on once the slice is stored, so a failed poll is simply repeated.
          s.next = from + slice.length;
        }
      }
      return result;
    },
    nextPollAt(): Date | null {
      let soonest: number | undefined;
      for (const s of state) {
        const bar = s.sorted[s.next];
        if (!bar) continue;
        const close = bar.ts.getTime() + s.step;
        if (soonest === undefined || close < soonest) soonest = close;
      }
      return soonest === undefined ? null : new Date(soonest);
    },
    remaining() {
      return Object.fromEntries(state.map((s) => [`${s.symbol}/${s.interval}`, s.sorted.length - s.next]));
    },
  };
}

/** Reads a series from exchange-format CSV; a replay source must be clean, so any bad row throws. */
export function replaySeriesFromCsv(csv: string, symbol: string, interval: Interval): ReplaySeries {
  const parsed = parseBarsCsv(csv);
  const screened = screenBars(parsed.candidates, { interval });
  const bad = [...parsed.rejected, ...screened.rejected];
  if (bad.length > 0) {
    const first = bad[0]!;
    throw new AppError('csv_invalid', {
      detail: `replay data for ${symbol} has ${bad.length} bad row(s); first at line ${first.line}: ${first.message}`,
    });
  }
  return { symbol, interval, bars: screened.accepted.map(({ at: _at, ...bar }) => bar) };
}

/**
 * The demo set-up: creates the demo instruments (idempotently) and returns a replay feed over
 * the shipped real data sets. Run it with runFeed on the same replay clock the rest of the
 * process uses.
 */
export async function createDemoReplayFeed(opts: {
  config: Pick<Config, 'env' | 'demo'>;
  clock: Clock;
  market: Pick<MarketService, 'appendBars' | 'createInstrument'>;
  datasets?: readonly DemoDataset[];
}): Promise<ReplayFeed> {
  assertReplayAllowed(opts.config);
  const series: ReplaySeries[] = [];
  for (const d of opts.datasets ?? DEMO_DATASETS) {
    await opts.market.createInstrument(d.instrument);
    series.push(replaySeriesFromCsv(await readDemoCsv(d), d.instrument.symbol, d.interval));
  }
  return createReplayFeed({ config: opts.config, clock: opts.clock, market: opts.market, series });
}

/**
 * Starts the demo replay in the background of a process (`seerd all` in demo mode): the same
 * `clock` must drive the API and the scheduler of that process. Returns a stopper for shutdown.
 */
export async function startDemoReplay(opts: {
  config: Pick<Config, 'env' | 'demo'>;
  clock: Clock;
  market: Pick<MarketService, 'appendBars' | 'createInstrument'>;
  datasets?: readonly DemoDataset[];
  log?: (message: string) => void;
}): Promise<{ feed: ReplayFeed; stop(): Promise<void> }> {
  const feed = await createDemoReplayFeed(opts);
  const ac = new AbortController();
  const log = opts.log ?? (() => {});
  const loop = runFeed({
    feed,
    clock: opts.clock,
    pollEveryMs: 3_600_000,
    signal: ac.signal,
    onResult: (r) => {
      if (r.appended > 0) log(`replay ${opts.clock.now().toISOString()}: ${r.appended} bar(s) revealed`);
    },
    onError: (err) => log(`replay poll failed, retrying: ${(err as Error).message}`),
  });
  return {
    feed,
    stop: async () => {
      ac.abort(new Error('stopping replay'));
      await loop;
    },
  };
}
