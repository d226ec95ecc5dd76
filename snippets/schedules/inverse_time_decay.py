# Inverse-time decay: 0.1 / (1 + 0.5 * step / 100).
import tensorflow as tf

lr = tf.keras.optimizers.schedules.InverseTimeDecay(
    initial_learning_rate=0.1, decay_steps=100, decay_rate=0.5
)
for step in (0, 100, 200, 500, 1000):
    print(f"step {step:4d}: learning rate {float(lr(step)):.6f}")
