import socket
def attempt(what, fn):
    try:
        r = fn()
        print(f"LEAK:{what}:{r!r}"[:400])
    except BaseException as e:  # noqa: BLE001
        print(f"BLOCKED:{what}:{type(e).__name__}:{e}"[:400])


def predict(ctx):
    attempt("getaddrinfo", lambda: socket.getaddrinfo("example.com", 443))
    attempt("gethostbyname", lambda: socket.gethostbyname("postgres.internal"))
    attempt("resolv.conf", lambda: open("/etc/resolv.conf").read())
    raise RuntimeError("dns probes done")
