# Learning-rate range test: raise the rate exponentially, watch the loss.
import matplotlib as mpl
import numpy as np
import tensorflow as tf
from matplotlib.figure import Figure

tf.keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)  # the same data as compare_schedules.py
x = rng.uniform(-2, 2, size=(256, 1)).astype("float32").astype("float64")
y = np.sin(2 * x) + rng.normal(0, 0.1, size=x.shape)
# numpy's sin may differ in its last bit from one CPU to another: rounding y
# to float32 removes that difference. The network then computes in float64,
# set on its layers only: a rate that is too large magnifies every rounding
# difference, and TensorFlow's float32 kernels differ between CPUs.
y = y.astype("float32").astype("float64")
model = tf.keras.Sequential(
    [
        tf.keras.Input((1,), dtype="float64"),
        tf.keras.layers.Dense(32, "tanh", dtype="float64"),
        tf.keras.layers.Dense(1, dtype="float64"),
    ]
)
# One full-batch step per rate. The optimizer keeps its rate in float32, and
# rounding to float32 here too hides numpy's CPU-specific exp and log.
rates = np.geomspace(1e-4, 10, 150).astype("float32")
optimizer = tf.keras.optimizers.SGD(learning_rate=1e-4)


@tf.function
def train_step():
    """One update with the current rate; returns the loss it leads to."""
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x) - y))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return tf.reduce_mean(tf.square(model(x) - y))  # after the update


losses = []
for lr in rates:
    optimizer.learning_rate.assign(lr)
    losses.append(float(train_step()))
    if not np.isfinite(losses[-1]) or losses[-1] > 4 * min(losses):
        break  # diverging: the test is over

smooth = np.convolve(losses, np.ones(5) / 5, mode="valid")  # centred mean
best = rates[int(np.argmin(smooth)) + 2]
last = rates[len(losses) - 1]
print(f"{len(losses)} steps, learning rate from {rates[0]:.0e} to {last:.2g}")
print(f"loss after the first update: {losses[0]:.3f}")
print(f"lowest smoothed loss {smooth.min():.3f} at lr = {best:.3g}")
print(f"suggested learning rate: {best / 10:.3g}")

# Text stays text in the SVG, and the file is the same at every run.
with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "lr-range-test"}):
    fig = Figure(figsize=(6.4, 3.6), layout="constrained")
    ax = fig.add_subplot()
    ax.semilogx(rates[: len(losses)], losses, color="tab:gray", label="loss")
    ax.semilogx(
        rates[2 : 2 + len(smooth)],
        smooth,
        color="tab:blue",
        label="5-step mean",
    )
    ax.axvline(
        best / 10, color="tab:green", linestyle="--", label="suggested lr"
    )
    ax.set_ylim(0, 1.2 * losses[0])  # the last, exploding loss leaves the plot
    ax.set_xlabel("learning rate")
    ax.set_ylabel("loss")
    ax.legend()
    ax.grid(alpha=0.3, which="both")
    fig.savefig("lr_range_test.svg", metadata={"Date": None})
