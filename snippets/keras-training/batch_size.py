# How the best learning rate moves with the batch size, for SGD and Adam.
# Every run sees the same 8 epochs of data: a larger batch takes fewer steps.
import numpy as np
import tensorflow as tf

keras = tf.keras
rng = np.random.default_rng(0)
n, d, epochs, reps = 1024, 8, 8, 6  # reps: runs per setting, averaged
batches = (8, 32, 128, 512)  # 4 times apart
rates = {"SGD": 2.0 ** np.arange(-6, 4), "Adam": 2.0 ** np.arange(-10, 0)}
# A noisy linear fit. Inputs and targets are small integers / 64, so every
# sum of products is exact in float64 and every CPU prints the same digits.
x = rng.integers(-64, 65, (n, d)) / 64 * np.repeat([1.0, 0.5], d // 2)
y = x @ (rng.integers(-8, 9, d) / 8) + 0.5 * rng.integers(-64, 65, n) / 64
hessian = x.T @ x / n  # of the loss mean((x·w - y)²) / 2
w_min = np.linalg.solve(hessian, x.T @ y / n)  # where the loss is lowest
top = np.linalg.eigvalsh(hessian)[-1]
print(
    f"largest curvature {top:.4f}: gradient descent is stable below "
    f"2/{top:.4f} = {2 / top:.3f}"
)
# The runs of one optimizer, as weights of shape (reps, 20, d): 10 rates
# without warm-up, then the same 10 with a linear warm-up over one epoch.
start = np.repeat(rng.integers(-8, 9, (reps, 1, d)) / 8, 20, axis=1)
orders = rng.permuted(np.tile(np.arange(n), (reps, epochs, 1)), axis=2)
warm = tf.constant(np.repeat([0.0, 1.0], 10)[:, None])  # 1: warms up
warm_steps = tf.Variable(1.0, dtype=tf.float64)  # set for each batch size
w, opts = {}, {}
for name, make in [
    ("SGD", keras.optimizers.SGD),
    ("Adam", keras.optimizers.Adam),
]:
    w[name] = keras.Variable(start)
    opt = opts[name] = make()
    lr = tf.constant(np.tile(rates[name], 2)[:, None])  # a rate per run
    # A callable learning rate, read at every update, with one value per
    # run: Keras broadcasts it, a use its documentation does not promise.
    opt.learning_rate = lambda opt=opt, lr=lr: (
        lr
        * (
            1
            - warm
            + warm
            * tf.minimum(
                tf.cast(opt.iterations + 1, "float64") / warm_steps, 1.0
            )
        )
    )
    opt.build([w[name]])


@tf.function(  # one graph serves every batch size: any number of steps
    input_signature=[tf.TensorSpec([None, reps, None], tf.int64)],
    autograph=False,
)
def train(index):
    """Train every run from `start` on the batches index[t], of shape
    (steps, reps, batch); return each run's excess loss, averaged over the
    steps of the last epoch and over the reps."""
    for v in [*opts["SGD"].variables, *opts["Adam"].variables]:
        v.assign(tf.zeros_like(v))  # fresh optimizers: step 0, no moments
    for v in w.values():
        v.assign(start)
    steps = tf.shape(index)[0]
    per_epoch = steps // epochs
    warm_steps.assign(tf.cast(per_epoch, tf.float64))

    def update(t, total):
        xb, yb = tf.gather(x, index[t]), tf.gather(y, index[t])
        with tf.GradientTape() as tape:  # a sum: each run gets its gradient
            losses = [
                tf.reduce_sum(
                    tf.reduce_mean(
                        0.5
                        * tf.square(
                            tf.matmul(w[m].value, xb, transpose_b=True)
                            - yb[:, None]
                        ),
                        -1,
                    )
                )
                for m in w
            ]
        grads = tape.gradient(losses, [w[m].value for m in w])
        for m, g in zip(w, grads, strict=True):
            opts[m].apply_gradients([(g, w[m])])
        delta = tf.stack([w[m].value for m in w]) - w_min
        excess = 0.5 * tf.reduce_sum(
            tf.tensordot(delta, hessian, 1) * delta, -1
        )
        last = tf.cast(t >= steps - per_epoch, tf.float64)  # last epoch
        return t + 1, total + last * excess

    zero = tf.zeros([2, reps, 20], tf.float64)
    total = tf.while_loop(lambda t, _: t < steps, update, (0, zero))[1]
    return tf.reduce_mean(total, 1) / tf.cast(per_epoch, tf.float64)


# Each run's 8 shuffles are the same at every batch size: only the grouping
# into batches changes.
runs = np.array(
    [
        train(tf.constant(orders.reshape(reps, -1, b).transpose(1, 0, 2)))
        for b in batches
    ]
)  # runs[batch, optimizer, rate (with warm-up from 10 on)]
d0 = start[:, 0] - w_min
first = 0.5 * np.mean(np.sum(d0 @ hessian * d0, -1))  # the excess at start
runs = np.where(runs < first, runs, np.inf)  # above its start: diverged


def row(label, cells):
    """One line of a table: a label, then columns 8 characters wide."""
    print(f"{label:<10} " + " ".join(f"{c:<8}" for c in cells).rstrip())


for i, name in enumerate(w):
    loss, r = runs[:, i, :10], rates[name]
    print(f"\n{name}: excess loss, mean of the last epoch and of {reps} runs")
    row("rate", [f"B={b}" for b in batches] + [f"B={batches[-1]} warm"])
    for j in range(10):
        cells = [*loss[:, j], runs[-1, i, 10 + j]]
        row(
            f"{r[j]:.4g}",
            [f"{c:.2e}" if c < np.inf else "diverged" for c in cells],
        )
    best = r[np.argmin(loss, 1)]
    ranked = np.sort(loss, 1)
    row("best", [f"{b:.4g}" for b in best])
    row("2nd/best", [f"{m:.2f}" for m in ranked[:, 1] / ranked[:, 0]])
    grows = ", ".join(f"x{g:g}" for g in best[1:] / best[:-1])
    print(f"the best rate grows per 4x batch: {grows}")
    j = np.searchsorted(r, best[0] * batches[-1] / batches[0])
    print(
        f"linear rule from B={batches[0]}: rate {r[j]:g} at "
        f"B={batches[-1]}, loss {loss[-1, j] / ranked[-1, 0]:.2f} x the "
        f"best; with warm-up {runs[-1, i, 10 + j] / ranked[-1, 0]:.2f} x"
    )
