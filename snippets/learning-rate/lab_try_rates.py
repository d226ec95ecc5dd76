# Try your own learning rates: edit `rates`, run, compare the five steps.
rates = [0.05, 0.2, 0.5]  # change me
w0, steps = 5.0, 5

for lr in rates:
    w = w0
    path = []
    for _ in range(steps):
        w = w - lr * 2 * (w + 1)  # the update rule on loss = (w + 1)**2
        path.append(f"{w:.4f}")
    print(f"lr = {lr:<6g} w: {w0:g} -> " + " -> ".join(path))
