/** The metric cards: label, format and the definition shown in each tooltip (docs/METRICS.md). */
import type { Metrics } from '../../api/types';
import { formatPercent } from '../../components/format';

export interface MetricDef {
  key: keyof Metrics;
  label: string;
  format: (v: number | null) => string;
  definition: string;
}

const ratio = (v: number | null) => (v === null ? '—' : v.toFixed(2));
const pct = (v: number | null) => formatPercent(v, 1);
const pct2 = (v: number | null) => formatPercent(v, 2);
const count = (v: number | null) => (v === null ? '—' : String(v));

export const METRICS: MetricDef[] = [
  {
    key: 'totalReturn',
    label: 'Total return',
    format: pct2,
    definition:
      'The sum of the period returns of a strategy holding one unit long or short in the predicted direction each period (no compounding): the last point of the equity curve.',
  },
  {
    key: 'sharpe',
    label: 'Sharpe ratio',
    format: ratio,
    definition:
      'Mean period return over its standard deviation, annualised by the square root of the periods per year (risk-free rate 0).',
  },
  {
    key: 'maxDrawdown',
    label: 'Max drawdown',
    format: pct2,
    definition:
      'The largest fall of the equity curve from a running peak (the peak starts at 0) to a later point, in return units.',
  },
  {
    key: 'hitRate',
    label: 'Hit rate',
    format: pct,
    definition:
      'Resolved predictions whose direction matched the realized return, over all resolved predictions (a flat call is a hit only on a flat outcome).',
  },
  {
    key: 'coverage',
    label: 'Coverage',
    format: pct,
    definition:
      'Succeeded slots over due slots: every scheduled run since deploy whose grace has passed, market-closed hours excluded; missed, failed and timed-out runs count against it.',
  },
  {
    key: 'annualizedReturn',
    label: 'Annualised return',
    format: pct,
    definition: 'Mean period return times the periods per year (8,760 for hourly, 365 for daily).',
  },
  {
    key: 'sortino',
    label: 'Sortino ratio',
    format: ratio,
    definition:
      'Mean period return over the downside deviation (root mean square of the losing periods, target 0), annualised.',
  },
  {
    key: 'ic',
    label: 'Information coefficient',
    format: ratio,
    definition:
      'Spearman rank correlation between the predicted values and the realized values over resolved predictions.',
  },
  {
    key: 'winRate',
    label: 'Win rate',
    format: pct,
    definition: 'Trades (non-flat resolved predictions) that made money, over all trades.',
  },
  {
    key: 'profitFactor',
    label: 'Profit factor',
    format: ratio,
    definition: 'Sum of winning trade returns over the absolute sum of losing trade returns.',
  },
  {
    key: 'psr',
    label: 'Probabilistic Sharpe',
    format: pct,
    definition:
      'The probability that the true Sharpe ratio is above 0 given the record’s length, skewness and kurtosis (Bailey and López de Prado, 2012).',
  },
  {
    key: 'dsr',
    label: 'Deflated Sharpe',
    format: pct,
    definition:
      'The probabilistic Sharpe ratio against the best Sharpe expected by luck from all versions ever deployed (the trials), so trying many versions does not flatter the record.',
  },
  {
    key: 'resolved',
    label: 'Resolved predictions',
    format: count,
    definition:
      'Predictions in the record whose outcome is known; the others are pending until their horizon has passed.',
  },
];
