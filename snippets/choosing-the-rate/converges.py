# lr = 0.2 closes in on the minimum; lr = 0.5 lands on it in one step.
import tensorflow as tf

rates = (0.2, 0.5)
ws = [tf.Variable(5.0) for _ in rates]
optimizers = [tf.keras.optimizers.SGD(learning_rate=lr) for lr in rates]

print("step  w (lr = 0.2)  w (lr = 0.5)")
for step in range(1, 9):
    for w, optimizer in zip(ws, optimizers):
        with tf.GradientTape() as tape:
            loss = tf.square(w + 1)
        optimizer.apply_gradients([(tape.gradient(loss, w), w)])
    print(f"{step:4d}  {ws[0].numpy():12f}  {ws[1].numpy():12f}")
