/**
 * Sandbox slots shared by the work classes of one worker process, in priority order: live runs,
 * then deploy checks, then backtests. A freed slot goes to the oldest waiter of the highest class;
 * `reservedForLive` slots are never given to other classes, so a live run due now starts at once
 * even while backtests fill the worker. Pure (no I/O): the worker wraps its sandbox with it.
 */
export const WORK_CLASSES = ['live', 'deploy', 'backtest'] as const;
export type WorkClass = (typeof WORK_CLASSES)[number];

export interface SlotsOptions {
  /** Sandbox runs at the same time (WORKER_CONCURRENCY). */
  capacity: number;
  /** Slots only live runs may use (clamped to capacity - 1, so other work always progresses). */
  reservedForLive: number;
}

export interface SlotStats {
  active: Record<WorkClass, number>;
  waiting: Record<WorkClass, number>;
}

export interface PrioritySlots {
  /** Resolves with a release function once a slot is granted to this class. */
  acquire(cls: WorkClass): Promise<() => void>;
  run<T>(cls: WorkClass, fn: () => Promise<T>): Promise<T>;
  stats(): SlotStats;
}

const zero = (): Record<WorkClass, number> => ({ live: 0, deploy: 0, backtest: 0 });

export function createPrioritySlots(opts: SlotsOptions): PrioritySlots {
  const capacity = Math.max(1, Math.floor(opts.capacity));
  const reserved = Math.min(Math.max(0, Math.floor(opts.reservedForLive)), capacity - 1);
  const active = zero();
  const waiting: Record<WorkClass, Array<() => void>> = { live: [], deploy: [], backtest: [] };
  const total = () => active.live + active.deploy + active.backtest;

  const canStart = (cls: WorkClass) =>
    total() < capacity && (cls === 'live' || active.deploy + active.backtest < capacity - reserved);

  const grant = () => {
    for (const cls of WORK_CLASSES) {
      // Strict priority: a lower class never jumps a waiting higher one.
      while (waiting[cls].length > 0) {
        if (!canStart(cls)) return;
        active[cls]++;
        (waiting[cls].shift() as () => void)();
      }
    }
  };

  const acquire = (cls: WorkClass): Promise<() => void> =>
    new Promise((resolve) => {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        active[cls]--;
        grant();
      };
      waiting[cls].push(() => resolve(release));
      grant();
    });

  return {
    acquire,
    async run(cls, fn) {
      const release = await acquire(cls);
      try {
        return await fn();
      } finally {
        release();
      }
    },
    stats: () => ({
      active: { ...active },
      waiting: {
        live: waiting.live.length,
        deploy: waiting.deploy.length,
        backtest: waiting.backtest.length,
      },
    }),
  };
}
