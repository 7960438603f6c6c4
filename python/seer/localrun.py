"""Running a model package locally, through the same harness, point-in-time clamp and output
validation as the sandbox (``seer run``, ``seer backtest``). No jail: this is an author testing
their own code on their own machine.

Market data comes from CSV files in the exchange format ``ts,open,high,low,close,volume``
(ts = the bar's OPEN time, ISO 8601 UTC; volume may be empty): one file for a one-symbol model,
or ``SYMBOL=FILE`` pairs, or a folder holding ``SYMBOL.csv`` files.
"""

import os
import sys

import numpy as np
import pandas as pd

from . import metrics
from .manifest import read_manifest
from .runtime import harness

INTERVALS = {"1h": pd.Timedelta(hours=1), "4h": pd.Timedelta(hours=4), "1d": pd.Timedelta(days=1)}
HORIZON_UNITS = {"m": "min", "h": "h", "d": "D"}


class DataError(Exception):
    pass


def parse_ts(text):
    try:
        ts = pd.Timestamp(text)
    except (ValueError, TypeError) as e:
        raise DataError(f"not a timestamp: {text!r} (use ISO 8601 UTC, e.g. 2001-03-01T12:00:00Z)") from e
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


def load_csv(path):
    try:
        df = pd.read_csv(path)
    except FileNotFoundError as e:
        raise DataError(f"no such data file: {path}") from e
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as e:
        raise DataError(f"{path}: not a CSV file ({e})") from e
    missing = [c for c in ["ts", "open", "high", "low", "close"] if c not in df.columns]
    if missing:
        raise DataError(f"{path}: missing columns {missing}; expected ts,open,high,low,close,volume")
    if "volume" not in df.columns:
        df["volume"] = float("nan")
    try:
        df["ts"] = pd.to_datetime(df["ts"], utc=True)
        out = df.set_index("ts").sort_index()[["open", "high", "low", "close", "volume"]].astype("float64")
    except (ValueError, TypeError) as e:
        raise DataError(f"{path}: {e}") from e
    out.index.name = "ts"
    if out.index.has_duplicates:
        raise DataError(f"{path}: duplicate timestamps")
    return out


def load_data(specs, symbols):
    """{symbol: DataFrame} for the declared symbols from --data arguments."""
    frames = {}
    for spec in specs:
        if "=" in spec and not os.path.exists(spec):
            sym, path = spec.split("=", 1)
            frames[sym] = load_csv(path)
        elif os.path.isdir(spec):
            for sym in symbols:
                p = os.path.join(spec, f"{sym}.csv")
                if os.path.exists(p):
                    frames[sym] = load_csv(p)
        elif len(symbols) == 1 and len(specs) == 1:
            frames[symbols[0]] = load_csv(spec)
        else:
            raise DataError(f"{spec}: with several symbols, give SYMBOL=FILE pairs or a folder of SYMBOL.csv files")
    missing = [s for s in symbols if s not in frames]
    if missing:
        raise DataError(f"no data for {missing}")
    return frames


def horizon_delta(horizon):
    unit = horizon[-1]
    if unit not in HORIZON_UNITS or not horizon[:-1].isdigit():
        raise DataError(f"horizon {horizon!r} is not like 1h, 4h or 1d")
    return pd.Timedelta(int(horizon[:-1]), HORIZON_UNITS[unit])


def run_once(pkg_dir, manifest, frames, as_of):
    """One run at ``as_of``: the harness's result or error message, plus the model's log lines."""
    step = INTERVALS[manifest["interval"]]
    max_lookback = int(manifest["lookback"])

    def fetch(symbol, lookback):
        if symbol not in manifest["symbols"]:
            raise harness.HarnessError("data_limit_exceeded", f"symbol {symbol!r} is not declared in seer.toml")
        df = frames[symbol]
        df = df[df.index + step <= as_of]  # only bars closed by as_of: what the platform shows
        n = min(max_lookback, int(lookback)) if lookback else max_lookback
        return df.tail(n).copy()

    logs = []
    run = {
        "as_of": as_of.timestamp(),
        "symbols": manifest["symbols"],
        "params": manifest.get("params", {}),
        "interval": manifest["interval"],
        "lookback": max_lookback,
        "entrypoint": manifest["entrypoint"],
        "target": manifest["target"],
    }
    stream = harness._LogStream(logs.append)
    old = sys.stdout
    sys.stdout = stream
    saved_path = list(sys.path)
    try:
        msg = harness.call_model(run, os.path.realpath(pkg_dir), fetch, logs.append)
    finally:
        stream.flush()
        sys.stdout = old
        sys.path[:] = saved_path
    msg["logs"] = logs
    return msg


def boundaries(start, end, interval):
    step = INTERVALS[interval]
    first = start.ceil(step.to_pytimedelta()) if interval != "1d" else start.ceil("D")
    t = first
    while t <= end:
        yield t
        t += step


def backtest(pkg_dir, frames, start, end, progress=None):
    """Runs at every boundary in [start, end]; returns (records, failures, metrics dict)."""
    manifest = read_manifest(pkg_dir)
    interval = manifest["interval"]
    horizon = horizon_delta(manifest.get("horizon", interval))
    step = INTERVALS[interval]
    points = list(boundaries(start, end, interval))
    records, failures = [], []
    for i, as_of in enumerate(points):
        if progress:
            progress(i + 1, len(points))
        msg = run_once(pkg_dir, manifest, frames, as_of)
        if msg["type"] != "result":
            failures.append({"asOf": as_of.isoformat(), "code": msg.get("code"), "message": msg.get("message")})
            continue
        for p in msg["predictions"]:
            df = frames[p["symbol"]]
            closes = df["close"]
            b0 = closes.get(as_of - step)
            b1 = closes.get(as_of + horizon - step)
            rr = rv = None
            if b0 is not None and b1 is not None and b0 > 0:
                rr = float(b1 / b0 - 1)
                rv = {"price": float(b1), "direction": float(np.sign(b1 - b0))}.get(manifest["target"], rr)
            records.append(
                {
                    "t": int(as_of.timestamp() * 1000),
                    "asOf": as_of.isoformat(),
                    "symbol": p["symbol"],
                    "target": manifest["target"],
                    "value": p["value"],
                    "confidence": p.get("confidence"),
                    "realizedValue": rv,
                    "realizedReturn": rr,
                    "baseClose": None if b0 is None else float(b0),
                }
            )
    m = metrics.compute(
        records,
        metrics.PERIODS_PER_YEAR[interval],
        slots={"succeeded": len(points) - len(failures), "due": len(points)} if points else None,
    )
    return records, failures, m
