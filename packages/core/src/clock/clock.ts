/**
 * What time it is, and "wake me at t". Everything that reasons about market time (bars served,
 * bars ingested, runs due) asks a Clock instead of `new Date()`, so a demo can replay history
 * and a test can step through it deterministically.
 */
export interface Clock {
  now(): Date;
  /**
   * Resolves once now() >= t (at once if t has passed). Rejects with the signal's reason when the
   * signal aborts first, so long sleeps never keep a shutting-down process alive.
   */
  sleepUntil(t: Date, signal?: AbortSignal): Promise<void>;
}

// setTimeout overflows past 2^31-1 ms (about 24.8 days) and then fires at once.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Waits `ms` real milliseconds (any length), abortable. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let timer: NodeJS.Timeout;
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const arm = (left: number) => {
      timer = setTimeout(
        () => {
          if (left > MAX_TIMER_MS) arm(left - MAX_TIMER_MS);
          else {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          }
        },
        Math.max(0, Math.min(left, MAX_TIMER_MS)),
      );
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    arm(ms);
  });
}

/** Real time. The only clock production uses. */
export const systemClock: Clock = {
  now: () => new Date(),
  async sleepUntil(t, signal) {
    // Timers may fire a little early; loop until the wall clock really is there.
    for (;;) {
      const left = t.getTime() - Date.now();
      if (left <= 0) {
        if (signal?.aborted) throw signal.reason;
        return;
      }
      await delay(left, signal);
    }
  },
};

export interface ManualClock extends Clock {
  /** Moves time to `t` (never backwards) and wakes every sleeper whose time has come. */
  set(t: Date): void;
  advance(ms: number): void;
  /** Sleepers still waiting (useful for tests: "the scheduler is now waiting"). */
  readonly pending: number;
}

/** A clock that moves only when told to: for tests of schedulers and feeds. */
export function createManualClock(start: Date): ManualClock {
  let current = start.getTime();
  const sleepers = new Set<{ at: number; wake: () => void }>();
  const wakeDue = () => {
    for (const s of [...sleepers]) {
      if (s.at <= current) {
        sleepers.delete(s);
        s.wake();
      }
    }
  };
  return {
    now: () => new Date(current),
    sleepUntil(t, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (t.getTime() <= current) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const entry = {
          at: t.getTime(),
          wake: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          sleepers.delete(entry);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        sleepers.add(entry);
      });
    },
    set(t) {
      if (t.getTime() < current) throw new Error('a manual clock never goes backwards');
      current = t.getTime();
      wakeDue();
    },
    advance(ms) {
      this.set(new Date(current + ms));
    },
    get pending() {
      return sleepers.size;
    },
  };
}
