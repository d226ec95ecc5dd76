# Stability map of SGD(momentum=beta) on a quadratic with curvature lam:
# colour = spectral radius of the update matrix (the error's factor per
# step), for lr * lam from 0 to 4.5 and beta from 0 to 1.
import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

h = np.linspace(0.0, 4.5, 226)[1:]  # lr * lam
beta = np.linspace(0.0, 0.995, 200)
H, B = np.meshgrid(h, beta)
# Roots of z**2 - (1 + beta - h) z + beta = 0, with only +, *, sqrt.
a = 1 + B - H
disc = a**2 - 4 * B
real_radius = (np.abs(a) + np.sqrt(np.maximum(disc, 0.0))) / 2
radius = np.where(disc < 0, np.sqrt(B), real_radius)  # complex: sqrt(beta)

with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "momentum-map"}):
    fig = Figure(figsize=(6.4, 3.8))
    fig.subplots_adjust(left=0.1, right=0.99, bottom=0.13, top=0.97)
    ax = fig.subplots()
    cmap = mpl.colormaps["viridis"].with_extremes(over="lightgrey")
    image = ax.imshow(
        radius,
        origin="lower",
        extent=(0.0, 4.5, 0.0, 1.0),
        aspect="auto",
        cmap=cmap,
        vmin=0.0,
        vmax=1.0,
        interpolation="nearest",
    )
    fig.colorbar(image, ax=ax, extend="max", label="spectral radius")
    levels = [0.5, 0.8, 0.9]
    ax.contour(H, B, radius, levels=levels, colors="white", linewidths=0.6)
    for level in levels:  # complex roots: the contour is the line β = r²
        ax.text(2.0, level**2 + 0.01, f"{level}", color="white", fontsize=9)
    line = np.linspace(0.0, 1.0, 101)
    ax.plot(2 * (1 + line), line, "r--")  # the stability limit
    edge = (1 - np.sqrt(h[h <= 4.0])) ** 2  # complex above this curve
    ax.plot(h[h <= 4.0], edge, "w:")
    ax.text(3.6, 0.62, "dashed:\nlr·λ = 2(1 + β)", color="darkred")
    ax.text(3.6, 0.45, "diverges", color="black")
    ax.text(0.35, 0.45, "dotted: β = (1 − √(lr·λ))²", color="white")
    ax.text(0.9, 0.86, "complex roots: w rings,\nradius √β", color="white")
    ax.annotate(
        "real roots ≤ 0:\nw flips sign\nevery step",
        xy=(1.6, 0.03),
        xytext=(2.7, 0.04),
        color="black",
        arrowprops={"arrowstyle": "->", "color": "black"},
    )
    ax.set_xlim(0.0, 4.5)
    ax.set_ylim(0.0, 1.0)
    ax.set_xlabel("lr · λ")
    ax.set_ylabel("momentum β")
    fig.savefig("momentum_map.svg", metadata={"Date": None})
print("saved momentum_map.svg: spectral radius over (lr·λ, β)")
