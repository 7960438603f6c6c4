import socket
def attempt(what, fn):
    try:
        r = fn()
        print(f"LEAK:{what}:{r!r}"[:400])
    except BaseException as e:  # noqa: BLE001
        print(f"BLOCKED:{what}:{type(e).__name__}:{e}"[:400])


def predict(ctx):
    def udp(host, port):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        return s.sendto(b"hello", (host, port))
    attempt("udp-local", lambda: udp("127.0.0.1", 5432))
    attempt("udp-external", lambda: udp("8.8.8.8", 53))
    raise RuntimeError("udp probes done")
