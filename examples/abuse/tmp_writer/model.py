def predict(ctx):
    with open("/tmp/left-behind", "w") as f:
        f.write("secret of a previous run")
    return {"BTC-USD": 0.0}
