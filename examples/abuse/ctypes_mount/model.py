import ctypes


def predict(ctx):
    libc = ctypes.CDLL(None, use_errno=True)
    rc = libc.mount(b"tmpfs", b"/tmp", b"tmpfs", 0, None)
    print(f"LEAK:mount:{rc}")
    raise RuntimeError("mount returned")
