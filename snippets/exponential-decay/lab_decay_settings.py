# Decay settings side by side: where is w after 40 updates from w = 5?
import tensorflow as tf

settings = [  # (base, decay rate, decay_steps, staircase) - change me
    (0.1, 0.99, 1, True),
    (0.1, 0.9, 1, True),
    (0.1, 0.9, 10, True),
    (0.1, 0.9, 10, False),
    (0.3, 0.95, 5, True),
]
for base, rate, decay_steps, staircase in settings:
    schedule = tf.keras.optimizers.schedules.ExponentialDecay(
        base, decay_steps, rate, staircase=staircase
    )
    optimizer = tf.keras.optimizers.SGD(learning_rate=schedule)
    w = tf.Variable(5.0)
    for _ in range(40):
        with tf.GradientTape() as tape:
            loss = tf.square(w + 1)
        optimizer.apply_gradients([(tape.gradient(loss, w), w)])
    print(
        f"base {base:g}, rate {rate:g}, decay_steps {decay_steps:2d}, "
        f"staircase {staircase!s:5}: w = {float(w.numpy()):+.6f}, "
        f"last lr = {float(schedule(39)):.6f}"
    )
