import os


def attempt(what, fn):
    try:
        r = fn()
        print(f"LEAK:{what}:{r!r}"[:400])
    except BaseException as e:  # noqa: BLE001
        print(f"BLOCKED:{what}:{type(e).__name__}:{e}"[:400])


def predict(ctx):
    # /sys tells about the host (devices, network, cgroups, firmware, kernel tunables).
    attempt("sys-list", lambda: os.listdir("/sys"))
    attempt("sys-net", lambda: os.listdir("/sys/class/net"))
    attempt("sys-cgroup", lambda: os.listdir("/sys/fs/cgroup"))
    attempt("sys-dmi", lambda: open("/sys/class/dmi/id/product_uuid").read())
    attempt("sys-kernel-notes", lambda: open("/sys/kernel/notes", "rb").read(16))
    attempt("proc-sys-write", lambda: open("/proc/sys/kernel/hostname", "w").write("pwned"))
    raise RuntimeError("sys probes done")
