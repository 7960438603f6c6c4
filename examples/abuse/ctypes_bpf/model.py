import ctypes


def predict(ctx):
    # bpf(BPF_PROG_LOAD) of an empty socket filter
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    attr = ctypes.create_string_buffer(128)
    rc = libc.syscall(321, 5, attr, 128)
    err = ctypes.get_errno()
    if rc < 0:
        print(f"BLOCKED:ctypes_bpf:errno={err}")
        raise RuntimeError(f"ctypes_bpf refused: errno {err}")
    print(f"LEAK:ctypes_bpf:{rc}")
    raise RuntimeError("ctypes_bpf returned")
