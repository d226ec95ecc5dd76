"""Computed facts: what the prose may quote, and the comparisons it may claim.

Each page's numbers live with its chapter, in ``snippets/<name>/facts.py``
(``snippets/index/facts.py`` for the home page): a function ``facts()``
returning ``{key: value}`` and, where the page sets numbers of its own, a
``GIVEN`` table ``{number: reason}``. A page writes ``2.6<!--fact:w1-->``
or ``slower<!--claim:decay_slower-->``; tests/test_prose.py checks both
against this module's ``load``.

This module holds what several chapters share: the ``Claim`` type, reading a
recorded output, and the course's reference computations.
"""

from __future__ import annotations

import importlib.util
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from sitegate.layout import LAYOUT

FACT_FILE = "facts.py"


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


def noisy_descent(w0: float, lr: float, sigma: float, xi) -> list[float]:
    """Iterates of w ← w − lr · (2(w + 1) + sigma · ξ): the course's loss with
    noise added to each gradient, one ξ per update."""
    ws = [w0]
    for noise in xi:
        ws.append(ws[-1] - lr * (2 * (ws[-1] + 1) + sigma * noise))
    return ws


def mean_square(v0: float, rates, sigma: float) -> list[float]:
    """E[(w + 1)²] after each update of noisy_descent with rates η_0, η_1, …,
    summed directly: the start shrunk by every factor (1 − 2η_k)², plus each
    update's noise η_k²σ² shrunk by the factors of the updates after it."""
    factors = [(1 - 2 * lr) ** 2 for lr in rates]
    values = [v0]
    for n in range(1, len(factors) + 1):
        later = 1.0
        total = 0.0
        for k in range(n - 1, -1, -1):  # the noise of update k, then the factors after it
            total += rates[k] ** 2 * sigma**2 * later
            later *= factors[k]
        values.append(v0 * later + total)
    return values


def heavy_ball_matrix(h, beta):
    """The heavy ball's step (w_n, w_n−1) → (w_n+1, w_n) at η·λ = h, one 2 × 2
    matrix per element of ``h`` and ``beta`` (broadcast)."""
    h, beta = np.broadcast_arrays(np.asarray(h, dtype=float), np.asarray(beta, dtype=float))
    top = np.stack([1 + beta - h, -beta], axis=-1)
    bottom = np.stack([np.ones_like(h), np.zeros_like(h)], axis=-1)
    return np.stack([top, bottom], axis=-2)


def spectral_radius(matrices):
    """The largest eigenvalue modulus of each matrix of a stack (numpy's eigenvalues)."""
    return np.abs(np.linalg.eigvals(matrices)).max(axis=-1)


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


# How each copy of the shared noise generator writes its sum of uniforms (sitegate/noise.py).
SUMMED = {
    ".py": r"for _ in range\((\d+)\):\n\s+total \+=",
    ".js": r"i < (\d+); i\+\+\) total \+= next\(\)",
}


def uniforms(copy: Path) -> float:
    """How many uniforms the shared noise generator sums for one normal, read from one copy
    of it (a snippet, or explorer.js) and from sitegate/noise.py, which must agree."""
    found = {
        path: re.findall(SUMMED[path.suffix], path.read_text(encoding="utf-8"))
        for path in (copy, LAYOUT.root / "sitegate" / "noise.py")
    }
    counts = list(found.values())
    if len(counts[0]) != 1 or counts[0] != counts[1]:
        said = ", ".join(f"{path.name} {count}" for path, count in found.items())
        raise LookupError(f"the uniforms summed for a normal: {said}")
    return float(counts[0][0])


def printed(path: str, pattern: str) -> float:
    """The number a recorded output prints where ``pattern`` (one group) matches.

    Recorded outputs are checked against real runs by test_snippets, so a
    number taken from one is a computed value, not a typed one.
    """
    text = (LAYOUT.snippets / path).read_text(encoding="utf-8")
    match = re.search(pattern, text)
    if match is None:
        raise LookupError(f"snippets/{path} prints nothing like {pattern!r}")
    return float(match.group(1))


def printed_table(path: str) -> dict[int, list[float]]:
    """The rows ``step value value …`` of a recorded output, by step."""
    text = (LAYOUT.snippets / path).read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        if re.fullmatch(r"\s*\d+(\s+-?\d+\.\d+)+\s*", line):
            step, *values = line.split()
            rows[int(step)] = [float(v) for v in values]
    if not rows:
        raise LookupError(f"snippets/{path} prints no table")
    return rows


def merged(*groups: dict) -> dict:
    """Groups of facts as one; a name in two groups is an error, where ``{**a, **b}``
    would silently keep b's value under a's name."""
    found: dict = {}
    for group in groups:
        twice = sorted(found.keys() & group.keys())
        if twice:
            raise LookupError(f"facts named twice: {', '.join(twice)}")
        found.update(group)
    return found


def fact_file(name: str) -> Path:
    """Where the facts of page ``name`` live."""
    return LAYOUT.snippets / name / FACT_FILE


@cache
def module(name: str):
    """The facts module of page ``name``, or None if it has none."""
    path = fact_file(name)
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location(f"facts_{name.replace('-', '_')}", path)
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


def load(name: str) -> dict[str, float | Claim] | None:
    """The computed facts of page ``name``, or None if it has no facts file."""
    found = module(name)
    return None if found is None else found.facts()


def given(name: str) -> dict[str, str]:
    """The numbers page ``name`` sets itself, each with its reason."""
    found = module(name)
    return dict(getattr(found, "GIVEN", {})) if found is not None else {}
