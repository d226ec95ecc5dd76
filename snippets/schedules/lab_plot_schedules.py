# Try your own schedule settings: change the numbers, run, compare the curves.
import matplotlib.pyplot as plt
import tensorflow as tf

S = tf.keras.optimizers.schedules
total = 1000  # change me
schedules = {
    "cosine": S.CosineDecay(0.1, total, alpha=0.0),
    "warm-up 10% + cosine": S.CosineDecay(
        0.0, int(total * 0.9), warmup_target=0.1, warmup_steps=total // 10
    ),
    "polynomial, power 1": S.PolynomialDecay(0.1, total, 0.0, power=1.0),
}
steps = tf.range(total + 1)


@tf.function
def values(schedule, steps):
    return tf.map_fn(schedule, steps, fn_output_signature=tf.float32)


# Only for this figure: text stays text in SVG output, same file every run.
with plt.rc_context(
    {"svg.fonttype": "none", "svg.hashsalt": "lab-plot-schedules"}
):
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    for name, schedule in schedules.items():
        ax.plot(steps.numpy(), values(schedule, steps).numpy(), label=name)
    ax.set_xlabel("step")
    ax.set_ylabel("learning rate")
    ax.legend()
    ax.grid(alpha=0.3)
    plt.show()
print(f"plotted {len(schedules)} schedules over {total} steps")
