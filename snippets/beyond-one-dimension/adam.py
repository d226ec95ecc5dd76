# Adam, lr 0.1, on loss = scale * (kappa * u1**2 + u2**2) / 2 from u =
# (1, 1), with the axes u along w (axis-aligned) or turned by 45 degrees.
# Adam divides each coordinate's step by the size of its own gradients.
import numpy as np
import tensorflow as tf

runs = [(k, 1.0, False) for k in (1.0, 10.0, 100.0, 1000.0)]  # axis
runs += [(10.0, 1000.0, False), (10.0, 1e-6, False)]  # scaled losses
runs += [(k, 1.0, True) for k in (1.0, 10.0, 100.0, 1000.0)]  # rotated
kappa, scale, turned = (np.array([run[i] for run in runs]) for i in range(3))
# Hessian ((a, b), (b, c)) of each loss: diag(kappa, 1), turned or not.
a = scale * np.where(turned, (kappa + 1) / 2, kappa)
b = scale * np.where(turned, (kappa - 1) / 2, 0.0)
c = scale * np.where(turned, (kappa + 1) / 2, 1.0)
hessian = [tf.constant(x[:, None]) for x in (a, b, c)]
w0 = np.where(turned[:, None], [2**0.5, 0.0], [1.0, 1.0])  # u = (1, 1)
w = tf.Variable(w0)  # one row per run: Adam treats every number alone
adam = tf.keras.optimizers.Adam(learning_rate=0.1)
adam.build([w])  # its slots now: made in train(), they retrace it
steps = 1500


@tf.function  # the whole loop in one graph: fast
def train():
    path = tf.TensorArray(tf.float64, size=steps)
    a, b, c = hessian
    for t in tf.range(steps):
        w1, w2 = w[:, :1], w[:, 1:]
        gradient = tf.concat([a * w1 + b * w2, b * w1 + c * w2], axis=1)
        adam.apply_gradients([(gradient, w)])
        path = path.write(t, w)
    return path.stack()


path = np.concatenate([w0[None], train().numpy()])  # [step, run, i]
w1, w2 = path[..., 0], path[..., 1]
loss = (a * w1**2 + 2 * b * w1 * w2 + c * w2**2) / 2
# The last step with loss / start above 1e-6, plus one.
done = steps + 1 - np.argmax(loss[::-1] / loss[0] > 1e-6, axis=0)
print("Adam, lr = 0.1, kappa = 10: first updates (w1 steep, w2 flat)")
for i in (1, 4, 5):
    moves = path[:3, i] - path[1:4, i]
    text = " ".join(f"({u[0]:.6f}, {u[1]:.6f})" for u in moves)
    print(f"  loss x {scale[i]:<6g} {text}")
print(f"steps until loss / start stays below 1e-6, in a run of {steps}")
print("kappa  axis-aligned  rotated 45 deg")
for i in range(4):
    print(f"{kappa[i]:5.0f}  {done[i]:12d}  {done[i + 6]:14d}")
for i in (4, 5):
    print(f"kappa 10, loss x {scale[i]:g}: {done[i]} steps")
# The page's formula in numpy. Keras keeps lr in float32 and rounds beta_1,
# beta_2 to float32 in the bias correction (1 - beta_2 moves by 1e-5 of
# itself).
lr, b1, b2 = (float(np.float32(x)) for x in (0.1, 0.9, 0.999))
m, v, u, gap = np.zeros(2), np.zeros(2), np.ones(2), 0.0
for t in range(1, 101):
    g = np.array([10.0, 1.0]) * u  # kappa = 10, axis-aligned: row 1
    m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g**2
    u = u - lr * np.sqrt(1 - b2**t) / (1 - b1**t) * m / (v**0.5 + 1e-7)
    gap = max(gap, np.abs(u - path[t, 1]).max())
print(f"the formula in numpy within 1e-12 of Keras, 100 steps: {gap < 1e-12}")

# SGD at the same rate on the same three losses: its step is lr * gradient.
v = tf.Variable(np.ones((3, 2)))  # rows: loss x 1, x 1000, x 1e-6
gradient_factor = tf.constant(scale[[1, 4, 5], None] * [10.0, 1.0])
sgd = tf.keras.optimizers.SGD(learning_rate=0.1)
after = []  # v after steps 1, 2, 3
for _ in range(3):
    sgd.apply_gradients([(gradient_factor * v, v)])
    after.append(v.numpy())
print("SGD, lr = 0.1, kappa = 10: first update; |w| > 1e6 within 3 steps?")
for row, i in enumerate((1, 4, 5)):
    move = 1.0 - after[0][row]
    big = [n + 1 for n in range(3) if np.abs(after[n][row]).max() > 1e6]
    fate = f"diverged at step {big[0]}" if big else "no"
    print(f"  loss x {scale[i]:<6g} ({move[0]:.4g}, {move[1]:.4g}), {fate}")
