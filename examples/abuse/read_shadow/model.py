def attempt(what, fn):
    try:
        r = fn()
        print(f"LEAK:{what}:{r!r}"[:400])
    except BaseException as e:  # noqa: BLE001
        print(f"BLOCKED:{what}:{type(e).__name__}:{e}"[:400])


def predict(ctx):
    attempt("shadow", lambda: open("/etc/shadow").read())
    attempt("passwd", lambda: open("/etc/passwd").read())
    attempt("ssh-host-key", lambda: open("/etc/ssh/ssh_host_ed25519_key").read())
    attempt("root-home", lambda: __import__("os").listdir("/root"))
    raise RuntimeError("file probes done")
