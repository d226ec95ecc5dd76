"""Numbers this page may quote, computed, not typed (see sitegate.facts)."""

from __future__ import annotations

import math
from itertools import pairwise

from sitegate.facts import Claim, printed, printed_table

GIVEN = {
    "2015": "the year of Leslie Smith's paper",
    "16": "the thread count of the determinism session (noxfile.py)",
}


def facts() -> dict[str, float | Claim]:
    """Values by formula, and the recorded training runs."""
    cosine = 0.1 * (
        (1 - 0.01) * 0.5 * (1 + math.cos(math.pi * 500 / 1000)) + 0.01
    )
    out = "schedules/compare_schedules.out"
    table = printed_table(
        out
    )  # columns: constant 0.1, constant 0.3, exponential, warm-up
    const01, const03, exp, warm = (
        [table[step][c] for step in sorted(table)] for c in range(4)
    )
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
        "range_first_loss": printed(
            range_out, r"loss after the first update: (\S+)"
        ),
        "loss_exp": exp[-1],
        "loss_warm": warm[-1],
        "range_min": range_min,
        "range_suggested": printed(
            range_out, r"suggested learning rate: (\S+)"
        ),
        "growth_12": abs(
            1 - 2 * 1.2
        ),  # |1 - 2η| on (w + 1)², chapter choosing-the-rate
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
            const03[-1] > mean,
            "worse",
            "还差",
            f"{const03[-1]} vs the mean's {mean}",
        ),
    }
