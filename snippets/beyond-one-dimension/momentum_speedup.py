# Heavy ball tuned for curvatures 1 to kappa (loss = (kappa * w1**2 +
# w2**2) / 2 from w = (1, 1)) against plain gradient descent at its best
# rate: steps until the error has shrunk a millionfold.
import math

import numpy as np
import tensorflow as tf

steps, eps, kappas = 320, 1e-6, (10.0, 100.0, 1000.0)
roots = [math.sqrt(kappa) for kappa in kappas]
tuned = [(4 / (s + 1) ** 2, ((s - 1) / (s + 1)) ** 2) for s in roots]
lams = [tf.constant([kappa, 1.0], tf.float64) for kappa in kappas]
ws = [tf.Variable(tf.ones(2, tf.float64)) for _ in kappas]
sgds = [tf.keras.optimizers.SGD(lr, momentum=beta) for lr, beta in tuned]
for w, sgd in zip(ws, sgds):
    sgd.build([w])  # its slots now: made in train(), they retrace it


@tf.function  # the whole loop in one graph: fast
def train():
    history = tf.TensorArray(tf.float64, size=steps)
    for t in tf.range(steps):
        for lam, w, sgd in zip(lams, ws, sgds):
            sgd.apply_gradients([(lam * w, w)])  # the gradient, lam * w
        history = history.write(t, tf.stack(ws))
    return history.stack()


path = train().numpy()  # path[t, run, axis]: after step t + 1
n = np.arange(1, steps + 1)
print("kappa  beta    lr       rate    ln-rule  exact  measured    GD")
for i, (kappa, s, (lr, beta)) in enumerate(zip(kappas, roots, tuned)):
    rate = (s - 1) / (s + 1)  # the spectral radius, sqrt(beta)
    ln_rule = math.ceil(math.log(eps) / math.log(rate))
    # Double roots: from rest, each axis decays like (1 + c n) rate**n
    # with c = 1 + rate (steep axis) and 1 - rate (flat axis).
    e1, e2 = ((1 + c * n / (s + 1)) * rate**n for c in (2 * s, 2))
    exact = np.argmax((e1**2 + e2**2) / 2 <= eps**2) + 1
    done = np.sum(path[:, i] ** 2, axis=1) <= eps**2 * 2
    assert done.any(), f"kappa = {kappa}: not done in {steps} steps"
    measured = np.argmax(done) + 1
    gd = math.ceil(math.log(eps) / math.log((kappa - 1) / (kappa + 1)))
    print(
        f"{kappa:5.0f}  {beta:.4f}  {lr:.5f}  {rate:.4f}  {ln_rule:7d}"
        f"  {exact:5d}  {measured:8d}  {gd:4d}  {gd / measured:.1f}x"
    )
# Keras's update is v = beta v - lr g, w = w + v with lr and beta
# rounded to float32; the same in numpy (kappa = 10) follows Keras's path.
lr, beta = (float(np.float32(x)) for x in tuned[0])
w, v, gap = np.ones(2), np.zeros(2), 0.0
for t in range(steps):
    v = v * beta - np.array([kappas[0], 1.0]) * w * lr  # gradient lam * w
    w = w + v
    gap = max(gap, np.abs(w - path[t, 0]).max())
print(f"numpy's velocity form, {steps} steps: within 1e-12 of Keras", end=" ")
print(gap < 1e-12)
