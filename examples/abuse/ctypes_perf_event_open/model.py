import ctypes


def predict(ctx):
    # perf_event_open on the CPU cycle counter of this process
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    attr = ctypes.create_string_buffer(128)
    ctypes.c_uint32.from_buffer(attr, 4).value = 128  # size
    rc = libc.syscall(298, attr, 0, -1, -1, 0)
    err = ctypes.get_errno()
    if rc < 0:
        print(f"BLOCKED:ctypes_perf_event_open:errno={err}")
        raise RuntimeError(f"ctypes_perf_event_open refused: errno {err}")
    print(f"LEAK:ctypes_perf_event_open:{rc}")
    raise RuntimeError("ctypes_perf_event_open returned")
