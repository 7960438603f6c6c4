import ctypes


def predict(ctx):
    # userfaultfd (a classic helper for kernel race exploits)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    rc = libc.syscall(323, 0)
    err = ctypes.get_errno()
    if rc < 0:
        print(f"BLOCKED:ctypes_userfaultfd:errno={err}")
        raise RuntimeError(f"ctypes_userfaultfd refused: errno {err}")
    print(f"LEAK:ctypes_userfaultfd:{rc}")
    raise RuntimeError("ctypes_userfaultfd returned")
