import { createApiContext } from '@seer/api/bootstrap';
import { clockFromConfig } from '@seer/core/clock';
import { startDemoReplay } from '@seer/core/market';
import { startEngines } from '@seer/worker/engines';
import type { Command } from '../cli';
import { engineLog } from '../engine-process';
import { loadConfigOrExit, onShutdown, openDatabase } from '../runtime';

export const allCommand: Command = {
  path: ['all'],
  summary:
    'Run every part of Seer in one process (the embedded default): migrate, API, scheduler and worker.',
  usage: '',
  options: {},
  async run({ io }) {
    const config = loadConfigOrExit(io);
    const db = await openDatabase(config, { migrate: true, log: (s) => io.stderr(`seerd: ${s}\n`) });
    const clock = clockFromConfig(config);
    const api = await createApiContext({ config, db, clock: () => clock.now() });
    // Scheduler and worker share one in-process dispatcher (or BullMQ when REDIS_URL is set).
    const engines = await startEngines({
      config,
      db,
      clock,
      scheduler: true,
      worker: true,
      log: engineLog(io),
      ...(config.replayStart ? { replayMsPerSimHour: config.replayMsPerSimHour } : {}),
    });
    api.ctx.metricsRegistries.push(engines.metrics.registry);
    // A replay clock (demo configurations only) reveals the shipped history as it passes each
    // bar's close; `seerd demo` is the ready-made version of this with example models.
    const replay = config.replayStart
      ? await startDemoReplay({
          config,
          clock,
          market: api.ctx.services.market,
          log: (s) => io.stderr(`seerd: ${s}\n`),
        })
      : undefined;
    await api.app.listen({ port: config.port, host: config.host });
    io.stderr(
      `seerd: Seer is running at ${config.publicUrl} (database: ${db.driver}, API docs: ${config.publicUrl}/docs)\n`,
    );
    return onShutdown(
      [async () => replay?.stop(), () => api.close(), () => engines.close(), () => db.close()],
      io,
    );
  },
};
