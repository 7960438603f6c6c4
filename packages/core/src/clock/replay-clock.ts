/**
 * A clock for demos that walks through history faster than real time: simulated time starts at
 * `start` and advances `3_600_000 / msPerSimHour` times faster than the wall clock. It exists
 * only in demo configurations: a replayed "live" record in production would be a fabrication.
 */
import type { Config } from '../config';
import { AppError } from '../errors';
import '../market/market.errors';
import { type Clock, delay } from './clock';

/** Throws unless the configuration is a demo outside production. */
export function assertReplayAllowed(config: Pick<Config, 'env' | 'demo'>): void {
  if (config.env === 'production') {
    throw new AppError('replay_not_allowed', {
      detail:
        'The replay clock is refused when NODE_ENV=production: predictions recorded against replayed history would pose as a live track record.',
    });
  }
  if (!config.demo) {
    throw new AppError('replay_not_allowed', {
      detail:
        'The replay clock is only available on demo instances (set SEER_DEMO=true, never in production).',
    });
  }
}

export interface ReplayClockOptions {
  config: Pick<Config, 'env' | 'demo'>;
  /** Simulated instant at which the replay starts. */
  start: Date;
  /** Real milliseconds per simulated hour, e.g. 1000: one simulated hour per second. */
  msPerSimHour: number;
  /** Real time source (ms since epoch); injectable for tests. */
  realNow?: () => number;
  /** Real waiting; injectable for tests. */
  realDelay?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface ReplayClock extends Clock {
  readonly start: Date;
  /** Simulated milliseconds per real millisecond. */
  readonly speed: number;
}

export function createReplayClock(opts: ReplayClockOptions): ReplayClock {
  assertReplayAllowed(opts.config);
  if (!Number.isFinite(opts.msPerSimHour) || opts.msPerSimHour <= 0) {
    throw new AppError('validation_failed', {
      detail: 'msPerSimHour must be a positive number of milliseconds.',
    });
  }
  if (!Number.isFinite(opts.start.getTime())) {
    throw new AppError('validation_failed', { detail: 'start must be a valid instant.' });
  }
  const realNow = opts.realNow ?? Date.now;
  const realDelay = opts.realDelay ?? delay;
  const speed = 3_600_000 / opts.msPerSimHour;
  const realStart = realNow();
  const simStart = opts.start.getTime();
  const simNow = () => simStart + (realNow() - realStart) * speed;
  return {
    start: new Date(simStart),
    speed,
    now: () => new Date(Math.floor(simNow())),
    async sleepUntil(t, signal) {
      for (;;) {
        const left = t.getTime() - simNow();
        if (left <= 0) {
          if (signal?.aborted) throw signal.reason;
          return;
        }
        await realDelay(Math.max(1, Math.ceil(left / speed)), signal);
      }
    },
  };
}
