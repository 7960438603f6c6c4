"""The baseline of bench/sdk: bare Python doing the same work as `seer run PKG --data CSV --as-of TS`.

Reads the CSV with pandas, keeps the bars closed at or before as_of (the newest `lookback`),
imports the package's entrypoint, calls predict with a minimal ctx and prints the predictions as
CSV. No manifest validation, no harness, no output checks: what an author would write by hand.

    /usr/bin/python3 bench/sdk/bare.py PKG CSV AS_OF
"""

import importlib
import os
import sys
import tomllib

import pandas as pd


class Ctx:
    def __init__(self, m, frames, as_of):
        self.symbols = m["symbols"]
        self.params = m.get("params", {})
        self.interval = m["interval"]
        self.lookback = m["lookback"]
        self.as_of = as_of
        self._frames = frames

    def ohlcv(self, symbol, lookback=None):
        return self._frames[symbol].tail(lookback or self.lookback).copy()

    def log(self, msg):
        print(f"log: {msg}", file=sys.stderr)

    def path(self, name):
        return os.path.join(PKG, name)


PKG, CSV, AS_OF = sys.argv[1], sys.argv[2], sys.argv[3]
with open(os.path.join(PKG, "seer.toml"), "rb") as fh:
    m = tomllib.load(fh)
step = {"1h": pd.Timedelta(hours=1), "4h": pd.Timedelta(hours=4), "1d": pd.Timedelta(days=1)}[m["interval"]]
as_of = pd.Timestamp(AS_OF)
df = pd.read_csv(CSV)
df["ts"] = pd.to_datetime(df["ts"], utc=True)
df = df.set_index("ts").sort_index()[["open", "high", "low", "close", "volume"]].astype("float64")
df = df[df.index + step <= as_of].tail(m["lookback"])
sys.path.insert(0, PKG)
mod_name, _, fn = m["entrypoint"].partition(":")
out = getattr(importlib.import_module(mod_name), fn)(Ctx(m, {s: df for s in m["symbols"]}, as_of))
print("symbol,value,confidence")
for sym, p in out.items():
    p = p if isinstance(p, dict) else {"value": p}
    print(f"{sym},{p['value']},{p.get('confidence', '')}")
