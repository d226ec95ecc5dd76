# Staircase and smooth decay over 40 steps, with decay_steps = 1 and 10.
import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

base, rate = 0.1, 0.99
# Text stays text in the SVG, and the file is the same at every run.
with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "decay-curves"}):
    step = np.arange(0, 41)
    fig = Figure(figsize=(7.2, 3.2), layout="constrained")
    axes = fig.subplots(1, 2)
    for ax, decay_steps in zip(axes, (1, 10)):
        smooth = base * rate ** (step / decay_steps)
        stairs = base * rate ** np.floor(step / decay_steps)
        # global_step is a whole number: draw the rate at each step.
        ax.plot(
            step,
            smooth,
            "o-",
            color="tab:blue",
            markersize=3,
            label="staircase=False",
        )
        ax.plot(
            step,
            stairs,
            "s--",
            color="tab:orange",
            markersize=5,
            fillstyle="none",
            label="staircase=True",
        )
        ax.set_title(f"decay_steps = {decay_steps}")
        ax.set_xlabel("global_step")
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("learning rate")
    for ax in axes:
        ax.legend(loc="lower left", fontsize="small")
    fig.savefig("decay_curves.svg", metadata={"Date": None})
print("saved decay_curves.svg: 2 panels, 41 steps each")
