"""Performance metrics of a prediction record, the platform's definitions (docs/METRICS.md,
definition ``seer-metrics-1``), so ``seer backtest`` prints what the model page would show.

Three implementations of one definition, each checked against the other's numbers rather than
sharing code: the platform's (packages/core/src/metrics/metrics.ts), this one, and the
reference (packages/core/src/metrics/fixtures/make_fixtures.py, pandas/scipy) that generates
metrics-fixtures.json. python/tests/test_metrics.py checks this module against that fixture to
1e-9, as metrics.test.ts checks the TypeScript. This module is written from the definitions in
plain Python (math, statistics), not copied from the reference, so a mistake in one of them shows
up as a failing test instead of being repeated; it also keeps scipy and pandas out of the command.

A record is a list of dicts: t (ms since epoch of as_of), symbol, target ("return",
"direction" or "price"), value, realizedValue, realizedReturn (None while pending), baseClose
(the close at as_of, for price targets).
"""

import math
from statistics import NormalDist

DEFINITION_VERSION = "seer-metrics-1"  # packages/core/src/metrics METRICS_DEFINITION_VERSION
EULER_GAMMA = 0.5772156649015329
_NORMAL = NormalDist()


def _missing(x):
    return x is None or (isinstance(x, float) and math.isnan(x))


def _finite(x):
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def _sign(x):
    return (x > 0) - (x < 0)


def _mean(xs):
    return math.fsum(xs) / len(xs)


def _direction(p):
    """The position a prediction takes: +1 long, -1 short, 0 flat."""
    if p["target"] == "price":
        base = p.get("baseClose")
        return 0 if _missing(base) else _sign(float(p["value"]) - float(base))
    return _sign(float(p["value"]))


def _ranks(xs):
    """1-based ranks, ties sharing the mean of the ranks they span."""
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    ranks = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def _spearman(xs, ys):
    """Pearson correlation of the ranks; None when either side has no spread."""
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = _mean(rx), _mean(ry)
    dx = [r - mx for r in rx]
    dy = [r - my for r in ry]
    sxx = math.fsum(d * d for d in dx)
    syy = math.fsum(d * d for d in dy)
    if sxx == 0 or syy == 0:
        return None
    return _finite(math.fsum(a * b for a, b in zip(dx, dy)) / math.sqrt(sxx * syy))


def _normal_cdf(z):
    # erfc keeps its precision in the lower tail, where 1 + erf(z) would cancel.
    return 0.5 * math.erfc(-z / math.sqrt(2))


