/**
 * The public interface of the predictions domain: other packages import `@seer/core/predictions`, never its
 * files. Other packages' imports are added by tools/codemods/core-public-imports.mjs; edit freely.
 */

export { createPredictionAccess } from './access';
export {
  ChainPageSchema,
  ChainQuerySchema,
  CheckpointListSchema,
  CheckpointQuerySchema,
  LedgerKeyListSchema,
} from './chain.schemas';
export type { ChainService } from './chain.service';
export { createChainService } from './chain.service';
export type { LedgerSigner } from './checkpoints';
export { createLedgerSigner, loadLedgerSigner } from './checkpoints';
export type { SignRoundResult } from './checkpoints.repo';
export { signCheckpointRound } from './checkpoints.repo';
export { modelPredictionsCsv, modelPredictionsNdjson, predictionsToCsv } from './formats';
export type { HashedLedgerEntry } from './ledger';
export { chainEntriesV2, commitmentOf, entryHash, GENESIS_HASH, verifyLedger } from './ledger';
export { appendPredictions, chainPage } from './predictions.repo';
export {
  LedgerVerificationSchema,
  LedgerVerifyQuerySchema,
  PredictionListQuerySchema,
  PredictionListSchema,
} from './predictions.schemas';
export type { PredictionsService } from './predictions.service';
export { createPredictionsService } from './predictions.service';
export {
  LatestPredictionsSchema,
  LatestQuerySchema,
  ModelPredictionPageSchema,
  ModelPredictionQuerySchema,
  PlaybackQuerySchema,
  PlaybackSchema,
} from './read.schemas';
export type { CachedPage, PredictionReadService } from './read.service';
export { createPredictionReadService } from './read.service';
