def predict(ctx):
    line = "y" * 1000
    for _ in range(10**6):
        print(line)
