import gc

from seer.runtime.protocol import FrameIO


def predict(ctx):
    # Bypass the runtime's own validation: the host must validate again.
    fio = next(o for o in gc.get_objects() if isinstance(o, FrameIO))
    fio.send({"type": "result", "predictions": [{"symbol": "BTC-USD", "value": float("nan")}]})
    import time
    time.sleep(30)
