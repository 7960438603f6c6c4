"""Trains the classifier this package ships in model.joblib. Run it from the repository root:

    /usr/bin/python3 examples/sklearn-pretrained/train.py

It reads the demo data (packages/core/demo-data/usdchf_1h.csv), keeps the bars that closed before
TRAIN_END, fits a logistic regression that says whether the next hour closes up, and writes
model.joblib (the fitted pipeline) and model.json (what it was trained on, with which library
versions). Deterministic: the same data and library versions give the same model. Train with the
scikit-learn the platform runs (Debian's python3-sklearn; `seer run` uses the same), since a
pickled model only loads reliably into the version that wrote it; model.py checks this.
"""

import hashlib
import json
import os
import sys

import joblib
import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from features import LAGS, features  # noqa: E402

TRAIN_END = "2000-01-01T00:00:00Z"  # bars closing before this instant; later bars are out of sample


def main(csv_path):
    df = pd.read_csv(csv_path)
    ts = pd.to_datetime(df["ts"], utc=True)
    df = df[ts + pd.Timedelta(hours=1) <= pd.Timestamp(TRAIN_END)].reset_index(drop=True)
    x = features(df)
    close = df["close"].to_numpy(dtype=float)
    next_r = np.concatenate([np.diff(np.log(close)), [np.nan]])
    ok = ~np.isnan(x).any(axis=1) & ~np.isnan(next_r) & (next_r != 0)
    y = (next_r[ok] > 0).astype(int)
    model = make_pipeline(StandardScaler(), LogisticRegression(C=0.5, max_iter=500))
    model.fit(x[ok], y)
    out = os.path.join(HERE, "model.joblib")
    joblib.dump(model, out, compress=3)
    with open(out, "rb") as fh:
        digest = hashlib.sha256(fh.read()).hexdigest()
    meta = {
        "trained_on": os.path.basename(csv_path),
        "train_end": TRAIN_END,
        "rows": int(ok.sum()),
        "lags": LAGS,
        "in_sample_accuracy": round(float(model.score(x[ok], y)), 4),
        "sklearn": sklearn.__version__,
        "joblib": joblib.__version__,
        "numpy": np.__version__,
        "model_sha256": digest,
    }
    with open(os.path.join(HERE, "model.json"), "w") as fh:
        json.dump(meta, fh, indent=2)
        fh.write("\n")
    print(json.dumps(meta))


if __name__ == "__main__":
    repo = os.path.dirname(os.path.dirname(HERE))
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(repo, "packages/core/demo-data/usdchf_1h.csv"))
