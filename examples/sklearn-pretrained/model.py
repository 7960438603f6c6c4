"""A direction classifier trained offline (train.py) and shipped in the package as model.joblib.

Loading happens once, when the harness imports this module; each run only computes the features
of the newest bar and asks the fitted pipeline for P(up). The prediction is 2 * P(up) - 1 in
[-1, 1]; the confidence is max(P, 1 - P).

model.joblib is a pickle: unpickling runs code chosen by whoever wrote the file. That is fine
here, because it is this package's own file, written by train.py and covered by the package
digest, and it is loaded inside the sandbox. Never load a pickle from anywhere else.
"""

import json
import os

import joblib
import numpy as np
import sklearn
from features import features  # the package folder is on sys.path (the harness puts it there)

HERE = os.path.dirname(os.path.abspath(__file__))

with open(os.path.join(HERE, "model.json")) as _fh:
    META = json.load(_fh)
if META["sklearn"] != sklearn.__version__:
    raise RuntimeError(
        f"model.joblib was trained with scikit-learn {META['sklearn']} but the runtime has "
        f"{sklearn.__version__}: retrain it with train.py on the runtime's version"
    )
MODEL = joblib.load(os.path.join(HERE, "model.joblib"))


def predict(ctx):
    out = {}
    for sym in ctx.symbols:
        df = ctx.ohlcv(sym)
        x = features(df)[-1:]
        if len(df) == 0 or np.isnan(x).any():
            out[sym] = {"value": 0.0, "confidence": 0.5}
            continue
        p_up = float(MODEL.predict_proba(x)[0, 1])
        ctx.log(f"{sym} P(up)={p_up:.4f} (model trained to {META['train_end']}, sklearn {META['sklearn']})")
        out[sym] = {"value": 2 * p_up - 1, "confidence": max(p_up, 1 - p_up)}
    return out
