import ctypes


def predict(ctx):
    libc = ctypes.CDLL(None, use_errno=True)
    X32 = 0x40000000
    rc = libc.syscall(X32 + 39)  # x32 getpid
    print(f"LEAK:x32:{rc}")
    raise RuntimeError("x32 syscall returned")
