# Too small a learning rate: after 40 steps, w has hardly left 5.
import tensorflow as tf

w = tf.Variable(5.0)
optimizer = tf.keras.optimizers.SGD(learning_rate=0.0001)

for step in range(1, 41):
    with tf.GradientTape() as tape:
        loss = tf.square(w + 1)
    optimizer.apply_gradients([(tape.gradient(loss, w), w)])
    if step % 10 == 0:
        loss_after = float(tf.square(w + 1))
        print(f"step {step}: w = {float(w.numpy()):f}, loss = {loss_after:f}")
