# Two ways to see the rate during fit: a callback that reads it at every step
# (drawn beside the loss), and TensorBoard's event file, read back here
# without a server.
import tempfile

import matplotlib as mpl
import numpy as np
import tensorflow as tf
from matplotlib.figure import Figure
from tensorboard.backend.event_processing.event_accumulator import (
    EventAccumulator,
)

keras = tf.keras
rng = np.random.default_rng(0)  # the data: 256 points with 4 features
x = rng.standard_normal((256, 4))
y = x @ [1.0, -2.0, 0.5, 1.5] + x[:, 0] * x[:, 1]  # not a plane
y = (y + 0.1 * rng.standard_normal(256)).reshape(-1, 1)
data = tf.data.Dataset.from_tensor_slices((x, y)).batch(32)  # 8 batches


def make_model(learning_rate):
    """The same small network, with the same starting weights, every call."""
    glorot = keras.initializers.GlorotUniform
    model = keras.Sequential(
        [
            keras.Input((4,), dtype="float64"),
            keras.layers.Dense(
                16, "relu", kernel_initializer=glorot(1), dtype="float64"
            ),
            keras.layers.Dense(
                1, kernel_initializer=glorot(2), dtype="float64"
            ),
        ]
    )
    model.compile(keras.optimizers.SGD(learning_rate), "mse")
    return model


class Log(keras.callbacks.Callback):
    """Before each step, the rate it will use; after it, the loss on all x."""

    def on_train_begin(self, logs=None):
        self.rates, self.losses = [], []

    def on_train_batch_begin(self, batch, logs=None):
        # With a schedule, learning_rate is the schedule at .iterations.
        self.rates.append(float(self.model.optimizer.learning_rate))

    def on_train_batch_end(self, batch, logs=None):
        error = self.model(x).numpy() - y
        self.losses.append(float(np.mean(error**2)))


schedule = keras.optimizers.schedules.ExponentialDecay(0.1, 8, 0.5)
log = Log()
with tempfile.TemporaryDirectory() as logs:  # TensorBoard's log folder
    board = keras.callbacks.TensorBoard(logs)
    make_model(schedule).fit(
        data, epochs=3, shuffle=False, verbose=0, callbacks=[log, board]
    )
    keep_all = {"tensors": 0}  # 0: every event, not a sample of them
    events = EventAccumulator(f"{logs}/train", keep_all).Reload()
    logged = [
        float(tf.make_ndarray(event.tensor_proto))
        for event in events.Tensors("epoch_learning_rate")
    ]
print("step   rate (callback)   loss after the step")
for step in (0, 1, 7, 8, 9, 16, 23):
    print(f"{step:4d}   {log.rates[step]:15.4f}   {log.losses[step]:.4f}")
print("epoch   epoch_learning_rate (TensorBoard)")
for epoch, rate in enumerate(logged):
    print(f"{epoch:5d}   {rate:.4f}")

ends = [len(data) * (epoch + 1) for epoch in range(len(logged))]
with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "rate"}):
    fig = Figure(figsize=(6.4, 5.2), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True)
    top.plot(log.rates, ".-", label="callback: rate used by the step")
    top.plot(
        ends,
        logged,
        "s",
        color="tab:red",
        fillstyle="none",
        label="TensorBoard: epoch_learning_rate",
    )
    top.set(ylabel="learning rate")
    top.legend()
    bottom.plot(log.losses, ".-", color="tab:orange")
    bottom.set(
        xlabel="step (optimizer.iterations)", ylabel="loss on all 256 points"
    )
    for ax in (top, bottom):
        ax.grid(alpha=0.3)
    fig.savefig("rate_and_loss.svg", metadata={"Date": None})
print(f"saved rate_and_loss.svg: {len(log.rates)} steps")
