"""Performance metrics of a prediction record, the same formulas as the platform
(packages/core/src/metrics, docs/METRICS.md), so ``seer backtest`` prints what the model page
would show. Checked against the platform's shared fixture
(packages/core/src/metrics/fixtures/metrics-fixtures.json) by python/tests/test_metrics.py.

A record is a list of dicts: t (ms since epoch of as_of), symbol, target ("return",
"direction" or "price"), value, realizedValue, realizedReturn (None while pending), baseClose
(the close at as_of, for price targets).
"""

import math

import numpy as np
import pandas as pd
from scipy import stats

DEFINITION_VERSION = "seer-metrics-1"  # packages/core/src/metrics METRICS_DEFINITION_VERSION
COLUMNS = ["t", "symbol", "target", "value", "realizedValue", "realizedReturn", "baseClose"]


def _finite(x):
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def _direction(row):
    if row["target"] == "price":
        if row["baseClose"] is None or pd.isna(row["baseClose"]):
            return 0
        return int(np.sign(row["value"] - row["baseClose"]))
    return int(np.sign(row["value"]))


def compute(predictions, periods_per_year, slots=None, trial_sharpes=None):
    """All metrics of one record (one version, one mode). Returns a dict of floats or None."""
    preds = pd.DataFrame([[p.get(c) for c in COLUMNS] for p in predictions], columns=COLUMNS)
    P = periods_per_year
    out = {"count": len(preds)}
    resolved = preds[preds["realizedReturn"].notna() & preds["realizedValue"].notna()].copy()
    nr = len(resolved)
    out["resolved"] = nr
    out["pending"] = len(preds) - nr
    out["coverage"] = slots["succeeded"] / slots["due"] if slots and slots["due"] > 0 else None
    if nr:
        resolved["dir"] = resolved.apply(_direction, axis=1)
        resolved["rdir"] = np.sign(resolved["realizedReturn"].astype(float)).astype(int)
        out["hitRate"] = float((resolved["dir"] == resolved["rdir"]).mean())
        err = resolved["value"].astype(float) - resolved["realizedValue"].astype(float)
        out["mae"] = float(err.abs().mean())
        out["rmse"] = float(np.sqrt((err**2).mean()))
    else:
        out["hitRate"] = out["mae"] = out["rmse"] = None
    out["ic"] = (
        _finite(stats.spearmanr(resolved["value"].astype(float), resolved["realizedValue"].astype(float)).correlation)
        if nr >= 2
        else None
    )

    if nr:
        resolved["pnl"] = resolved["dir"] * resolved["realizedReturn"].astype(float)
        per = resolved.groupby("t")["pnl"].mean().sort_index()
        trades = resolved.loc[resolved["dir"] != 0, "pnl"]
    else:
        per = pd.Series(dtype=float)
        trades = pd.Series(dtype=float)
    n = len(per)
    out["periods"] = n
    out["trades"] = len(trades)
    if n:
        eq = per.cumsum().reset_index(drop=True)
        peak = pd.concat([pd.Series([0.0]), eq]).cummax().iloc[1:].reset_index(drop=True)
        dd = peak - eq
        out["totalReturn"] = float(eq.iloc[-1])
        out["annualizedReturn"] = float(per.mean() * P)
        out["maxDrawdown"] = float(dd.max()) if dd.max() > 0 else 0.0
        longest, last_peak, top = 0, -1, 0.0
        for i, v in enumerate(eq):
            if v >= top:
                top, last_peak = v, i
            else:
                longest = max(longest, i - last_peak)
        out["maxDrawdownDuration"] = longest
        out["bestPeriod"] = float(per.max())
        out["worstPeriod"] = float(per.min())
        out["equity"] = [float(x) for x in eq]
    else:
        for k in ["totalReturn", "annualizedReturn", "maxDrawdown", "maxDrawdownDuration", "bestPeriod", "worstPeriod"]:
            out[k] = None
        out["equity"] = []
    sd = (0.0 if per.max() == per.min() else per.std(ddof=1)) if n >= 2 else float("nan")
    out["annualizedVolatility"] = _finite(sd * math.sqrt(P))
    sr = per.mean() / sd if n >= 2 and sd > 0 else float("nan")
    out["sharpePerPeriod"] = _finite(sr)
    out["sharpe"] = _finite(sr * math.sqrt(P))
    if n:
        downside = math.sqrt(float((np.minimum(per.values, 0.0) ** 2).mean()))
        out["sortino"] = _finite(per.mean() / downside * math.sqrt(P)) if downside > 0 else None
    else:
        out["sortino"] = None
    ann = out["annualizedReturn"]
    mdd = out["maxDrawdown"]
    out["calmar"] = ann / mdd if ann is not None and mdd and mdd > 0 else None
    out["winRate"] = float((trades > 0).mean()) if len(trades) else None
    gross_loss = -trades[trades < 0].sum()
    out["profitFactor"] = float(trades[trades > 0].sum() / gross_loss) if gross_loss > 0 else None

    trial_sharpes = list(trial_sharpes or [])
    trials = [x for x in trial_sharpes if x is not None]
    N = max(1, len(trial_sharpes) or 1)
    out["trials"] = N

    def psr(bench):
        if not math.isfinite(sr) or n < 2:
            return None
        g3 = stats.skew(per.values, bias=True)
        g4 = stats.kurtosis(per.values, fisher=False, bias=True)
        den = 1 - g3 * sr + (g4 - 1) / 4 * sr**2
        if not den > 0:
            return None
        return _finite(stats.norm.cdf((sr - bench) * math.sqrt(n - 1) / math.sqrt(den)))

    out["psr"] = psr(0.0)
    if out["psr"] is None:
        out["dsr"] = None
    else:
        var = float(np.var(trials, ddof=1)) if len(trials) >= 2 else 0.0
        if N >= 2 and var > 0:
            g = np.euler_gamma
            sr0 = math.sqrt(var) * ((1 - g) * stats.norm.ppf(1 - 1 / N) + g * stats.norm.ppf(1 - 1 / (N * math.e)))
        else:
            sr0 = 0.0
        out["dsr"] = psr(sr0)
    out["definitionVersion"] = DEFINITION_VERSION
    return out


PERIODS_PER_YEAR = {"1h": 24 * 365, "4h": 6 * 365, "1d": 365}
