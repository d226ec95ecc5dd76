"""Every display formula, as the page shows it, against what it describes.

Each ``$$`` block carries a mark on the line directly above it
(``<!--formula:cosine-->``). Its TeX is parsed exactly as written
(sitegate/tex.py), evaluated, and compared with the implementation:

- a schedule with the Keras schedule it describes, every step 0 to 3000 (at
  least twice as far as any boundary or decay end) and far beyond (10⁴ … 10⁶),
  for several parameter sets chosen so that every parameter matters (α ≠ 0, a
  warm-up that starts above 0, m_mul ≠ 1, t_mul = 1 and ≠ 1, p ≠ 1, …); every
  row of a ``cases`` must apply somewhere;
- a recurrence or closed form of the worked example with the iteration
  w ← w − η·2(w + 1) of sitegate/facts.py, 1000 updates, for several η;
- a formula about the noisy update w ← w − η(2(w + 1) + σξ) with values
  computed without it: the iterates, the mean square summed directly over
  the noise of every update, and its limit;
- a condition on η with whether gradient descent on L/2·(w − w*)² converges,
  on a grid of η and L, and just inside and outside every boundary, the
  true ones (0 and 2/L) and the page's own.

The whole formula is read: its left side and relation (``=``, ``\\leftarrow``)
are those the check expects, every further equation defines a symbol the
formula uses (and no parameter), every further condition holds wherever the
formula is evaluated. A dropped term, a wrong exponent or a changed constant
in the TeX changes the numbers, and the failure names the page, the formula's
line and key, the first step where page and implementation differ, and both
values.

Display math the reader sees must be exactly the marked formulas: other
syntaxes (one-line ``$$…$$``, ``\\[…\\]``, ``\\begin{align}``) and formulas in
raw HTML are refused in the source, and the built site's display formulas
(the ``alttext`` that hooks/mathml.py keeps) are compared with the checked TeX.
"""

from __future__ import annotations

import ast
import functools
import html
import io
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from sitegate import tex
from sitegate.facts import gradient_descent, heavy_ball_matrix, mean_square, noisy_descent
from sitegate.facts import spectral_radius as radius
from sitegate.layout import LAYOUT
from sitegate.pages import DOCS, LANGUAGES, pages, rel

NEAR = 3000  # every step 0…NEAR: at least twice as far as any boundary or decay end
FAR = (5000, 10**4, 10**5, 10**6)  # and a few far beyond, where a dead case would hide
STEPS = np.concatenate([np.arange(NEAR + 1), FAR])
UPDATES = 1000  # updates of the worked example's gradient descent
RTOL, ATOL = 1e-5, 1e-7  # Keras computes in float32
EXACT_RTOL, EXACT_ATOL = 1e-9, 1e-12  # the iteration is float64
SHOWN = 5  # problems listed per formula


@dataclass(frozen=True)
class Schedule:
    """A Keras schedule: the TeX symbol of each argument, and parameter sets.

    ``blocks`` lists the marked formulas evaluated together, the first being
    the formula itself (restarts: the formula and the definition of its cycle).
    ``solve`` names integer unknowns fixed by the formula's conditions.
    """

    keras: str
    symbols: dict[str, str]  # TeX symbol → Keras argument
    params: list[dict]  # Keras keyword arguments, one dict per set
    blocks: tuple[str, ...] = ()
    solve: dict[str, int] = field(default_factory=dict)
    lhs: str = r"\eta_t"  # the left side the page must show
    op: str = "="
    far: bool = True  # also steps FAR (restarts: i would reach 20 000 there)
    source: str = ""  # a snippet that defines the class (snippets/<chapter>/<file>)

    @property
    def steps(self) -> np.ndarray:
        return STEPS if self.far else STEPS[: NEAR + 1]


@dataclass(frozen=True)
class Iteration:
    """The worked example's w ← w − η·2(w + 1): symbols bound to its iterates.

    ``values(ws, eta)`` gives the symbols' values from the iterates w_0 … w_1000;
    the right side must equal the left side, or with ``want="next"`` the
    following iterate (an update rule ``w \\leftarrow ...``).
    """

    values: Callable[[np.ndarray, float], dict]
    want: str = "lhs"
    starts: tuple[float, ...] = (5.0, -3.5)
    rates: tuple[float, ...] = (0.2, 0.1, 0.0001, 0.35, 0.5, 0.9, 1.0)
    lhs: str | None = None  # the left side's symbol, where it is not evaluated
    op: str = "="


@dataclass(frozen=True)
class Condition:
    """A condition on η, true exactly where gradient descent converges.

    ``curvatures`` are the values of L tried; ``bind_curvature`` is False for a
    formula about the course's loss (w + 1)², whose L is 2.
    """

    curvatures: tuple[float, ...]
    bind_curvature: bool = True


@dataclass(frozen=True)
class Reference:
    """A formula against values computed without it.

    ``cases()`` yields ``(label, values, want)``: the symbols' values (TeX
    name → number or array) and what the right side must equal; ``want`` None
    means the formula's own left side, evaluated from the same values.
    """

    cases: Callable[[], list[tuple[str, dict, np.ndarray | None]]]
    lhs: str | None = None
    op: str = "="
    rtol: float = 1e-9  # EXACT_RTOL; looser only where the reference itself is


@dataclass(frozen=True)
class Region:
    """A condition on η and other symbols against what the iteration does.

    For each setting (TeX name → number: the symbols other than η), η runs
    over a grid from ``low`` to 1.5 times ``scale(setting)``, and the page's
    condition must agree with ``truth(eta, setting)``, which decides from the
    eigenvalues of the update's matrix, not from any formula of the page;
    then 1e-6·scale either side of every point where the truth changes
    (found by bisection on the truth), so a boundary off by more than that
    fails however it falls between grid points.
    """

    truth: Callable[[np.ndarray, dict], np.ndarray]
    settings: tuple[dict, ...]
    scale: Callable[[dict], float]
    says: str = "converges"  # what the condition holding means, for messages
    low: float = -0.5  # the grid's first η, as a fraction of the scale


ETA_0, ETA_END, ETA_MAX = r"\eta_0", r"\eta_{\mathrm{end}}", r"\eta_{\max}"
M_MUL, T_MUL = r"m_{\mathrm{mul}}", r"t_{\mathrm{mul}}"
DERIVATIVE = r"\frac{\partial\, \mathrm{loss}}{\partial w}"


def exponential(staircase: bool) -> Schedule:
    """ExponentialDecay, smooth or staircase; T = 7 and 10 tell the two apart."""
    return Schedule(
        "ExponentialDecay",
        {ETA_0: "initial_learning_rate", "r": "decay_rate", "T": "decay_steps"},
        [
            dict(initial_learning_rate=0.1, decay_rate=0.99, decay_steps=1, staircase=staircase),
            dict(initial_learning_rate=0.1, decay_rate=0.99, decay_steps=10, staircase=staircase),
            dict(initial_learning_rate=0.5, decay_rate=0.9, decay_steps=7, staircase=staircase),
            dict(initial_learning_rate=1.0, decay_rate=0.5, decay_steps=100, staircase=staircase),
        ],
    )


RESTARTS = Schedule(
    "CosineDecayRestarts",
    {
        ETA_0: "initial_learning_rate",
        "T_0": "first_decay_steps",
        T_MUL: "t_mul",
        M_MUL: "m_mul",
        r"\alpha": "alpha",
    },
    [
        dict(initial_learning_rate=0.1, first_decay_steps=200, t_mul=2.0, m_mul=0.8, alpha=0.0),
        dict(initial_learning_rate=1.0, first_decay_steps=100, t_mul=1.0, m_mul=1.0, alpha=0.1),
        dict(initial_learning_rate=0.5, first_decay_steps=150, t_mul=1.5, m_mul=0.5, alpha=0.2),
        dict(initial_learning_rate=0.1, first_decay_steps=50, t_mul=1.0, m_mul=0.9, alpha=0.05),
        dict(initial_learning_rate=0.1, first_decay_steps=30, t_mul=3.0, m_mul=0.7, alpha=0.05),
    ],
    blocks=("restarts", "restarts-cycle"),
    solve={"i": 200},
    far=False,
)

