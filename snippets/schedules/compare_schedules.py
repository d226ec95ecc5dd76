# One small network trained three times; only the schedule changes.
import numpy as np
import tensorflow as tf

tf.config.experimental.enable_op_determinism()  # the same sums every run

rng = np.random.default_rng(0)  # the data: y = sin(2x) + noise
x = rng.uniform(-2, 2, size=(256, 1)).astype("float32")
y = (np.sin(2 * x) + rng.normal(0, 0.1, size=x.shape)).astype("float32")
batches = [rng.permutation(256)[:32] for _ in range(600)]  # fixed mini-batches

S = tf.keras.optimizers.schedules
schedules = {  # 0.3 is too large as a constant rate for this network
    "constant 0.1": 0.1,
    "constant 0.3": 0.3,
    "exponential from 0.3": S.ExponentialDecay(0.3, 200, 0.5),
    "warm-up to 0.3 + cosine": S.CosineDecay(
        0.0, 550, alpha=0.01, warmup_target=0.3, warmup_steps=50
    ),
}


def train(lr):
    """600 mini-batch steps of SGD from the same initial weights."""
    tf.keras.utils.set_random_seed(0)
    model = tf.keras.Sequential(
        [
            tf.keras.Input((1,)),
            tf.keras.layers.Dense(32, "tanh"),
            tf.keras.layers.Dense(1),
        ]
    )
    optimizer = tf.keras.optimizers.SGD(learning_rate=lr)

    @tf.function
    def train_step(xb, yb):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(model(xb) - yb))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))

    for index in batches:
        train_step(x[index], y[index])
    return float(tf.reduce_mean(tf.square(model(x) - y)))


for name, lr in schedules.items():
    print(f"{name:24}: final training loss {train(lr):.4f}")
