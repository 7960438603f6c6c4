import os
def attempt(what, fn):
    try:
        r = fn()
        print(f"LEAK:{what}:{r!r}"[:400])
    except BaseException as e:  # noqa: BLE001
        print(f"BLOCKED:{what}:{type(e).__name__}:{e}"[:400])


def predict(ctx):
    attempt("host-path-of-other", lambda: open(ctx.params["other"]).read())
    attempt("examples-dir", lambda: os.listdir("/work/main/examples"))
    attempt("chan-dir", lambda: [d for d in os.listdir("/chan")] or (_ for _ in ()).throw(LookupError("empty")))
    attempt("pkg-escape", lambda: ctx.path("../../etc/hostname"))
    attempt("tmp-other-pkg", lambda: [d for d in os.listdir("/tmp") if d != "pkg"] or (_ for _ in ()).throw(LookupError("only own files")))
    raise RuntimeError("package probes done")