# Distance and its successor: the two sides of w_{n+1} + 1 = (1 - 2η)(w_n + 1).
NEIGHBOURS = Iteration(lambda ws, eta: {"w_n": ws[:-1], "w_{n+1}": ws[1:], r"\eta": eta})

NOISE = np.random.default_rng(1).standard_normal(200)  # the ξ of the noisy checks
NOISY_RATES = (0.01, 0.2, 0.5, 0.7, 0.95, 1.3)  # 1.3: diverging, the formulas still hold
SIGMAS = (1.0, 0.3, 2.5)


def noisy_updates() -> list[tuple[str, dict, np.ndarray]]:
    """w ← w − η(2(w + 1) + σξ) against the iterates of sitegate.facts.noisy_descent."""
    cases = []
    for eta in NOISY_RATES:
        for sigma in SIGMAS:
            ws = np.array(noisy_descent(5.0, eta, sigma, NOISE))
            values = {"w": ws[:-1], r"\eta": eta, r"\sigma": sigma, r"\xi": NOISE}
            cases.append((f"η = {eta}, σ = {sigma}", values, ws[1:]))
    return cases


def mean_squares() -> list[tuple[str, dict, None]]:
    """V_{n+1} against V_n, both summed directly over the noise of every update."""
    cases = []
    for eta in NOISY_RATES:
        for sigma in SIGMAS:
            for v0 in (36.0, 0.0):
                v = np.array(mean_square(v0, [eta] * 60, sigma))
                values = {"V_n": v[:-1], "V_{n+1}": v[1:], r"\eta": eta, r"\sigma": sigma}
                cases.append((f"η = {eta}, σ = {sigma}, V_0 = {v0}", values, None))
    return cases


def limit(eta, sigma: float):
    """The direct sum η²σ² Σ_k (1 − 2η)^(2k) far enough to be its limit (0.02 ≤ η ≤ 0.98)."""
    terms = (1 - 2 * np.asarray(eta, dtype=float)[..., None]) ** (2 * np.arange(2000))
    return eta**2 * sigma**2 * terms.sum(axis=-1)  # 0.9216^2000 < 1e-70: nothing left


def floors() -> list[tuple[str, dict, np.ndarray]]:
    """V_∞ against the limit of the direct sum, for 0 < η < 1."""
    eta = np.linspace(0.02, 0.98, 49)
    return [
        (f"σ = {sigma}", {r"\eta": eta, r"\sigma": sigma}, limit(eta, sigma)) for sigma in SIGMAS
    ]


def transients() -> list[tuple[str, dict, np.ndarray]]:
    """V_n in closed form against the direct sums, with V_∞ their limit."""
    cases = []
    for eta in (r for r in NOISY_RATES if 0.02 <= r < 1):
        for sigma in SIGMAS:
            for v0 in (36.0, 0.0):
                values = {
                    r"\eta": eta,
                    r"\sigma": sigma,
                    "V_0": v0,
                    r"V_\infty": limit(eta, sigma),
                    "n": np.arange(61),
                }
                want = np.array(mean_square(v0, [eta] * 60, sigma))
                cases.append((f"η = {eta}, σ = {sigma}, V_0 = {v0}", values, want))
    return cases


def gd_stable(eta: np.ndarray, s: dict) -> np.ndarray:
    """Gradient descent on diag(λmax, λmin) converges: I − ηH shrinks every vector."""
    hessian = np.diag([s[r"\lambda_{\max}"], s[r"\lambda_{\min}"]])
    return radius(np.eye(2) - eta[..., None, None] * hessian) < 1 - 1e-9  # 1: rounding


def momentum_stable(eta: np.ndarray, s: dict) -> np.ndarray:
    return radius(heavy_ball_matrix(eta * s[r"\lambda"], s[r"\beta"])) < 1 - 1e-9


def rings(eta: np.ndarray, s: dict) -> np.ndarray:
    """The heavy ball's eigenvalues are complex: w swings past the minimum."""
    eigenvalues = np.linalg.eigvals(heavy_ball_matrix(eta * s[r"\lambda"], s[r"\beta"]))
    # A double root comes out of numpy split by about 1e-8; next to a boundary
    # probed 1e-6 away the imaginary parts are about 1e-3.
    return np.abs(eigenvalues.imag).max(axis=-1) > 1e-6


def heavy_ball_settings(curvatures: tuple, betas: tuple) -> tuple[dict, ...]:
    """Every (λ, β) pair a heavy-ball region is checked at."""
    return tuple({r"\lambda": lam, r"\beta": beta} for lam in curvatures for beta in betas)


CURVATURE_PAIRS = ((10.0, 1.0), (100.0, 1.0), (3.0, 0.5), (2.0, 2.0), (1.0, 0.001))


def gd_updates() -> list[tuple[str, dict, np.ndarray]]:
    """w_i ← (1 − ηλ_i)w_i against gradient descent with the gradient λ_i·w_i."""
    cases = []
    for lam_max, lam_min in CURVATURE_PAIRS:
        lam = np.array([lam_max, lam_min])
        for eta in (0.5 / lam_max, 1.9 / lam_max, 2.1 / lam_max):
            ws = [np.array([1.0, -2.0])]
            for _ in range(100):
                gradient = lam * ws[-1]
                ws.append(ws[-1] - eta * gradient)
            ws = np.array(ws)
            values = {"w_i": ws[:-1], r"\lambda_i": lam, r"\eta": eta, "i": np.arange(2)}
            cases.append((f"λ = {tuple(lam)}, η = {eta:.4g}", values, ws[1:]))
    return cases


def slowest_factor(lam_max: float, lam_min: float) -> tuple[float, float]:
    """The η minimising max(|1 − ηλmax|, |1 − ηλmin|), and that minimum,
    by golden-section search (the function is convex in η)."""

    def worst(eta):
        return max(abs(1 - eta * lam_max), abs(1 - eta * lam_min))

    low, high = 0.0, 2 / lam_max
    golden = (5**0.5 - 1) / 2
    for _ in range(200):
        a, b = high - golden * (high - low), low + golden * (high - low)
        if worst(a) <= worst(b):
            high = b
        else:
            low = a
    eta = (low + high) / 2
    return eta, worst(eta)


def best_constant(part: int) -> Callable[[], list[tuple[str, dict, np.ndarray]]]:
    """The cases of the best constant rate (part 0) or of its factor (part 1)."""

    def cases() -> list[tuple[str, dict, np.ndarray]]:
        return [
            (
                f"λ = ({a}, {b})",
                {r"\lambda_{\max}": a, r"\lambda_{\min}": b},
                np.array(slowest_factor(a, b)[part]),
            )
            for a, b in CURVATURE_PAIRS
        ]

    return cases


def step_counts() -> list[tuple[str, dict, np.ndarray]]:
    """Updates until ρⁿ ≤ ε, counted by multiplying, for factors that are no
    exact root of ε (where rounding would decide the count)."""
    rhos = np.array([0.3333, 0.5195, 0.77, 0.8182, 0.9387, 0.9802, 0.99, 0.999])
    cases = []
    for eps in (1e-6, 1e-3, 0.05):
        counts = []
        for rho in rhos:
            n, error = 0, 1.0
            while error > eps:
                error, n = error * rho, n + 1
            counts.append(n)
        cases.append((f"ε = {eps}", {r"\varepsilon": eps, r"\rho": rhos}, np.array(counts)))
    return cases


