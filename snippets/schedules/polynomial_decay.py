# Polynomial decay: from 0.1 to 0.001 over 1000 steps, with power 2.
import tensorflow as tf

lr = tf.keras.optimizers.schedules.PolynomialDecay(
    initial_learning_rate=0.1,
    decay_steps=1000,
    end_learning_rate=0.001,
    power=2.0,
)
for step in (0, 250, 500, 750, 1000, 1200):
    print(f"step {step:4d}: learning rate {float(lr(step)):.6f}")
