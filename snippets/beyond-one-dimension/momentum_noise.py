# Gradient descent and heavy ball on loss = (10 w1² + w2²)/2 with a noisy
# gradient, lam * w + sigma * xi, at the same effective rate
# lr / (1 - beta) = 0.05. The noise comes from a small generator that the
# 2-D explorer runs too, so its presets replay these two runs exactly.
import numpy as np
import tensorflow as tf

MASK = 0xFFFFFFFF


def rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & MASK


def normals(seed, count):
    """Irwin-Hall: 12 uniforms from xoshiro128** summed, minus 6."""
    s, state = [], seed
    for _ in range(4):  # splitmix32 fills the state from the seed
        state = (state + 0x9E3779B9) & MASK
        z = ((state ^ (state >> 16)) * 0x85EBCA6B) & MASK
        z = ((z ^ (z >> 13)) * 0xC2B2AE35) & MASK
        s.append(z ^ (z >> 16))
    out = []
    for _ in range(count):
        total = 0.0
        for _ in range(12):
            total += (rotl((s[1] * 5) & MASK, 7) * 9 & MASK) / 2**32
            t = (s[1] << 9) & MASK
            s[2] ^= s[0]
            s[3] ^= s[1]
            s[1] ^= s[2]
            s[0] ^= s[3]
            s[2] ^= t
            s[3] = rotl(s[3], 11)
        out.append(total - 6.0)
    return out


steps, sigma, seed = 4000, 1.0, 1
lam = tf.constant([10.0, 1.0], tf.float64)
xi = tf.constant(np.reshape(normals(seed, 2 * steps), (steps, 2)))
runs = {"gradient descent": (0.05, 0.0), "heavy ball": (0.005, 0.9)}
ws = [tf.Variable(tf.ones(2, tf.float64)) for _ in runs]
sgds = [tf.keras.optimizers.SGD(lr, momentum=b) for lr, b in runs.values()]
for w, sgd in zip(ws, sgds):
    sgd.build([w])  # its slots now: made in train(), they retrace it


@tf.function  # the whole loop in one graph: fast
def train():
    history = tf.TensorArray(tf.float64, size=steps)
    for t in tf.range(steps):
        for w, sgd in zip(ws, sgds):
            sgd.apply_gradients([(lam * w + sigma * xi[t], w)])
        history = history.write(t, tf.stack(ws))
    return history.stack()


path = train().numpy()  # path[t, run, axis]: after update t + 1
loss = 0.5 * (10 * path[..., 0] ** 2 + path[..., 1] ** 2)
for i, (name, (lr, beta)) in enumerate(runs.items()):
    print(f"{name}, lr = {lr}, beta = {beta}:")
    for t in (1, 2, 3):
        w1, w2 = path[t - 1, i]
        print(f"  update {t}: w = ({w1:.6f}, {w2:.6f})")
    mean = loss[steps // 2 :, i].mean()  # updates 2001 ... 4000
    expected = 0.0  # once settled: V_inf of the formula on each axis
    for h in (10.0, 1.0):
        top = (1 + beta) * lr * sigma**2
        v_inf = top / ((1 - beta) * h * (2 * (1 + beta) - lr * h))
        expected += h * v_inf / 2  # the loss on this axis is h * w**2 / 2
    print(f"  mean loss, updates {steps // 2 + 1}-{steps}: {mean:.4g}", end="")
    print(f" (expected {expected:.4g})")
