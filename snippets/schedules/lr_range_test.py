# Learning-rate range test: raise the rate exponentially, watch the loss.
import matplotlib

matplotlib.use("Agg")  # no window: write a file
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

plt.rcParams["svg.fonttype"] = "none"  # keep text as text in the SVG
plt.rcParams["svg.hashsalt"] = "lr-range-test"  # same file on every run
tf.config.experimental.enable_op_determinism()  # the same sums every run
tf.keras.utils.set_random_seed(0)
# float64: float32 kernels differ between CPUs (oneDNN or not), and past the
# stability limit those last-digit differences grow until they show.
tf.keras.backend.set_floatx("float64")

rng = np.random.default_rng(0)  # the same data as compare_schedules.py
x = rng.uniform(-2, 2, size=(256, 1))
y = np.sin(2 * x) + rng.normal(0, 0.1, size=x.shape)
model = tf.keras.Sequential(
    [
        tf.keras.Input((1,)),
        tf.keras.layers.Dense(32, "tanh"),
        tf.keras.layers.Dense(1),
    ]
)
rates = np.geomspace(1e-4, 10, 150)  # one full-batch step per rate
optimizer = tf.keras.optimizers.SGD(learning_rate=1e-4)


@tf.function
def train_step():
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x) - y))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


losses = []
for lr in rates:
    optimizer.learning_rate.assign(lr)
    losses.append(float(train_step()))
    if not np.isfinite(losses[-1]) or losses[-1] > 4 * min(losses):
        break  # diverging: the test is over

smooth = np.convolve(losses, np.ones(5) / 5, mode="valid")  # 5-step average
best = rates[int(np.argmin(smooth)) + 2]
last = rates[len(losses) - 1]
print(f"{len(losses)} steps, learning rate from {rates[0]:.0e} to {last:.2g}")
print(f"lowest smoothed loss at lr = {best:.3g}")
print(f"suggested learning rate: {best / 10:.3g}")

fig, ax = plt.subplots(figsize=(6.4, 3.6), layout="constrained")
ax.semilogx(rates[: len(losses)], losses, color="tab:gray", label="loss")
ax.semilogx(
    rates[2 : 2 + len(smooth)], smooth, color="tab:blue", label="5-step mean"
)
ax.axvline(best / 10, color="tab:green", linestyle="--", label="suggested lr")
ax.set_xlabel("learning rate")
ax.set_ylabel("loss")
ax.legend()
ax.grid(alpha=0.3, which="both")
fig.savefig("lr_range_test.svg", metadata={"Date": None})
