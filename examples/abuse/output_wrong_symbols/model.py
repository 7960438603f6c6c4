def predict(ctx):
    return {"ETH-USD": 0.01}
