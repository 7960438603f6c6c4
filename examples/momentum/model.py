"""Time-series momentum: next-hour log return ~ damped difference of fast and slow mean returns."""

import numpy as np


def predict(ctx):
    fast = int(ctx.params.get("fast", 12))
    slow = int(ctx.params.get("slow", 48))
    damping = float(ctx.params.get("damping", 0.1))
    out = {}
    for sym in ctx.symbols:
        close = ctx.ohlcv(sym)["close"].to_numpy(dtype=float)
        if len(close) < slow + 1:
            out[sym] = {"value": 0.0, "confidence": 0.0}
            continue
        r = np.diff(np.log(close))
        signal = r[-fast:].mean()
        vol = r[-slow:].std() or 1e-9
        value = float(np.clip(damping * signal, -0.05, 0.05))
        # Confidence grows with the trend's strength relative to noise, capped at 0.9.
        confidence = float(min(0.9, abs(r[-fast:].mean()) / vol * np.sqrt(fast) / 3))
        out[sym] = {"value": value, "confidence": confidence}
    return out
