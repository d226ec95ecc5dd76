# ReduceLROnPlateau: halve the rate when the validation loss stops falling.
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


x_val = rng.standard_normal((64, 4))  # 64 new points to validate on
y_val = x_val @ [1.0, -2.0, 0.5, 1.5] + x_val[:, 0] * x_val[:, 1]
y_val = (y_val + 0.1 * rng.standard_normal(64)).reshape(-1, 1)
val = tf.data.Dataset.from_tensor_slices((x_val, y_val)).batch(64)
plateau = keras.callbacks.ReduceLROnPlateau(
    monitor="val_loss", factor=0.5, patience=2, min_delta=0.005
)
history = make_model(0.1).fit(  # a float rate: the callback may change it
    data,
    epochs=20,
    shuffle=False,
    verbose=0,
    validation_data=val,
    callbacks=[plateau],
)
h = history.history
print("epoch   rate     loss     val_loss")
for epoch in range(len(h["loss"])):
    print(
        f"{epoch + 1:5d}   {h['learning_rate'][epoch]:.4f}   "
        f"{h['loss'][epoch]:.4f}   {h['val_loss'][epoch]:.4f}"
    )
