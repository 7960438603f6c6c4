import ctypes


def predict(ctx):
    # setns into the namespaces of pid 1 (self: the jail's own)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    import os
    fd = os.open('/proc/self/ns/user', os.O_RDONLY)
    rc = libc.syscall(308, fd, 0)
    err = ctypes.get_errno()
    if rc < 0:
        print(f"BLOCKED:ctypes_setns:errno={err}")
        raise RuntimeError(f"ctypes_setns refused: errno {err}")
    print(f"LEAK:ctypes_setns:{rc}")
    raise RuntimeError("ctypes_setns returned")