def heavy_ball_runs() -> list[tuple[str, dict, np.ndarray]]:
    """The two-step form against Keras's velocity form v ← βv − ηg, w ← w + v."""
    cases = []
    for eta, lam, beta in ((0.04, 1.0, 0.9), (0.1, 10.0, 0.5), (0.2, 5.0, 0.0), (0.5, 7.0, 0.9)):
        w, v, ws = 1.0, 0.0, [1.0]
        for _ in range(80):
            v = beta * v - eta * lam * w
            w = w + v
            ws.append(w)
        ws = np.array(ws)
        values = {
            "w_n": ws[1:-1],
            "w_{n-1}": ws[:-2],
            r"\eta": eta,
            r"\lambda": lam,
            r"\beta": beta,
            "n": np.arange(1, len(ws) - 1),
        }
        cases.append((f"η = {eta}, λ = {lam}, β = {beta}", values, ws[2:]))
    return cases


def tuned_radii() -> list[tuple[str, dict, np.ndarray]]:
    """The worse spectral radius over curvatures 1 and κ of the heavy ball tuned
    as the page says; double roots: numpy finds them to about 1e-8."""
    kappas = np.array([2.0, 10.0, 100.0, 1000.0, 1e4])
    s = np.sqrt(kappas)
    eta, beta = 4 / (s + 1) ** 2, ((s - 1) / (s + 1)) ** 2
    worst = np.maximum(
        radius(heavy_ball_matrix(eta * 1.0, beta)), radius(heavy_ball_matrix(eta * kappas, beta))
    )
    return [("tuned", {r"\kappa": kappas}, worst)]


def noisy_heavy_ball_floors() -> list[tuple[str, dict, np.ndarray]]:
    """V_∞ against the stationary covariance of (w_n, w_{n-1}) under the heavy ball with
    noise ησξ: Σ = AΣAᵀ + Q solved as a linear system, for stable (η, β, λ) only."""
    cases = []
    for beta in (0.0, 0.5, 0.9, 0.99):
        for lam in (1.0, 10.0):
            etas = np.linspace(0.02, 0.98, 25) * 2 * (1 + beta) / lam  # below the limit
            for sigma in (0.5, 1.0):
                want = []
                for eta in etas:
                    a = np.array([[1 + beta - eta * lam, -beta], [1.0, 0.0]])
                    q = np.array([[eta**2 * sigma**2, 0.0], [0.0, 0.0]])
                    cov = np.linalg.solve(np.eye(4) - np.kron(a, a), q.ravel()).reshape(2, 2)
                    want.append(cov[0, 0])
                values = {r"\eta": etas, r"\beta": beta, r"\lambda": lam, r"\sigma": sigma}
                cases.append((f"β = {beta}, λ = {lam}, σ = {sigma}", values, np.array(want)))
    return cases


def adam_steps() -> list[tuple[str, dict, np.ndarray]]:
    """Keras's form against Adam written with bias-corrected moments, as Kingma
    and Ba do: w ← w − η·m̂/(√v̂ + ε̂), m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ),
    where Keras's ε added to √v is ε̂ = ε/√(1 − β₂ᵗ) added to √v̂."""
    gradients = np.random.default_rng(2).standard_normal(50) * np.geomspace(10, 1e-9, 50)
    cases = []
    for eta, b1, b2, eps in ((0.001, 0.9, 0.999, 1e-7), (0.1, 0.5, 0.9, 1e-3)):
        m = v = 0.0
        ms, vs, ws, w = [], [], [0.3], 0.3
        for t, g in enumerate(gradients, start=1):
            m, v = b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g * g
            m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
            w = w - eta * m_hat / (np.sqrt(v_hat) + eps / np.sqrt(1 - b2**t))
            ms, vs = [*ms, m], [*vs, v]
            ws.append(w)
        ws = np.array(ws)
        values = {
            "w": ws[:-1],
            r"\eta": eta,
            r"\beta_1": b1,
            r"\beta_2": b2,
            r"\epsilon": eps,
            "t": np.arange(1, len(ws)),
            "m_t": np.array(ms),
            "v_t": np.array(vs),
        }
        cases.append((f"η = {eta}, β = ({b1}, {b2}), ε = {eps}", values, ws[1:]))
    return cases


CHECKS: dict[str, dict[str, Schedule | Iteration | Condition | Reference | Region]] = {
    "learning-rate": {
        "update-rule": Iteration(
            lambda ws, eta: {"w": ws[:-1], r"\eta": eta, DERIVATIVE: 2 * (ws[:-1] + 1)},
            want="next",
            lhs="w",
            op="←",
        ),
        "recurrence": NEIGHBOURS,
        "factor": NEIGHBOURS,
        # The page's 6 is w_0 + 1 for its w_0 = 5.
        "closed-form": Iteration(
            lambda ws, eta: {"w_n": ws, "n": np.arange(len(ws)), r"\eta": eta}, starts=(5.0,)
        ),
    },
    "beyond-one-dimension": {
        "gd-update": Reference(gd_updates, lhs="w_i", op="←"),
        "gd-stable": Region(
            gd_stable,
            tuple({r"\lambda_{\max}": a, r"\lambda_{\min}": b} for a, b in CURVATURE_PAIRS),
            lambda s: 2 / s[r"\lambda_{\max}"],
        ),
        "best-rate": Reference(best_constant(0), lhs=r"\eta_{\mathrm{best}}"),
        "factor": Reference(best_constant(1), lhs=r"\rho"),
        "steps": Reference(step_counts, lhs="n"),
        "heavy-ball": Reference(heavy_ball_runs, lhs="w_{n+1}"),
        "momentum-stable": Region(
            momentum_stable,
            heavy_ball_settings((1.0, 10.0), (0.0, 0.3, 0.64, 0.9, 0.99)),
            lambda s: 4 / s[r"\lambda"],
        ),
        "ringing": Region(
            rings,
            heavy_ball_settings((1.0, 4.0), (0.0, 0.1, 0.5, 0.64, 0.9)),
            lambda s: 4 / s[r"\lambda"],
            says="rings",
            low=0.0,
        ),
        "tuned-rate": Reference(tuned_radii, lhs=r"\rho", rtol=1e-6),
        "momentum-floor": Reference(noisy_heavy_ball_floors, lhs=r"V_\infty", rtol=1e-7),
        "adam-update": Reference(adam_steps, lhs="w", op="←"),
    },
    "choosing-the-rate": {
        "factor": NEIGHBOURS,
        "condition": Condition((2.0,), bind_curvature=False),
        "curvature-condition": Condition((0.5, 1.0, 2.0, 6.0, 10.0, 40.0)),
    },
    "exponential-decay": {
        "smooth": exponential(staircase=False),
        "staircase": exponential(staircase=True),
    },
    "gradient-noise": {
        "noisy-update": Reference(noisy_updates, lhs="w", op="←"),
        "variance": Reference(mean_squares, lhs="V_{n+1}"),
        "floor": Reference(floors, lhs=r"V_\infty"),
        "transient": Reference(transients, lhs="V_n"),
    },
    "schedules": {
        "piecewise": Schedule(
            "PiecewiseConstantDecay", {}, [dict(boundaries=[300, 600], values=[0.1, 0.05, 0.01])]
        ),
        "polynomial": Schedule(
            "PolynomialDecay",
            {
                ETA_0: "initial_learning_rate",
                "T": "decay_steps",
                ETA_END: "end_learning_rate",
                "p": "power",
            },
            [
                dict(initial_learning_rate=0.1, decay_steps=1000, end_learning_rate=0.001, power=2),
                dict(initial_learning_rate=0.1, decay_steps=1000, end_learning_rate=0.0, power=1),
                dict(initial_learning_rate=1.0, decay_steps=300, end_learning_rate=0.2, power=0.5),
                dict(initial_learning_rate=0.5, decay_steps=700, end_learning_rate=0.05, power=3),
            ],
        ),
        "inverse-time": Schedule(
            "InverseTimeDecay",
            {ETA_0: "initial_learning_rate", "T": "decay_steps", "r": "decay_rate"},
            [
                dict(initial_learning_rate=0.1, decay_steps=100, decay_rate=0.5),
                dict(initial_learning_rate=1.0, decay_steps=7, decay_rate=2.0),
                dict(initial_learning_rate=0.3, decay_steps=1, decay_rate=0.01),
            ],
        ),
        "cosine": Schedule(
            "CosineDecay",
            {ETA_0: "initial_learning_rate", "T": "decay_steps", r"\alpha": "alpha"},
            [
                dict(initial_learning_rate=0.1, decay_steps=1000, alpha=0.01),
                dict(initial_learning_rate=1.0, decay_steps=700, alpha=0.0),
                dict(initial_learning_rate=0.5, decay_steps=300, alpha=0.3),
            ],
        ),
        "restarts": RESTARTS,
        "restarts-cycle": RESTARTS,
        "warmup-cosine": Schedule(
            "CosineDecay",
            {
                ETA_0: "initial_learning_rate",
                ETA_MAX: "warmup_target",
                "W": "warmup_steps",
                "T": "decay_steps",
                r"\alpha": "alpha",
            },
            [
                dict(
                    initial_learning_rate=0.0,
                    warmup_target=0.1,
                    warmup_steps=100,
                    decay_steps=900,
                    alpha=0.01,
                ),
                dict(
                    initial_learning_rate=0.02,
                    warmup_target=0.2,
                    warmup_steps=300,
                    decay_steps=500,
                    alpha=0.1,
                ),
                dict(
                    initial_learning_rate=0.01,
                    warmup_target=1.0,
                    warmup_steps=50,
                    decay_steps=1000,
                    alpha=0.0,
                ),
                dict(
                    initial_learning_rate=0.05,
                    warmup_target=0.5,
                    warmup_steps=250,
                    decay_steps=1100,
                    alpha=0.2,
                ),
            ],
        ),
    },
    "keras-training": {
        # The chapter's own schedule classes, defined in its snippet.
        "one-cycle": Schedule(
            "OneCycle",
            {ETA_MAX: "peak", "T": "total_steps", "p": "pct", "d": "div", "f": "final_div"},
            [
                dict(peak=0.2, total_steps=96, pct=0.3, div=25.0, final_div=1e4),
                dict(peak=1.0, total_steps=1000, pct=0.25, div=10.0, final_div=100.0),
                dict(peak=0.5, total_steps=300, pct=0.5, div=4.0, final_div=2.0),
            ],
            source="keras-training/schedules_compared.py",
        ),
        "wsd": Schedule(
            "WarmupStableDecay",
            {ETA_MAX: "peak", "W": "warmup", "S": "decay_start", "D": "decay_steps"},
            [
                dict(peak=0.2, warmup=8, decay_start=72, decay_steps=24),
                dict(peak=1.0, warmup=100, decay_start=1000, decay_steps=500),
                dict(peak=0.5, warmup=30, decay_start=30, decay_steps=300),
            ],
            source="keras-training/schedules_compared.py",
        ),
    },
}


