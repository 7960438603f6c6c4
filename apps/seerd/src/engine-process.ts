/**
 * `seerd scheduler` and `seerd worker`: one engine per process for the scaled deployment, with
 * the queue on Redis (BullMQ). The embedded default runs both in `seerd all` instead.
 */
import { clockFromConfig } from '@seer/core/clock';
import { startEngines } from '@seer/worker/engines';
import { type MetricsListener, startMetricsListener } from '@seer/worker/metrics-listener';
import type { CommandIo } from './cli';
import { loadConfigOrExit, onShutdown, openDatabase } from './runtime';

/** Engine log lines on stderr, one per event. */
export function engineLog(io: CommandIo) {
  return (msg: string, fields?: Record<string, unknown>) =>
    io.stderr(`seerd: ${msg}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`);
}

export async function runEngineProcess(io: CommandIo, part: 'scheduler' | 'worker'): Promise<number> {
  const config = loadConfigOrExit(io);
  if (!config.redisUrl) {
    io.stderr(
      `seerd ${part}: REDIS_URL is required for a separate ${part} process; "seerd all" runs one in-process.\n`,
    );
    return 78;
  }
  const db = await openDatabase(config, { migrate: false });
  const engines = await startEngines({
    config,
    db,
    clock: clockFromConfig(config),
    scheduler: part === 'scheduler',
    worker: part === 'worker',
    log: engineLog(io),
    ...(config.replayStart ? { replayMsPerSimHour: config.replayMsPerSimHour } : {}),
  });
  let listener: MetricsListener | undefined;
  if (config.metricsPort !== undefined) {
    try {
      listener = await startMetricsListener({
        host: config.metricsHost,
        port: config.metricsPort,
        processPrefix: `seer_${part}_`,
        registries: [engines.metrics.registry],
      });
    } catch (err) {
      await engines.close();
      await db.close();
      io.stderr(
        `seerd ${part}: cannot serve metrics on ${config.metricsHost}:${config.metricsPort} (METRICS_HOST/METRICS_PORT): ${(err as Error).message}\n`,
      );
      return 78;
    }
    io.stderr(`seerd: metrics on ${listener.url}\n`);
  }
  io.stderr(
    part === 'worker'
      ? `seerd: worker ${engines.worker?.workerId} running (concurrency ${config.workerConcurrency})\n`
      : 'seerd: scheduler running\n',
  );
  return onShutdown([async () => listener?.close(), () => engines.close(), () => db.close()], io);
}
