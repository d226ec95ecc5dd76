# Five learning rates on loss = (w + 1)**2, from w = 5, drawn on the curve.
import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

cases = [  # (learning rate, steps drawn, colour)
    (0.0001, 40, "tab:gray"),
    (0.2, 8, "tab:green"),
    (0.5, 2, "tab:blue"),
    (1.0, 4, "tab:orange"),
    (1.2, 2, "tab:red"),
]
# Text stays text in the SVG, and the file is the same at every run.
with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "trajectories"}):
    grid = np.linspace(-13.0, 13.0, 261)
    fig = Figure(figsize=(7.2, 4.0), layout="constrained")
    ax = fig.subplots()
    ax.plot(
        grid, (grid + 1) ** 2, color="black", linewidth=1, label="(w + 1)²"
    )
    for lr, steps, colour in cases:
        w = [5.0]
        for _ in range(steps):
            w.append(w[-1] - lr * 2 * (w[-1] + 1))
        w = np.array(w)
        ax.plot(
            w,
            (w + 1) ** 2,
            "o-",
            color=colour,
            markersize=4,
            linewidth=1,
            alpha=0.8,
            label=f"η = {lr:g}",
        )
    ax.set_xlabel("w")
    ax.set_ylabel("loss")
    ax.set_xlim(-13, 13)
    ax.set_ylim(-5, 150)
    fig.legend(loc="outside right center")
    ax.grid(alpha=0.3)
    fig.savefig("trajectories.svg", metadata={"Date": None})
print(f"saved trajectories.svg: {len(cases)} learning rates")
