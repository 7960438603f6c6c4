/**
 * A clock that stands still at `start` until it is released to another clock (which should
 * itself start at `start`). The demo uses it so that setting up (publishing and deploying the
 * example models, loading the backlog) happens at one instant of simulated time, and the replay
 * begins only once everything is ready: no boundary passes unnoticed during set-up.
 */
import type { Clock } from './clock';

export interface HeldClock extends Clock {
  release(to: Clock): void;
  readonly released: boolean;
}

export function createHeldClock(start: Date): HeldClock {
  let inner: Clock | undefined;
  let wake: () => void = () => {};
  const releasedSignal = new Promise<void>((resolve) => {
    wake = resolve;
  });
  return {
    get released() {
      return inner !== undefined;
    },
    now: () => (inner ? inner.now() : new Date(start.getTime())),
    async sleepUntil(t, signal) {
      if (!inner) {
        if (t.getTime() <= start.getTime()) {
          if (signal?.aborted) throw signal.reason;
          return;
        }
        await new Promise<void>((resolve, reject) => {
          if (signal?.aborted) return reject(signal.reason);
          const onAbort = () => reject(signal?.reason);
          signal?.addEventListener('abort', onAbort, { once: true });
          void releasedSignal.then(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          });
        });
      }
      return inner!.sleepUntil(t, signal);
    },
    release(to) {
      if (inner) throw new Error('the clock was already released');
      inner = to;
      wake();
    },
  };
}
