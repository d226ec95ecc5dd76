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
    path = tf.TensorArray(tf.float64, size=steps)  # w after each step
    for t in tf.range(steps):
        for w, adam in zip(ws, adams):
            adam.apply_gradients([(10 * w + sigma * xi[t], w)])
        path = path.write(t, tf.stack(ws))
    return path.stack()


path = np.concatenate([np.zeros((1, 2, 1000)), train().numpy()])
sizes = np.sqrt(np.mean(np.diff(path, axis=0) ** 2, axis=2))  # RMS update
losses = 5 * np.mean(path[1:] ** 2, axis=2)  # [step - 1, run]: per weight
print(" step   RMS update / lr         loss per weight")
print("        constant  warm-up       constant   warm-up")
for step in (1, 2, 3, 5, 10, 30, 100, 300, steps):
    s, loss = sizes[step - 1] / 0.01, losses[step - 1]
    print(f"{step:5d}  {s[0]:9.3f}  {s[1]:7.3f}", end="     ")
    print(f"{loss[0]:9.2e}  {loss[1]:8.2e}")
level = losses[300:].mean(axis=0)
print(f"settled level (steps 301-{steps}): {level[0]:.2e}  {level[1]:.2e}")
peak = losses.max(axis=0)
print(f"highest loss:                  {peak[0]:.2e}  {peak[1]:.2e}")
