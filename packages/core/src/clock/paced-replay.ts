/**
 * A replay that waits for the platform. The demo steps a manual clock through history in small
 * increments and, after each step, lets the platform finish what that instant asked of it (reveal
 * the bars that just closed, schedule and run the models that are due) before moving on. A slow
 * machine therefore replays more slowly instead of turning every slot into a missed run, and a
 * fast one is held to at least `minRealMsPerStep` per step so people can watch it happen.
 *
 * Like the replay clock, it exists only in demo configurations.
 */
import type { Config } from '../config';
import { delay, type ManualClock } from './clock';
import { assertReplayAllowed } from './replay-clock';

export interface PacedReplayOptions {
  config: Pick<Config, 'env' | 'demo'>;
  clock: ManualClock;
  /** Simulated milliseconds per step. */
  stepMs: number;
  /** Real milliseconds each step lasts at least. */
  minRealMsPerStep: number;
  /** The platform's work for the new instant; the next step waits for it. */
  afterStep: (now: Date) => Promise<void>;
  /** Stop (resolve) once simulated time reaches this instant. */
  until?: Date;
  signal: AbortSignal;
  onError?: (err: unknown) => void;
}

export async function runPacedReplay(opts: PacedReplayOptions): Promise<void> {
  assertReplayAllowed(opts.config);
  if (!(opts.stepMs > 0)) throw new Error('stepMs must be positive');
  while (!opts.signal.aborted) {
    if (opts.until && opts.clock.now().getTime() >= opts.until.getTime()) return;
    const started = Date.now();
    opts.clock.advance(opts.stepMs);
    try {
      await opts.afterStep(opts.clock.now());
    } catch (err) {
      // The step's work is retried by the platform's own loops; the replay keeps going.
      opts.onError?.(err);
    }
    const left = opts.minRealMsPerStep - (Date.now() - started);
    try {
      await delay(Math.max(0, left), opts.signal);
    } catch {
      return; // aborted
    }
  }
}
