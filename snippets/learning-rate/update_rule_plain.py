# Gradient descent by hand on loss = (w + 1)**2: no library needed.
lr = 0.2  # learning rate η
w = 5.0  # starting value w0


def grad(w):
    """d loss / d w for loss = (w + 1)**2."""
    return 2 * (w + 1)


print(f"step 0: w = {w:f}, loss = {(w + 1) ** 2:f}")
for step in range(1, 4):
    w_old = w
    w = w - lr * grad(w)  # the update rule
    print(
        f"step {step}: w = {w_old:g} - {lr:g} * (2 * {w_old:g} + 2)"
        f" = {w:f}, loss = {(w + 1) ** 2:f}"
    )
