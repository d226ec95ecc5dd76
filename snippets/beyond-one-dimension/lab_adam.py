# Adam (Keras's update, in numpy) on loss = scale * (kappa * u1**2 + u2**2)
# / 2 from u = (1, 1), the axes u1, u2 along w1, w2 or turned by 45 degrees.
import numpy as np

lr = 0.1  # change me
kappa = 10.0  # change me: the curvature along u1
scale = 1.0  # change me: multiplies the whole loss
turned = False  # change me: True turns the axes u by 45 degrees
hessian = scale * np.diag([kappa, 1.0])
w = np.ones(2)  # u = (1, 1)
if turned:  # u1 along (1, 1) / sqrt(2), u2 along (-1, 1) / sqrt(2)
    a, b = (kappa + 1) / 2, (kappa - 1) / 2
    hessian, w = scale * np.array([[a, b], [b, a]]), np.array([0, np.sqrt(2)])
m, v = np.zeros(2), np.zeros(2)
path, steps = [w], 2000
for t in range(1, steps + 1):
    g = hessian @ w  # the gradient
    m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g**2
    correction = np.sqrt(1 - 0.999**t) / (1 - 0.9**t)
    w = w - lr * correction * m / (np.sqrt(v) + 1e-7)
    path.append(w)
path = np.array(path)  # path[step, coordinate]
loss = 0.5 * np.sum(path @ hessian * path, axis=1)
moves = path[:-1] - path[1:]  # what each step subtracts from w
print("first moves (w1, w2):", *(f"({a:.4f}, {b:.4f})" for a, b in moves[:3]))
above = np.flatnonzero(loss / loss[0] > 1e-6)  # steps still above
if above[-1] == steps:
    print(f"loss / start still above 1e-6 after {steps} steps")
else:
    print(f"loss / start stays below 1e-6 from step {above[-1] + 1}")
