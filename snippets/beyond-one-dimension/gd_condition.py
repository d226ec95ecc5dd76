# Gradient descent (Keras SGD) on loss = (kappa * w1**2 + w2**2) / 2 from
# w = (1, 1). Runs 1-3: the best constant rate 2 / (kappa + 1); the steps
# to shrink the error a millionfold grow like kappa. Runs 4-5: kappa = 10
# just below and just above the limit 2 / lambda_max = 0.2.
import math

import numpy as np
import tensorflow as tf

eps, steps = 1e-6, 700
runs = [(2.0, 2 / 3), (10.0, 2 / 11), (100.0, 2 / 101)]  # (kappa, lr)
runs += [(10.0, 0.19), (10.0, 0.21)]
lams = [tf.constant([kappa, 1.0], tf.float64) for kappa, _ in runs]
ws = [tf.Variable([1.0, 1.0], dtype=tf.float64) for _ in runs]
sgds = [tf.keras.optimizers.SGD(learning_rate=lr) for _, lr in runs]


@tf.function  # the whole loop in one graph: fast
def train():
    history = tf.TensorArray(tf.float64, size=steps)
    for t in tf.range(steps):
        for lam, w, sgd in zip(lams, ws, sgds):
            sgd.apply_gradients([(lam * w, w)])  # the gradient, lam * w
        history = history.write(t, tf.stack(ws))
    return history.stack()


w = train().numpy()  # w[t, run, axis]: the weights after step t + 1


def first(reached):
    """The first step (1, 2, ...) at which `reached` holds, if any."""
    if not reached.any():
        return f"not within {steps} steps"
    return int(np.argmax(reached)) + 1


print("kappa  best lr  factor  predicted  (kappa/2)ln(1/eps)  measured")
for i, (kappa, lr) in enumerate(runs[:3]):
    factor = (kappa - 1) / (kappa + 1)  # error shrinks by this each step
    predicted = math.ceil(math.log(eps) / math.log(factor))
    approx = kappa / 2 * math.log(1 / eps)
    # Squared distance to the minimum (0, 0), against eps**2 * 2.
    measured = first(np.sum(w[:, i] ** 2, axis=1) <= eps**2 * 2)
    print(
        f"{kappa:5.0f}  {lr:7.4f}  {factor:6.4f}  {predicted:9d}"
        f"  {approx:18.1f}  {measured:8d}"
    )
print("kappa = 10, limit 0.2: first step with |w1|, |w2| below 1e-6")
for i, (kappa, lr) in enumerate(runs[3:], start=3):
    loss = 0.5 * (kappa * w[:, i, 0] ** 2 + w[:, i, 1] ** 2)
    blown_up = loss > 1000 * 0.5 * (kappa + 1)  # 1000 x the loss at start
    w1 = first(np.abs(w[:, i, 0]) < eps)
    if blown_up.any():  # w1 grows: say when, show no value of it
        w1 = f"never, diverged (loss > 1000x start) at step {first(blown_up)}"
    w2 = first(np.abs(w[:, i, 1]) < eps)
    print(f"lr = {lr}: factors {1 - lr * kappa:+.2f}, {1 - lr:+.2f}")
    print(f"  w1: {w1}; w2: {w2}")
