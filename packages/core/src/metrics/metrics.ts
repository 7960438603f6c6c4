/**
 * Performance metrics of a prediction record: pure functions over plain values, no I/O.
 * Every formula is written out in docs/METRICS.md; each metric carries a definition version
 * (METRIC_DEFINITIONS) that changes whenever its formula does, so a change shows in the API.
 * Independent expected values for the fixtures come from python/tools/metrics_reference.py
 * (pandas/numpy/scipy).
 */
import type { Interval } from '../market/intervals';
// A type-only import: erased at run time, so no cycle with divergence.ts (which imports this file).
import type { Divergence } from './divergence';

/** Bump the metric's number when its formula changes; the set's name when any does. */
export const METRIC_DEFINITIONS = {
  count: 1,
  coverage: 1,
  hitRate: 1,
  mae: 1,
  rmse: 1,
  ic: 1,
  equity: 1,
  totalReturn: 1,
  annualizedReturn: 1,
  annualizedVolatility: 1,
  sharpe: 1,
  sortino: 1,
  maxDrawdown: 1,
  maxDrawdownDuration: 1,
  calmar: 1,
  winRate: 1,
  profitFactor: 1,
  bestPeriod: 1,
  worstPeriod: 1,
  psr: 1,
  dsr: 1,
} as const;
export const METRICS_DEFINITION_VERSION = 'seer-metrics-1';

/** Periods per (365-day) year for each bar interval. */
export const PERIODS_PER_YEAR: Readonly<Record<Interval, number>> = {
  '1h': 8760,
  '4h': 2190,
  '1d': 365,
};

/** One prediction with, once known, its outcome. */
export interface ScoredPrediction {
  /** as_of in epoch milliseconds: predictions with the same as_of form one period. */
  t: number;
  symbol: string;
  target: 'return' | 'direction' | 'price';
  value: number;
  /** null while the outcome is pending. */
  realizedValue: number | null;
  realizedReturn: number | null;
  /** Close at as_of (needed to read a price prediction's direction); null while pending. */
  baseClose: number | null;
}

export interface MetricsInput {
  predictions: readonly ScoredPrediction[];
  periodsPerYear: number;
  /** Live slots for coverage (succeeded over due); null when not applicable (e.g. a date range). */
  slots?: { succeeded: number; due: number } | null;
  /** Per-period Sharpe ratios of every deployed version of the model (this one included), for the deflated Sharpe. */
  trialSharpes?: readonly number[];
}

export interface Metrics {
  definitionVersion: string;
  definitions: typeof METRIC_DEFINITIONS;
  count: number;
  resolved: number;
  pending: number;
  coverage: number | null;
  hitRate: number | null;
  mae: number | null;
  rmse: number | null;
  ic: number | null;
  periods: number;
  trades: number;
  totalReturn: number | null;
  annualizedReturn: number | null;
  annualizedVolatility: number | null;
  sharpe: number | null;
  /** Per-period (not annualised) Sharpe, the input of PSR/DSR. */
  sharpePerPeriod: number | null;
  sortino: number | null;
  maxDrawdown: number | null;
  maxDrawdownDuration: number | null;
  calmar: number | null;
  winRate: number | null;
  profitFactor: number | null;
  bestPeriod: number | null;
  worstPeriod: number | null;
  psr: number | null;
  dsr: number | null;
  trials: number;
  /** Population skewness and (non-excess) kurtosis of the period returns: inputs of PSR/DSR. */
  skewness: number | null;
  kurtosis: number | null;
  /** Whole-record snapshots only: the live-vs-backtest divergence alarm (divergence.ts), stored with the snapshot. */
  divergence?: Divergence;
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The direction a prediction calls: +1 up, -1 down, 0 flat. */
export function predictedDirection(p: Pick<ScoredPrediction, 'target' | 'value' | 'baseClose'>): -1 | 0 | 1 {
  const x = p.target === 'price' ? (p.baseClose === null ? 0 : p.value - p.baseClose) : p.value;
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}

export function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample standard deviation (n - 1); NaN below two points; exactly 0 when all values are equal. */
export function stdev(xs: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return Number.NaN;
  if (xs.every((x) => x === xs[0])) return 0;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return Math.sqrt(s / (n - 1));
}

/** Average ranks (1-based), ties share the mean of their positions (as pandas rank()). */
export function ranks(xs: readonly number[]): number[] {
  const idx = xs.map((_, i) => i).sort((a, b) => (xs[a] as number) - (xs[b] as number));
  const r = new Array<number>(xs.length);
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && xs[idx[j + 1] as number] === xs[idx[i] as number]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[idx[k] as number] = avg;
    i = j + 1;
  }
  return r;
}

export function pearson(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  if (n < 2) return Number.NaN;
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] as number) - ma;
    const db = (b[i] as number) - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa === 0 || sbb === 0) return Number.NaN;
  return sab / Math.sqrt(saa * sbb);
}

