# The course's decay (base 0.1, rate 0.99): staircase and smooth compared.
import tensorflow as tf

ExponentialDecay = tf.keras.optimizers.schedules.ExponentialDecay

for decay_steps in (1, 10):
    stairs = ExponentialDecay(0.1, decay_steps, 0.99, staircase=True)
    smooth = ExponentialDecay(0.1, decay_steps, 0.99, staircase=False)
    print(f"decay_steps = {decay_steps}")
    for step in (0, 1, 2, 5, 10, 15, 39):
        print(
            f"  global_step {step:2d}: staircase {float(stairs(step)):.6f}, "
            f"smooth {float(smooth(step)):.6f}"
        )
