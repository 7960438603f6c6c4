import os
def attempt(what, fn):
    try:
        r = fn()
        print(f"LEAK:{what}:{r!r}"[:400])
    except BaseException as e:  # noqa: BLE001
        print(f"BLOCKED:{what}:{type(e).__name__}:{e}"[:400])


def predict(ctx):
    print(f"UID:{os.getuid()}:{os.geteuid()}")
    attempt("setuid0", lambda: os.setuid(0))
    attempt("setgid0", lambda: os.setgid(0))
    attempt("setresuid0", lambda: os.setresuid(0, 0, 0))
    attempt("setgroups", lambda: os.setgroups([0]))
    raise RuntimeError(f"still uid {os.getuid()}")
