# Mini-batch SGD on a straight-line fit: smaller batches, noisier gradients.
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
x = rng.standard_normal(1024)
y = 3 * x + 0.5 + rng.standard_normal(1024)  # the line plus noise
X = np.stack([x, np.ones_like(x)], axis=1)  # columns: x, 1
best = np.linalg.lstsq(X, y, rcond=None)[0]  # least squares: w, b
best_loss = np.mean((X @ best - y) ** 2)  # no line does better
# Step t takes the first `batch` samples of the t-th shuffle of 0 … 1023.
shuffles = tf.constant(
    rng.permuted(np.tile(np.arange(1024), (2000, 1)), axis=1)
)

decay = tf.keras.optimizers.schedules.InverseTimeDecay(0.05, 100, 1.0)
runs = [  # (batch size, learning rate); 1024: every point, exact gradient
    *[(batch, 0.05) for batch in (1, 4, 16, 64, 256, 1024)],
    (4, decay),  # batch 4 again, with the rate decaying from 0.05
]
wbs = [tf.Variable(np.zeros(2)) for _ in runs]  # float64: w and b
sgds = [tf.keras.optimizers.SGD(learning_rate=lr) for _, lr in runs]


@tf.function  # the whole loop in one graph: fast
def run():
    """2000 SGD steps on mean (w·x + b − y)² over each mini-batch.
    Returns the loss on all 1024 points after each step."""
    losses = tf.TensorArray(tf.float64, size=len(shuffles))
    for t in tf.range(len(shuffles)):
        full = []
        for (batch, _), wb, sgd in zip(runs, wbs, sgds):
            index = shuffles[t, :batch]
            with tf.GradientTape() as tape:
                pred = tf.linalg.matvec(tf.gather(X, index), wb)
                loss = tf.reduce_mean(tf.square(pred - tf.gather(y, index)))
            sgd.apply_gradients([(tape.gradient(loss, wb), wb)])
            full.append(tf.reduce_mean(tf.square(tf.linalg.matvec(X, wb) - y)))
        losses = losses.write(t, full)
    return losses.stack()


excess = run().numpy()[1000:].mean(axis=0) - best_loss  # steps 1001-2000
print(f"least-squares loss on all 1024 points: {best_loss:.4f}")
print("batch   excess loss   batch × excess   (mean over steps 1001-2000)")
for (batch, _), e in zip(runs[:5], excess):
    print(f"{batch:5d}   {e:11.3g}   {batch * e:14.3g}")
print(f" 1024   below 1e-12: {excess[5] < 1e-12}")
print(f"    4   {excess[6]:11.3g}   with the rate decaying, 0.05/(1 + t/100)")
