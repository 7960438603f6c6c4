/** Request and response shapes of GET /v1/models/{slug}/metrics. */
import { type Static, Type } from 'typebox';
import { SEMVER_PATTERN } from '../registry/registry.schemas';
import { RunModeSchema } from '../runs/runs.schemas';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const N = (description: string) => Nullable(Type.Number({ description }));

export const MetricsQuerySchema = Type.Object(
  {
    version: Type.Optional(Type.String({ pattern: SEMVER_PATTERN, maxLength: 64 })),
    symbol: Type.Optional(Type.String({ pattern: '^[A-Z0-9][A-Z0-9._-]{0,31}$' })),
    from: Type.Optional(
      Type.String({ format: 'date-time', description: 'as_of >= from (computed on request)' }),
    ),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'as_of <= to (computed on request)' })),
    mode: Type.Optional(Type.Union([Type.Literal('live'), Type.Literal('backtest')], { default: 'live' })),
  },
  { additionalProperties: false },
);
export type MetricsQuery = Static<typeof MetricsQuerySchema>;

export const MetricsSchema = Type.Object(
  {
    definitionVersion: Type.String(),
    definitions: Type.Record(Type.String(), Type.Integer(), {
      description: 'Definition version of each metric (docs/METRICS.md); bumped when its formula changes.',
    }),
    count: Type.Integer({ description: 'Predictions in the record (resolved and pending).' }),
    resolved: Type.Integer(),
    pending: Type.Integer(),
    coverage: N(
      'Succeeded slots over due slots (missed, failed, late count against it); null for a date range.',
    ),
    hitRate: N('Share of resolved predictions whose direction matched the realized direction.'),
    mae: N('Mean absolute error of value against the realized value (target units).'),
    rmse: N('Root mean squared error of value against the realized value.'),
    ic: N('Information coefficient: Spearman rank correlation of value and realized value.'),
    periods: Type.Integer({ description: 'Periods (distinct as_of) with at least one resolved prediction.' }),
    trades: Type.Integer({ description: 'Resolved predictions with a non-flat direction.' }),
    totalReturn: N('Final equity of the one-unit long/short strategy (sum of period returns).'),
    annualizedReturn: N('Mean period return x periods per year.'),
    annualizedVolatility: N('Sample standard deviation of period returns x sqrt(periods per year).'),
    sharpe: N('Annualised Sharpe ratio (risk-free 0).'),
    sharpePerPeriod: N('Per-period Sharpe ratio (input of PSR and DSR).'),
    sortino: N('Annualised Sortino ratio (downside deviation around 0).'),
    maxDrawdown: N('Largest fall of equity from its running peak (equity starts at 0).'),
    maxDrawdownDuration: N('Longest run of periods below a previous peak.'),
    calmar: N('Annualised return over maximum drawdown.'),
    winRate: N('Winning trades over trades.'),
    profitFactor: N('Gross profit over gross loss (null without losses).'),
    bestPeriod: N('Best period return.'),
    worstPeriod: N('Worst period return.'),
    psr: N('Probabilistic Sharpe ratio: P(true Sharpe > 0).'),
    dsr: N('Deflated Sharpe ratio: PSR against the expected maximum Sharpe of `trials` versions.'),
    trials: Type.Integer({
      description: 'Versions of the model ever deployed (the trials DSR deflates for).',
    }),
    skewness: N('Skewness of period returns.'),
    kurtosis: N('Kurtosis (non-excess) of period returns.'),
  },
  { additionalProperties: false, title: 'Metrics' },
);

export const DivergenceSchema = Type.Object(
  {
    status: Type.Union(
      [Type.Literal('insufficient_data'), Type.Literal('consistent'), Type.Literal('diverging')],
      { description: 'diverging: live departs from the backtest by more than chance explains (p < alpha).' },
    ),
    statistic: N('z statistic of the mean per-period (live - backtest) strategy return difference.'),
    pValue: N('Two-sided p-value of that statistic.'),
    n: Type.Integer({ description: 'Periods resolved in both the live and the backtest record.' }),
    meanDifference: N('Mean per-period return difference, live - backtest.'),
    alpha: Type.Number(),
    minPeriods: Type.Integer(),
  },
  { additionalProperties: false, title: 'Divergence' },
);

export const ModelMetricsSchema = Type.Object(
  {
    model: Type.String(),
    mode: RunModeSchema,
    symbol: Nullable(Type.String()),
    from: Nullable(Type.String({ format: 'date-time' })),
    to: Nullable(Type.String({ format: 'date-time' })),
    source: Type.Union([Type.Literal('snapshot'), Type.Literal('computed')], {
      description: 'snapshot: maintained as outcomes land; computed: on request (a date range).',
    }),
    versions: Type.Array(
      Type.Object(
        {
          version: Type.String(),
          status: Type.String(),
          computedAt: Nullable(Type.String({ format: 'date-time' })),
          metrics: MetricsSchema,
          divergence: Nullable(DivergenceSchema),
        },
        { additionalProperties: false },
      ),
      { description: "Every version's own record (retired ones included), never mixed." },
    ),
  },
  { additionalProperties: false, title: 'ModelMetrics' },
);
export type ModelMetrics = Static<typeof ModelMetricsSchema>;
