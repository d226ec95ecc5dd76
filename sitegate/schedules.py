"""The schedules' powers and cosines as TensorFlow computes them, for the 2-D explorer.

Keras's ExponentialDecay multiplies the rate by ``ops.power(decay_rate, p)``,
p = step / decay_steps in float32 (floored with staircase), and CosineDecay
by 0.5 (1 + ``ops.cos(π · fraction)``): on the CPU, TensorFlow's kernels call
glibc's ``powf`` and ``cosf``, which are not always correctly rounded. For
each decay rate and each decay_steps the explorer offers, this module
compares TensorFlow's value at every step the explorer can reach with the
correctly rounded one and lists where they differ: +n where TensorFlow's is
one unit in the last place above, -n where below. The explorer rounds the
browser's double-precision ``Math.pow`` and ``Math.cos`` to float32 (the
correctly rounded value, unless the exact one lies near a tie: this module
refuses any that comes within MARGIN of one) and applies the lists; the
browser tests compare every value with TensorFlow's.

In both modes: eagerly p = step / decay_steps; in a graph (a tf.function without
XLA, as model.fit runs on a machine where TensorFlow sees no GPU) Grappler's
constant folding makes it step × fl(1 / decay_steps), and the cosine's angle
step × fl(π · fl(1 / decay_steps)). TensorFlow's values are taken at the
explorer's arguments; which arguments Keras uses, the browser tests check
against Keras's schedule objects and model.fit.

The correctly rounded value comes from x87 long double (64 bits, about 2^-40
of a float32 unit off at most). Values TensorFlow flushes to zero (below
float32's smallest normal number, with x86's flush-to-zero on) are zero here
too, as in the explorer's float32 arithmetic.

Run ``python -m sitegate.schedules`` to write docs/javascripts/schedule-fixes.js
(again when TensorFlow or the offered values change: a browser test fails until then).
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np

MODES = ("graph", "eager")  # inside a tf.function without XLA, or eagerly
RATES = ("0.1", "0.5", "0.9", "0.96", "0.99")  # ExponentialDecay's decay_rate
# 88 and 184: the Keras chapter's cosine decays (schedules_compared.py), 96 and 192 steps
# less an 8-step warm-up, which the explorer's presets replay.
DECAY_STEPS = (1, 10, 20, 50, 88, 100, 184, 200, 500, 1000, 2000, 5000, 10000)
STEPS = 10000  # the explorer's most updates: the schedule is read at steps 0 … STEPS - 1
# The closest an exact value may come to a tie, in float32 units in the last place:
# Math.pow and Math.cos in double are within a few units of a double's last place
# (2^-29 of a float32 unit each), far inside this; long double is closer still.
MARGIN = 2.0**-24
TINY = 2.0**-126  # float32's smallest normal number
TARGET = Path(__file__).resolve().parent.parent / "docs" / "javascripts" / "schedule-fixes.js"


def fractions(count: int, decay_steps: int, mode: str) -> np.ndarray:
    """k / decay_steps in float32 for k = 0 … count - 1, as Keras's schedules compute it:
    divided when run eagerly; in a graph (a tf.function, model.fit on a CPU), Grappler's
    constant folding makes it k times the float32 reciprocal of decay_steps."""
    k = np.arange(count, dtype=np.float32)
    if mode == "graph":
        return k * (np.float32(1) / np.float32(decay_steps))
    return k / np.float32(decay_steps)


def arguments(decay_steps: int, mode: str) -> np.ndarray:
    """π · k / decay_steps in float32 for k = 0 … decay_steps, as CosineDecay computes it:
    in a graph, Grappler also folds π into the reciprocal, k · (π · (1 / decay_steps))."""
    k = np.arange(decay_steps + 1, dtype=np.float32)
    pi = np.float32(math.pi)
    if mode == "graph":
        return k * (pi * (np.float32(1) / np.float32(decay_steps)))
    return pi * (k / np.float32(decay_steps))


def rounded(exact: np.ndarray) -> tuple[np.ndarray, float]:
    """The long doubles rounded to float32 (tiny ones flushed to zero), and the closest
    any came to halfway between two float32 numbers, in units in the last place."""
    values = exact.astype(np.float32)
    size = np.abs(exact)
    kept = size >= TINY
    # The float32 unit in the last place at each value (all normal numbers here).
    unit = np.ldexp(np.longdouble(1), np.frexp(size[kept])[1] - 24)
    below = np.abs(values[kept]).astype(np.longdouble)
    below = np.where(below > size[kept], below - unit, below)  # the float32 under the value
    fraction = (size[kept] - below) / unit
    closest = float(np.min(np.abs(fraction - 0.5))) if kept.any() else 0.5
    values[~kept] = 0
    return values, closest


def exact_powers(rate: str, decay_steps: int, mode: str) -> tuple[np.ndarray, float]:
    base = np.longdouble(np.float32(float(rate)))
    p = fractions(STEPS, decay_steps, mode).astype(np.longdouble)
    return rounded(np.power(base, p))


def exact_cosines(decay_steps: int, mode: str) -> tuple[np.ndarray, float]:
    return rounded(np.cos(arguments(decay_steps, mode).astype(np.longdouble)))


TENSORFLOW = """
import json, sys
import numpy as np
import tensorflow as tf

# One job per line: a base (or none, for cosines) and the float32 arguments. Each value is
# computed by a 0-D op in a graph loop, as Keras's schedules compute theirs: tf.pow calls
# glibc's powf, tf.cos its cosf.
def loop(args, op):
    args = tf.constant(np.asarray(args, dtype=np.float32))
    count = args.shape[0]

    def body(k, out):
        return k + 1, out.write(k, op(args[k]))

    out = tf.TensorArray(tf.float32, size=count)
    return tf.while_loop(lambda k, out: k < count, body, (tf.constant(0), out))[1].stack()