/** Spearman rank correlation: Pearson on average ranks. NaN when either side is constant. */
export function spearman(a: readonly number[], b: readonly number[]): number {
  return pearson(ranks(a), ranks(b));
}

/** Standard normal CDF (about 1e-14 relative accuracy). */
export function normCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

function erfc(x: number): number {
  // The Taylor series of erf near 0, Laplace's continued fraction for erfc in the tail.
  const z = Math.abs(x);
  let r: number;
  if (z < 2) r = 1 - erfSeries(z);
  else r = erfcContinuedFraction(z);
  return x >= 0 ? r : 2 - r;
}

function erfSeries(x: number): number {
  // erf(x) = 2/sqrt(pi) * sum_n (-1)^n x^(2n+1) / (n! (2n+1))
  let term = x;
  let sum = x;
  for (let n = 1; n < 60; n++) {
    term *= (-x * x) / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

function erfcContinuedFraction(x: number): number {
  // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + 2/(x + ...))))), Lentz's method.
  const tiny = 1e-300;
  let f = x;
  if (f === 0) f = tiny;
  let c = f;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** Inverse standard normal CDF: Acklam's approximation refined by two Newton steps. */
export function normInv(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const pl = 0.02425;
  let x: number;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  } else if (p <= 1 - pl) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
      (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  for (let k = 0; k < 2; k++) {
    const e = normCdf(x) - p;
    const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
    x = x - u / (1 + (x * u) / 2);
  }
  return x;
}

/** Per-period strategy returns: mean over the period's predictions of direction x realized return. */
export function strategyPeriods(predictions: readonly ScoredPrediction[]): {
  t: number[];
  returns: number[];
  tradePnls: number[];
} {
  const byT = new Map<number, { sum: number; n: number }>();
  const tradePnls: number[] = [];
  for (const p of predictions) {
    if (p.realizedReturn === null) continue;
    const dir = predictedDirection(p);
    const pnl = dir * p.realizedReturn;
    if (dir !== 0) tradePnls.push(pnl);
    const cell = byT.get(p.t);
    if (cell) {
      cell.sum += pnl;
      cell.n += 1;
    } else byT.set(p.t, { sum: pnl, n: 1 });
  }
  const t = [...byT.keys()].sort((a, b) => a - b);
  const returns = t.map((k) => {
    const c = byT.get(k) as { sum: number; n: number };
    return c.sum / c.n;
  });
  return { t, returns, tradePnls };
}

/** Equity after each period: the running sum of period returns (one unit per period, no compounding). */
export function equityCurve(returns: readonly number[]): number[] {
  const out = new Array<number>(returns.length);
  let e = 0;
  for (let i = 0; i < returns.length; i++) {
    e += returns[i] as number;
    out[i] = e;
  }
  return out;
}

/** Largest fall from a running peak of the equity (which starts at 0), and the longest time under water in periods. */
export function drawdown(equity: readonly number[]): { maxDrawdown: number; duration: number } {
  let peak = 0;
  let peakIdx = -1;
  let maxDd = 0;
  let longest = 0;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i] as number;
    if (e >= peak) {
      peak = e;
      peakIdx = i;
    } else {
      maxDd = Math.max(maxDd, peak - e);
      longest = Math.max(longest, i - peakIdx);
    }
  }
  return { maxDrawdown: maxDd, duration: longest };
}

/** Population skewness and (non-excess) kurtosis, as in Bailey & López de Prado. */
export function moments(xs: readonly number[]): { skew: number; kurtosis: number } {
  const m = mean(xs);
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d = x - m;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  const n = xs.length;
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return { skew: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) };
}

/**
 * Probabilistic Sharpe ratio: the probability that the true per-period Sharpe exceeds `benchmark`,
 * given n periods, skewness and kurtosis of the returns.
 */
export function probabilisticSharpe(o: {
  sharpe: number;
  n: number;
  skew: number;
  kurtosis: number;
  benchmark: number;
}): number {
  const denom = 1 - o.skew * o.sharpe + ((o.kurtosis - 1) / 4) * o.sharpe * o.sharpe;
  if (!(denom > 0) || o.n < 2) return Number.NaN;
  return normCdf(((o.sharpe - o.benchmark) * Math.sqrt(o.n - 1)) / Math.sqrt(denom));
}

const EULER_GAMMA = 0.5772156649015329;

/** Expected maximum per-period Sharpe of N independent trials with this variance of Sharpes and true Sharpe 0. */
export function expectedMaxSharpe(trials: number, variance: number): number {
  if (trials < 2 || !(variance > 0)) return 0;
  return (
    Math.sqrt(variance) *
    ((1 - EULER_GAMMA) * normInv(1 - 1 / trials) + EULER_GAMMA * normInv(1 - 1 / (trials * Math.E)))
  );
}

