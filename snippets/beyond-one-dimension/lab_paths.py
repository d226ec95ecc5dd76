# Gradient descent and heavy ball (Keras's SGD with momentum, in numpy) on
# loss = (kappa * w1**2 + w2**2) / 2 from w = (1, 1): change and rerun.
import matplotlib.pyplot as plt
import numpy as np

lr = 0.18  # change me: GD diverges above 2 / kappa
beta = 0.27  # change me: the momentum of the heavy ball
kappa = 10.0  # change me: the curvature of the steep axis w1
steps = 40
lam = np.array([kappa, 1.0])
w = np.ones((2, 2))  # rows: GD, heavy ball
velocity = np.zeros(2)
path = [w.copy()]
for _ in range(steps):
    w[0] -= lr * lam * w[0]  # the gradient is lam * w
    velocity = beta * velocity - lr * lam * w[1]
    w[1] += velocity
    path.append(w.copy())
path = np.array(path)  # path[step, optimizer, axis]
distance = np.sqrt(np.sum(path**2, axis=2))  # to the minimum (0, 0)

# Only for this figure: text stays text in SVG output, same file every run.
with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "lab-paths"}):
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(6.4, 3.4), width_ratios=(1.4, 1)
    )
    fig.subplots_adjust(0.1, 0.14, 0.98, 0.88, wspace=0.5)
    w1, w2 = np.meshgrid(np.linspace(-1.5, 1.5, 61), np.linspace(-1, 1.5, 51))
    levels = np.array([0.01, 0.05, 0.2, 0.5, 1]) * (kappa + 1) / 2
    left.contour(w1, w2, (kappa * w1**2 + w2**2) / 2, levels, colors="0.8")
    labels = [f"GD, lr = {lr}", f"heavy ball, lr = {lr}, β = {beta}"]
    for i, label in enumerate(labels):
        left.plot(*path[:, i].T, "o-", color=f"C{i}", markersize=2, lw=1)
        right.semilogy(distance[:, i], color=f"C{i}", label=label)
    left.plot(0, 0, "k+")  # the minimum
    left.set(xlim=(-1.5, 1.5), ylim=(-1, 1.5), aspect="equal")
    left.set_xticks([-1, 0, 1])
    left.set(xlabel=f"w1 (steep, λ = κ = {kappa:g})")
    left.set(ylabel="w2 (flat, λ = 1)")
    right.set(xlabel="step", ylabel="distance to the minimum")
    right.yaxis.set_major_formatter("{x:.0e}")  # 1e-06: plain text
    right.grid(alpha=0.3)
    fig.legend(loc="upper center", ncols=2, frameon=False)
    plt.show()
gd, ball = 2 / kappa, 2 * (1 + beta) / kappa  # the limits of lr
print(f"stable while lr < {gd:.3f} (GD), lr < {ball:.3f} (heavy ball)")
print(f"|w| after {steps} steps: {distance[-1, 0]:.1e} (GD),", end=" ")
print(f"{distance[-1, 1]:.1e} (heavy ball)")