for line in sys.stdin:
    job = json.loads(line)
    if job["base"] is None:
        op = tf.cos
    else:
        base = tf.constant(np.float32(job["base"]))
        op = lambda x: tf.pow(base, x)
    print(json.dumps(tf.function(lambda: loop(job["args"], op))().numpy().tolist()))
"""


def tensorflow_values(mode: str, env: dict[str, str] | None = None) -> dict[str, list[list[float]]]:
    """TensorFlow's powers (one row per rate and decay_steps, in that order) and cosines
    (one row per decay_steps) at the explorer's arguments in this mode, computed in a fresh
    Python by 0-D ops in graph loops. (Which arguments Keras's schedules use, in a graph
    and eagerly, the browser tests check against Keras's schedule objects.) ``env`` adds
    to the environment (the tests run it with glibc on an older CPU's paths)."""
    import os
    import subprocess

    jobs = [
        {"base": float(np.float32(float(rate))), "args": fractions(STEPS, n, mode).tolist()}
        for rate in RATES
        for n in DECAY_STEPS
    ]
    jobs += [{"base": None, "args": arguments(n, mode).tolist()} for n in DECAY_STEPS]
    result = subprocess.run(
        [sys.executable, "-c", TENSORFLOW],
        env=None if env is None else os.environ | env,
        input="".join(json.dumps(job) + "\n" for job in jobs),
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    return {"powers": rows[: -len(DECAY_STEPS)], "cosines": rows[-len(DECAY_STEPS) :]}


def differences(mine: np.ndarray, theirs: list[float], what: str) -> list[int]:
    """The signed indices where TensorFlow's value is a float32 neighbour of ours."""
    theirs_f = np.asarray(theirs, dtype=np.float32)
    found = []
    for n in np.flatnonzero(mine != theirs_f):
        up = np.nextafter(mine[n], np.float32(math.inf))
        down = np.nextafter(mine[n], np.float32(-math.inf))
        if theirs_f[n] not in (up, down):
            raise ValueError(f"{what}, {n}: TensorFlow {theirs_f[n]!r} is not beside {mine[n]!r}")
        found.append(int(n) if theirs_f[n] == up else -int(n))
    return found


def lists(mode: str, values: dict[str, list[list[float]]]) -> dict[str, dict]:
    """The lists of one mode for every offered rate and decay_steps."""
    rows = iter(values["powers"])
    power_fixes: dict[str, dict[str, list[int]]] = {}
    for rate in RATES:
        power_fixes[rate] = {}
        for n in DECAY_STEPS:
            mine, closest = exact_powers(rate, n, mode)
            if closest < MARGIN:
                raise ValueError(f"{mode}, rate {rate}, {n}: a power is {closest} ulp from a tie")
            power_fixes[rate][str(n)] = differences(mine, next(rows), f"{mode}, rate {rate}, {n}")
    cosine_fixes = {}
    for n, theirs in zip(DECAY_STEPS, values["cosines"], strict=True):
        mine, closest = exact_cosines(n, mode)
        if closest < MARGIN:
            raise ValueError(f"{mode}, decay_steps {n}: a cosine is {closest} ulp from a tie")
        cosine_fixes[str(n)] = differences(mine, theirs, f"{mode}, cosine, {n}")
    return {"power": power_fixes, "cosine": cosine_fixes}


def table(values: dict[str, dict] | None = None) -> dict[str, dict]:
    """Both modes' lists, from TensorFlow's values (computed here unless given)."""
    values = values or {mode: tensorflow_values(mode) for mode in MODES}
    return {mode: lists(mode, values[mode]) for mode in MODES}


def source(found: dict[str, dict]) -> str:
    """The JavaScript file the 2-D explorer page loads before explorer2d.js."""
    lines = [
        "// Written by `python -m sitegate.schedules` from TensorFlow: do not edit.",
        "// [mode].power[rate][decay_steps]: the steps n < steps where ExponentialDecay's",
        "// decay_rate ** (n / decay_steps) in TensorFlow is one float32 unit above (+n) or",
        "// below (-n) the correctly rounded value; [mode].cosine[decay_steps]: the same for",
        "// cos(pi * k / decay_steps), k = 0 … decay_steps, in CosineDecay. In mode graph",
        "// (a tf.function), n / decay_steps is n times the float32 reciprocal of decay_steps.",
        "window.lrExplorerSchedules = Object.freeze(",
        json.dumps(
            {
                "steps": STEPS,
                "modes": list(MODES),
                "rates": list(RATES),
                "decaySteps": list(DECAY_STEPS),
                **found,
            },
            separators=(",", ":"),
        ),
        ");",
    ]
    return "\n".join(lines) + "\n"


def tensorflow_powers(lists: dict, rate: str, steps: int, mode: str) -> np.ndarray:
    """TensorFlow's decay_rate^p at steps 0 … STEPS - 1 from the written lists: the
    correctly rounded value moved one unit where ``lists`` (read()) names a step."""
    values = exact_powers(rate, steps, mode)[0].copy()
    for n in lists[mode]["power"][rate][str(steps)]:
        toward = np.float32(np.inf if n > 0 else -np.inf)
        values[abs(n)] = np.nextafter(values[abs(n)], toward)
    return values


def read() -> dict:
    """The lists as the explorer's page has them (docs/javascripts/schedule-fixes.js)."""
    text = TARGET.read_text(encoding="utf-8")
    return json.loads(text[text.index("{") : text.rindex("}") + 1])


def main() -> int:
    from sitegate.powers import write

    return write(TARGET, source(table()))


if __name__ == "__main__":
    sys.exit(main())
