def predict(ctx):
    return [{"symbol": "BTC-USD", "value": 0.01, "exploit": "x" * 100}]
