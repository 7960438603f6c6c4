def predict(ctx):
    # /proc/self/mountinfo names the host path behind each bind mount (field 4) - print them so
    # the test can check that nothing but the runtime and the model's own package shows.
    with open("/proc/self/mountinfo") as fh:
        for line in fh:
            f = line.split()
            print(f"MOUNT:{f[3]}:{f[4]}")
    raise RuntimeError("mountinfo listed")