@dataclass(frozen=True)
class Marked:
    """One marked formula of one page."""

    page: Path
    display: tex.Display

    @property
    def id(self) -> str:
        """``docs/schedules.en.md:formula:cosine``: page and key, for ids and messages."""
        return f"{rel(self.page)}:formula:{self.display.key}"

    @property
    def where(self) -> str:
        return f"{self.id} (line {self.display.line})"


def displays(page: Path) -> list[tex.Display]:
    """The page's display formulas, read once per session while the page is
    unchanged: every formula's check and several other tests ask for them."""
    return list(_displays(page, page.stat().st_mtime_ns))


@functools.cache
def _displays(page: Path, _mtime: int) -> tuple[tex.Display, ...]:
    return tuple(tex.formulas(page.read_text(encoding="utf-8")))


MARKED = [Marked(p, d) for p in pages() for d in displays(p) if d.key]


def schedule_calls() -> list[tuple[Schedule, dict]]:
    """Every Keras schedule call the checks make, in a fixed order: call i is ``v{i}``."""
    return [
        (check, params)
        for checks in CHECKS.values()
        for check in checks.values()
        if isinstance(check, Schedule)
        for params in check.params
    ]


def keras_script() -> str:
    """A script that evaluates every schedule call the checks need, with Keras.

    It runs through the snippet runner, whose forkserver has TensorFlow loaded
    already: importing TensorFlow again in the test process would cost about
    as much as all the snippets together. It writes ``keras.npz``: the
    values of call ``i`` under the key ``v{i}``.
    """
    calls = [
        (check.keras, check.source, params, check.steps.tolist())
        for check, params in schedule_calls()
    ]
    sources = {c.source: class_source(c.source) for c, _ in schedule_calls() if c.source}
    return f"""import json

import numpy as np
import tensorflow as tf


@tf.function  # one graph for every step: a warm-up schedule takes one step at a time
def one_by_one(schedules, steps):  # a column per schedule
    return tf.map_fn(
        lambda step: tf.stack([schedule(step) for schedule in schedules]),
        steps,
        fn_output_signature=tf.float32,
    )


classes = {{}}  # the snippets' own schedule classes, by snippet
for source, code in json.loads({json.dumps(json.dumps(sources))}).items():
    classes[source] = {{}}
    exec(compile(code, source, "exec"), classes[source])
values = {{}}
warm_ups = {{}}  # steps: [(call, schedule)], evaluated together (one trace, one loop)
for i, (name, source, params, steps) in enumerate(json.loads({json.dumps(json.dumps(calls))})):
    if source:
        schedule = classes[source][name](**params)
    else:
        schedule = getattr(tf.keras.optimizers.schedules, name)(**params)
    if params.get("warmup_steps"):
        warm_ups.setdefault(tuple(steps), []).append((i, schedule))
    else:
        values[f"v{{i}}"] = np.asarray(schedule(np.array(steps)))
for steps, group in warm_ups.items():
    columns = one_by_one([schedule for _, schedule in group], tf.constant(np.array(steps)))
    for column, (i, _) in zip(columns.numpy().T, group):
        values[f"v{{i}}"] = column
np.savez("keras.npz", **values)
"""


@functools.cache  # one parse per snippet, however many checks use its classes
def class_source(snippet: str) -> str:
    """The classes a snippet defines, with the imports and top-level names
    they use, and nothing else: the snippet's training runs are not needed
    to evaluate its schedules."""
    code = (LAYOUT.snippets / snippet).read_text(encoding="utf-8")
    tree = ast.parse(code)
    classes = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    kept = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom) or n in classes]
    while True:  # the assignments the kept code reads, and those they read
        used = {n.id for node in kept for n in ast.walk(node) if isinstance(n, ast.Name)}
        more = [
            node
            for node in tree.body
            if isinstance(node, ast.Assign)
            and node not in kept
            and any(isinstance(t, ast.Name) and t.id in used for t in node.targets)
        ]
        if not more:
            break
        kept += more
    kept.sort(key=lambda node: node.lineno)
    if not classes:
        raise LookupError(f"snippets/{snippet} defines no class")
    return "\n\n".join(ast.get_source_segment(code, node) for node in kept) + "\n"


