def predict(ctx):
    return {"BTC-USD": {"value": 0.01, "confidence": float("inf")}}
