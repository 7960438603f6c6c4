import socket
def attempt(what, fn):
    try:
        r = fn()
        print(f"LEAK:{what}:{r!r}"[:400])
    except BaseException as e:  # noqa: BLE001
        print(f"BLOCKED:{what}:{type(e).__name__}:{e}"[:400])


def predict(ctx):
    def unix(path):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(path)
        return "connected"
    attempt("pg-socket", lambda: unix("/var/run/postgresql/.s.PGSQL.5432"))
    attempt("pg-socket-run", lambda: unix("/run/postgresql/.s.PGSQL.5432"))
    attempt("docker", lambda: unix("/var/run/docker.sock"))
    attempt("abstract-dbus", lambda: unix("\0/org/freedesktop/dbus"))
    attempt("systemd-notify", lambda: unix("/run/systemd/notify"))
    raise RuntimeError("unix socket probes done")
