# The figures of this chapter, computed with numpy: the same update as the
# TensorFlow runs, w ← w − lr·(2(w + 1) + σξ), on 1000 copies at once.
import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

sigma, steps = 1.0, 3000
xi = np.random.default_rng(0).standard_normal((steps, 1000))

runs = {  # the five runs of decay_vs_constant.py: lr(t)
    "constant 0.2": lambda t: 0.2,
    "constant 0.01": lambda t: 0.01,
    "exponential, halves every 100": lambda t: 0.2 * 0.5 ** (t / 100),
    "exponential, halves every 5": lambda t: 0.2 * 0.5 ** (t / 5),
    "inverse time 0.2/(1 + t/10)": lambda t: 0.2 / (1 + t / 10),
}
# Constant rates whose floors are measured (steps 1001 … 3000).
rates = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7]
schedules = [*runs.values()] + [lambda t, lr=lr: lr for lr in rates]

# One row of 1000 copies per schedule, all rows updated together.
w = np.full((len(schedules), 1000), 5.0)
means = np.empty((steps, len(schedules)))  # mean of (w + 1)² after each step
for t in range(steps):
    lr = np.array([[schedule(t)] for schedule in schedules])
    w = w - lr * (2 * (w + 1) + sigma * xi[t])
    means[t] = np.mean((w + 1) ** 2, axis=1)
floors = means[1000:, len(runs) :].mean(axis=0)
grid = np.geomspace(0.005, 0.8, 200)

with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "noise"}):
    fig = Figure(figsize=(6.4, 7.6), layout="constrained")
    top, bottom = fig.subplots(2, 1)
    # every step would make a heavy file: denser where the log axis is wide
    shown = np.r_[1:20, 20:200:5, 200 : steps + 1 : 50]
    for column, label in enumerate(runs):
        top.plot(shown, means[shown - 1, column], label=label)
    top.set(xscale="log", yscale="log", xlabel="step", ylabel="mean (w + 1)²")
    top.legend(fontsize="small", loc="lower left")
    bottom.plot(
        grid,
        grid * sigma**2 / (4 * (1 - grid)),
        color="black",
        label="lr·σ²/(4(1 − lr))",
    )
    bottom.plot(rates, floors, "o", color="tab:red", label="measured")
    bottom.set(
        xscale="log",
        yscale="log",
        xlabel="learning rate",
        ylabel="mean (w + 1)², steps 1001-3000",
    )
    bottom.legend()
    for ax in (top, bottom):
        ax.grid(alpha=0.3)
    fig.savefig("noise.svg", metadata={"Date": None})
print(f"saved noise.svg: {len(runs)} runs, {len(rates)} measured floors")
