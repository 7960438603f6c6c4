import ctypes


def predict(ctx):
    # modify_ldt: reads/writes the local descriptor table (old exploit vector)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    buf = ctypes.create_string_buffer(64)
    rc = libc.syscall(154, 0, buf, 64)
    err = ctypes.get_errno()
    if rc < 0:
        print(f"BLOCKED:ctypes_modify_ldt:errno={err}")
        raise RuntimeError(f"ctypes_modify_ldt refused: errno {err}")
    print(f"LEAK:ctypes_modify_ldt:{rc}")
    raise RuntimeError("ctypes_modify_ldt returned")
