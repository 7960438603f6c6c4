import os


def attempt(what, fn):
    try:
        r = fn()
        print(f"LEAK:{what}:{r!r}"[:400])
    except BaseException as e:  # noqa: BLE001
        print(f"BLOCKED:{what}:{type(e).__name__}:{e}"[:400])


def predict(ctx):
    # The package ships symlinks to host files (the abuse suite adds them next to this file at
    # test time: shadow, canary, host-key, up). Upload refuses them (package_symlink); in the
    # sandbox they resolve inside the jail (cold path) or are never sent (pool/fork paths).
    for name in ("shadow", "canary", "host-key", "up"):
        attempt(f"link-{name}", lambda n=name: open(os.path.join(os.path.dirname(__file__), n), "rb").read(200))
    attempt("ctx-path", lambda: open(ctx.path("canary"), "rb").read(200))
    raise RuntimeError("symlink probes done")
