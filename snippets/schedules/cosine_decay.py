# Cosine decay: from 0.1 down to alpha * 0.1 = 0.001 along half a cosine.
import tensorflow as tf

lr = tf.keras.optimizers.schedules.CosineDecay(
    initial_learning_rate=0.1, decay_steps=1000, alpha=0.01
)
for step in (0, 250, 500, 750, 1000, 1200):
    print(f"step {step:4d}: learning rate {float(lr(step)):.6f}")
