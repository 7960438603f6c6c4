"""Mean reversion with pandas only: predicted 4h return = -reversion * (close / rolling mean - 1)."""

import pandas as pd


def predict(ctx):
    window = int(ctx.params.get("window", 72))
    reversion = float(ctx.params.get("reversion", 0.25))
    out = {}
    for sym in ctx.symbols:
        df = ctx.ohlcv(sym)
        close = df["close"].astype(float)
        if len(close) < window:
            out[sym] = {"value": 0.0, "confidence": 0.0}
            continue
        mean = close.rolling(window).mean().iloc[-1]
        std = close.rolling(window).std().iloc[-1]
        gap = close.iloc[-1] / mean - 1.0
        z = 0.0 if not std or pd.isna(std) else (close.iloc[-1] - mean) / std
        value = float(max(-0.05, min(0.05, -reversion * gap)))
        confidence = float(min(0.9, abs(z) / 4.0))
        ctx.log(f"{sym} z={z:.2f} gap={gap:.5f}")
        out[sym] = {"value": value, "confidence": confidence}
    return out
