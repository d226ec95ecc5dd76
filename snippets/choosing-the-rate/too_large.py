# Too large a learning rate: lr = 1 bounces for ever, lr = 1.2 diverges.
import tensorflow as tf

for lr in (1.0, 1.2):
    w = tf.Variable(5.0)
    optimizer = tf.keras.optimizers.SGD(learning_rate=lr)
    path = []
    for _ in range(6):
        with tf.GradientTape() as tape:
            loss = tf.square(w + 1)
        optimizer.apply_gradients([(tape.gradient(loss, w), w)])
        path.append(f"{float(w.numpy()):.2f}")
    print(f"lr = {lr:g}: w = 5 -> " + " -> ".join(path))
