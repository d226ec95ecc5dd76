# Linear warm-up from 0 to 0.1 over 100 steps, then cosine decay over 900.
import tensorflow as tf

lr = tf.keras.optimizers.schedules.CosineDecay(
    initial_learning_rate=0.0,
    warmup_target=0.1,
    warmup_steps=100,
    decay_steps=900,
    alpha=0.01,
)
for step in (0, 50, 100, 325, 550, 775, 1000):
    print(f"step {step:4d}: learning rate {float(lr(step)):.6f}")
