# Piecewise constant: 0.1 until step 300, 0.05 until step 600, then 0.01.
import tensorflow as tf

lr = tf.keras.optimizers.schedules.PiecewiseConstantDecay(
    boundaries=[300, 600], values=[0.1, 0.05, 0.01]
)
for step in (0, 299, 300, 301, 600, 601, 999):
    print(f"step {step:4d}: learning rate {float(lr(step)):.6f}")
