"""Direction classifier: logistic regression fitted on the lookback window at every run.

Features per bar: the last `lags` log returns and the bar's high-low range. Label: whether the
next bar closed higher. The prediction is 2 * P(up) - 1 in [-1, 1]; confidence is max(P, 1 - P).
"""

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def features(df, lags):
    r = np.log(df["close"]).diff()
    cols = [r.shift(i) for i in range(lags)]
    cols.append(np.log(df["high"] / df["low"]))
    x = np.column_stack([c.to_numpy(dtype=float) for c in cols])
    return x, r.shift(-1).to_numpy(dtype=float)


def predict(ctx):
    lags = int(ctx.params.get("lags", 6))
    out = {}
    for sym in ctx.symbols:
        df = ctx.ohlcv(sym)
        x, next_r = features(df, lags)
        ok = ~np.isnan(x).any(axis=1)
        train = ok & ~np.isnan(next_r) & (next_r != 0)
        y = (next_r[train] > 0).astype(int)
        if train.sum() < 50 or len(set(y)) < 2:
            out[sym] = {"value": 0.0, "confidence": 0.5}
            continue
        model = make_pipeline(StandardScaler(), LogisticRegression(C=0.5, max_iter=200))
        model.fit(x[train], y)
        p_up = float(model.predict_proba(x[-1:])[0, 1])
        ctx.log(f"{sym} trained on {int(train.sum())} bars, P(up)={p_up:.3f}")
        out[sym] = {"value": 2 * p_up - 1, "confidence": max(p_up, 1 - p_up)}
    return out
