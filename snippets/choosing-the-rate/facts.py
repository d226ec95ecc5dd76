"""Numbers this page may quote, computed, not typed (see sitegate.facts)."""

from __future__ import annotations

import math

import numpy as np
from sitegate.facts import gradient_descent


def facts() -> dict[str, float]:
    """Chapter ``choosing-the-rate``: too large, too small, the limit 2/L."""
    w0 = 5.0
    values: dict[str, float] = {
        "factor_small": 1 - 2 * 0.0001,
        "factor_02": 1 - 2 * 0.2,
        "factor_05": 1 - 2 * 0.5,
        "factor_1": 1 - 2 * 1.0,
        "factor_12": 1 - 2 * 1.2,
        "factor_09": 1 - 2 * 0.9,
        "w40_small": gradient_descent(w0, 0.0001, 40)[-1],
        "d1_large": abs(gradient_descent(w0, 1.2, 1)[-1] + 1),
        "growth_12": abs(
            1 - 2 * 1.2
        ),  # how much each step with η = 1.2 grows the distance
    }
    curvature = 2.0  # second derivative of (w + 1)**2
    values["eta_max"] = 2 / curvature
    values["eta_max_ex"] = 2 / 6.0  # loss 3(w - 2)**2 has curvature 6
    n, w = 0, w0
    while w >= 0:
        w, n = w - 0.0001 * 2 * (w + 1), n + 1
    values["steps_below_zero"] = n
    values["steps_below_zero_exact"] = math.log(6) / -math.log(1 - 2 * 0.0001)
    # The same 40 small steps in float32, as TensorFlow does them.
    w32, lr32 = np.float32(w0), np.float32(0.0001)
    for _ in range(40):
        w32 = np.float32(
            w32 - lr32 * np.float32(np.float32(2) * (w32 + np.float32(1)))
        )
    values["w40_small_f32"] = float(w32)
    values["step_small"] = 0.0001 * 2 * (w0 + 1)
    values["moved_small"] = w0 - values["w40_small"]
    values["ulp_5"] = float(np.spacing(np.float32(5.0)))
    return values
