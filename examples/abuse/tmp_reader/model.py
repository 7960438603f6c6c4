import os
def attempt(what, fn):
    try:
        r = fn()
        print(f"LEAK:{what}:{r!r}"[:400])
    except BaseException as e:  # noqa: BLE001
        print(f"BLOCKED:{what}:{type(e).__name__}:{e}"[:400])


def predict(ctx):
    attempt("previous-run-file", lambda: open("/tmp/left-behind").read())
    attempt("shm-listing", lambda: os.listdir("/dev/shm") or (_ for _ in ()).throw(LookupError("empty")))
    raise RuntimeError("reuse probes done")
