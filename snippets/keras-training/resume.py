# Resuming: a saved model carries the optimizer's step count, so the schedule
# goes on where it stopped. Copying only the weights restarts it at step 0.
import tempfile

import numpy as np
import tensorflow as tf

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


schedule = keras.optimizers.schedules.CosineDecay(0.1, 32)  # 4 epochs
model = make_model(schedule)
stop = 2  # epochs before the stop
model.fit(data, epochs=stop, shuffle=False, verbose=0)
with tempfile.TemporaryDirectory() as folder:
    model.save(f"{folder}/half.keras")  # weights, optimizer state, step count
    resumed = keras.models.load_model(f"{folder}/half.keras")
restarted = make_model(schedule)  # the wrong way: the weights only
restarted.set_weights(model.get_weights())
for name, m in [("resumed", resumed), ("weights only", restarted)]:
    step, rate = int(m.optimizer.iterations), float(m.optimizer.learning_rate)
    print(f"{name:>12}: starts at step {step:2d}, rate {rate:.4f}")
# The saved model trains on in memory: the run without a stop, to compare.
model.fit(data, epochs=4 - stop, shuffle=False, verbose=0)
resumed.fit(data, epochs=4 - stop, shuffle=False, verbose=0)
for name, m in [("no stop", model), ("resumed", resumed)]:
    loss = float(tf.reduce_mean(tf.square(m(x) - y)))
    step = int(m.optimizer.iterations)
    print(f"{name:>12}: loss {loss:.6f} after {step} steps")
