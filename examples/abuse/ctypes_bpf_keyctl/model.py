import ctypes


def predict(ctx):
    libc = ctypes.CDLL(None, use_errno=True)
    SYS_keyctl = 250
    rc = libc.syscall(SYS_keyctl, 0, 0, 0, 0, 0)  # KEYCTL_GET_KEYRING_ID
    print(f"LEAK:keyctl:{rc}")
    raise RuntimeError("keyctl returned")
