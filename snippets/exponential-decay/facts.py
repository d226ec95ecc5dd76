"""Numbers this page may quote, computed, not typed (see sitegate.facts)."""

from __future__ import annotations

import math

from sitegate.facts import Claim, decay_run, decayed, gradient_descent

GIVEN = {"45": "exercise 2 sets the step"}


def facts() -> dict[str, float | Claim]:
    """The formula, the course's run, the exercises."""
    ws = decay_run()
    values = {f"w{n}": ws[n] for n in (1, 2, 3, 40)}
    values["lr40"] = decayed(40)
    values["lr39"] = decayed(39)  # the rate the 40th update uses
    n = 0
    while decayed(n) > 0.5 * decayed(0):
        n += 1
    values["half_steps"] = n
    values["half_steps_exact"] = math.log(0.5) / math.log(0.99)
    values["lr45_smooth"] = decayed(45, decay_steps=1000 / 50, staircase=False)
    values["dist40_const"] = abs(gradient_descent(5.0, 0.1, 40)[-1] + 1)
    values["dist40_decay"] = abs(ws[40] + 1)
    assert math.isclose(values["dist40_const"], 6 * 0.8**40)
    values["decay_slower"] = Claim(
        values["dist40_decay"] > values["dist40_const"],
        en="slower",
        zh="更慢",
        evidence=f"|w40 + 1| decayed {values['dist40_decay']:.3g}, "
        f"constant {values['dist40_const']:.3g}",
    )
    return values
