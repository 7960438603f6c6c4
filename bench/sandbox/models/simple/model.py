def predict(ctx):
    out = {}
    for sym in ctx.symbols:
        close = ctx.ohlcv(sym, lookback=48)["close"]
        out[sym] = float(close.iloc[-1] / close.rolling(24).mean().iloc[-1] - 1)
    return out
