"""Run a model package locally with the same harness the sandbox uses (``seer run``).

    python3 -m seer.runtime.local PACKAGE_DIR --as-of 2026-01-21T20:30:00Z --data DATA_DIR

DATA_DIR holds one CSV per symbol (``BTC-USD.csv``) in the exchange format
``ts,open,high,low,close,volume`` (ISO 8601 UTC, ts = bar open time, volume may be empty).
The same point-in-time clamp applies: only bars with ts + interval <= as_of are visible,
at most ``lookback`` of them. No sandbox: this is for authors testing their own code.
Prints one JSON object; exit status 0 only on success.
"""

import argparse
import json
import os
import sys
import tomllib

import pandas as pd

from . import harness

INTERVALS = {"1h": pd.Timedelta(hours=1), "4h": pd.Timedelta(hours=4), "1d": pd.Timedelta(days=1)}


def load_csv(path):
    df = pd.read_csv(path)
    df["ts"] = pd.to_datetime(df["ts"], utc=True)
    df = df.set_index("ts").sort_index()
    return df[["open", "high", "low", "close", "volume"]].astype("float64")


def run_local(pkg_dir, as_of, data_dir, params=None):
    with open(os.path.join(pkg_dir, "seer.toml"), "rb") as fh:
        m = tomllib.load(fh)
    as_of = pd.Timestamp(as_of)
    as_of = as_of.tz_localize("UTC") if as_of.tzinfo is None else as_of.tz_convert("UTC")
    step = INTERVALS[m["interval"]]
    max_lookback = int(m["lookback"])

    def fetch(symbol, lookback):
        if symbol not in m["symbols"]:
            raise harness.HarnessError("data_limit_exceeded", f"symbol {symbol!r} is not declared")
        df = load_csv(os.path.join(data_dir, f"{symbol}.csv"))
        df = df[df.index + step <= as_of]
        n = min(max_lookback, int(lookback)) if lookback else max_lookback
        return df.tail(n).copy()

    logs = []
    run = {
        "as_of": as_of.timestamp(), "symbols": m["symbols"], "params": params or m.get("params", {}),
        "interval": m["interval"], "lookback": max_lookback, "entrypoint": m["entrypoint"],
        "target": m["target"],
    }
    stream = harness._LogStream(logs.append)
    old = sys.stdout
    sys.stdout = stream
    try:
        msg = harness.call_model(run, os.path.realpath(pkg_dir), fetch, logs.append)
    finally:
        stream.flush()
        sys.stdout = old
    msg["logs"] = logs
    return msg


def main(argv=None):
    ap = argparse.ArgumentParser(prog="seer run")
    ap.add_argument("package")
    ap.add_argument("--as-of", required=True)
    ap.add_argument("--data", required=True)
    a = ap.parse_args(argv)
    msg = run_local(a.package, a.as_of, a.data)
    ok = msg.get("type") == "result"
    out = {"ok": ok, **{k: v for k, v in msg.items() if k != "type"}}
    print(json.dumps(out, default=str))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
