def predict(ctx):
    df = ctx.ohlcv("SECRET-USD")
    print(f"LEAK:undeclared:{len(df)}")
    return {"BTC-USD": 0.0}
