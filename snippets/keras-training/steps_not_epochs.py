# decay_steps counts optimizer steps: the same cosine decay, counted two ways.
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


epochs = 5
steps_per_epoch = len(data)  # batches in one pass over the data
total = epochs * steps_per_epoch  # what decay_steps must count
print(f"{steps_per_epoch} steps per epoch, {total} steps in all")
cosine = keras.optimizers.schedules.CosineDecay
runs = [
    (total, cosine(0.1, total)),
    (epochs, cosine(0.1, epochs)),
]  # right, wrong
for decay_steps, schedule in runs:
    model = make_model(schedule)
    # fit ignores shuffle for a Dataset: shuffle=False only silences the
    # warning it prints. The batches keep the order the points were drawn in.
    history = model.fit(data, epochs=epochs, shuffle=False, verbose=0)
    starts = [float(schedule(e * steps_per_epoch)) for e in range(epochs)]
    print(f"decay_steps = {decay_steps}, epochs 1 to {epochs}:")
    print("  rate at the epoch's start:", *(f"{r:.4f}" for r in starts))
    print(
        "  mean loss of the epoch:   ",
        *(f"{v:.4f}" for v in history.history["loss"]),
    )
