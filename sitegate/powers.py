"""Adam's powers β^t as TensorFlow computes them, for the 2-D explorer.

Keras's Adam divides by 1 - β₁^t and multiplies by √(1 - β₂^t), with β^t from
``ops.power`` on 0-D tensors: TensorFlow's CPU kernel calls the C library's
``powf`` (float32) or ``pow`` (float64), and glibc's are not always
correctly rounded. For each β the explorer offers and t = 1 … STEPS, this module
compares TensorFlow's β^t with the correctly rounded value (exact integer
arithmetic) and lists the steps where they differ: +t where TensorFlow's is
one unit in the last place above, -t where below. The explorer computes the
correctly rounded value (double-double products; the check below makes sure
no exact power lies near a rounding boundary, where that could slip) and
applies the list: the browser tests compare every β^t with TensorFlow's.

Powers below 2^-(p+2), p the significand's bits, are left out: 1 - β^t
rounds to 1 for every β^t below 2^-(p+1), and that is all Adam uses them for.
The file also says, for each list, how far it reaches (the last step whose
power is not left out) and at which of its steps the correction changes
1 - β^t, and so Adam's step (most do not: 1 - β^t has a coarser last place).

Measured on this machine (glibc 2.36, x86-64): float32 powf gives the same
list with and without FMA (GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA,
-AVX512F,-AVX), but float64 pow does not, so the float64 list is that of a
CPU with FMA. Run ``python -m sitegate.powers`` to write
docs/javascripts/adam-powers.js.
"""

from __future__ import annotations

import functools
import json
import math
import sys
from pathlib import Path

import numpy as np

# The choices the explorer offers; Keras's defaults are 0.9 and 0.999.
BETA1 = ("0", "0.5", "0.8", "0.9", "0.95", "0.99")
BETA2 = ("0.9", "0.95", "0.98", "0.99", "0.995", "0.999", "0.9999")
STEPS = 10000  # the explorer's most updates
BITS = {"float32": 24, "float64": 53}
# The closest an exact power may come to halfway between two neighbours, in
# units in the last place. The explorer's double-double product is within
# about 2^-99 of the exact power, relative; in float32 it rounds the high
# double, within 2^-29 of a float32 unit: both far inside this.
MARGIN = 2.0**-20
TARGET = Path(__file__).resolve().parent.parent / "docs" / "javascripts" / "adam-powers.js"


def betas() -> list[str]:
    """Every β the explorer offers, in increasing order."""
    return sorted(set(BETA1) | set(BETA2), key=float)


def float32_of(beta: str) -> tuple[int, int]:
    """β as Keras's tf.cast makes it (through float32): significand and exponent."""
    value = float(np.float32(float(beta)))
    if value == 0:
        return 0, 0
    mantissa, exponent = math.frexp(value)
    return int(mantissa * 2**24), exponent - 24


@functools.cache
def correctly_rounded(beta: str, dtype: str) -> tuple[list[float], float]:
    """β^t rounded to nearest (ties to even) for t = 1, 2, … while β^t ≥ 2^-(p+2);
    and the closest any exact β^t came to a tie, in units in the last place."""
    p = BITS[dtype]
    m, e = float32_of(beta)
    values, closest = [], 0.5
    numerator, exponent = 1, 0  # β^t = numerator · 2^exponent, exactly
    for _ in range(STEPS):
        numerator, exponent = numerator * m, exponent + e
        if numerator == 0 or numerator.bit_length() + exponent <= -(p + 2):
            break  # β^t < 2^-(p+2)
        below = numerator.bit_length() - p  # bits under the last place
        if below <= 0:
            kept, closest_here = numerator << -below, 0.5
        else:
            kept, rest = numerator >> below, numerator & ((1 << below) - 1)
            closest_here = abs(rest / (1 << below) - 0.5)
            if 2 * rest > 1 << below or (2 * rest == 1 << below and kept & 1):
                kept += 1
        closest = min(closest, closest_here)
        values.append(math.ldexp(kept, exponent + below))
    return values, closest


