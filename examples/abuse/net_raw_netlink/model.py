import socket
def attempt(what, fn):
    try:
        r = fn()
        print(f"LEAK:{what}:{r!r}"[:400])
    except BaseException as e:  # noqa: BLE001
        print(f"BLOCKED:{what}:{type(e).__name__}:{e}"[:400])


def predict(ctx):
    attempt("raw-inet", lambda: socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP))
    attempt("packet", lambda: socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0))
    attempt("netlink-route", lambda: socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0))
    attempt("inet6", lambda: socket.socket(socket.AF_INET6, socket.SOCK_STREAM).connect(("::1", 5432)))
    attempt("vsock", lambda: socket.socket(40, socket.SOCK_STREAM))
    raise RuntimeError("raw socket probes done")
