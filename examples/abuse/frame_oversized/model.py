import gc
import os

from seer.runtime.protocol import FrameIO


def predict(ctx):
    fio = next(o for o in gc.get_objects() if isinstance(o, FrameIO))
    os.write(fio.out_fd, (512 * 1024 * 1024).to_bytes(4, "big") + b"\x80" * 1024)
    import time
    time.sleep(30)
