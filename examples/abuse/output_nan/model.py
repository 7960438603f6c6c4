def predict(ctx):
    return {"BTC-USD": float("nan")}
