# One small network trained four times; only the schedule changes.
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)  # the data: y = sin(2x) + noise
x = rng.uniform(-2, 2, size=(256, 1)).astype("float32").astype("float64")
y = np.sin(2 * x) + rng.normal(0, 0.1, size=x.shape)
# numpy's sin may differ in its last bit from one CPU to another: rounding y
# to float32 removes that difference. The network then computes in float64,
# set on its layers only: a rate that is too large magnifies every rounding
# difference, and TensorFlow's float32 kernels differ between CPUs.
y = y.astype("float32").astype("float64")
batches = [rng.permutation(256)[:32] for _ in range(600)]  # fixed mini-batches
order = tf.constant(np.array(batches))

S = tf.keras.optimizers.schedules
schedules = {  # column title: learning rate or schedule
    "constant 0.1": 0.1,
    "constant 0.3": 0.3,
    "exp. from 0.3": S.ExponentialDecay(0.3, 200, 0.5),
    "warm-up+cos": S.CosineDecay(
        0.0, 550, alpha=0.01, warmup_target=0.3, warmup_steps=50
    ),
}


def train(lr):
    """600 mini-batch SGD steps from the same initial weights.

    Returns the training loss on all 256 points every 50 steps."""
    tf.keras.utils.set_random_seed(0)
    model = tf.keras.Sequential(
        [
            tf.keras.Input((1,), dtype="float64"),
            tf.keras.layers.Dense(32, "tanh", dtype="float64"),
            tf.keras.layers.Dense(1, dtype="float64"),
        ]
    )
    optimizer = tf.keras.optimizers.SGD(learning_rate=lr)
    optimizer.build(model.trainable_variables)  # now: not while tracing

    def loss_on(xs, ys):
        return tf.reduce_mean(tf.square(model(xs) - ys))

    @tf.function  # all 600 steps in one graph: fast
    def run():
        losses = tf.TensorArray(tf.float64, size=len(batches) // 50 + 1)
        for step in tf.range(len(batches)):
            if step % 50 == 0:  # the loss on all points, before this step
                losses = losses.write(step // 50, loss_on(x, y))
            xb, yb = tf.gather(x, order[step]), tf.gather(y, order[step])
            with tf.GradientTape() as tape:
                loss = loss_on(xb, yb)
            grads = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(grads, model.trainable_variables))
        losses = losses.write(len(batches) // 50, loss_on(x, y))
        return losses.stack()

    return run().numpy().tolist()


mean_loss = np.var(y, dtype="float64")  # the loss of predicting mean(y)
print(f"predicting the mean of y everywhere: loss {mean_loss:.4f}")
print("training loss on all 256 points, after each number of SGD steps:")
curves = {name: train(lr) for name, lr in schedules.items()}
print(f"{'step':>5}" + "".join(f"{name:>15}" for name in curves))
for row, step in enumerate(range(0, 601, 50)):
    print(f"{step:5}" + "".join(f"{c[row]:15.4f}" for c in curves.values()))
