"""Numbers this page may quote, computed, not typed (see sitegate.facts)."""

from __future__ import annotations

import math
import re

from sitegate.facts import (
    Claim,
    decay_run,
    gradient_descent,
    printed,
    printed_table,
    uniforms,
)
from sitegate.layout import LAYOUT

GIVEN = {
    "1951": "the year of Robbins and Monro's paper",
    "40": "the course's run has 40 updates (exponential-decay chapter)",
    "2": "exercise 1 sets the noise size",
    "250": "a decay setting the page tries by the recurrence only",
}
COLUMNS = ("const 0.2", "const 0.01", "exp /100", "exp /5", "1/t")


def setting(name: str, pattern: str) -> float:
    """A constant as the snippet sets it, so the prose follows the code."""
    text = (LAYOUT.snippets / "gradient-noise" / name).read_text(
        encoding="utf-8"
    )
    return float(re.search(pattern, text).group(1))


def floor(lr: float, sigma: float) -> float:
    """The stationary mean of (w + 1)² of the noisy update (the page's V∞)."""
    return lr * sigma**2 / (4 * (1 - lr))


def predicted(rate, sigma: float, steps: int = 3000) -> dict[str, float]:
    """E[(w + 1)²] after ``steps`` updates from w = 5 by the page's recurrence
    V ← (1 − 2η)²V + η²σ²: the part left of the start, and the noise's part."""
    start, noise = 36.0, 0.0
    for t in range(steps):
        lr = rate(t)
        start *= (1 - 2 * lr) ** 2
        noise = (1 - 2 * lr) ** 2 * noise + lr**2 * sigma**2
    return {"start": start, "noise": noise, "total": start + noise}


