# A common TF2 rewrite that does not match the course's output: it prints
# the loss from before the update, and the learning rate that update used.
import tensorflow as tf

lr_schedule = tf.keras.optimizers.schedules.ExponentialDecay(
    0.1, 1, 0.99, staircase=True
)
optimizer = tf.keras.optimizers.SGD(learning_rate=lr_schedule)
w = tf.Variable(5.0)

for i in range(3):
    learning_rate = float(lr_schedule(optimizer.iterations))
    with tf.GradientTape() as tape:
        loss = tf.square(w + 1)
    optimizer.apply_gradients([(tape.gradient(loss, w), w)])
    print(
        f"After {i} steps: global_step is {int(optimizer.iterations):f}, "
        f"w is {float(w.numpy()):f}, learning rate is {learning_rate:f}, "
        f"loss is {float(loss):f}"
    )
