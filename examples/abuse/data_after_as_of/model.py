import gc

from seer.runtime.harness import frame_from_columns
from seer.runtime.protocol import FrameIO


def predict(ctx):
    df = ctx.ohlcv("BTC-USD", lookback=50)
    print(f"MAXTS:ohlcv:{int(df.index.max().timestamp())}")
    # Raw request asking explicitly for bars up to far in the future.
    fio = next(o for o in gc.get_objects() if isinstance(o, FrameIO))
    fio.send({"type": "data", "id": 2, "symbol": "BTC-USD", "lookback": 50, "end": 4_000_000_000})
    reply = fio.recv()
    raw = frame_from_columns(reply["columns"])
    print(f"MAXTS:raw:{int(raw.index.max().timestamp())}")
    print(f"ASOF:{int(ctx.as_of.timestamp())}")
    return {"BTC-USD": 0.0}
