import numpy as np


def predict(ctx):
    a = np.ones((40_000, 40_000))
    return {"BTC-USD": float(a.sum())}
