import ctypes


def predict(ctx):
    libc = ctypes.CDLL(None, use_errno=True)
    PTRACE_ATTACH = 16
    libc.ptrace(PTRACE_ATTACH, 1, 0, 0)
    print("LEAK:ptrace:returned")
    raise RuntimeError("ptrace returned")
