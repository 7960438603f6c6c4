"""The runtime harness: loads a model package, calls ``predict(ctx)``, validates output.

The same code runs in the hosted sandbox (cold, warm-pool and fork-template paths) and
locally (``seer run``): only the data ``fetch`` function and the I/O differ.
"""

import importlib
import io
import math
import os
import resource
import sys
import traceback

import numpy as np
import pandas as pd

from .protocol import PROTOCOL_VERSION, FrameIO, ProtocolError

INTERVAL_SECONDS = {"1h": 3600, "4h": 14400, "1d": 86400}
ALLOWED_FIELDS = {"symbol", "value", "confidence"}
MAX_TRACEBACK = 8000


class HarnessError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class Context:
    """What ``predict(ctx)`` receives."""

    def __init__(self, *, as_of, symbols, params, interval, lookback, pkg_dir, fetch, log):
        self.as_of = as_of  # pandas.Timestamp, UTC
        self.symbols = list(symbols)
        self.params = dict(params or {})
        self.interval = interval
        self.lookback = lookback
        self._pkg_dir = os.path.realpath(pkg_dir)
        self._fetch = fetch
        self._cache = {}
        self.log = log

    def ohlcv(self, symbol, lookback=None):
        """Bars closed at or before ``as_of``, oldest first, as a DataFrame indexed by UTC ts."""
        key = (symbol, lookback)
        if key not in self._cache:
            self._cache[key] = self._fetch(symbol, lookback)
        return self._cache[key].copy()

    def path(self, name):
        """Absolute path of a file shipped in the package (no escaping the package)."""
        p = os.path.realpath(os.path.join(self._pkg_dir, name))
        if p != self._pkg_dir and not p.startswith(self._pkg_dir + os.sep):
            raise ValueError(f"path escapes the package: {name!r}")
        return p


def frame_from_columns(cols) -> pd.DataFrame:
    ts = np.frombuffer(cols["ts"], dtype="<i8").astype("int64")  # copies: writable
    data = {k: np.frombuffer(cols[k], dtype="<f8").astype("float64") for k in ("open", "high", "low", "close", "volume")}
    for k, v in data.items():
        if len(v) != len(ts):
            raise ProtocolError(f"column {k} has {len(v)} values for {len(ts)} timestamps")
    idx = pd.DatetimeIndex(pd.to_datetime(ts, unit="s", utc=True), name="ts")
    return pd.DataFrame(data, index=idx, columns=["open", "high", "low", "close", "volume"])


def _num(x, what):
    if isinstance(x, bool) or not isinstance(x, (int, float, np.integer, np.floating)):
        raise HarnessError("bad_output", f"{what} must be a number, got {type(x).__name__}")
    v = float(x)
    if not math.isfinite(v):
        raise HarnessError("bad_output", f"{what} must be finite, got {v}")
    return v


def validate_output(out, symbols, target):
    """Accepts {sym: value}, {sym: {"value":..,"confidence":..}} or [{"symbol":..,"value":..}]."""
    items = []
    if isinstance(out, pd.Series):
        out = out.to_dict()
    if isinstance(out, dict):
        for sym, v in out.items():
            if isinstance(v, dict):
                items.append({"symbol": sym, **v})
            else:
                items.append({"symbol": sym, "value": v})
    elif isinstance(out, (list, tuple)):
        for v in out:
            if not isinstance(v, dict):
                raise HarnessError("bad_output", "list items must be dicts with symbol and value")
            items.append(dict(v))
    else:
        raise HarnessError("bad_output", f"predict() must return a dict or list, got {type(out).__name__}")
    preds = []
    seen = set()
    for it in items:
        extra = set(it) - ALLOWED_FIELDS
        if extra:
            raise HarnessError("bad_output", f"unexpected fields: {sorted(extra)}")
        sym = it.get("symbol")
        if not isinstance(sym, str) or sym not in symbols:
            raise HarnessError("bad_output", f"prediction for undeclared symbol {sym!r}")
        if sym in seen:
            raise HarnessError("bad_output", f"duplicate prediction for {sym}")
        seen.add(sym)
        value = _num(it.get("value"), f"{sym}.value")
        if target == "return" and abs(value) > 10:
            raise HarnessError("bad_output", f"{sym}.value: return must be within [-10, 10]")
        if target == "direction" and not -1 <= value <= 1:
            raise HarnessError("bad_output", f"{sym}.value: direction must be within [-1, 1]")
        if target == "price" and value <= 0:
            raise HarnessError("bad_output", f"{sym}.value: price must be positive")
        conf = it.get("confidence")
        if conf is not None:
            conf = _num(conf, f"{sym}.confidence")
            if not 0 <= conf <= 1:
                raise HarnessError("bad_output", f"{sym}.confidence must be within [0, 1]")
        preds.append({"symbol": sym, "value": value, "confidence": conf})
    missing = [s for s in symbols if s not in seen]
    if missing:
        raise HarnessError("bad_output", f"missing predictions for {missing}")
    return preds


