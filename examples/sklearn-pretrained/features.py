"""The features, shared by train.py (offline) and model.py (every run), so both see the same columns.

Per bar: the last LAGS hourly log returns and the bar's log high/low range."""

import numpy as np

LAGS = 6


def features(df):
    """One row of features per bar of `df` (columns close, high, low); NaN where history is short."""
    r = np.log(df["close"].to_numpy(dtype=float))
    r = np.concatenate([[np.nan], np.diff(r)])
    cols = [np.concatenate([[np.nan] * i, r[: len(r) - i]]) for i in range(LAGS)]
    cols.append(np.log(df["high"].to_numpy(dtype=float) / df["low"].to_numpy(dtype=float)))
    return np.column_stack(cols)
