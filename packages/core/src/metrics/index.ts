/**
 * The public interface of the metrics domain: other packages import `@seer/core/metrics`, never its
 * files. Other packages' imports are added by tools/codemods/core-public-imports.mjs; edit freely.
 */

export type { ScoredPrediction } from './metrics';
export { computeMetrics } from './metrics';
export { MetricsQuerySchema, ModelMetricsSchema } from './metrics.schemas';
export type { MetricsService } from './metrics.service';
export { createMetricsService } from './metrics.service';
