# w after each update for several learning rates, as a plot.
import matplotlib.pyplot as plt

rates = [0.05, 0.2, 0.5]  # change me
# Only for this figure: text stays text in SVG output, same file every run.
with plt.rc_context(
    {"svg.fonttype": "none", "svg.hashsalt": "lab-plot-steps"}
):
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    for lr in rates:
        ws = [5.0]
        for _ in range(10):
            ws.append(ws[-1] - lr * 2 * (ws[-1] + 1))
        ax.plot(range(len(ws)), ws, "o-", markersize=3, label=f"η = {lr:g}")
    ax.axhline(-1, color="black", linewidth=0.8, linestyle=":")
    ax.set_xlabel("n")
    ax.set_ylabel("w_n")
    ax.legend()
    ax.grid(alpha=0.3)
    plt.show()
print(f"plotted {len(rates)} learning rates, 10 updates each")
