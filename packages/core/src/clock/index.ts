/**
 * The public interface of the clock domain: other packages import `@seer/core/clock`, never its
 * files. Other packages' imports are added by tools/codemods/core-public-imports.mjs; edit freely.
 */

export type { Clock, ManualClock } from './clock';
export { createManualClock, delay, systemClock } from './clock';
export { clockFromConfig } from './from-config';
export { runPacedReplay } from './paced-replay';
export { createReplayClock } from './replay-clock';
