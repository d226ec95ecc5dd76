"""Numbers this page may quote, computed, not typed (see sitegate.facts)."""

from __future__ import annotations

import math
import re

import numpy as np
from sitegate.facts import (
    Claim,
    heavy_ball_matrix,
    printed,
    spectral_radius,
)
from sitegate.layout import LAYOUT

GIVEN = {
    "10000": "exercise 5 sets the number of steps",
    "2016": "the year of Yuan, Ying and Sayed's paper (JMLR 17)",
}
EPS = 1e-6  # the page's ε: shrink the error a millionfold


def out(name: str) -> str:
    """A recorded output of this chapter (checked against real runs)."""
    path = LAYOUT.snippets / "beyond-one-dimension" / name
    return path.read_text(encoding="utf-8")


def steps_to(factor: float, eps: float = EPS) -> int:
    """Updates until |factor|ⁿ ≤ ε, counted one by one."""
    n, error = 0, 1.0
    while error > eps:
        error *= abs(factor)
        n += 1
    return n


def gd_table() -> dict[int, tuple[int, int]]:
    """gd_condition.out: κ → (predicted, measured) steps."""
    rows = re.findall(
        r"^\s*(\d+)\s+\S+\s+\S+\s+(\d+)\s+\S+\s+(\d+)$",
        out("gd_condition.out"),
        re.M,
    )
    return {int(k): (int(p), int(m)) for k, p, m in rows}


def speedup_table() -> dict[int, tuple[int, int]]:
    """momentum_speedup.out: κ → (heavy-ball steps measured, GD steps)."""
    rows = re.findall(
        r"^\s*(\d+)\s+\S+\s+\S+\s+\S+\s+\d+\s+\d+\s+(\d+)\s+(\d+)",
        out("momentum_speedup.out"),
        re.M,
    )
    return {int(k): (int(m), int(g)) for k, m, g in rows}


def radius(h: float, beta: float) -> float:
    """Spectral radius of the heavy ball's step matrix at η·λ = h."""
    return float(spectral_radius(heavy_ball_matrix(h, beta)))


def adam_first_ratio(g: float, lr: float = 0.1) -> float:
    """Keras's first Adam step divided by η, from the page's formula: the
    bias correction uses β₁, β₂ rounded to float32 (tf.cast of a Python
    float), the moments Python's 1 − β, η is a float32 variable."""
    b1, b2 = (float(np.float32(b)) for b in (0.9, 0.999))
    m, v = (1 - 0.9) * g, (1 - 0.999) * g**2
    step = float(np.float32(lr)) * math.sqrt(1 - b2) / (1 - b1)
    return step * m / (math.sqrt(v) + 1e-7) / lr


def floor(lr: float, beta: float, lam: float, sigma: float = 1.0) -> float:
    """The settled mean of lam * w**2 / 2 on one axis: lam * V_inf / 2."""
    top = (1 + beta) * lr * sigma**2
    v_inf = top / ((1 - beta) * lam * (2 * (1 + beta) - lr * lam))
    return lam * v_inf / 2


def ratio_holds() -> bool:
    """The page's ratio of floors, gradient descent at lr / (1 - beta) over
    the heavy ball, (2 - h / (1 + beta)) / (2 - h / (1 - beta)) with
    h = lr * lam, against floor() itself, and at least 1, over a grid of
    beta and of stable effective steps h / (1 - beta) < 2."""
    for beta in (0.0, 0.3, 0.6, 0.9, 0.99):
        for step in (0.01, 0.1, 0.5, 1.0, 1.5, 1.9, 1.99):
            lam, lr = 1.0, step * (1 - beta)  # the heavy ball's rate
            h = lr * lam
            ratio = (2 - h / (1 + beta)) / (2 - h / (1 - beta))
            direct = floor(lr / (1 - beta), 0.0, lam) / floor(lr, beta, lam)
            if abs(ratio - direct) > 1e-12 * direct or ratio < 1 - 1e-12:
                return False
    return True


