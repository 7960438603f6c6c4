import ctypes


def predict(ctx):
    # io_uring_setup (its own syscall surface, bypasses per-call filters)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    params = ctypes.create_string_buffer(120)
    rc = libc.syscall(425, 4, params)
    err = ctypes.get_errno()
    if rc < 0:
        print(f"BLOCKED:ctypes_io_uring:errno={err}")
        raise RuntimeError(f"ctypes_io_uring refused: errno {err}")
    print(f"LEAK:ctypes_io_uring:{rc}")
    raise RuntimeError("ctypes_io_uring returned")