def tensorflow_powers(beta: str, dtype: str, count: int) -> list[float]:
    """β^t for t = 1 … count from tf.pow on 0-D tensors in a graph loop, as Keras's
    Adam computes them inside its train step (β cast through float32, as Keras does)."""
    import tensorflow as tf

    kind = tf.as_dtype(dtype)

    @tf.function
    def run():
        b = tf.cast(tf.constant(float(beta)), kind)
        out = tf.TensorArray(kind, size=count)
        for t in tf.range(count):
            out = out.write(t, tf.pow(b, tf.cast(t + 1, kind)))
        return out.stack()

    return [float(x) for x in run().numpy()]


def exceptions(beta: str, dtype: str) -> list[int]:
    """The steps where TensorFlow's β^t is not the correctly rounded one (signed)."""
    exact, closest = correctly_rounded(beta, dtype)
    if closest < MARGIN:
        raise ValueError(f"β = {beta}, {dtype}: an exact power is {closest} ulp from a tie")
    got = tensorflow_powers(beta, dtype, len(exact)) if exact else []
    found = []
    for t, (mine, theirs) in enumerate(zip(exact, got, strict=True), start=1):
        if mine != theirs:
            cast = np.dtype(dtype).type
            up = float(np.nextafter(cast(mine), cast(math.inf)))
            down = float(np.nextafter(cast(mine), cast(0)))
            if theirs not in (up, down):
                raise ValueError(f"β = {beta}, {dtype}, t = {t}: {theirs} is not beside {mine}")
            found.append(t if theirs > mine else -t)
    return found


def changes(beta: str, dtype: str, fixes: list[int]) -> list[int]:
    """The listed steps where TensorFlow's β^t gives another 1 - β^t than the
    correctly rounded power does."""
    cast = np.dtype(dtype).type
    exact, _ = correctly_rounded(beta, dtype)
    changed = []
    for t in fixes:
        mine = cast(exact[abs(t) - 1])
        theirs = np.nextafter(mine, cast(math.inf if t > 0 else 0))
        if cast(1) - mine != cast(1) - theirs:
            changed.append(abs(t))
    return changed


def table() -> dict[str, dict]:
    """For every offered β, in both types: the exceptions, how far the list
    reaches, and the steps where an exception changes 1 - β^t."""
    fixes = {dtype: {beta: exceptions(beta, dtype) for beta in betas()} for dtype in BITS}
    return {
        "fixes": fixes,
        "reach": {d: {b: len(correctly_rounded(b, d)[0]) for b in betas()} for d in BITS},
        "changes": {d: {b: changes(b, d, fixes[d][b]) for b in betas()} for d in BITS},
    }


def source(found: dict[str, dict]) -> str:
    """The JavaScript file the 2-D explorer page loads before explorer2d.js."""
    lines = [
        "// Written by `python -m sitegate.powers` from TensorFlow's tf.pow: do not edit.",
        "// For each float type and each β the explorer offers: in fixes, the steps t ≤ "
        f"{STEPS} where",
        "// TensorFlow's β^t is one unit in the last place above (+t) or below (-t) the "
        "correctly rounded",
        "// value; in reach, the last step listed; in changes, the steps where 1 - β^t differs.",
        "window.lrExplorerPowers = Object.freeze(",
        json.dumps(
            {"steps": STEPS, "beta1": list(BETA1), "beta2": list(BETA2), **found},
            separators=(",", ":"),
        ),
        ");",
    ]
    return "\n".join(lines) + "\n"


def write(target: Path, text: str) -> int:
    """Write one of the explorer's generated scripts and say so (a module's main)."""
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


def main() -> int:
    return write(TARGET, source(table()))


if __name__ == "__main__":
    sys.exit(main())
