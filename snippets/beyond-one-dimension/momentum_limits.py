# Heavy ball, as Keras's SGD(momentum=beta) runs it, on loss = lam * w**2
# / 2 from w = 1, lr = 0.04: each element of w is a run with its own
# curvature lam, and only h = lr * lam matters. 1. Stable iff h < 2(1 +
# beta)? 2. Are the roots complex (w rings) iff beta > (1 - sqrt(h))**2?
import math

import numpy as np
import tensorflow as tf

steps, lr, betas = 300, 0.04, (0.0, 0.5, 0.64, 0.9)
# Per beta: h = 0.04, then 0.95 and 1.05 times the limit 2(1 + beta).
hs = [[0.04, 0.95 * 2 * (1 + b), 1.05 * 2 * (1 + b)] for b in betas]
lams = [tf.constant(h, tf.float64) / lr for h in hs]
ws = [tf.Variable(tf.ones(3, tf.float64)) for _ in betas]
sgds = [tf.keras.optimizers.SGD(lr, momentum=beta) for beta in betas]
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


path = np.concatenate([np.ones((1, 4, 3)), train().numpy()])  # [t, b, h]


def eigenvalues(h, beta):
    """Of the update matrix (w_n, w_n-1) -> (w_n+1, w_n)."""
    return np.linalg.eigvals([[1 + beta - h, -beta], [1.0, 0.0]])


print("1. runs at h = 0.95 and 1.05 x 2(1 + beta)")
for b, beta in enumerate(betas):
    stable, unstable = 0.0, 10.0  # bisection on the eigenvalues only
    for _ in range(60):
        h = (stable + unstable) / 2
        if np.abs(eigenvalues(h, beta)).max() < 1:
            stable = h
        else:
            unstable = h
    print(f"beta = {beta:4.2f}: 2(1+beta) = {2 + 2 * beta:.4f}", end="")
    print(f", bisection {stable:.4f}")
    for h, w in list(zip(hs[b], path[:, b].T))[1:]:
        big = np.abs(w) > 1e6
        fate = f"|w| = {abs(w[steps]):.1e} after {steps} steps"
        if big.any():
            fate = f"diverged (|w| > 1e6) at step {np.argmax(big)}"
        radius = np.abs(eigenvalues(h, beta)).max()
        print(f"  h = {h:.3f}: radius {radius:.4f}, {fate}")
print("2. h = 0.04: complex eigenvalues (w rings) iff beta > 0.64")
print("   (period in steps; flips: sign changes of w in 60 steps)")
for b, beta in enumerate(betas):
    z = eigenvalues(0.04, beta)
    kind = "double" if abs(z[0] - z[1]) < 1e-6 else "real"
    if abs(z[0].imag) > 1e-6:  # a pair z, conj(z): w turns by arg(z)
        kind = f"complex, period {2 * math.pi / abs(np.angle(z[0])):.1f}"
    flips = np.sum(np.diff(np.sign(path[:61, b, 0])) != 0)
    radius = np.abs(z).max()
    print(f"beta = {beta:4.2f}: radius {radius:.4f}, {kind}; {flips} flips")
print("step" + "".join(f"   beta = {beta:4.2f}" for beta in betas))
for t in range(0, 61, 6):
    print(f"{t:4d}" + "".join(f"{w:14.6f}" for w in path[t, :, 0]))
