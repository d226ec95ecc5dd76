"""Numbers the prose may quote, computed here rather than typed.

A page writes ``2.6<!--fact:w1-->``; the prose test looks ``w1`` up in the
chapter's table below and checks the written number against the computed one,
rounded to the decimals the page shows.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class Claim:
    """A word the prose may write only while a computed comparison holds.

    A page writes ``faster<!--claim:KEY-->`` (or ``更快<!--claim:KEY-->``):
    the prose test checks that the word before the mark is ``en`` or ``zh``
    and that ``holds`` is true; ``evidence`` says what was compared, for the
    failure message.
    """

    holds: bool
    en: str
    zh: str
    evidence: str


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
    values["steps_to_001_exact"] = math.log(600) / math.log(1 / 0.6)
    values["loss1"] = (values["w1"] + 1) ** 2
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
        "growth_12": abs(1 - 2 * 1.2),  # how much each step with η = 1.2 grows the distance
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
        w32 = np.float32(w32 - lr32 * np.float32(np.float32(2) * (w32 + np.float32(1))))
    values["w40_small_f32"] = float(w32)
    values["step_small"] = 0.0001 * 2 * (w0 + 1)
    values["moved_small"] = w0 - values["w40_small"]
    values["ulp_5"] = float(np.spacing(np.float32(5.0)))
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


def exponential_decay() -> dict[str, float | Claim]:
    """Chapter ``exponential-decay``: the formula, the course's run, exercises."""
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


def tf1_to_tf2() -> dict[str, float]:
    """Chapter ``tf1-to-tf2``: reading the course's output correctly."""
    ws = decay_run()
    return {
        "w1": ws[1],  # after the first update of the decayed run
        "w3_course": gradient_descent(5.0, 0.2, 3)[-1],  # the update-rule lesson's row 4
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


def printed_table(path: str) -> dict[int, list[float]]:
    """The rows ``step value value …`` of a recorded output, by step."""
    text = (Path(__file__).parents[1] / "snippets" / path).read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        if re.fullmatch(r"\s*\d+(\s+-?\d+\.\d+)+\s*", line):
            step, *values = line.split()
            rows[int(step)] = [float(v) for v in values]
    if not rows:
        raise LookupError(f"snippets/{path} prints no table")
    return rows


def schedules() -> dict[str, float | Claim]:
    """Chapter ``schedules``: values by formula, and the recorded training runs."""
    cosine = 0.1 * ((1 - 0.01) * 0.5 * (1 + math.cos(math.pi * 500 / 1000)) + 0.01)
    out = "schedules/compare_schedules.out"
    table = printed_table(out)  # columns: constant 0.1, constant 0.3, exponential, warm-up
    const01, const03, exp, warm = ([table[step][c] for step in sorted(table)] for c in range(4))
    at = {step: n for n, step in enumerate(sorted(table))}  # row of each step
    mean = printed(out, r"predicting the mean of y everywhere: loss (\S+)")
    range_out = "schedules/lr_range_test.out"
    range_min = printed(range_out, r"lowest smoothed loss \S+ at lr = (\S+)")
    return {
        "poly500": (0.1 - 0.001) * (1 - 500 / 1000) ** 2 + 0.001,
        "inv200": 0.1 / (1 + 0.5 * 200 / 100),
        "cos500": cosine,
        "warm50": 0.1 * 50 / 100,
        "loss_mean": mean,
        "loss_start": const01[0],
        "loss_const01": const01[-1],
        "loss_const01_100": const01[at[100]],
        "loss_const03": const03[-1],
        "loss_const03_100": const03[at[100]],
        "loss_const03_150": const03[at[150]],
        "loss_const03_50": const03[at[50]],
        "loss_const01_550": const01[at[550]],
        "loss_warm_50": warm[at[50]],
        "loss_warm_150": warm[at[150]],
        "range_first_loss": printed(range_out, r"loss after the first update: (\S+)"),
        "loss_exp": exp[-1],
        "loss_warm": warm[-1],
        "range_min": range_min,
        "range_suggested": printed(range_out, r"suggested learning rate: (\S+)"),
        "growth_12": abs(1 - 2 * 1.2),  # |1 - 2η| on (w + 1)², chapter choosing-the-rate
        "const01_wobbles": Claim(
            any(b > a for a, b in pairwise(const01[at[200] :])),
            "up and down",
            "忽高忽低",
            f"constant 0.1 from step 200 on: {const01[at[200] :]}",
        ),
        "exp_never_rises": Claim(
            all(b <= a for a, b in pairwise(exp[at[200] :])),
            "never rises",
            "没有上升过",
            f"exponential decay from step 200 on: {exp[at[200] :]}",
        ),
        "const03_higher_than_start": Claim(
            const03[-1] > const03[0],
            "higher",
            "更高",
            f"{const03[-1]} at the end, {const03[0]} first",
        ),
        "const03_worse_than_mean": Claim(
            const03[-1] > mean, "worse", "还差", f"{const03[-1]} vs the mean's {mean}"
        ),
    }


ROOT = Path(__file__).parents[1]


def index() -> dict[str, float]:
    """The home page: the pinned TensorFlow, the length of the course's run."""
    lock = (ROOT / "uv.lock").read_text(encoding="utf-8")
    version = re.search(r'name = "tensorflow"\nversion = "(\d+\.\d+)', lock).group(1)
    lines = (ROOT / "snippets/exponential-decay/decay_training.out").read_text(encoding="utf-8")
    return {"tensorflow": float(version), "course_lines": len(lines.splitlines())}


def explorer() -> dict[str, float]:
    """The explorer page: the limits its JavaScript enforces."""
    script = (ROOT / "docs/javascripts/explorer.js").read_text(encoding="utf-8")
    limits = re.search(r"lrMin: ([\d.e+-]+),\s*lrMax: ([\d.e+-]+)", script)
    if limits is None:
        raise LookupError("docs/javascripts/explorer.js: no `lrMin: …, lrMax: …` in LIMITS")
    return {"lr_min": float(limits.group(1)), "lr_max": float(limits.group(2))}


CHAPTERS: dict[str, Callable[[], dict[str, float]]] = {
    "learning-rate": learning_rate,
    "choosing-the-rate": choosing_the_rate,
    "exponential-decay": exponential_decay,
    "tf1-to-tf2": tf1_to_tf2,
    "schedules": schedules,
}
# Numbers a page sets itself rather than computes (``45<!--given-->``), each
# with its reason: an exercise's input, a year, a setting of the tests. A
# ``given`` that is not listed here fails, so a fact cannot quietly become one.
GIVEN: dict[str, dict[str, str]] = {
    "learning-rate": {"0.1": "exercise 2 sets the rate", "0.01": "exercise 3 sets the target"},
    "exponential-decay": {"45": "exercise 2 sets the step"},
    "index": {"2.600000": "what the format :.6f prints for 2.6, an example"},
    "schedules": {
        "2015": "the year of Leslie Smith's paper",
        "16": "the thread count of the determinism session (noxfile.py)",
    },
}
# Pages that are not chapters but quote numbers too.
OTHER_PAGES: dict[str, Callable[[], dict[str, float]]] = {"index": index, "explorer": explorer}
FACTS = {**CHAPTERS, **OTHER_PAGES}
