/**
 * The public interface of the runs domain: other packages import `@seer/core/runs`, never its
 * files. Other packages' imports are added by tools/codemods/core-public-imports.mjs; edit freely.
 */

export { comparePredictions } from './rerun-compare';
export {
  claimRerun,
  finishRerun,
  insertRerun,
  pendingReruns,
  releaseRerun,
  storedPredictionsOfRun,
} from './reruns.repo';
export type { NewRun, Run } from './runs.repo';
export {
  claimBacktest,
  claimRun,
  dispatchableBacktests,
  extendLease,
  findBacktest,
  findRun,
  findRunBySlot,
  finishRun,
  insertBacktest,
  insertRuns,
  lastLiveAsOf,
  liveStatusCounts,
  recordedLiveSince,
  releaseRun,
  runsToRedispatch,
  updateBacktest,
} from './runs.repo';
export {
  BacktestParamsSchema,
  BacktestRequestSchema,
  BacktestSchema,
  CoverageSchema,
  IdParamsSchema,
  RerunSchema,
  RunListQuerySchema,
  RunListSchema,
  VersionParamsSchema,
} from './runs.schemas';
export type { RunsService } from './runs.service';
export { createRunsService } from './runs.service';
export {
  boundariesBetween,
  decideSlot,
  liveStartDeadline,
  liveStoreDeadline,
  openBoundaries,
  parseDuration,
  symbolsInSession,
} from './schedule';
export type { RunnableVersion } from './versions.repo';
export {
  findVersionById,
  instrumentCalendars,
  listSchedulableVersions,
  symbolsWithBar,
} from './versions.repo';
