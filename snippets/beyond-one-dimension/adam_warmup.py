# Adam from the minimum of loss = 10 * sum(w**2) / 2, 1000 weights, with a
# small gradient noise 0.01 * xi (xi standard normal): how far do the first
# steps move the weights, at a constant rate and with a linear warm-up?
import numpy as np
import tensorflow as tf

steps, sigma = 500, 0.01
xi = tf.constant(np.random.default_rng(0).normal(size=(steps, 1000)))


class Warmup(tf.keras.optimizers.schedules.LearningRateSchedule):
    """0.01 * min(1, (step + 1) / 100): a linear warm-up over 100 steps
    (CosineDecay's warmup_target and warmup_steps add a decay after it)."""

    def __call__(self, step):
        return 0.01 * tf.minimum(1.0, tf.cast(step + 1, tf.float32) / 100)


ws = [tf.Variable(np.zeros(1000)) for _ in range(2)]  # at the minimum
adams = [tf.keras.optimizers.Adam(lr) for lr in (0.01, Warmup())]
for w, adam in zip(ws, adams):
    adam.build([w])  # its slots now: made in train(), they retrace it


@tf.function  # the whole loop in one graph: fast
def train():
    sizes = tf.TensorArray(tf.float64, size=steps)  # RMS of the update
    losses = tf.TensorArray(tf.float64, size=steps)  # loss per weight
    for t in tf.range(steps):
        before = [tf.identity(w) for w in ws]
        for w, adam in zip(ws, adams):
            adam.apply_gradients([(10 * w + sigma * xi[t], w)])
        moved = [w - b for w, b in zip(ws, before)]
        sizes = sizes.write(t, [tf.sqrt(tf.reduce_mean(m**2)) for m in moved])
        losses = losses.write(t, [5 * tf.reduce_mean(w**2) for w in ws])
    return sizes.stack(), losses.stack()


sizes, losses = (x.numpy() for x in train())  # [step - 1, run]
print(" step   RMS update / lr         loss per weight")
print("        constant  warm-up       constant   warm-up")
for step in (1, 2, 3, 5, 10, 30, 100, 300, 500):
    s, loss = sizes[step - 1] / 0.01, losses[step - 1]
    print(f"{step:5d}  {s[0]:9.3f}  {s[1]:7.3f}", end="     ")
    print(f"{loss[0]:9.2e}  {loss[1]:8.2e}")
level = losses[300:500].mean(axis=0)
print(f"settled level (steps 301-500): {level[0]:.2e}  {level[1]:.2e}")
peak = losses.max(axis=0)
print(f"highest loss:                  {peak[0]:.2e}  {peak[1]:.2e}")