@pytest.fixture(scope="module")
def keras_schedules(snippet_runner):
    """Keras's value of every schedule call the checks make, by call.

    The run is only started here (tests/conftest.py queues it first of all);
    the first schedule check waits for it, the other formula checks do not.
    """
    running = snippet_runner.submit(keras_script(), "keras_reference.py")
    done: dict[str, np.ndarray] = {}

    def evaluate(name: str, params: dict, steps: np.ndarray) -> np.ndarray:
        if not done:
            result = running.result()
            if not result.ok or "keras.npz" not in result.files:
                pytest.fail(f"evaluating the Keras schedules failed:\n{result.stderr[-4000:]}")
            arrays = np.load(io.BytesIO(result.files["keras.npz"]))
            done.update(
                (f"{keras_call(c.keras, p)} at {len(c.steps)} steps", arrays[f"v{i}"].astype(float))
                for i, (c, p) in enumerate(schedule_calls())
            )
        return done[f"{keras_call(name, params)} at {len(steps)} steps"]

    return evaluate


def first_difference(got, want: np.ndarray, rtol: float, atol: float) -> int | None:
    """Index of the first value outside the tolerance (NaN included), or None."""
    got = np.broadcast_to(np.asarray(got, dtype=float), want.shape)
    bad = ~(np.abs(got - want) <= rtol * np.abs(want) + atol)
    return int(np.argmax(bad)) if bad.any() else None


def keras_call(name: str, params: dict) -> str:
    return f"{name}({', '.join(f'{k}={v!r}' for k, v in params.items())})"


def sources_of(marked: Marked, check) -> tuple[str, ...]:
    """The TeX of the block and of the blocks it is evaluated together with."""
    keys = getattr(check, "blocks", ()) or (marked.display.key,)
    on_page = {d.key: d for d in displays(marked.page)}
    missing = [k for k in keys if k not in on_page]
    if missing:
        pytest.fail(f"{marked.where}: needs the formula(s) {missing} on the same page")
    return tuple(on_page[k].tex for k in keys)


def formula_of(marked: Marked, check) -> tex.Formula:
    """The block parsed, with the blocks it is evaluated together with."""
    parsed = [tex.parse(source) for source in sources_of(marked, check)]
    formula = parsed[0]
    for other in parsed[1:]:
        formula = formula + other
    return formula


def given_symbols(check) -> set[str]:
    """The canonical names of the symbols a check gives values."""
    if isinstance(check, Schedule):
        return {tex.name(s) for s in check.symbols} | {"t", *check.solve}
    if isinstance(check, Iteration):
        return {tex.name(s) for s in check.values(np.zeros(3), 0.1)}
    if isinstance(check, Reference):
        return {tex.name(s) for s in check.cases()[0][1]}
    if isinstance(check, Region):
        return {"eta", *(tex.name(s) for s in check.settings[0])}
    return {"eta", "L"} if check.bind_curvature else {"eta"}


def check_shape(marked: Marked, formula: tex.Formula, check) -> list[str]:
    """The parts no evaluation reads: the left side, the relation, extra equations."""
    problems = [f"{marked.where}: {p}" for p in formula.refusals(given_symbols(check))]
    main = formula.main
    if isinstance(check, Condition | Region):
        if not isinstance(main, tex.Chain):
            problems.append(f"{marked.where}: `{main.text}` is an equation, expected a condition")
        return problems
    if not isinstance(main, tex.Equation):
        return [*problems, f"{marked.where}: `{main.text}` is a condition, expected an equation"]
    shown = {"=": "=", "←": r"\leftarrow"}
    if main.op != check.op:
        problems.append(
            f"{marked.where}: the relation is {shown[main.op]}, expected {shown[check.op]}"
            + (" (an update, not an equation)" if check.op == "←" else " (an equation)")
        )
    if check.lhs is not None:
        want = tex.name(check.lhs)
        got = main.lhs.name if isinstance(main.lhs, tex.Var) else None
        if got != want:
            lhs = main.text.split("=")[0].split(r"\leftarrow")[0].strip()
            problems.append(f"{marked.where}: the left side is ${lhs}$, expected ${check.lhs}$")
    return problems


def check_schedule(marked: Marked, formula: tex.Formula, check: Schedule, keras) -> list[str]:
    """The page's formula against the Keras schedule, every step, every set."""
    problems = []
    mentioned = formula.symbols()
    for symbol, argument in check.symbols.items():
        if tex.name(symbol) not in mentioned:
            problems.append(
                f"{marked.where}: the formula never uses ${symbol}$, Keras's {argument}"
            )
    steps = check.steps
    coverage: dict = {}
    implementation = f"snippets/{check.source}" if check.source else "Keras"
    for params in check.params:
        call = keras_call(check.keras, params)
        values = {symbol: params[argument] for symbol, argument in check.symbols.items()}
        want = keras(check.keras, params, steps)
        try:
            got = formula.value({**values, "t": steps}, solve=check.solve, coverage=coverage)
        except tex.EvalError as error:
            at = f" at step {steps[error.position]}" if error.position is not None else ""
            problems.append(f"{marked.where}: {call}: {error}{at}")
            continue
        bad = first_difference(got, want, RTOL, ATOL)
        if bad is not None:
            page_value = np.broadcast_to(got, want.shape)[bad]
            problems.append(
                f"{marked.where}: {call}: at step {steps[bad]} the page's formula gives "
                f"{page_value:.8g}, {implementation} gives {want[bad]:.8g}"
            )
    if not problems:
        far = f", {', '.join(map(str, FAR))}" if check.far else ""
        for key, row in formula.case_rows():
            if not coverage.get(key):
                problems.append(
                    f"{marked.where}: the case `{row}` applies at no step 0…{NEAR}{far} of any "
                    "parameter set: a dead case, nothing checks it"
                )
    return problems


def compare_cases(
    marked: Marked, formula: tex.Formula, cases, given: str, index: str, rtol: float = EXACT_RTOL
) -> list[str]:
    """The right side of the page's formula, case by case, against ``want``.

    ``cases`` yields ``(label, values, want)``; a ``want`` of None means the
    formula's own left side, evaluated from the same values; ``given`` names
    a ``want`` that is given, ``index`` how a position is written (``n = ``).
    """
    problems = []
    for label, values, want in cases:
        side = "the left side" if want is None else given
        try:
            got = formula.value(values)
            if want is None:
                want = formula.value(values, side="lhs")
        except tex.EvalError as error:
            at = f" at n = {error.position}" if error.position is not None else ""
            problems.append(f"{marked.where}: {label}: {error}{at}")
            continue
        got, want = np.broadcast_arrays(np.asarray(got, dtype=float), np.asarray(want, float))
        bad = first_difference(got, want, rtol, EXACT_ATOL)
        if bad is not None:
            problems.append(
                f"{marked.where}: {label}: at {index}{bad} the right side gives "
                f"{np.ravel(got)[bad]:.12g}, {side} is {np.ravel(want)[bad]:.12g}"
            )
    return problems


def check_iteration(marked: Marked, formula: tex.Formula, check: Iteration) -> list[str]:
    """Both sides of the page's equation, with the iterates of gradient descent."""
    cases = []
    for w0 in check.starts:
        for eta in check.rates:
            ws = np.array(gradient_descent(w0, eta, UPDATES))
            want = ws[1:] if check.want == "next" else None
            cases.append((f"η = {eta}, w_0 = {w0}", check.values(ws, eta), want))
    return compare_cases(marked, formula, cases, "the next iterate", "n = ")


def check_reference(marked: Marked, formula: tex.Formula, check: Reference) -> list[str]:
    """The page's formula against a computation that does not use it, case by case."""
    return compare_cases(
        marked, formula, check.cases(), "the reference", "position ", rtol=check.rtol
    )


def converges(eta: np.ndarray, curvature: np.ndarray) -> np.ndarray:
    """Whether w ← w − η·L(w − w*) gets within 1e-6 of w* in 1000 updates from 6 away."""
    distance = np.full(np.broadcast(eta, curvature).shape, 6.0)
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(UPDATES):
            distance = distance - eta * curvature * distance
    return np.abs(distance) < 6e-6


