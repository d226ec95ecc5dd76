"""Numbers the prose may quote, computed here rather than typed.

A page writes ``2.6<!--fact:w1-->``; the prose test looks ``w1`` up in the
chapter's table below and checks the written number against the computed one,
rounded to the decimals the page shows.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path


def gradient_descent(w0: float, lr: float, steps: int) -> list[float]:
    """Iterates of w ← w − lr · 2(w + 1), the course's loss (w + 1)²."""
    ws = [w0]
    for _ in range(steps):
        ws.append(ws[-1] - lr * 2 * (ws[-1] + 1))
    return ws


def learning_rate() -> dict[str, float]:
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
    assert math.isclose(values["w3"], -1 + 6 * (1 - 2 * lr) ** 3)
    return values


def choosing_the_rate() -> dict[str, float]:
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
    }
    curvature = 2.0  # second derivative of (w + 1)**2
    values["eta_max"] = 2 / curvature
    values["eta_max_ex"] = 2 / 6.0  # loss 3(w - 2)**2 has curvature 6
    n, w = 0, w0
    while w >= 0:
        w, n = w - 0.0001 * 2 * (w + 1), n + 1
    values["steps_below_zero"] = n
    return values


def decayed(
    step: int, base: float = 0.1, rate: float = 0.99, decay_steps: float = 1, staircase: bool = True
) -> float:
    """tf.keras.optimizers.schedules.ExponentialDecay, in float64."""
    exponent = step / decay_steps
    return base * rate ** (math.floor(exponent) if staircase else exponent)


def decay_run(steps: int = 40) -> list[float]:
    """The course's run: w after each update, the rate of update i is decayed(i)."""
    ws = [5.0]
    for i in range(steps):
        ws.append(ws[-1] - decayed(i) * 2 * (ws[-1] + 1))
    return ws


def exponential_decay() -> dict[str, float]:
    """Chapter ``exponential-decay``: the formula, the course's run, exercises."""
    ws = decay_run()
    values = {f"w{n}": ws[n] for n in (1, 2, 3, 40)}
    values["lr40"] = decayed(40)
    n = 0
    while decayed(n) > 0.5 * decayed(0):
        n += 1
    values["half_steps"] = n
    values["lr45_smooth"] = decayed(45, decay_steps=1000 / 50, staircase=False)
    return values


def tf1_to_tf2() -> dict[str, float]:
    """Chapter ``tf1-to-tf2``: reading the course's output correctly."""
    return {
        "gs_after_9": 9 + 1,  # line i is printed after update i + 1
        "lr9": decayed(9),  # the rate update 10 used
        "lr1": decayed(1),
        "loss0": (5.0 + 1) ** 2,  # the loss before the first update
    }


def printed(path: str, pattern: str) -> float:
    """The number a recorded output prints where ``pattern`` (one group) matches.

    Recorded outputs are checked against real runs by test_snippets, so a
    number taken from one is a computed value, not a typed one.
    """
    text = (Path(__file__).parents[1] / "snippets" / path).read_text(encoding="utf-8")
    match = re.search(pattern, text)
    if match is None:
        raise LookupError(f"snippets/{path} prints nothing like {pattern!r}")
    return float(match.group(1))


def schedules() -> dict[str, float]:
    """Chapter ``schedules``: values by formula, and the recorded training runs."""
    cosine = 0.1 * ((1 - 0.01) * 0.5 * (1 + math.cos(math.pi * 500 / 1000)) + 0.01)
    out = "schedules/compare_schedules.out"
    return {
        "poly500": (0.1 - 0.001) * (1 - 500 / 1000) ** 2 + 0.001,
        "inv200": 0.1 / (1 + 0.5 * 200 / 100),
        "cos500": cosine,
        "warm50": 0.1 * 50 / 100,
        "loss_const01": printed(out, r"constant 0\.1 *: final training loss (\S+)"),
        "loss_const03": printed(out, r"constant 0\.3 *: final training loss (\S+)"),
        "loss_exp": printed(out, r"exponential from 0\.3 *: final training loss (\S+)"),
        "loss_warm": printed(out, r"warm-up to 0\.3 \+ cosine *: final training loss (\S+)"),
        "range_min": printed("schedules/lr_range_test.out", r"lowest smoothed loss at lr = (\S+)"),
    }


CHAPTERS: dict[str, Callable[[], dict[str, float]]] = {
    "learning-rate": learning_rate,
    "choosing-the-rate": choosing_the_rate,
    "exponential-decay": exponential_decay,
    "tf1-to-tf2": tf1_to_tf2,
    "schedules": schedules,
}