def load_predict(pkg_dir, entrypoint):
    mod_name, _, fn_name = entrypoint.partition(":")
    fn_name = fn_name or "predict"
    sys.path.insert(0, pkg_dir)
    mod = importlib.import_module(mod_name)
    fn = getattr(mod, fn_name, None)
    if not callable(fn):
        raise HarnessError("model_error", f"entrypoint {entrypoint!r}: {fn_name} is not callable")
    return fn


def call_model(run, pkg_dir, fetch, log, before_model=None):
    """Import the model and call predict; returns the message to send (result or error)."""
    try:
        if before_model:
            before_model()
        predict = load_predict(pkg_dir, run["entrypoint"])
        ctx = Context(
            as_of=pd.Timestamp(run["as_of"], unit="s", tz="UTC"),
            symbols=run["symbols"], params=run.get("params"), interval=run["interval"],
            lookback=run["lookback"], pkg_dir=pkg_dir, fetch=fetch, log=log,
        )
        out = predict(ctx)
        preds = validate_output(out, run["symbols"], run["target"])
        return {"type": "result", "predictions": preds}
    except HarnessError as e:
        return {"type": "error", "code": e.code, "message": e.message}
    except MemoryError:
        return {"type": "error", "code": "memory_exceeded", "message": "MemoryError: memory limit reached"}
    except ProtocolError as e:
        return {"type": "error", "code": "protocol_error", "message": str(e)}
    except BaseException:  # noqa: BLE001 - any model failure, incl. SystemExit
        tb = traceback.format_exc()
        return {"type": "error", "code": "model_error", "message": tb[-MAX_TRACEBACK:]}


class _LogStream(io.TextIOBase):
    """sys.stdout/sys.stderr replacement: model prints become `log` frames."""

    def __init__(self, log):
        self._log = log
        self._buf = ""

    def writable(self):
        return True

    def write(self, s):
        self._buf += s
        while "\n" in self._buf:
            line, self._buf = self._buf.split("\n", 1)
            self._log(line)
        if len(self._buf) > 4096:
            self._log(self._buf)
            self._buf = ""
        return len(s)

    def flush(self):
        if self._buf:
            self._log(self._buf)
            self._buf = ""


def apply_rlimits(limits):
    """Lower (never raise) the rlimits to the run's values."""
    pairs = {
        resource.RLIMIT_CPU: limits.get("cpu_seconds"),
        resource.RLIMIT_AS: limits.get("address_space_bytes"),
        resource.RLIMIT_FSIZE: limits.get("file_size_bytes"),
        resource.RLIMIT_NOFILE: limits.get("open_files"),
        resource.RLIMIT_CORE: 0,
    }
    for res, val in pairs.items():
        if val is None:
            continue
        soft, hard = resource.getrlimit(res)
        new_hard = val + 1 if res == resource.RLIMIT_CPU else val
        if hard != resource.RLIM_INFINITY:
            new_hard = min(new_hard, hard)
        resource.setrlimit(res, (min(val, new_hard), new_hard))


def unpack_package(files, dest):
    """Write package files received as bytes (warm-pool / fork paths) into private /tmp."""
    root = os.path.realpath(dest)
    os.makedirs(root, exist_ok=True)
    for rel, data in files:
        p = os.path.realpath(os.path.join(root, rel))
        if not p.startswith(root + os.sep):
            raise ProtocolError(f"package path escapes: {rel!r}")
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as fh:
            fh.write(data)
    return root


def serve(fio: FrameIO, pkg_dir_default=None, stage2=None):
    """Run one job over a frame channel: wait for `run`, execute, send result/error."""
    run = fio.recv()
    if run.get("type") != "run" or run.get("v") != PROTOCOL_VERSION:
        fio.send({"type": "error", "code": "protocol_error",
                  "message": f"expected run frame v{PROTOCOL_VERSION}"})
        return
    apply_rlimits(run.get("limits") or {})
    if run.get("package") is not None:
        pkg_dir = unpack_package(run["package"], "/tmp/pkg")
    else:
        pkg_dir = pkg_dir_default or "/pkg"
    os.chdir("/tmp")
    next_id = [0]

    def log(line):
        fio.send({"type": "log", "line": str(line)})

    def fetch(symbol, lookback):
        next_id[0] += 1
        fio.send({"type": "data", "id": next_id[0], "symbol": symbol, "lookback": lookback})
        reply = fio.recv()
        if reply.get("type") != "data_result" or reply.get("id") != next_id[0]:
            raise ProtocolError("unexpected reply to data request")
        return frame_from_columns(reply["columns"])

    stream = _LogStream(log)
    sys.stdout = stream
    msg = call_model(run, pkg_dir, fetch, log, before_model=stage2)
    stream.flush()
    sys.stdout = sys.__stdout__
    fio.send(msg)
