# Learning-rate curves for a few decay rates over 100 steps.
import matplotlib.pyplot as plt
import numpy as np

base, decay_steps = 0.1, 10  # change me
step = np.arange(0, 101)
# Only for this figure: text stays text in SVG output, same file every run.
with plt.rc_context(
    {"svg.fonttype": "none", "svg.hashsalt": "lab-plot-decay"}
):
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    for i, rate in enumerate((0.99, 0.95, 0.9)):  # one colour per rate
        ax.plot(
            step,
            base * rate ** np.floor(step / decay_steps),
            color=f"C{i}",
            label=f"rate = {rate:g}, staircase",
        )
        ax.plot(
            step,
            base * rate ** (step / decay_steps),
            color=f"C{i}",
            linestyle=":",
            label=f"rate = {rate:g}, smooth",
        )
    ax.set_xlabel("global_step")
    ax.set_ylabel("learning rate")
    ax.legend(fontsize="small")
    ax.grid(alpha=0.3)
    plt.show()
print(f"after 100 steps: {base * 0.9 ** (100 / decay_steps):.6f} (rate 0.9)")
