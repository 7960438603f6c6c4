def predict(ctx):
    # How many user namespaces may this run still create? The fork path sets the kernel limit
    # of the run's own user namespace to 0 (seccomp refuses the calls anyway); the cold and
    # pool paths rely on bwrap --disable-userns, which limits the namespace above this one.
    with open("/proc/sys/user/max_user_namespaces") as fh:
        print(f"USERNS_MAX:{fh.read().strip()}")
    try:
        with open("/proc/sys/user/max_user_namespaces", "w") as fh:
            fh.write("100\n")
        print("LEAK:userns-max-raised")
    except OSError as e:
        print(f"BLOCKED:userns-max-raise:{e}")
    return {s: 0.0 for s in ctx.symbols}
