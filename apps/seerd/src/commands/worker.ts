import { clockFromConfig } from '@seer/core/clock/from-config';
import { startEngines } from '@seer/worker/engines';
import type { Command } from '../cli';
import { loadConfigOrExit, onShutdown, openDatabase } from '../runtime';

export const workerCommand: Command = {
  path: ['worker'],
  summary:
    'Execute runs, outcomes and backtests from the queue (BullMQ with REDIS_URL; without it, use "seerd all").',
  usage: '',
  options: {},
  async run({ io }) {
    const config = loadConfigOrExit(io);
    if (!config.redisUrl) {
      io.stderr(
        'seerd worker: REDIS_URL is required for a separate worker process; "seerd all" runs one in-process.\n',
      );
      return 78;
    }
    const db = await openDatabase(config, { migrate: false });
    const clock = clockFromConfig(config);
    const engines = await startEngines({ config, db, clock, scheduler: false, worker: true });
    io.stderr(
      `seerd: worker ${engines.worker?.workerId} running (concurrency ${config.workerConcurrency})\n`,
    );
    return onShutdown([() => engines.close(), () => db.close()], io);
  },
};