def contracts(eta: float, curvature: float) -> bool:
    """Whether one update w ← w − η·L(w − w*) brings w closer to w*, in exact arithmetic.

    The update multiplies the distance to w* by the same factor every step, so
    gradient descent converges exactly when one step shrinks it. Exact, so it
    decides points a hair's breadth from a boundary, where 1000 updates cannot.
    """
    distance = Fraction(6)
    after = distance - Fraction(eta) * Fraction(curvature) * distance
    return abs(after) < abs(distance)


BOUNDARY_STEP = 1e-6  # probes this far (relative to 2/L) either side of each boundary


def check_condition(marked: Marked, formula: tex.Formula, check: Condition) -> list[str]:
    """The page's condition on η against convergence: a grid, and every boundary exactly.

    The grid compares with 1000 real updates; next to each boundary (0 and 2/L,
    and every bound the page states) the condition must agree with the exact
    step factor at 1e-6·2/L inside and outside, so a bound off by more than
    that fails however it falls between grid points.
    """
    fractions = np.arange(-10, 31) / 20  # η as a fraction of 2/L: -0.5 … 1.5, 0 and 1 exact
    curvature, fraction = np.meshgrid(np.array(check.curvatures), fractions, indexing="ij")
    eta = fraction * (2 / curvature)
    values = {r"\eta": eta, "L": curvature} if check.bind_curvature else {r"\eta": eta}
    try:
        says = formula.value(values, side="holds")
    except tex.EvalError as error:
        return [f"{marked.where}: {error}"]
    does = converges(eta, curvature)
    says = np.broadcast_to(says, does.shape)
    wrong = np.argwhere(says != does)
    verdict = {True: "converges", False: "does not converge"}
    if len(wrong):
        row, col = wrong[0]
        return [
            f"{marked.where}: η = {eta[row, col]:.6g}, L = {curvature[row, col]:g}: the page's "
            f"condition says it {verdict[bool(says[row, col])]}, gradient descent "
            f"{verdict[bool(does[row, col])]} ({len(wrong)} of {does.size} grid points disagree)"
        ]
    problems = []
    for curvature in check.curvatures:
        scale = 2 / curvature
        bind = {"L": curvature} if check.bind_curvature else {}
        stated = [
            float(np.ravel(formula.evaluate(operand, bind))[0])
            for operand in formula.main.operands
            if "eta" not in tex.mentioned(operand)
        ]
        probes = set()
        for bound in [0.0, scale, *stated]:
            probes |= {bound - BOUNDARY_STEP * scale, bound + BOUNDARY_STEP * scale}
            if min(abs(bound), abs(bound - scale)) > 1e-9 * scale:
                probes.add(bound)  # a bound of the page's own, away from the true ones
        probes.add(0.0)
        probes = sorted(p for p in probes if np.isfinite(p))
        values = {r"\eta": np.array(probes), **bind}
        try:
            says = np.broadcast_to(formula.value(values, side="holds"), (len(probes),))
        except tex.EvalError as error:
            return [f"{marked.where}: {error}"]
        bounds = [("the true bound", 0.0), ("the true bound 2/L =", scale)]
        bounds += [("the page's bound", b) for b in stated]
        for eta, said in zip(probes, says, strict=True):
            if bool(said) != contracts(eta, curvature):
                label, bound = min(bounds, key=lambda lb: abs(lb[1] - eta))
                side = "at" if eta == bound else "just below" if eta < bound else "just above"
                problems.append(
                    f"{marked.where}: η = {eta:.9g}, L = {curvature:g}, {side} {label} "
                    f"{bound:.9g}: the page's condition says it {verdict[bool(said)]}, "
                    f"gradient descent {verdict[not bool(said)]} (it converges exactly "
                    f"for 0 < η < 2/L = {scale:.9g})"
                )
                break
    return problems


# (id of the Region, its setting, scale) → (the Region, its boundaries)
_BOUNDARIES: dict[tuple, tuple[Region, np.ndarray]] = {}


def boundaries(check: Region, setting: dict, scale: float) -> np.ndarray:
    """Where the truth changes along η, all found at once by bisection to 1e-14·scale.

    They depend on the truth alone, not on the page: found once per check and
    setting, for both languages and for the tests of the region checks.
    """
    key = (id(check), tuple(setting.items()), scale)
    if key in _BOUNDARIES and _BOUNDARIES[key][0] is check:
        return _BOUNDARIES[key][1]
    found = _bisected(check, setting, scale)
    found.flags.writeable = False
    _BOUNDARIES[key] = (check, found)
    return found


def _bisected(check: Region, setting: dict, scale: float) -> np.ndarray:
    eta = np.linspace(check.low, 1.5, 3001) * scale
    truth = check.truth(eta, setting)
    changes = np.flatnonzero(truth[1:] != truth[:-1])
    low, high, before = eta[changes], eta[changes + 1], truth[changes]
    for _ in range(50):  # 3001 points: each bracket starts 5e-4·scale wide
        middle = (low + high) / 2
        same = check.truth(middle, setting) == before
        low, high = np.where(same, middle, low), np.where(same, high, middle)
    return (low + high) / 2


def check_region(marked: Marked, formula: tex.Formula, check: Region) -> list[str]:
    """The page's condition against the truth: a grid, and next to every boundary."""
    verdict = {True: check.says, False: f"does not {check.says.rstrip('s')}"}
    for setting in check.settings:
        scale = check.scale(setting)
        grid = np.linspace(check.low, 1.5, 201) * scale
        probes = [
            b + side * BOUNDARY_STEP * scale
            for b in boundaries(check, setting, scale)
            for side in (-1, 1)
        ]
        eta = np.concatenate([grid, probes])
        try:
            says = formula.value({r"\eta": eta, **setting}, side="holds")
        except tex.EvalError as error:
            return [f"{marked.where}: {error}"]
        says = np.broadcast_to(says, eta.shape)
        does = check.truth(eta, setting)
        wrong = np.flatnonzero(says != does)
        if len(wrong):
            i = wrong[0]
            where = "next to a boundary" if i >= len(grid) else "on the grid"
            shown = ", ".join(f"{tex.name(k)} = {v:g}" for k, v in setting.items())
            return [
                f"{marked.where}: η = {eta[i]:.9g}, {shown} ({where}): the page's condition "
                f"says it {verdict[bool(says[i])]}, the iteration {verdict[bool(does[i])]} "
                f"({len(wrong)} of {len(eta)} points disagree)"
            ]
    return []


def evaluate(marked: Marked, formula: tex.Formula, check, keras) -> list[str]:
    """The formula's values against its check's: the problems found."""
    if isinstance(check, Schedule):
        return check_schedule(marked, formula, check, keras)
    if isinstance(check, Iteration):
        return check_iteration(marked, formula, check)
    if isinstance(check, Reference):
        return check_reference(marked, formula, check)
    if isinstance(check, Region):
        return check_region(marked, formula, check)
    return check_condition(marked, formula, check)


# (page name, key, TeX of the blocks) → (where, problems) of the first page evaluated
_EVALUATED: dict[tuple[str, str, tuple[str, ...]], tuple[str, list[str]]] = {}


def evaluated(marked: Marked, formula: tex.Formula, check, keras) -> list[str]:
    """``evaluate``, once per formula: twins show the same TeX under the same
    key, so they have the same check (CHECKS is by page name) and the same
    values; a twin gets the first one's problems under its own name. A twin
    whose TeX differs in any character is evaluated on its own."""
    key = (LAYOUT.name_of(marked.page), marked.display.key, sources_of(marked, check))
    if key in _EVALUATED:
        where, problems = _EVALUATED[key]
        prefix = f"{where}: "
        if all(p.startswith(prefix) for p in problems):
            return [f"{marked.where}: {p[len(prefix) :]}" for p in problems]
    problems = evaluate(marked, formula, check, keras)
    _EVALUATED[key] = (marked.where, problems)
    return problems