def noise_facts() -> dict[str, float | Claim]:
    """momentum_noise.py: expected floors (both axes and each), the means."""
    text = out("momentum_noise.out")
    means = [float(m) for m in re.findall(r"mean loss, .*?: (\S+) ", text)]
    expected = [float(e) for e in re.findall(r"\(expected (\S+)\)", text)]
    gd = [floor(0.05, 0.0, lam) for lam in (10.0, 1.0)]
    hb = [floor(0.005, 0.9, lam) for lam in (10.0, 1.0)]
    shown = [float(f"{sum(gd):.4g}"), float(f"{sum(hb):.4g}")]
    assert shown == expected, (gd, hb, expected)
    return {
        "floor_ratio": sum(gd) / sum(hb),
        "floor_steep_ratio": gd[0] / hb[0],
        "floor_flat_ratio": gd[1] / hb[1],
        "steep_h_gd": 0.05 * 10,
        "run_gd_ratio": means[0] / expected[0],
        "run_hb_ratio": means[1] / expected[1],
        "noise_no_higher": Claim(
            all(h <= g for h, g in zip(hb, gd, strict=True)) and ratio_holds(),
            en="no higher",
            zh="不高于",
            evidence=f"expected floors GD {gd}, heavy ball {hb}",
        ),
    }


def facts() -> dict[str, float | Claim]:
    values: dict[str, float | Claim] = {}
    values["steps_flat_01"] = steps_to(1 - 0.1 * 1)
    gd = gd_table()
    values["ten_times"] = Claim(
        gd[10][1] / gd[2][1] > 5 and 9 < gd[100][1] / gd[10][1] < 11,
        en="costs",
        zh="要花",
        evidence=f"steps {gd}",
    )
    text = out("gd_condition.out")
    diverged = re.search(
        r"lr = 0.21.*\n.*diverged .* at step (\d+); w2: (\d+)", text
    )
    values["diverges_021"] = Claim(
        diverged is not None, en="diverges", zh="发散", evidence=text[-200:]
    )
    radii = {beta: radius(0.04, beta) for beta in (0.0, 0.5, 0.64, 0.9)}
    values["fastest_064"] = Claim(
        min(radii, key=radii.get) == 0.64,
        en="fastest",
        zh="最快",
        evidence=f"radii at h = 0.04: {radii}",
    )
    speed = speedup_table()
    values["fewer_steps"] = Claim(
        all(m < g for m, g in speed.values()),
        en="needs",
        zh="只需",
        evidence=f"heavy ball vs GD steps {speed}",
    )
    moves = re.findall(r"loss x (\S+)\s+(\(.*)", out("adam.out"))
    same = moves[0][1] == moves[1][1]
    values["scale_same"] = Claim(
        same, en="unchanged", zh="都不变", evidence=f"{moves[:2]}"
    )
    for kappa, (measured, gd_steps) in speed.items():
        values[f"speed_{kappa}"] = gd_steps / measured
    values["adam_first_ratio"] = adam_first_ratio(10.0)
    first = printed("beyond-one-dimension/adam.out", r"loss x 1 +\((\S+),")
    assert abs(first - 0.1 * values["adam_first_ratio"]) < 1e-6, first
    values["jump_ratio"] = printed(
        "beyond-one-dimension/adam_warmup.out", r"highest loss:\s+(\S+)"
    ) / printed(
        "beyond-one-dimension/adam_warmup.out", r"settled level.*?:\s+(\S+)"
    )
    values.update(noise_facts())
    values["ex1_best"] = 2 / (50 + 2)
    values["ex1_factor"] = (25 - 1) / (25 + 1)
    beta = (math.sqrt(3) - 1) ** 2  # η·λ = 3 on the ringing threshold
    values["ex2_beta"] = beta
    values["ex2_radius"] = radius(3.0, beta)
    values["ex2_radius09"] = radius(3.0, 0.9)
    values["ex5"] = (1 - 0.001 * 0.01) ** 10000
    return values
