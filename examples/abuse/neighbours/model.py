import os
import socket
import time


def attempt(what, fn):
    try:
        r = fn()
        print(f"LEAK:{what}:{r!r}"[:400])
    except BaseException as e:  # noqa: BLE001
        print(f"BLOCKED:{what}:{type(e).__name__}:{e}"[:400])


def others_in_proc():
    mine = {str(os.getpid())}
    seen = [p for p in os.listdir("/proc") if p.isdigit() and p not in mine]
    if seen:
        return seen
    raise LookupError("no other process visible")


def others_in_tmp():
    seen = [n for n in os.listdir("/tmp") if n not in ("pkg", "neighbour-mark")]
    if seen:
        return seen
    raise LookupError("only own files in /tmp")


def predict(ctx):
    # Run several copies at once: each one looks for the others.
    with open("/tmp/neighbour-mark", "w") as fh:
        fh.write(str(os.getpid()))
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.bind("\0seer-neighbour")  # an abstract name: shared only if the network namespace is
        s.listen(1)
        print("BLOCKED:abstract-name:own namespace")
    except OSError as e:
        print(f"LEAK:abstract-name:taken by a neighbour:{e}")
    time.sleep(1.0)  # overlap with the other copies
    attempt("proc-neighbours", others_in_proc)
    attempt("tmp-neighbours", others_in_tmp)
    attempt("signal-all", lambda: os.kill(-1, 9) or "signalled")
    raise RuntimeError("neighbour probes done")