@pytest.mark.parametrize("marked", MARKED, ids=lambda m: m.id)
def test_formula(marked: Marked, keras_schedules) -> None:
    """The formula as displayed computes what its implementation computes."""
    check = CHECKS.get(LAYOUT.name_of(marked.page), {}).get(marked.display.key)
    if check is None:
        pytest.fail(f"{marked.where}: no check for this key in tests/test_formulas.py CHECKS")
    try:
        formula = formula_of(marked, check)
    except tex.TexError as error:
        unreadable = str(error)
    else:
        unreadable = None
    if unreadable is not None:
        pytest.fail(f"{marked.where}: cannot read the TeX: {unreadable}", pytrace=False)
    problems = check_shape(marked, formula, check)  # what evaluating would not see
    if not problems:
        problems = evaluated(marked, formula, check, keras_schedules)
    if len(problems) > SHOWN:
        problems = [*problems[:SHOWN], f"… and {len(problems) - SHOWN} more like these"]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("source", "values", "expected"),
    [
        (r"y = 2w_n + 2", {"w_n": 3}, 8),  # implicit product binds tighter than +
        (r"y = \pi t_i / T_i", {"t_i": 1, "T_i": 4}, np.pi / 4),  # (π tᵢ) / Tᵢ
        (r"y = r^{\,t / T}", {"r": 4, "t": 1, "T": 2}, 2),
        (r"y = r^{\lfloor t / T \rfloor}", {"r": 4, "t": 3, "T": 2}, 4),
        (r"y = {-1} + 6\,(1 - 2\eta)^n", {r"\eta": 0.25, "n": 2}, 0.5),
        (r"y = \frac{a}{1 + r \, t / T}", {"a": 3, "r": 1, "t": 2, "T": 1}, 1),
        (r"y = \left(1 - \frac{\min(t, T)}{T}\right)^{p}", {"t": 5, "T": 4, "p": 2}, 0),
        (r"y = \ln x + \log_{2} 8", {"x": 1}, 3),
        (r"y = \begin{cases} 1 & t \le 3 \\ 2 & 3 < t \le 6 \\ 3 & t > 6 \end{cases}", {"t": 6}, 2),
        (r"y = S_i, \qquad S_i = \sum_{k=0}^{i-1} T_k, \qquad T_i = 2^{i}", {"i": 3}, 7),
    ],
)
def test_tex_reads_as_printed(source: str, values: dict, expected: float) -> None:
    """The reader's precedence is the one a reader of the page assumes."""
    assert tex.parse(source).value(values) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("source", "complaint"),
    [
        (r"y = r^10", "write ^{10}"),
        (r"y = \text{cosine decay from } a", "words, not maths"),
        (r"y = \operatorname{sgn}(x)", "unknown function"),
        (r"y = \binom{n}{k}", r"\binom"),
        (r"y = x + ", "ends too early"),
        (r"y = (x", "expected ')'"),
        (r"y = 1{300}", "two numbers side by side"),  # shows 1300
        (r"y = 1\,000", "two numbers side by side"),  # shows 1 000
        (r"y = 0.5{0}", "two numbers side by side"),  # shows 0.50
        (r"y = t \le {1}{300}", "two numbers side by side"),
        (r"y = 2\frac{1}{2}", "mixed number"),  # shows 2½
        (r"y = r{-1}", "braces are invisible"),  # shows r−1
        ("y = " + "(" * 400 + "x" + ")" * 400, "nested more than"),
        (r"0 < \eta < 1, \qquad \eta > 0.5", "cannot state a second one"),
    ],
)
def test_tex_refuses_what_it_cannot_read(source: str, complaint: str) -> None:
    """Unknown syntax fails with a message naming it, never a guess."""
    with pytest.raises(tex.TexError, match=re.escape(complaint)):
        tex.parse(source)


@pytest.mark.parametrize(
    ("source", "values", "complaint"),
    [
        (r"y = \sum_{k=0}^{\ln(0-1)} k", {}, "not a finite number"),  # NaN
        (r"y = \sum_{k=0}^{1/0} k", {}, "not a finite number"),  # inf
        (r"y = \sum_{k=0}^{10^{400}} k", {}, "not a finite number"),  # overflows to inf
        (r"y = \sum_{k=0}^{10^{300}} k", {}, "a sum over"),
        (r"y = a r, \qquad r = 2", {"a": 1, "r": 3}, "which is a parameter"),
        (r"y = a, \qquad r = 2", {"a": 1}, "never uses"),
        (r"y = a, \qquad 1 = 0", {"a": 1}, "must define one symbol"),
        (r"y = a, \qquad y = 2", {"a": 1}, "own left side"),
        (r"y = a b, \qquad b = 2, \qquad b = 3", {"a": 1}, "defined twice"),
        (r"y = a t, \qquad t < 10", {"a": 1, "t": np.arange(20)}, "does not hold"),
    ],
)
def test_tex_refuses_what_it_cannot_evaluate(source: str, values: dict, complaint: str) -> None:
    """NaN or infinite bounds, and statements nothing would check, are EvalErrors."""
    with pytest.raises(tex.EvalError, match=re.escape(complaint)):
        tex.parse(source).value(values)


def test_a_case_that_never_applies_is_found() -> None:
    """A dead case (beyond every step checked, or a second otherwise) is reported."""
    formula = tex.parse(
        r"y = \begin{cases} 1 & t \le 3 \\ 2 & 3 < t \le 10^{7} \\ 3 & t > 10^{7} "
        r"\\ 4 & \text{otherwise} \end{cases}"
    )
    coverage: dict = {}
    formula.value({"t": STEPS}, coverage=coverage)
    dead = [row for key, row in formula.case_rows() if not coverage.get(key)]
    assert dead == [r"3 & t > 10^{7}", r"4 & \text{otherwise}"]


@pytest.mark.parametrize(
    ("key", "source", "fails"),
    [
        ("momentum-stable", r"0 < \eta \lambda < 2(1 + \beta)", False),
        ("momentum-stable", r"0 < \eta \lambda < 2(1 + 0.9999\beta)", True),  # a hair inside
        ("momentum-stable", r"0 < \eta \lambda < 2(1 + \beta) + 10^{-5}", True),  # outside
        ("momentum-stable", r"0 < \eta \lambda < 2 + \beta", True),
        ("ringing", r"\beta > \left(1 - \sqrt{\eta \lambda}\right)^2", False),
        ("ringing", r"\beta > \left(1 - \sqrt{1.00001 \eta \lambda}\right)^2", True),
        ("ringing", r"\beta > 1 - \sqrt{\eta \lambda}", True),
        ("gd-stable", r"0 < \eta < \frac{2}{\lambda_{\max}}", False),
        ("gd-stable", r"0 < \eta < \frac{2}{\lambda_{\min}}", True),
        ("gd-stable", r"0 < \eta < \frac{2}{\lambda_{\max} + \lambda_{\min}}", True),
    ],
)
def test_a_region_check_finds_a_boundary_off_by_a_hair(key: str, source: str, fails: bool) -> None:
    """The eigenvalue truth, on a grid and 1e-6·scale either side of every true
    boundary, tells the page's condition from one moved by 1e-5 of itself."""
    check = CHECKS["beyond-one-dimension"][key]
    marked = Marked(DOCS / "beyond-one-dimension.en.md", tex.Display(key, 1, source))
    assert bool(check_region(marked, tex.parse(source), check)) is fails


