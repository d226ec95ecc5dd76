# The six schedules over 1500 steps: one panel each, then all on one plot.
import matplotlib as mpl
import tensorflow as tf
from matplotlib.figure import Figure

S = tf.keras.optimizers.schedules
schedules = {
    "piecewise constant": S.PiecewiseConstantDecay(
        [300, 600], [0.1, 0.05, 0.01]
    ),
    "polynomial (power 2)": S.PolynomialDecay(0.1, 1000, 0.001, power=2.0),
    "inverse time": S.InverseTimeDecay(0.1, 100, 0.5),
    "cosine": S.CosineDecay(0.1, 1000, alpha=0.01),
    "cosine with restarts": S.CosineDecayRestarts(0.1, 200, 2.0, 0.8),
    "warm-up + cosine": S.CosineDecay(
        0.0, 900, alpha=0.01, warmup_target=0.1, warmup_steps=100
    ),
}
steps = tf.range(1501)


@tf.function  # one graph for all steps instead of one call per step
def one_by_one(schedule, steps):
    return tf.map_fn(schedule, steps, fn_output_signature=tf.float32)


def values(schedule, steps):
    """The schedule at every step (warm-up: one step at a time)."""
    if getattr(schedule, "warmup_steps", 0):
        return one_by_one(schedule, steps)
    return schedule(steps)


curves = {name: values(s, steps).numpy() for name, s in schedules.items()}

# Text stays text in the SVG, and the file is the same at every run.
with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "schedules"}):
    fig = Figure(figsize=(9, 5), layout="constrained")
    axes = fig.subplots(2, 3, sharex=True, sharey=True)
    for ax, (name, lr) in zip(axes.flat, curves.items()):
        ax.plot(steps.numpy(), lr, color="tab:blue")
        ax.set_title(name, fontsize="medium")
        ax.grid(alpha=0.3)
    for ax in axes[1]:
        ax.set_xlabel("step")
    for ax in axes[:, 0]:
        ax.set_ylabel("learning rate")
    fig.savefig("schedules_grid.svg", metadata={"Date": None})

    fig = Figure(figsize=(7.2, 3.8), layout="constrained")
    ax = fig.subplots()
    for name, lr in curves.items():
        ax.plot(steps.numpy(), lr, label=name)
    ax.set_xlabel("step")
    ax.set_ylabel("learning rate")
    ax.legend(fontsize="small")
    ax.grid(alpha=0.3)
    fig.savefig("schedules_overlay.svg", metadata={"Date": None})
print(f"saved 2 figures: {len(curves)} schedules, {len(steps)} steps each")
