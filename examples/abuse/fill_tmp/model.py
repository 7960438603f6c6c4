import os


def predict(ctx):
    written = 0
    chunk = b"x" * (1 << 20)
    try:
        with open("/tmp/fill", "wb") as f:
            while True:
                f.write(chunk)
                f.flush()
                written += len(chunk)
    except OSError as e:
        print(f"BLOCKED:fill-tmp:{e.errno}:{written}")
        raise
