import subprocess


def predict(ctx):
    out = subprocess.run(["/bin/sh", "-c", "id; cat /etc/hostname"], capture_output=True)
    print(f"LEAK:shell:{out.stdout!r}")
    raise RuntimeError("shell ran")
