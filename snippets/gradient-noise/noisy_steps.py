# The course's bowl, (w + 1)², with noise added to every gradient.
import numpy as np
import tensorflow as tf

sigma = 1.0  # size of the gradient noise
xi = np.random.default_rng(0).standard_normal(5)  # one draw per step
w = tf.Variable(5.0, dtype=tf.float64)
sgd = tf.keras.optimizers.SGD(learning_rate=0.2)

print("step        xi   gradient          w")
for step in range(1, 6):
    with tf.GradientTape() as tape:
        loss = tf.square(w + 1)
    grad = tape.gradient(loss, w) + sigma * xi[step - 1]  # 2(w + 1) + σξ
    sgd.apply_gradients([(grad, w)])
    print(
        f"{step:4d}  {xi[step - 1]:8.4f}  {float(grad):9.4f}  {float(w):9.4f}"
    )
