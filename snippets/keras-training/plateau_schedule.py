# Rate-changing callbacks with a schedule object: Keras refuses, and the
# plateau callback only when it first tries to lower the rate.
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


schedule = keras.optimizers.schedules.ExponentialDecay(0.1, 8, 0.9)
callbacks = {
    "LearningRateScheduler": keras.callbacks.LearningRateScheduler(
        lambda epoch, rate: 0.1 * 0.5**epoch
    ),
    "ReduceLROnPlateau": keras.callbacks.ReduceLROnPlateau(
        monitor="loss", patience=1, min_delta=0.01
    ),
}
message = "no TypeError"
for name, callback in callbacks.items():
    log = keras.callbacks.History()  # first in the list: sees every epoch
    try:
        make_model(schedule).fit(
            data,
            epochs=20,
            shuffle=False,
            verbose=0,
            callbacks=[log, callback],
        )
    except TypeError as error:
        message = str(error)  # the same for both; printed once below
        loss = log.history.get("loss", [])
        print(f"{name}: TypeError after {len(loss)} complete epochs")
        if loss:
            print(f"  last two losses {loss[-2]:.4f}, {loss[-1]:.4f}")
print("TypeError:", message[: message.index(". ") + 1])
