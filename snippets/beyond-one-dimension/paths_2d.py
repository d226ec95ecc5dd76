# GD, heavy ball and Adam from the same start on loss = (10 w1² + w2²)/2:
# their paths over the contours, and the loss before each step. The
# updates are Keras's, written in numpy (gd_condition.py, momentum_speedup.py
# and adam.py run the Keras optimizers and check these forms).
import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

lam = np.array([10.0, 1.0])
s = np.sqrt(10.0)  # sqrt(kappa), with lambda_max = 10, lambda_min = 1
beta, lr = ((s - 1) / (s + 1)) ** 2, 4 / (s + 1) ** 2  # tuned heavy ball
w = np.array([[1.0, 2.0]] * 3)  # rows: GD, heavy ball, Adam
velocity, m, v = np.zeros(2), np.zeros(2), np.zeros(2)
path = [w.copy()]
for t in range(1, 101):
    g = lam * w  # the gradient, for each row
    w[0] -= 2 / 11 * g[0]  # GD at its best rate 2 / (10 + 1)
    velocity = beta * velocity - lr * g[1]
    w[1] += velocity
    m, v = 0.9 * m + 0.1 * g[2], 0.999 * v + 0.001 * g[2] ** 2
    correction = np.sqrt(1 - 0.999**t) / (1 - 0.9**t)  # Keras's Adam
    w[2] -= 0.1 * correction * m / (np.sqrt(v) + 1e-7)
    path.append(w.copy())
path = np.array(path)  # path[step, optimizer, axis]
loss = 0.5 * np.sum(lam * path**2, axis=2)

# Text stays text in the SVG, and the file is the same at every run.
with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "paths-2d"}):
    fig = Figure(figsize=(6.4, 3.4))
    fig.subplots_adjust(left=0.1, right=0.98, bottom=0.14, top=0.92)
    left, right = fig.subplots(1, 2, gridspec_kw={"wspace": 0.35})
    w1, w2 = np.meshgrid(np.linspace(-1.5, 1.5, 61), np.linspace(-1, 2.5, 71))
    levels = [0.02, 0.1, 0.3, 1, 2.5, 5, 10]
    left.contour(w1, w2, (10 * w1**2 + w2**2) / 2, levels, colors="lightgrey")
    labels = ["GD, lr = 2/11", "heavy ball, β = 0.27", "Adam, lr = 0.1"]
    for i, label in enumerate(labels):
        left.plot(*path[:21, i].T, "o-", color=f"C{i}", markersize=2, lw=1)
        right.semilogy(loss[:100, i], color=f"C{i}", label=label)
    left.plot(0, 0, "k+")  # the minimum
    left.set(xlim=(-1.5, 1.5), ylim=(-0.4, 2.2), aspect="equal")
    left.set(xlabel="w1 (steep, λ = 10)", ylabel="w2 (flat, λ = 1)")
    left.set_title("first 20 steps", fontsize="medium")
    right.set(xlabel="step", ylabel="loss", ylim=(1e-14, 1e2))
    right.yaxis.set_major_formatter("{x:.0e}")  # 1e-14: plain text
    right.grid(alpha=0.3, which="major")
    right.legend(fontsize="small")
    fig.savefig("paths_2d.svg", metadata={"Date": None})
below = [int(np.argmax(loss[:, i] < 1e-14)) for i in (0, 1)]  # 0: never
print("saved paths_2d.svg: 3 optimizers, paths and loss curves")
print(f"heavy ball: first step to w1 = {path[1, 1, 0]:.1f}", end="")
print(f", loss higher after it: {loss[1, 1] > loss[0, 1]}")
print(f"loss below 1e-14 from step {below[0]} (GD), {below[1]} (heavy ball)")
print(f"Adam: lowest loss at step {np.argmin(loss[:, 2])}", end="")
print(f", {loss[100, 2]:.0e} at step 100")
