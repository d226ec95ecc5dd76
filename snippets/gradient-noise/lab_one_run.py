# One run of the noisy update per learning rate: change lr or sigma, rerun.
import matplotlib.pyplot as plt
import numpy as np

sigma = 1.0  # change me
rates = (0.2, 0.02)  # change me
xi = np.random.default_rng(0).standard_normal(300)

# Only for this figure: text stays text in SVG output, same file every run.
with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "lab-one-run"}):
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    for lr, colour in zip(rates, ("tab:blue", "tab:orange")):
        w = [5.0]
        for noise in xi:
            w.append(w[-1] - lr * (2 * (w[-1] + 1) + sigma * noise))
        ax.plot(np.array(w) + 1, color=colour, label=f"lr = {lr}")
        band = np.sqrt(lr * sigma**2 / (4 * (1 - lr)))  # √(noise floor)
        ax.axhline(band, color=colour, linestyle="--", linewidth=1)
        ax.axhline(-band, color=colour, linestyle="--", linewidth=1)
    ax.set_xlabel("step")
    ax.set_ylabel("w + 1")
    ax.set_ylim(-1, 2)
    ax.legend()
    ax.grid(alpha=0.3)
    plt.show()
print(f"plotted {len(rates)} runs of {len(xi)} steps, sigma = {sigma}")
