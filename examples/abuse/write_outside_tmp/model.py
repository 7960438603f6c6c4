import os
def attempt(what, fn):
    try:
        r = fn()
        print(f"LEAK:{what}:{r!r}"[:400])
    except BaseException as e:  # noqa: BLE001
        print(f"BLOCKED:{what}:{type(e).__name__}:{e}"[:400])


def predict(ctx):
    pkg = os.path.dirname(ctx.path("model.py"))
    def w(p):
        with open(p, "w") as f:
            f.write("pwned")
        return "written"
    attempt("pkg", lambda: w("/pkg/pwned.txt") if pkg == "/pkg" else w("/opt/seer/pwned.txt"))
    attempt("runtime", lambda: w("/opt/seer/seer/pwned.py"))
    attempt("usr", lambda: w("/usr/lib/python3/dist-packages/pwned.py"))
    attempt("root", lambda: w("/pwned.txt"))
    attempt("etc", lambda: w("/etc/pwned.txt"))
    attempt("dev", lambda: w("/dev/pwned"))
    attempt("proc-sys", lambda: w("/proc/sys/kernel/hostname"))
    attempt("sysrq", lambda: w("/proc/sysrq-trigger"))
    raise RuntimeError("write probes done")
