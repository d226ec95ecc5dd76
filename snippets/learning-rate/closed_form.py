# The iterates agree with the closed form w_n = -1 + 6 * (1 - 2 * lr)**n.
lr = 0.2
w = 5.0

for n in range(0, 7):
    closed = -1 + 6 * (1 - 2 * lr) ** n
    print(f"n = {n}: iterated w = {w:+.6f}, closed form = {closed:+.6f}")
    w = w - lr * 2 * (w + 1)
