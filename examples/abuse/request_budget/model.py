def predict(ctx):
    for i in range(1, 1000):
        ctx.ohlcv("BTC-USD", lookback=i)  # distinct keys defeat the local cache
    return {"BTC-USD": 0.0}
