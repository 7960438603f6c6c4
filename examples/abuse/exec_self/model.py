import os


def predict(ctx):
    os.execv("/usr/bin/python3", ["python3", "-c", "print('LEAK:exec')"])
