# One-cycle and warmup-stable-decay (WSD) as Keras schedule classes, trained
# beside Keras's cosine decay on the chapter's task.
import numpy as np
import tensorflow as tf

keras = tf.keras
rng = np.random.default_rng(0)  # the data: 256 points with 4 features
x = rng.standard_normal((256, 4))
y = x @ [1.0, -2.0, 0.5, 1.5] + x[:, 0] * x[:, 1]  # not a plane
y = (y + 0.1 * rng.standard_normal(256)).reshape(-1, 1)
data = tf.data.Dataset.from_tensor_slices((x, y)).batch(32)  # 8 batches


def make_model(learning_rate):
    """The same small network, with the same starting weights, every call."""
    glorot = keras.initializers.GlorotUniform
    model = keras.Sequential(
        [
            keras.Input((4,), dtype="float64"),
            keras.layers.Dense(
                16, "relu", kernel_initializer=glorot(1), dtype="float64"
            ),
            keras.layers.Dense(
                1, kernel_initializer=glorot(2), dtype="float64"
            ),
        ]
    )
    model.compile(keras.optimizers.SGD(learning_rate), "mse")
    return model


Schedule = keras.optimizers.schedules.LearningRateSchedule


class OneCycle(Schedule):
    """Smith's one-cycle, linear both ways: from peak / div up to peak over
    the first pct of the steps, then down to peak / div / final_div."""

    def __init__(self, peak, total_steps, pct=0.3, div=25.0, final_div=1e4):
        self.peak, self.total_steps, self.pct = peak, total_steps, pct
        self.div, self.final_div = div, final_div

    def __call__(self, step):
        t = tf.cast(step, tf.float32)
        top = self.pct * self.total_steps  # the step with the highest rate
        low = self.peak / self.div
        rise = low + (self.peak - low) * t / top
        down = tf.minimum((t - top) / (self.total_steps - top), 1.0)
        fall = self.peak + (low / self.final_div - self.peak) * down
        return tf.where(t < top, rise, fall)

    def get_config(self):  # what model.save stores, to rebuild it
        return dict(
            peak=self.peak,
            total_steps=self.total_steps,
            pct=self.pct,
            div=self.div,
            final_div=self.final_div,
        )


class WarmupStableDecay(Schedule):
    """Linear warm-up from 0 to peak, flat at peak until decay_start, then
    down to 0 along 1 - sqrt over decay_steps."""

    def __init__(self, peak, warmup, decay_start, decay_steps):
        self.peak, self.warmup = peak, warmup
        self.decay_start, self.decay_steps = decay_start, decay_steps

    def __call__(self, step):
        t = tf.cast(step, tf.float32)
        done = (t - self.decay_start) / self.decay_steps  # share of the decay
        cool = self.peak * (1.0 - tf.sqrt(tf.clip_by_value(done, 0.0, 1.0)))
        return tf.where(t < self.warmup, self.peak * t / self.warmup, cool)

    def get_config(self):
        return dict(
            peak=self.peak,
            warmup=self.warmup,
            decay_start=self.decay_start,
            decay_steps=self.decay_steps,
        )


steps, peak, warmup, cooldown = 96, 0.2, 8, 24  # 12 epochs of 8 steps
cosine = keras.optimizers.schedules.CosineDecay
schedules = {  # Keras's cosine counts decay_steps after its warm-up
    "cosine": cosine(
        0.0, steps - warmup, warmup_target=peak, warmup_steps=warmup
    ),
    "one-cycle": OneCycle(peak, steps),
    "WSD": WarmupStableDecay(peak, warmup, steps - cooldown, cooldown),
    "cosine/192": cosine(
        0.0, 2 * steps - warmup, warmup_target=peak, warmup_steps=warmup
    ),  # planned for twice as long
}
print(" step" + "".join(f"{name:>12}" for name in schedules))
for step in (0, 4, 8, 28, 48, 72, 84, 95, 96):
    print(
        f"{step:5d}"
        + "".join(f"{float(s(step)):12.5f}" for s in schedules.values())
    )
# WSD's rates before its cooldown do not depend on the length of training:
longer = WarmupStableDecay(peak, warmup, 2 * steps - cooldown, cooldown)
early = tf.range(steps - cooldown)
same = bool(tf.reduce_all(longer(early) == schedules["WSD"](early)))
print(
    f"WSD planned for {2 * steps} steps, same rates before step "
    f"{steps - cooldown}: {same}"
)
window = 24  # fit reports the mean loss of every 24 steps (3 epochs)
losses, final = {}, {}
for name, schedule in schedules.items():
    model = make_model(schedule)
    history = model.fit(
        data.repeat(),  # the 8 batches again and again
        epochs=steps // window,
        steps_per_epoch=window,
        shuffle=False,
        verbose=0,
    )
    losses[name] = history.history["loss"]  # each window's mean loss
    final[name] = float(tf.reduce_mean(tf.square(model(x) - y)))
print(f"\nmean training loss over each {window} steps")
print("steps" + "".join(f"{name:>12}" for name in losses))
for i in range(steps // window):
    print(
        f"{window * i + 1:2d}-{window * (i + 1):2d}"
        + "".join(f"{loss[i]:12.4f}" for loss in losses.values())
    )
print("after" + "".join(f"{value:12.4f}" for value in final.values()))
print(
    "after, divided by cosine's:",
    ", ".join(
        f"{name} {value / final['cosine']:.3f}"
        for name, value in final.items()
    ),
)
