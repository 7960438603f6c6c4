import ctypes


def predict(ctx):
    # clone3 with CLONE_NEWUSER: its flags live in memory, where seccomp cannot look, so the
    # filter refuses clone3 as a whole with ENOSYS (glibc then falls back to clone).
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    args = ctypes.create_string_buffer(88)
    ctypes.c_uint64.from_buffer(args, 0).value = 0x10000000  # flags = CLONE_NEWUSER
    ctypes.c_uint64.from_buffer(args, 32).value = 17  # exit_signal = SIGCHLD
    rc = libc.syscall(435, args, 88)
    err = ctypes.get_errno()
    if rc < 0:
        print(f"BLOCKED:clone3:errno={err}")
        raise RuntimeError(f"clone3 refused: errno {err}")
    if rc == 0:
        import os
        os._exit(0)
    print(f"LEAK:clone3:{rc}")
    raise RuntimeError("clone3 returned")
