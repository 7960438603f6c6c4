"""``seer init NAME``: a working model package to start from."""

import math
import os
import random
import re

NAME_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,62}[a-z0-9])$")

SEER_TOML = """\
# Seer model manifest: docs/AUTHORING.md explains every field.
name = "{name}"
version = "0.1.0"
description = "Describe what the model predicts and how."
entrypoint = "model:predict"
interval = "1h"        # a run at every hourly boundary (1h, 4h or 1d)
horizon = "1h"         # each prediction is about the next hour
target = "return"      # the predicted simple return over the horizon
symbols = ["USDCHF"]   # instruments the platform has data for
lookback = 200         # most bars a run may read per symbol

[resources]
cpu_seconds = 10
memory_mb = 512

[params]
fast = 12
slow = 48
"""

MODEL_PY = '''\
"""{name}: a moving-average crossover on log prices.

predict(ctx) is called once per boundary. ctx.ohlcv(symbol) returns the bars that had
CLOSED at ctx.as_of (oldest first, a pandas DataFrame indexed by UTC open time), never later
ones. Return one prediction per declared symbol.
"""

import numpy as np


def predict(ctx):
    fast, slow = int(ctx.params["fast"]), int(ctx.params["slow"])
    out = {{}}
    for symbol in ctx.symbols:
        bars = ctx.ohlcv(symbol)
        if len(bars) < slow:
            out[symbol] = 0.0  # not enough history yet: no view
            continue
        logp = np.log(bars["close"].to_numpy())
        signal = logp[-fast:].mean() - logp[-slow:].mean()
        out[symbol] = {{"value": float(np.clip(signal * 0.1, -0.01, 0.01)), "confidence": 0.5}}
    return out
'''

TEST_PY = '''\
"""Run with: python3 -m pytest   (or: seer run . --data data/USDCHF.csv --as-of 2026-01-10T12:00:00Z)"""

import os

from seer.localrun import load_data, parse_ts, run_once
from seer.manifest import read_manifest

HERE = os.path.dirname(os.path.abspath(__file__))


def test_predicts_every_symbol_within_bounds():
    m = read_manifest(HERE)
    frames = load_data([os.path.join(HERE, "data", "USDCHF.csv")], m["symbols"])
    msg = run_once(HERE, m, frames, parse_ts("2026-01-10T12:00:00Z"))
    assert msg["type"] == "result", msg
    assert [p["symbol"] for p in msg["predictions"]] == m["symbols"]
    assert all(abs(p["value"]) <= 0.01 for p in msg["predictions"])
'''

README = """\
# {name}

A Seer model package. Try it locally, then publish it:

```sh
seer run . --data data/USDCHF.csv --as-of 2026-01-10T12:00:00Z
seer backtest . --data data/USDCHF.csv --from 2026-01-05T00:00:00Z --to 2026-01-20T00:00:00Z
python3 -m pytest
seer login --url https://your-seer.example
seer publish .
seer deploy {name}@0.1.0
```

`data/USDCHF.csv` is GENERATED sample data (a seeded random walk made by `seer init`), not
market data: use it to check that the code runs, not to judge the model. On the platform the
model reads Seer's own market data, point in time.
"""


def sample_bars(path, start="2026-01-01T00:00:00", hours=24 * 30, seed=7):
    rng = random.Random(seed)
    from datetime import datetime, timedelta

    t = datetime.fromisoformat(start)
    price = 0.9
    with open(path, "w") as fh:
        fh.write("ts,open,high,low,close,volume\n")
        for _ in range(hours):
            o = price
            c = o * math.exp(rng.gauss(0, 0.0015))
            hi = max(o, c) * (1 + abs(rng.gauss(0, 0.0005)))
            lo = min(o, c) * (1 - abs(rng.gauss(0, 0.0005)))
            fh.write(f"{t.strftime('%Y-%m-%dT%H:%M:%SZ')},{o:.6f},{hi:.6f},{lo:.6f},{c:.6f},\n")
            price = c
            t += timedelta(hours=1)


def init(name, parent="."):
    if not NAME_RE.match(name) or "--" in name:
        raise ValueError(f"{name!r}: use 3-64 lowercase letters, digits and single dashes (it becomes the model's URL name)")
    root = os.path.join(parent, name)
    if os.path.exists(root):
        raise FileExistsError(f"{root} already exists")
    os.makedirs(os.path.join(root, "data"))
    files = {
        "seer.toml": SEER_TOML.format(name=name),
        "model.py": MODEL_PY.format(name=name),
        "test_model.py": TEST_PY,
        "README.md": README.format(name=name),
        # Left out of the published package: local sample data and tests.
        ".seerignore": "data/\ntest_*.py\n",
    }
    for rel, text in files.items():
        with open(os.path.join(root, rel), "w") as fh:
            fh.write(text)
    sample_bars(os.path.join(root, "data", "USDCHF.csv"))
    return root