export function computeMetrics(input: MetricsInput): Metrics {
  const preds = input.predictions;
  const resolved = preds.filter((p) => p.realizedValue !== null && p.realizedReturn !== null);
  const P = input.periodsPerYear;

  let hits = 0;
  let absErr = 0;
  let sqErr = 0;
  for (const p of resolved) {
    const realizedDir = Math.sign(p.realizedReturn as number);
    if (predictedDirection(p) === realizedDir) hits++;
    const e = p.value - (p.realizedValue as number);
    absErr += Math.abs(e);
    sqErr += e * e;
  }
  const nr = resolved.length;
  const ic =
    nr >= 2
      ? finite(
          spearman(
            resolved.map((p) => p.value),
            resolved.map((p) => p.realizedValue as number),
          ),
        )
      : null;

  const { returns, tradePnls } = strategyPeriods(resolved);
  const n = returns.length;
  const mu = n > 0 ? mean(returns) : Number.NaN;
  const sd = stdev(returns);
  const downside = n > 0 ? Math.sqrt(mean(returns.map((r) => Math.min(r, 0) ** 2))) : Number.NaN;
  const sharpePP = sd > 0 ? mu / sd : Number.NaN;
  const eq = equityCurve(returns);
  const dd = drawdown(eq);
  const wins = tradePnls.filter((x) => x > 0);
  const losses = tradePnls.filter((x) => x < 0);
  const grossWin = wins.reduce((s, x) => s + x, 0);
  const grossLoss = -losses.reduce((s, x) => s + x, 0);

  let psr: number | null = null;
  const mo = n >= 2 && Number.isFinite(sharpePP) ? moments(returns) : null;
  if (mo) psr = finite(probabilisticSharpe({ sharpe: sharpePP, n, ...mo, benchmark: 0 }));
  const trials = Math.max(1, input.trialSharpes?.length ?? 1);
  const dsr =
    psr === null || !mo
      ? null
      : deflatedSharpe(
          { sharpePerPeriod: sharpePP, periods: n, skewness: mo.skew, kurtosis: mo.kurtosis },
          input.trialSharpes ?? [],
        );

  const annRet = n > 0 ? mu * P : null;
  const slots = input.slots ?? null;
  return {
    definitionVersion: METRICS_DEFINITION_VERSION,
    definitions: METRIC_DEFINITIONS,
    count: preds.length,
    resolved: nr,
    pending: preds.length - nr,
    coverage: slots && slots.due > 0 ? slots.succeeded / slots.due : null,
    hitRate: nr > 0 ? hits / nr : null,
    mae: nr > 0 ? absErr / nr : null,
    rmse: nr > 0 ? Math.sqrt(sqErr / nr) : null,
    ic,
    periods: n,
    trades: tradePnls.length,
    totalReturn: n > 0 ? (eq[n - 1] as number) : null,
    annualizedReturn: annRet,
    annualizedVolatility: finite(sd * Math.sqrt(P)),
    sharpe: finite(sharpePP * Math.sqrt(P)),
    sharpePerPeriod: finite(sharpePP),
    sortino: downside > 0 ? finite((mu / downside) * Math.sqrt(P)) : null,
    maxDrawdown: n > 0 ? dd.maxDrawdown : null,
    maxDrawdownDuration: n > 0 ? dd.duration : null,
    calmar: annRet !== null && dd.maxDrawdown > 0 ? annRet / dd.maxDrawdown : null,
    winRate: tradePnls.length > 0 ? wins.length / tradePnls.length : null,
    profitFactor: grossLoss > 0 ? grossWin / grossLoss : null,
    bestPeriod: n > 0 ? returns.reduce((a, b) => Math.max(a, b)) : null,
    worstPeriod: n > 0 ? returns.reduce((a, b) => Math.min(a, b)) : null,
    psr,
    dsr,
    trials,
    skewness: mo ? finite(mo.skew) : null,
    kurtosis: mo ? finite(mo.kurtosis) : null,
  };
}

/**
 * Deflated Sharpe ratio: PSR against the Sharpe the best of N trials would show by luck, where N
 * is the number of trial Sharpes given (every deployed version of the model) and their sample
 * variance estimates the spread of Sharpes across trials. One trial: the PSR against 0.
 */
export function deflatedSharpe(
  m: { sharpePerPeriod: number | null; periods: number; skewness: number | null; kurtosis: number | null },
  trialSharpes: readonly (number | null)[],
): number | null {
  if (m.sharpePerPeriod === null || m.skewness === null || m.kurtosis === null || m.periods < 2) return null;
  const trials = Math.max(1, trialSharpes.length);
  const ts = trialSharpes.filter((x): x is number => x !== null && Number.isFinite(x));
  const v = ts.length >= 2 ? stdev(ts) ** 2 : 0;
  const sr0 = expectedMaxSharpe(trials, v);
  return finite(
    probabilisticSharpe({
      sharpe: m.sharpePerPeriod,
      n: m.periods,
      skew: m.skewness,
      kurtosis: m.kurtosis,
      benchmark: sr0,
    }),
  );
}
