# Adam from w = 0.5 on loss = 10 * sum(w**2) / 2, 1000 weights, gradient
# noise xi (standard normal): at a constant rate Adam bounces at a level
# set by the rate; lowering the rate lowers the level.
import numpy as np
import tensorflow as tf

steps = 1000
xi = tf.constant(np.random.default_rng(0).normal(size=(steps, 1000)))
rates = {
    "lr 0.01": 0.01,
    "lr 0.001": 0.001,
    "0.01 then 0.001": tf.keras.optimizers.schedules.PiecewiseConstantDecay(
        [500], [0.01, 0.001]
    ),
}
ws = [tf.Variable(np.full(1000, 0.5)) for _ in rates]
adams = [tf.keras.optimizers.Adam(lr) for lr in rates.values()]
for w, adam in zip(ws, adams):
    adam.build([w])  # its slots now: made in train(), they retrace it


@tf.function  # the whole loop in one graph: fast
def train():
    losses = tf.TensorArray(tf.float64, size=steps)  # loss per weight
    for t in tf.range(steps):
        for w, adam in zip(ws, adams):
            adam.apply_gradients([(10 * w + xi[t], w)])
        losses = losses.write(t, [5 * tf.reduce_mean(w**2) for w in ws])
    return losses.stack()


losses = train().numpy()  # losses[step - 1, run]
print("mean loss per weight over the 50 steps before each step shown")
print(" step" + "".join(f"{name:>17}" for name in rates))
for step in (50, 100, 250, 500, 600, 750, steps):
    window = losses[step - 50 : step].mean(axis=0)
    print(f"{step:5d}" + "".join(f"{x:17.2e}" for x in window))
for lr in (0.01, 0.001):
    print(f"lr * sigma / 4 for lr = {lr}, sigma = 1: {lr / 4:.2e}")
