# Draw loss = (w + 1)**2 and the first gradient-descent steps from w = 5.
import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

lr, w = 0.2, 5.0
steps = [w]
for _ in range(3):
    w = w - lr * 2 * (w + 1)
    steps.append(w)

# Text stays text in the SVG, and the file is the same at every run.
with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "loss-curve"}):
    grid = np.linspace(-4.0, 6.0, 201)
    fig = Figure(figsize=(6.4, 3.6))
    ax = fig.subplots()
    ax.plot(grid, (grid + 1) ** 2, color="tab:blue", label="loss = (w + 1)²")
    ws = np.array(steps)
    ax.plot(ws, (ws + 1) ** 2, "o--", color="tab:orange", label="η = 0.2")
    for n, w_n in enumerate(steps):
        ax.annotate(
            f"w{n} = {w_n:g}",
            (w_n, (w_n + 1) ** 2),
            textcoords="offset points",
            xytext=(8, 4),
        )
    ax.plot([-1], [0], "k*", markersize=10)
    ax.annotate("(−1, 0)", (-1, 0), textcoords="offset points", xytext=(8, 6))
    ax.set_xlabel("w")
    ax.set_ylabel("loss")
    ax.legend(loc="upper left")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig("loss_curve.svg", metadata={"Date": None})
print(f"saved loss_curve.svg: minimum at w = {-1:.1f}, steps {len(steps) - 1}")
