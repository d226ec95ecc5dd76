"""Numbers this page may quote, computed, not typed (see sitegate.facts)."""

from __future__ import annotations

import math

from sitegate.facts import gradient_descent

GIVEN = {
    "0.1": "exercise 2 sets the rate",
    "0.01": "exercise 3 sets the target",
}


def facts() -> dict[str, float]:
    """Chapter ``learning-rate``: the worked example and its exercises."""
    lr, w0 = 0.2, 5.0
    values: dict[str, float] = {}
    for n, w in enumerate(gradient_descent(w0, lr, 3)):
        values[f"w{n}"] = w
        values[f"d{n}"] = w + 1  # distance to the minimum at w = -1
    values["factor"] = 1 - 2 * lr
    values["factor_01"] = 1 - 2 * 0.1
    values["w2_lr01"] = gradient_descent(w0, 0.1, 2)[-1]
    n = 0
    while abs(w0 + 1) * abs(1 - 2 * lr) ** n >= 0.01:
        n += 1
    values["steps_to_001"] = n
    values["steps_to_001_exact"] = math.log(600) / math.log(1 / 0.6)
    values["loss1"] = (values["w1"] + 1) ** 2
    assert math.isclose(values["w3"], -1 + 6 * (1 - 2 * lr) ** 3)
    return values
