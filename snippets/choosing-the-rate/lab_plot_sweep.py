# The same sweep as a curve: where does gradient descent stop converging?
import matplotlib.pyplot as plt
import numpy as np

steps = 40  # change me
rates = np.logspace(-4, np.log10(1.2), 200)
distance = np.abs(6 * (1 - 2 * rates) ** steps)

# Only for this figure: text stays text in SVG output, same file every run.
with plt.rc_context(
    {"svg.fonttype": "none", "svg.hashsalt": "lab-plot-sweep"}
):
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    ax.loglog(rates, distance)
    ax.axvline(1.0, color="tab:red", linestyle="--", label="η = 2/L = 1")
    ax.axhline(6.0, color="gray", linestyle=":", label="|w0 + 1| = 6")
    ax.set_xlabel("η")
    ax.set_ylabel(f"|w{steps} + 1|")
    ax.legend()
    ax.grid(alpha=0.3, which="both")
    plt.show()
print(f"smallest distance at lr = {rates[np.argmin(distance)]:.3f}")