def compute(predictions, periods_per_year, slots=None, trial_sharpes=None):
    """All metrics of one record (one version, one mode). Returns a dict of floats or None."""
    P = periods_per_year
    out = {"count": len(predictions)}
    resolved = [
        p for p in predictions if not _missing(p.get("realizedReturn")) and not _missing(p.get("realizedValue"))
    ]
    nr = len(resolved)
    out["resolved"] = nr
    out["pending"] = len(predictions) - nr
    out["coverage"] = slots["succeeded"] / slots["due"] if slots and slots["due"] > 0 else None

    dirs = [_direction(p) for p in resolved]
    values = [float(p["value"]) for p in resolved]
    realized = [float(p["realizedValue"]) for p in resolved]
    returns = [float(p["realizedReturn"]) for p in resolved]
    if nr:
        out["hitRate"] = sum(d == _sign(r) for d, r in zip(dirs, returns)) / nr
        errors = [v - r for v, r in zip(values, realized)]
        out["mae"] = _mean([abs(e) for e in errors])
        out["rmse"] = math.sqrt(_mean([e * e for e in errors]))
    else:
        out["hitRate"] = out["mae"] = out["rmse"] = None
    out["ic"] = _spearman(values, realized) if nr >= 2 else None

    # The strategy: each resolved prediction's position times its realized return; a period's
    # return is the mean over the symbols predicted at that as_of.
    pnl = [d * r for d, r in zip(dirs, returns)]
    by_period = {}
    for p, x in zip(resolved, pnl):
        by_period.setdefault(p["t"], []).append(x)
    per = [_mean(by_period[t]) for t in sorted(by_period)]
    trades = [x for d, x in zip(dirs, pnl) if d != 0]
    n = len(per)
    out["periods"] = n
    out["trades"] = len(trades)

    if n:
        equity, total = [], 0.0
        for x in per:
            total += x
            equity.append(total)
        drawdown, longest, last_peak, top = 0.0, 0, -1, 0.0
        for i, e in enumerate(equity):
            # The start (equity 0 before the first period) counts as a peak.
            if e >= top:
                top, last_peak = e, i
            else:
                longest = max(longest, i - last_peak)
            drawdown = max(drawdown, top - e)
        out["totalReturn"] = equity[-1]
        out["annualizedReturn"] = _mean(per) * P
        out["maxDrawdown"] = drawdown
        out["maxDrawdownDuration"] = longest
        out["bestPeriod"] = max(per)
        out["worstPeriod"] = min(per)
        out["equity"] = equity
    else:
        for k in ["totalReturn", "annualizedReturn", "maxDrawdown", "maxDrawdownDuration", "bestPeriod", "worstPeriod"]:
            out[k] = None
        out["equity"] = []

    mean = _mean(per) if n else float("nan")
    if n >= 2:
        # Identical returns have no spread at all (not a rounding residue of the mean).
        sd = 0.0 if max(per) == min(per) else math.sqrt(math.fsum((x - mean) ** 2 for x in per) / (n - 1))
    else:
        sd = float("nan")
    out["annualizedVolatility"] = _finite(sd * math.sqrt(P))
    sr = mean / sd if n >= 2 and sd > 0 else float("nan")
    out["sharpePerPeriod"] = _finite(sr)
    out["sharpe"] = _finite(sr * math.sqrt(P))
    if n:
        downside = math.sqrt(_mean([min(x, 0.0) ** 2 for x in per]))
        out["sortino"] = _finite(mean / downside * math.sqrt(P)) if downside > 0 else None
    else:
        out["sortino"] = None
    ann, mdd = out["annualizedReturn"], out["maxDrawdown"]
    out["calmar"] = ann / mdd if ann is not None and mdd and mdd > 0 else None
    out["winRate"] = sum(x > 0 for x in trades) / len(trades) if trades else None
    gross_loss = -math.fsum(x for x in trades if x < 0)
    out["profitFactor"] = math.fsum(x for x in trades if x > 0) / gross_loss if gross_loss > 0 else None

    trial_sharpes = list(trial_sharpes or [])
    trials = [x for x in trial_sharpes if x is not None]
    N = max(1, len(trial_sharpes))
    out["trials"] = N

    def psr(benchmark):
        """Probabilistic Sharpe ratio: P(true per-period Sharpe > benchmark), skew and kurtosis
        of the period returns (population moments) widening the estimate's error."""
        if not math.isfinite(sr) or n < 2:
            return None
        m2 = _mean([(x - mean) ** 2 for x in per])
        skew = _mean([(x - mean) ** 3 for x in per]) / m2**1.5
        kurtosis = _mean([(x - mean) ** 4 for x in per]) / m2**2
        den = 1 - skew * sr + (kurtosis - 1) / 4 * sr**2
        if not den > 0:
            return None
        return _finite(_normal_cdf((sr - benchmark) * math.sqrt(n - 1) / math.sqrt(den)))

    out["psr"] = psr(0.0)
    if out["psr"] is None:
        out["dsr"] = None
    else:
        # Deflated: the benchmark is the Sharpe the best of N unskilled trials would reach.
        if len(trials) >= 2:
            trials_mean = _mean(trials)
            var = math.fsum((x - trials_mean) ** 2 for x in trials) / (len(trials) - 1)
        else:
            var = 0.0
        if N >= 2 and var > 0:
            g = EULER_GAMMA
            sr0 = math.sqrt(var) * (
                (1 - g) * _NORMAL.inv_cdf(1 - 1 / N) + g * _NORMAL.inv_cdf(1 - 1 / (N * math.e))
            )
        else:
            sr0 = 0.0
        out["dsr"] = psr(sr0)
    out["definitionVersion"] = DEFINITION_VERSION
    return out


PERIODS_PER_YEAR = {"1h": 24 * 365, "4h": 6 * 365, "1d": 365}
