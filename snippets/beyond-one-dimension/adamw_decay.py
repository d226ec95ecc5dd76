# AdamW's weight decay in Keras: before each step, w <- w - lr * wd * w.
# With a zero gradient only the decay acts, so each step multiplies w by
# 1 - lr * wd; a schedule that lowers lr lowers the decay with it.
import numpy as np
import tensorflow as tf

wd = 0.1
schedule = tf.keras.optimizers.schedules.PiecewiseConstantDecay(
    [1],
    [0.1, 0.01],  # steps 1 and 2 at lr 0.1, then 0.01
)
w = tf.Variable([1.0], dtype=tf.float64)
optimizer = tf.keras.optimizers.AdamW(learning_rate=schedule, weight_decay=wd)
zero = tf.zeros(1, tf.float64)
print("step  lr     w after    w_new / w_old  1 - lr * wd")
for step in range(1, 5):
    lr = float(schedule(step - 1))  # the rate of this step
    old = float(w[0])
    optimizer.apply_gradients([(zero, w)])
    new = float(w[0])
    print(
        f"{step:4d}  {lr:.2f}  {new:.6f}  {new / old:13.6f}  {1 - lr * wd:.6f}"
    )

# With a real gradient, on the bowl (10 * w1**2 + w2**2) / 2 from (1, 1):
# AdamW against plain Adam. Is AdamW "decay, then the Adam step with the
# gradient taken before the decay"? And is Adam(weight_decay=wd) AdamW?
lam = tf.constant([10.0, 1.0], tf.float64)
ws = [tf.Variable([1.0, 1.0], dtype=tf.float64) for _ in range(4)]
optimizers = [
    tf.keras.optimizers.AdamW(learning_rate=0.01, weight_decay=wd),
    tf.keras.optimizers.Adam(learning_rate=0.01),  # no decay
    tf.keras.optimizers.Adam(learning_rate=0.01, weight_decay=wd),
    tf.keras.optimizers.Adam(learning_rate=0.01),  # decay done by hand
]
# Keras casts both numbers to float32 before using them in float64.
lr32, wd32 = float(np.float32(0.01)), float(np.float32(wd))
print("step  AdamW w1   AdamW w2   Adam w1    Adam w2")
for step in range(1, 51):
    for i, (w, optimizer) in enumerate(zip(ws, optimizers)):
        gradient = lam * w  # before the decay
        if i == 3:
            w.assign_sub(w * wd32 * lr32)
        optimizer.apply_gradients([(gradient, w)])
    if step in (1, 2, 10, 50):
        w1, w2 = ws[0].numpy(), ws[1].numpy()
        print(f"{step:4d}  {w1[0]:.7f}  {w1[1]:.7f}  {w2[0]:.7f}  {w2[1]:.7f}")
same = [bool(np.all(ws[0].numpy() == w.numpy())) for w in ws[2:]]
print(f"after 50 steps, AdamW == Adam(weight_decay=wd): {same[0]}")
print(f"after 50 steps, AdamW == decay by hand + Adam:  {same[1]}")
