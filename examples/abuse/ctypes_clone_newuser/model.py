import ctypes


def predict(ctx):
    # clone(CLONE_NEWUSER | SIGCHLD): a new user namespace gives back every capability
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    rc = libc.syscall(56, 0x10000000 | 17, 0, 0, 0, 0)
    err = ctypes.get_errno()
    if rc < 0:
        print(f"BLOCKED:ctypes_clone_newuser:errno={err}")
        raise RuntimeError(f"ctypes_clone_newuser refused: errno {err}")
    print(f"LEAK:ctypes_clone_newuser:{rc}")
    raise RuntimeError("ctypes_clone_newuser returned")
