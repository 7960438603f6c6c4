import os


def predict(ctx):
    line = b"z" * 65536
    for _ in range(10**5):
        os.write(2, line)
