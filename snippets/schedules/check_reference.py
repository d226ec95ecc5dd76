# Each Keras schedule against an independent plain-Python formula, 1501 steps.
import math

import tensorflow as tf

S = tf.keras.optimizers.schedules


def piecewise(t):
    return 0.1 if t <= 300 else 0.05 if t <= 600 else 0.01


def polynomial(t, t_end=1000, start=0.1, end=0.001, power=2.0):
    return (start - end) * (1 - min(t, t_end) / t_end) ** power + end


def inverse_time(t):
    return 0.1 / (1 + 0.5 * t / 100)


def cosine(t, start=0.1, steps=1000, alpha=0.01):
    cos = 0.5 * (1 + math.cos(math.pi * min(t, steps) / steps))
    return start * ((1 - alpha) * cos + alpha)


def restarts(t, first=200, t_mul=2.0, m_mul=0.8):
    length, peak = first, 0.1
    while t >= length:  # find the cycle that holds step t
        t, length, peak = t - length, length * t_mul, peak * m_mul
    return peak * 0.5 * (1 + math.cos(math.pi * t / length))


def warmup_cosine(t, warmup=100, target=0.1):
    if t < warmup:
        return target * t / warmup
    return cosine(t - warmup, start=target, steps=900)


pairs = {
    "piecewise constant": (
        S.PiecewiseConstantDecay([300, 600], [0.1, 0.05, 0.01]),
        piecewise,
    ),
    "polynomial": (S.PolynomialDecay(0.1, 1000, 0.001, power=2.0), polynomial),
    "inverse time": (S.InverseTimeDecay(0.1, 100, 0.5), inverse_time),
    "cosine": (S.CosineDecay(0.1, 1000, alpha=0.01), cosine),
    "cosine restarts": (S.CosineDecayRestarts(0.1, 200, 2.0, 0.8), restarts),
    "warm-up + cosine": (
        S.CosineDecay(
            0.0, 900, alpha=0.01, warmup_target=0.1, warmup_steps=100
        ),
        warmup_cosine,
    ),
}


@tf.function  # one graph for all steps instead of one call per step
def one_by_one(schedule, steps):
    return tf.map_fn(schedule, steps, fn_output_signature=tf.float32)


def values(schedule, steps):
    """The schedule at every step (warm-up: one step at a time)."""
    if getattr(schedule, "warmup_steps", 0):
        return one_by_one(schedule, steps)
    return schedule(steps)


steps = range(0, 1501)
for name, (schedule, formula) in pairs.items():
    got = values(schedule, tf.range(len(steps))).numpy()
    # float32 tolerance: a relative 1e-5 plus 1e-7 where the rate nears 0
    bad = [
        t for t in steps if abs(got[t] - formula(t)) > 1e-5 * formula(t) + 1e-7
    ]
    verdict = (
        "agree" if not bad else f"DIFFER at {len(bad)} steps, first {bad[0]}"
    )
    print(f"{name:18}: steps 0-{steps[-1]}: {verdict}")
