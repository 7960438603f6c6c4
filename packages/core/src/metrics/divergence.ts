/**
 * The divergence alarm: does a version's live record depart from its own backtest over the same
 * periods by more than chance explains? Pure function over plain values, no I/O (docs/METRICS.md,
 * "Divergence").
 *
 * Test: a paired test on the per-period strategy returns (metrics.ts `strategyPeriods`). For every
 * period (as_of instant) resolved in BOTH records, d_t = live_t - backtest_t. With n such periods,
 * mean m and sample standard deviation s of d, the statistic is z = m / (s / sqrt(n)) and the
 * two-sided p-value 2 * (1 - Phi(|z|)) (normal approximation, fine for n >= 30).
 *
 * - fewer than DIVERGENCE_MIN_PERIODS common periods: `insufficient_data` (statistic and p null);
 * - s = 0: identical differences; all zero is `consistent` (z = 0, p = 1), a constant non-zero
 *   difference is `diverging` (statistic null: infinite; p = 0);
 * - p < DIVERGENCE_ALPHA: `diverging`, else `consistent`.
 */
import { mean, normCdf, type ScoredPrediction, stdev, strategyPeriods } from './metrics';

export const DIVERGENCE_DEFINITION = 1;
/** Two-sided significance level below which the live record is said to diverge. */
export const DIVERGENCE_ALPHA = 0.01;
/** Common resolved periods needed before any verdict. */
export const DIVERGENCE_MIN_PERIODS = 30;

export type DivergenceStatus = 'insufficient_data' | 'consistent' | 'diverging';

export interface Divergence {
  status: DivergenceStatus;
  /** z statistic of the mean per-period (live - backtest) return difference; null when undefined. */
  statistic: number | null;
  pValue: number | null;
  /** Periods resolved in both records. */
  n: number;
  /** Mean per-period return difference (live - backtest); null without common periods. */
  meanDifference: number | null;
  alpha: number;
  minPeriods: number;
}

/** Pairs two per-period return series on their common instants. */
export function pairedDifferences(
  live: { t: readonly number[]; returns: readonly number[] },
  backtest: { t: readonly number[]; returns: readonly number[] },
): number[] {
  const bt = new Map<number, number>();
  for (let i = 0; i < backtest.t.length; i++) bt.set(backtest.t[i] as number, backtest.returns[i] as number);
  const out: number[] = [];
  live.t.forEach((t, i) => {
    const b = bt.get(t);
    if (b !== undefined) out.push((live.returns[i] as number) - b);
  });
  return out;
}

/** The verdict from paired differences (live - backtest), one per common period. */
export function divergenceFromDifferences(
  diffs: readonly number[],
  opts: { alpha?: number; minPeriods?: number } = {},
): Divergence {
  const alpha = opts.alpha ?? DIVERGENCE_ALPHA;
  const minPeriods = opts.minPeriods ?? DIVERGENCE_MIN_PERIODS;
  const n = diffs.length;
  const base = { n, alpha, minPeriods, meanDifference: n > 0 ? mean(diffs) : null };
  if (n < Math.max(2, minPeriods))
    return { ...base, status: 'insufficient_data', statistic: null, pValue: null };
  const m = mean(diffs);
  const s = stdev(diffs);
  if (s === 0 || !Number.isFinite(s)) {
    return m === 0
      ? { ...base, status: 'consistent', statistic: 0, pValue: 1 }
      : { ...base, status: 'diverging', statistic: null, pValue: 0 };
  }
  const z = m / (s / Math.sqrt(n));
  const p = Math.min(1, Math.max(0, 2 * (1 - normCdf(Math.abs(z)))));
  return { ...base, status: p < alpha ? 'diverging' : 'consistent', statistic: z, pValue: p };
}

/** The alarm for one version: its live and backtest predictions (pending ones are ignored). */
export function divergence(
  live: readonly ScoredPrediction[],
  backtest: readonly ScoredPrediction[],
  opts: { alpha?: number; minPeriods?: number } = {},
): Divergence {
  return divergenceFromDifferences(pairedDifferences(strategyPeriods(live), strategyPeriods(backtest)), opts);
}
