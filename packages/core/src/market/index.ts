/**
 * The public interface of the market domain: other packages import `@seer/core/market`, never its
 * files. Other packages' imports are added by tools/codemods/core-public-imports.mjs; edit freely.
 */

export type { Bar } from './bar';
export { isTradingCalendar, TRADING_CALENDARS } from './calendar';
export { DEMO_DATASETS, readDemoCsv } from './demo-data';
export type { FeedPollResult } from './feed';
export { runFeed } from './feed';
export { createFolderFeed } from './folder-feed';
export { dataFreshness } from './freshness';
export type { Interval } from './intervals';
export { intervalMs, isBarInterval, previousBoundary } from './intervals';
export { createMarketRepo } from './market.repo';
export type { AssetClass, BarsBody, IngestReport } from './market.schemas';
export {
  AdminBarsQuerySchema,
  ASSET_CLASSES,
  BarsBodySchema,
  BarsPageSchema,
  BarsQuerySchema,
  CreateInstrumentBodySchema,
  IngestReportSchema,
  InstrumentDetailSchema,
  InstrumentListQuerySchema,
  InstrumentListSchema,
  InstrumentSchema,
} from './market.schemas';
export type { MarketActor, MarketService } from './market.service';
export { createMarketService } from './market.service';
export { createDemoReplayFeed, startDemoReplay } from './replay-feed';
