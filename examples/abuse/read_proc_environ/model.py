import os
def attempt(what, fn):
    try:
        r = fn()
        print(f"LEAK:{what}:{r!r}"[:400])
    except BaseException as e:  # noqa: BLE001
        print(f"BLOCKED:{what}:{type(e).__name__}:{e}"[:400])


def predict(ctx):
    # /proc/1 is the runtime itself (bwrap --as-pid-1): its environment must be the empty jail env.
    for p in ("/proc/1/environ", "/proc/self/environ"):
        try:
            env = open(p, "rb").read().split(b"\0")
            keys = sorted(e.split(b"=")[0].decode() for e in env if e)
            print(f"ENVKEYS:{p}:{','.join(keys)}")
            print(f"ENVRAW:{p}:{b' '.join(env)!r}"[:2000])
            print(f"BLOCKED:{p}:only-jail-env")
        except OSError as e:
            print(f"BLOCKED:{p}:{e}")
    attempt("ppid-environ", lambda: open(f"/proc/{os.getppid() or 999999}/environ", "rb").read())
    attempt("host-pid-scan", lambda: [p for p in os.listdir("/proc") if p.isdigit() and p not in ("1", str(os.getpid()))] or (_ for _ in ()).throw(LookupError("no other pids")))
    raise RuntimeError("proc probes done")
