# Cosine decay with restarts: cycles of 200, 400, 800 steps, each peak * 0.8.
import tensorflow as tf

lr = tf.keras.optimizers.schedules.CosineDecayRestarts(
    initial_learning_rate=0.1, first_decay_steps=200, t_mul=2.0, m_mul=0.8
)
for step in (0, 100, 199, 200, 400, 599, 600, 1000):
    print(f"step {step:4d}: learning rate {float(lr(step)):.6f}")