@pytest.mark.parametrize(
    ("page", "line", "complaint"),
    [
        ("a\n\n$$x = 1$$\n", 3, "one-line $$…$$"),
        ("a\n\n\\[\nx = 1\n\\]\n", 3, "\\[ … \\]"),
        ("a\n\n\\begin{align}\nx &= 1\n\\end{align}\n", 3, "\\begin{align} outside $$"),
        ("$$ x = 1\n$$\n", 1, "not alone on its line"),
        ('<script type="text/x-tex">\n<!--formula:k-->\n$$\nx = 1\n$$\n</script>\n', 4, "<script>"),
        ("<template>\n<!--formula:k-->\n</template>\n", 2, "mark inside raw HTML <template>"),
        ("<!--\n$$\nx = 1\n$$\n-->\n", 1, "HTML comment"),
    ],
)
def test_display_math_the_gate_would_not_read_is_refused(page: str, line: int, complaint: str):
    """Display math in another syntax, or hidden in HTML, is named with its line."""
    found = tex.unread(page)
    assert found, page
    assert found[0].line == line
    assert complaint in found[0].message


def test_display_math_in_code_is_not_display_math() -> None:
    """Code fences and inline code may show TeX; that is not a formula."""
    assert not tex.unread("```tex\n$$x$$\n\\[ y \\]\n```\n\nwrite `$$x$$` or `\\[`\n")


@pytest.mark.parametrize("page", pages(), ids=rel)
def test_every_display_formula_is_marked_and_checked(page: Path) -> None:
    """An unmarked or unchecked formula would be shown to readers untested."""
    text = page.read_text(encoding="utf-8")
    found = displays(page)
    checks = CHECKS.get(LAYOUT.name_of(page), {})
    wrong = [
        f"{rel(page)}:{d.line}: no <!--formula:KEY--> line directly above this $$"
        for d in found
        if d.key is None
    ]
    keys = [d.key for d in found if d.key]
    wrong += [
        f"{rel(page)}: formula:{k} is marked twice" for k in sorted(set(keys)) if keys.count(k) > 1
    ]
    wrong += [f"{rel(page)}: formula:{k} has no check in CHECKS" for k in keys if k not in checks]
    stray = text.count("<!--formula:") - len(keys)
    if stray:
        wrong.append(f"{rel(page)}: {stray} formula mark(s) not directly above a $$")
    wrong += [
        f"{rel(page)}:formula:{u.key} (line {u.line}): {u.message}"
        if u.key
        else f"{rel(page)}:{u.line}: {u.message}"
        for u in tex.unread(text)
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("chapter", sorted(CHECKS))
def test_every_check_has_its_formula_in_both_languages(chapter: str) -> None:
    """A check whose mark went missing would silently check nothing."""
    missing = [
        f"docs/{chapter}.{lang}.md:formula:{key}: no marked $$ block with this key"
        for lang in LANGUAGES
        for key in CHECKS[chapter]
        if key not in {d.key for d in displays(DOCS / f"{chapter}.{lang}.md")}
    ]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("chapter", sorted({LAYOUT.name_of(p) for p in pages()}))
def test_twins_show_the_same_formulas(chapter: str) -> None:
    """zh and en display the same formulas, TeX for TeX, in the same order."""
    shown = {
        lang: [(d.key, d.tex.strip()) for d in displays(DOCS / f"{chapter}.{lang}.md")]
        for lang in LANGUAGES
    }
    zh, en = shown["zh"], shown["en"]
    differ = [
        f"  {a[0] or b[0]}: zh ${a[1]}$ ≠ en ${b[1]}$"
        for a, b in zip(zh, en, strict=False)
        if a != b
    ]
    if len(zh) != len(en):
        differ.append(f"  zh shows {len(zh)} formulas, en {len(en)}")
    assert not differ, f"docs/{chapter}: the languages show different formulas\n" + "\n".join(
        differ
    )


DISPLAYED = re.compile(r"<math\b[^>]*>")
ALTTEXT = re.compile(r'\balttext="([^"]*)"')


def flat(source: str) -> str:
    """TeX with its whitespace normalised, as compared between page and site."""
    return " ".join(source.split())


def displayed(page_html: str) -> tuple[list[str], list[str]]:
    """The display formulas a built page shows (their TeX), and what is wrong around them."""
    shown, wrong = [], []
    for tag in DISPLAYED.finditer(page_html):
        if 'display="block"' not in tag.group(0):
            continue
        alt = ALTTEXT.search(tag.group(0))
        if alt is None:
            wrong.append(f"a display formula without alttext: {tag.group(0)[:80]}")
        else:
            shown.append(flat(html.unescape(alt.group(1))))
    blocks = page_html.count('<div class="math-block">')
    typeset = page_html.count('<div class="math-block"><math ')
    if blocks != typeset:
        wrong.append(f"{blocks - typeset} display formula(s) that could not be typeset")
    if 'class="arithmatex"' in page_html:
        wrong.append("math that hooks/mathml.py did not typeset (class arithmatex left)")
    return shown, wrong


def source_of(name: str, lang: str) -> Path | None:
    found = [p for p in (DOCS / f"{name}.{lang}.md", DOCS / f"{name}.{lang}.ipynb") if p.exists()]
    return found[0] if found else None


def line_shown(text: str, shown: str) -> tuple[int | None, str | None]:
    """Where TeX the site shows is in the page's source, and the mark just above it."""
    pattern = r"\s*".join(map(re.escape, shown.split()))
    match = re.search(pattern, text) if pattern else None
    if match is None:
        return None, None
    line = text.count("\n", 0, match.start()) + 1
    lines = text.splitlines()
    for above in range(line - 2, max(line - 4, -1), -1):
        if lines[above].strip() and not lines[above].strip().startswith(("$$", "\\[")):
            mark = tex.MARK.match(lines[above])
            return line, mark.group(1) if mark else None
    return line, None


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", LAYOUT.names())
def test_the_site_displays_exactly_the_checked_formulas(site: Path, name: str, lang: str) -> None:
    """Every display formula a reader sees is a marked, checked one, and vice versa.

    Whatever syntax produced it (one-line $$…$$, \\[…\\], \\begin{align}, a
    snippet), the built page's display formulas are compared, TeX for TeX and
    in order, with the marked $$ blocks of its source: a checked formula hidden
    in raw HTML, or an unchecked one shown, fails.
    """
    url = LAYOUT.url(name, lang)
    page_html = (site / url / "index.html").read_text(encoding="utf-8")
    shown, wrong = displayed(page_html)
    source = source_of(name, lang)
    where = rel(source) if source else f"{name} ({lang})"
    text = source.read_text(encoding="utf-8") if source else ""
    checked = [
        (d.key, d.line, flat(d.tex))
        for d in (displays(source) if source and source.suffix == ".md" else [])
        if d.key
    ]
    problems = [f"{where}: {w} on {url}" for w in wrong]
    missing = Counter(tex_ for *_, tex_ in checked) - Counter(shown)
    extra = Counter(shown) - Counter(tex_ for *_, tex_ in checked)
    for key, line, tex_ in checked:
        if missing[tex_]:
            missing[tex_] -= 1
            problems.append(
                f"{where}:formula:{key} (line {line}): checked, but the built page {url} does "
                "not display it (inside raw HTML, a comment or code?)"
            )
    for tex_ in shown:
        if extra[tex_]:
            extra[tex_] -= 1
            line, key = line_shown(text, tex_)
            at = f"{where}:formula:{key}" if key else where
            at += f" (line {line})" if line else ""
            problems.append(
                f"{at}: the built page {url} displays ${tex_}$, which is no marked, checked "
                "formula of the page"
            )
    if not problems and shown != [tex_ for *_, tex_ in checked]:
        problems.append(f"{where}: {url} displays the checked formulas in another order")
    assert not problems, "\n".join(problems)
