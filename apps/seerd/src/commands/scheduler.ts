import { clockFromConfig } from '@seer/core/clock/from-config';
import { startEngines } from '@seer/worker/engines';
import type { Command } from '../cli';
import { loadConfigOrExit, onShutdown, openDatabase } from '../runtime';

export const schedulerCommand: Command = {
  path: ['scheduler'],
  summary:
    'Create one run per deployed version at each boundary (missed ones recorded) and dispatch them; re-dispatch lost runs.',
  usage: '',
  options: {},
  async run({ io }) {
    const config = loadConfigOrExit(io);
    if (!config.redisUrl) {
      io.stderr(
        'seerd scheduler: REDIS_URL is required for a separate scheduler; "seerd all" runs one in-process.\n',
      );
      return 78;
    }
    const db = await openDatabase(config, { migrate: false });
    const clock = clockFromConfig(config);
    const engines = await startEngines({
      config,
      db,
      clock,
      scheduler: true,
      worker: false,
      log: (msg, fields) => io.stderr(`seerd: ${msg} ${fields ? JSON.stringify(fields) : ''}\n`),
      ...(config.replayStart ? { replayMsPerSimHour: config.replayMsPerSimHour } : {}),
    });
    io.stderr('seerd: scheduler running\n');
    return onShutdown([() => engines.close(), () => db.close()], io);
  },
};
