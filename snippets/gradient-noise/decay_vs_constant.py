# Same noise, same 3000 steps: two constant rates against three schedules.
import numpy as np
import tensorflow as tf

sigma = 1.0  # size of the gradient noise
copies = 1000  # independent runs at once: one element of w each
rng = np.random.default_rng(0)
xi = tf.constant(rng.standard_normal((3000, copies)))  # same for every rate

S = tf.keras.optimizers.schedules
rates = {  # column title: learning rate or schedule
    "const 0.2": 0.2,
    "const 0.01": 0.01,
    "exp /100": S.ExponentialDecay(0.2, decay_steps=100, decay_rate=0.5),
    "exp /5": S.ExponentialDecay(0.2, decay_steps=5, decay_rate=0.5),
    "1/t": S.InverseTimeDecay(0.2, decay_steps=10, decay_rate=1.0),
}
ws = [tf.Variable(np.full(copies, 5.0)) for _ in rates]  # float64
sgds = [tf.keras.optimizers.SGD(learning_rate=lr) for lr in rates.values()]


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


means = run().numpy()
print("mean of (w + 1)² over the copies, after `step` updates")
print(f"{'step':>5}" + "".join(f"{name:>11}" for name in rates))
for step in (10, 30, 100, 300, 1000, 3000):
    print(f"{step:5d}" + "".join(f"{m:#11.3g}" for m in means[step - 1]))
