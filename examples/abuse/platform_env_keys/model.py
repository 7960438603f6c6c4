import os, glob
def attempt(what, fn):
    try:
        r = fn()
        print(f"LEAK:{what}:{r!r}"[:400])
    except BaseException as e:  # noqa: BLE001
        print(f"BLOCKED:{what}:{type(e).__name__}:{e}"[:400])


def predict(ctx):
    print("ENVKEYS:" + ",".join(sorted(os.environ)))
    for k in ("DATABASE_URL", "PGPASSWORD", "SEER_SIGNING_KEY", "SEER_TEST_CANARY", "AWS_SECRET_ACCESS_KEY"):
        attempt("env-" + k, lambda k=k: os.environ[k])
    attempt("canary-key-file", lambda: open("/var/lib/seer-abuse-canary/platform.key").read())
    attempt("repo-env-file", lambda: open("/work/main/.env").read())
    attempt("secrets-glob", lambda: glob.glob("/run/secrets/*") or (_ for _ in ()).throw(LookupError("none")))
    attempt("proc-root-escape", lambda: open("/proc/1/root/var/lib/seer-abuse-canary/platform.key").read())
    raise RuntimeError("secret probes done")
