# Constant rates with a noisy gradient: where does (w + 1)² level off?
import numpy as np
import tensorflow as tf

sigma = 1.0  # size of the gradient noise
copies = 1000  # independent runs at once: one element of w each
rates = (0.01, 0.05, 0.1, 0.2, 0.5)
rng = np.random.default_rng(0)
xi = tf.constant(rng.standard_normal((3000, copies)))  # same for every rate
ws = [tf.Variable(np.full(copies, 5.0)) for _ in rates]  # float64
sgds = [tf.keras.optimizers.SGD(learning_rate=lr) for lr in rates]


@tf.function  # the whole loop in one graph: fast
def run():
    means = tf.TensorArray(tf.float64, size=len(xi))  # after each step
    for t in tf.range(len(xi)):
        for w, sgd in zip(ws, sgds):
            with tf.GradientTape() as tape:
                loss = tf.reduce_sum(tf.square(w + 1))  # each copy: (w+1)²
            grad = tape.gradient(loss, w) + sigma * xi[t]  # 2(w + 1) + σξ
            sgd.apply_gradients([(grad, w)])
        means = means.write(t, [tf.reduce_mean((w + 1) ** 2) for w in ws])
    return means.stack()


floors = run().numpy()[1000:].mean(axis=0)  # steps 1001 … 3000
print(f"sigma = {sigma}: mean of (w + 1)² over the copies, steps 1001-3000")
print("   lr   measured   lr·σ²/(4(1 − lr))   ratio")
for lr, floor in zip(rates, floors):
    formula = lr * sigma**2 / (4 * (1 - lr))
    print(f"{lr:5.2f}  {floor:9.5f}  {formula:18.5f}  {floor / formula:6.3f}")
