# The course's 40-step run with exponential decay, on TensorFlow 2.
import tensorflow as tf

LEARNING_RATE_BASE = 0.1  # initial learning rate
LEARNING_RATE_DECAY = 0.99  # decay rate
LEARNING_RATE_STEP = 1  # steps per decay (course: samples / BATCH_SIZE)

lr_schedule = tf.keras.optimizers.schedules.ExponentialDecay(
    LEARNING_RATE_BASE, LEARNING_RATE_STEP, LEARNING_RATE_DECAY, staircase=True
)
optimizer = tf.keras.optimizers.SGD(learning_rate=lr_schedule)
w = tf.Variable(5.0)

for i in range(40):
    with tf.GradientTape() as tape:
        loss = tf.square(w + 1)
    optimizer.apply_gradients([(tape.gradient(loss, w), w)])
    # Report as the course does: everything read after the update.
    global_step = int(optimizer.iterations.numpy())
    learning_rate = float(lr_schedule(global_step))
    loss = float(tf.square(w + 1))
    print(
        f"After {i} steps: global_step is {global_step:f}, "
        f"w is {float(w.numpy()):f}, learning rate is {learning_rate:f}, "
        f"loss is {loss:f}"
    )
