import gc
import os

from seer.runtime.protocol import FrameIO


def predict(ctx):
    fio = next(o for o in gc.get_objects() if isinstance(o, FrameIO))
    body = b"\xc1\xc1\xc1\xc1"  # 0xc1 is never used in MessagePack
    os.write(fio.out_fd, len(body).to_bytes(4, "big") + body)
    import time
    time.sleep(30)
