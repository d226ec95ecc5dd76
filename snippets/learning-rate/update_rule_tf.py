# The same three updates with TensorFlow 2: GradientTape + SGD.
import tensorflow as tf

w = tf.Variable(5.0)  # float32, like the course's tf.constant(5, tf.float32)
optimizer = tf.keras.optimizers.SGD(learning_rate=0.2)

for step in range(1, 4):
    with tf.GradientTape() as tape:
        loss = tf.square(w + 1)  # (1)!
    grad = tape.gradient(loss, w)
    optimizer.apply_gradients([(grad, w)])  # (2)!
    print(
        f"step {step}: loss before = {float(loss):f}, "
        f"grad = {float(grad):f}, w = {float(w.numpy()):f}"
    )
