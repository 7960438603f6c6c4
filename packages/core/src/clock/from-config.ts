/** The clock a process runs on, from its configuration: real time, or the demo replay clock. */
import type { Config } from '../config';
import { type Clock, systemClock } from './clock';
import { createReplayClock } from './replay-clock';

export function clockFromConfig(
  config: Pick<Config, 'env' | 'demo' | 'replayStart' | 'replayMsPerSimHour'>,
): Clock {
  if (config.replayStart === undefined) return systemClock;
  // createReplayClock refuses production and non-demo configurations itself.
  return createReplayClock({ config, start: config.replayStart, msPerSimHour: config.replayMsPerSimHour });
}