def facts() -> dict[str, float | Claim]:
    """The noise floor, the schedules' race, Robbins–Monro, mini-batches."""
    sigma = setting("noise_floor.py", r"sigma = ([\d.]+)")
    assert sigma == setting("decay_vs_constant.py", r"sigma = ([\d.]+)")
    values: dict[str, float | Claim] = {"sigma": sigma}
    for lr in (0.01, 0.05, 0.1, 0.2, 0.5):
        key = f"{lr:g}".replace("0.", "")
        values[f"floor_{key}"] = floor(lr, sigma)
        values[f"measured_{key}"] = printed(
            "gradient-noise/noise_floor.out", rf"\n\s*{lr:.2f}\s+(\S+)"
        )
    values["grad1_exact"] = 2 * (5 + 1)
    exact = gradient_descent(5.0, 0.2, 3)  # the course's steps, no noise
    steps = printed_table("gradient-noise/noisy_steps.out")  # xi, grad, w
    values["grad3_exact"] = 2 * (steps[2][2] + 1)  # 2(w + 1) before step 3
    values["share1"] = steps[1][0] / values["grad1_exact"]
    values["share3"] = steps[3][0] / values["grad3_exact"]
    values["grad5_exact"] = 2 * (steps[4][2] + 1)  # 2(w + 1) before step 5
    values["uniforms"] = uniforms(
        LAYOUT.snippets / "gradient-noise" / "noisy_steps.py"
    )
    for lr in (0.2, 0.01):  # steps until V_n − V∞ < V∞/10, from V_0 = 36
        v_floor = floor(lr, sigma)
        gap = math.log(0.1 * v_floor / (36 - v_floor))
        n = math.ceil(gap / (2 * math.log(abs(1 - 2 * lr))))
        values[f"n10_{f'{lr:g}'.replace('0.', '')}"] = n
    values["rel_se"] = 100 * math.sqrt(2 / 1000)
    values["w2_exact"], values["w3_exact"] = exact[2], exact[3]

    table = printed_table("gradient-noise/decay_vs_constant.out")
    col = {
        name: {step: row[i] for step, row in table.items()}
        for i, name in enumerate(COLUMNS)
    }
    for name, short in zip(
        COLUMNS, ("c02", "c001", "exp100", "exp5", "inv"), strict=True
    ):
        for step, value in col[name].items():
            values[f"{short}_{step}"] = value
    rates = {
        "exp250": lambda t: 0.2 * 0.5 ** (t / 250),
        "half10": lambda t: 0.5 / (t + 10),
        "half25": lambda t: 0.5 / (t + 2.5),
        "slow": lambda t: 0.02 / (1 + t / 10),
        "exp100": lambda t: 0.2 * 0.5 ** (t / 100),
        "exp5": lambda t: 0.2 * 0.5 ** (t / 5),
        "inv": lambda t: 0.2 / (1 + t / 10),
    }
    for short, rate in rates.items():
        for part, value in predicted(rate, sigma).items():
            values[f"pred_{short}_{part}"] = value
    measured = {
        "exp100": col["exp /100"][3000],
        "exp5": col["exp /5"][3000],
        "inv": col["1/t"][3000],
    }
    values["max_pred_diff"] = 100 * max(
        abs(measured[k] / values[f"pred_{k}_total"] - 1) for k in measured
    )
    # exp /5: the distance keeps a fixed part m² left from the start; the
    # spread of a mean of 1000 squares of N(m, s²) is √(2s⁴ + 4m²s²)/(m² + s²).
    m2, s2 = values["pred_exp5_start"], values["pred_exp5_noise"]
    spread = math.sqrt(2 * s2**2 + 4 * m2 * s2) / (m2 + s2)
    values["rel_se_exp5"] = 100 * spread / math.sqrt(1000)
    # exp /100: when the noise that is left came in (the median of what
    # each update's push still weighs at step 3000), and the frozen value.
    rate = rates["exp100"]
    survive, weights = 1.0, []  # each update's push, as it weighs at the end
    for t in reversed(range(3000)):
        weights.append(rate(t) ** 2 * sigma**2 * survive)
        survive *= (1 - 2 * rate(t)) ** 2
    weights.reverse()
    half, total, step = 0.0, sum(weights), 0
    while half < total / 2:
        half += weights[step]
        step += 1  # the update number
    values["median_step_exp100"] = step
    values["rate_median_exp100"] = rate(step - 1)
    values["freeze_exp100"] = sigma**2 * math.log(2) / (16 * 100)
    values["approx_inv"] = 2**2 * sigma**2 / ((4 * 2 - 1) * (3000 + 10))
    values["ratio_exp100_inv"] = col["exp /100"][3000] / col["1/t"][3000]
    values["slow_above"] = Claim(
        values["pred_slow_total"] > col["const 0.01"][3000],
        en="above",
        zh="高于",
        evidence=f"0.02/(1 + t/10) predicted {values['pred_slow_total']:.3g}",
    )
    values["sum_exp5"] = 0.2 / (
        1 - 0.5 ** (1 / 5)
    )  # Σ 0.2·0.5^(t/5), t = 0, 1, …
    values["sum_exp100"] = 0.2 / (1 - 0.5 ** (1 / 100))
    values["shrink_exp5"] = math.sqrt(values["pred_exp5_start"] / 36)
    values["sum_inv_3000"] = sum(0.2 / (1 + t / 10) for t in range(3000))

    c02, c001, inv = col["const 0.2"], col["const 0.01"], col["1/t"]
    exp5 = col["exp /5"]
    stuck = [exp5[s] for s in (100, 300, 1000, 3000)]
    values["exp5_higher"] = Claim(
        exp5[3000] > c001[3000],
        en="higher",
        zh="高于",
        evidence=f"step 3000: exp /5 {exp5[3000]}, constant 0.01 {c001[3000]}",
    )
    later = [c02[s] for s in (100, 300, 1000, 3000)]
    values["c02_stalls"] = Claim(
        max(abs(v / floor(0.2, sigma) - 1) for v in later) < 0.05,
        en="stays",
        zh="停在",
        evidence=f"constant 0.2 at steps 100…3000: {later}",
    )
    values["c001_slower"] = Claim(
        c001[100] > 5 * c02[100],
        en="slowly",
        zh="很慢",
        evidence=f"step 100: const 0.01 {c001[100]}, const 0.2 {c02[100]}",
    )
    values["inv_lowest"] = Claim(
        all(inv[3000] < col[name][3000] for name in COLUMNS if name != "1/t"),
        en="lowest",
        zh="最低",
        evidence=f"step 3000: {[col[name][3000] for name in COLUMNS]}",
    )
    values["exp5_stuck"] = Claim(
        len(set(stuck)) == 1,
        en="no longer moves",
        zh="不再变化",
        evidence=f"exp /5 at steps 100…3000: {stuck}",
    )
    # The exact-gradient case of the exponential-decay chapter.
    values["dist40_const"] = abs(gradient_descent(5.0, 0.1, 40)[-1] + 1)
    values["dist40_decay"] = abs(decay_run()[40] + 1)

    batches = printed_table("gradient-noise/minibatch_noise.out")
    products = {b: row[1] for b, row in batches.items()}
    for b, row in batches.items():
        values[f"excess_{b}"] = row[0]
        values[f"product_{b}"] = row[1]
    small = [products[b] for b in (1, 4, 16, 64)]
    values["proportional"] = Claim(
        max(small) / min(small) < 1.5,
        en="in proportion to",
        zh="成正比",
        evidence=f"batch × excess for batches 1…64: {small}",
    )
    values["population_factor"] = (1024 - 256) / (1024 - 1)
    values["population_prediction"] = (
        values["population_factor"] * batches[4][1]
    )
    decayed_4 = printed(
        "gradient-noise/minibatch_noise.out", r"\n\s*4\s+(\S+)\s+with the rate"
    )
    values["excess_4_decay"] = decayed_4
    values["decay_gain"] = batches[4][0] / decayed_4
    values["decay_beats_64"] = Claim(
        decayed_4 < batches[64][0],
        en="lower",
        zh="低于",
        evidence=f"batch 4, decay {decayed_4}; batch 64 {batches[64][0]}",
    )

    # Exercises.
    values["ex1"] = floor(0.1, 2.0)
    values["ex2"] = 1 / 9  # η/(1 − η) = 0.0625·4/2 = 0.125
    assert math.isclose(floor(values["ex2"], 1.0), floor(0.2, 1.0) / 2)
    values["ex2_naive"] = floor(0.1, 1.0)
    values["ex4_before"], values["ex4_after"] = 1 - 0.05, 1 - 0.1
    values["ex4"] = floor(0.1, math.sqrt(0.5)) / floor(0.05, 1.0)  # 2η, σ²/2
    return values
