/**
 * Live data comes in through feeds. A feed polls its source and appends CLOSED bars only,
 * through the same path as every other import (validation, idempotence, immutability), so
 * polling twice, or re-reading a source after a crash, changes nothing. Operators plug in
 * their own vendor by implementing Feed (docs/MARKET-DATA.md shows a REST adapter).
 */
import type { Clock } from '../clock/clock';
import type { IngestReport } from './market.schemas';
import type { MarketService } from './market.service';

export interface FeedPollResult {
  /** New bars stored by this poll. */
  appended: number;
  /** One report per batch handed to the market service (per file, per symbol...). */
  reports: IngestReport[];
  /** Sources that could not be processed this time (they are retried or set aside). */
  errors: Array<{ source: string; code: string; detail: string }>;
}

export interface Feed {
  readonly name: string;
  poll(): Promise<FeedPollResult>;
  /**
   * When the feed next has something to do: a Date, `undefined` to be polled at the regular
   * interval, or `null` when it is finished (a replay that has revealed every bar).
   */
  nextPollAt?(): Date | null | undefined;
}

/** What a feed needs from the market service. */
export type BarSink = Pick<MarketService, 'appendBars'>;

export interface RunFeedOptions {
  feed: Feed;
  clock: Clock;
  /** Poll interval in the clock's time when the feed does not say when to come back. */
  pollEveryMs: number;
  signal: AbortSignal;
  onResult?: (result: FeedPollResult) => void;
  /** A poll that throws (database down...) is reported and retried at the next interval. */
  onError?: (err: unknown) => void;
}

/** Polls a feed until the signal aborts or the feed says it is finished. */
export async function runFeed(opts: RunFeedOptions): Promise<void> {
  const { feed, clock, signal } = opts;
  while (!signal.aborted) {
    let failed = false;
    try {
      // Not `onResult?.(await poll())`: optional chaining would skip the poll without a callback.
      const result = await feed.poll();
      opts.onResult?.(result);
    } catch (err) {
      failed = true;
      opts.onError?.(err);
    }
    const next = feed.nextPollAt?.();
    if (next === null) return;
    const regular = new Date(clock.now().getTime() + opts.pollEveryMs);
    // After a failure the feed's own schedule is stale (it is still due), so back off instead.
    const wake = !failed && next && next.getTime() < regular.getTime() ? next : regular;
    try {
      await clock.sleepUntil(wake, signal);
      // A feed that is due again at once must still let timers and I/O run in between.
      await new Promise((resolve) => setImmediate(resolve));
    } catch {
      return; // aborted
    }
  }
}

export function emptyPollResult(): FeedPollResult {
  return { appended: 0, reports: [], errors: [] };
}
