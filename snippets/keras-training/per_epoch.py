# LearningRateScheduler: Keras asks a function for the rate before each epoch.
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


def halve_every_two(epoch, learning_rate):
    """The rate for ``epoch`` (counted from 0), given the current one."""
    return 0.1 * 0.5 ** (epoch // 2)


history = make_model(0.1).fit(
    data,
    epochs=6,
    shuffle=False,  # no effect on a Dataset, but no warning either
    verbose=0,
    callbacks=[keras.callbacks.LearningRateScheduler(halve_every_two)],
)
print("epoch   rate     loss")
for epoch, (rate, loss) in enumerate(
    zip(history.history["learning_rate"], history.history["loss"])
):
    print(f"{epoch + 1:5d}   {rate:.4f}   {loss:.4f}")
