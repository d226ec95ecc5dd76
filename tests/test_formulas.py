"""Every display formula, as the page shows it, against what it describes.

Each ``$$`` block carries a mark on the line directly above it
(``<!--formula:cosine-->``). Its TeX is parsed exactly as written
(tests/harness/tex.py), evaluated, and compared with the implementation:

- a schedule with the Keras schedule it describes, steps 0 to 1500, for
  several parameter sets chosen so that every parameter matters (α ≠ 0, a
  warm-up that starts above 0, m_mul ≠ 1, t_mul = 1 and ≠ 1, p ≠ 1, …);
- a recurrence or closed form of the worked example with the iteration
  w ← w − η·2(w + 1) of tests/facts.py, 1000 updates, for several η;
- a condition on η with whether gradient descent on L/2·(w − w*)² converges,
  on a grid of η and L that includes the boundaries.

A dropped term, a wrong exponent or a changed constant in the TeX changes the
numbers, and the failure names the page, the formula's line and key, the first
step where page and implementation differ, and both values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from tests.facts import gradient_descent
from tests.harness import prose, tex
from tests.harness.pages import DOCS, LANGUAGES, pages, rel

STEPS = np.arange(1501)  # the schedules' steps 0…1500, one call per parameter set
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


@dataclass(frozen=True)
class Condition:
    """A condition on η, true exactly where gradient descent converges.

    ``curvatures`` are the values of L tried; ``bind_curvature`` is False for a
    formula about the course's loss (w + 1)², whose L is 2.
    """

    curvatures: tuple[float, ...]
    bind_curvature: bool = True


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
)

# Distance and its successor: the two sides of w_{n+1} + 1 = (1 - 2η)(w_n + 1).
NEIGHBOURS = Iteration(lambda ws, eta: {"w_n": ws[:-1], "w_{n+1}": ws[1:], r"\eta": eta})

CHECKS: dict[str, dict[str, Schedule | Iteration | Condition]] = {
    "learning-rate": {
        "update-rule": Iteration(
            lambda ws, eta: {"w": ws[:-1], r"\eta": eta, DERIVATIVE: 2 * (ws[:-1] + 1)},
            want="next",
        ),
        "recurrence": NEIGHBOURS,
        "factor": NEIGHBOURS,
        # The page's 6 is w_0 + 1 for its w_0 = 5.
        "closed-form": Iteration(
            lambda ws, eta: {"w_n": ws, "n": np.arange(len(ws)), r"\eta": eta}, starts=(5.0,)
        ),
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
    return tex.formulas(page.read_text(encoding="utf-8"))


MARKED = [Marked(p, d) for p in pages() for d in displays(p) if d.key]


@pytest.fixture(scope="module")
def keras_schedules():
    """keras.optimizers.schedules, imported only when a schedule is checked."""
    import tensorflow as tf  # slow: imported only when a schedule is checked

    @tf.function  # one graph for every step: a warm-up schedule takes one step at a time
    def one_by_one(schedule, steps):
        return tf.map_fn(schedule, steps, fn_output_signature=tf.float32)

    done: dict[str, np.ndarray] = {}  # zh and en check the same calls

    def evaluate(name: str, params: dict) -> np.ndarray:
        call = keras_call(name, params)
        if call not in done:
            schedule = getattr(tf.keras.optimizers.schedules, name)(**params)
            if params.get("warmup_steps"):
                done[call] = one_by_one(schedule, tf.constant(STEPS)).numpy().astype(float)
            else:
                done[call] = np.asarray(schedule(STEPS), dtype=float)
        return done[call]

    return evaluate


def first_difference(got, want: np.ndarray, rtol: float, atol: float) -> int | None:
    """Index of the first value outside the tolerance (NaN included), or None."""
    got = np.broadcast_to(np.asarray(got, dtype=float), want.shape)
    bad = ~(np.abs(got - want) <= rtol * np.abs(want) + atol)
    return int(np.argmax(bad)) if bad.any() else None


def keras_call(name: str, params: dict) -> str:
    return f"{name}({', '.join(f'{k}={v!r}' for k, v in params.items())})"


def formula_of(marked: Marked, check) -> tex.Formula:
    """The block parsed, with the blocks it is evaluated together with."""
    keys = getattr(check, "blocks", ()) or (marked.display.key,)
    on_page = {d.key: d for d in displays(marked.page)}
    missing = [k for k in keys if k not in on_page]
    if missing:
        pytest.fail(f"{marked.where}: needs the formula(s) {missing} on the same page")
    parsed = [tex.parse(on_page[k].tex) for k in keys]
    formula = parsed[0]
    for other in parsed[1:]:
        formula = formula + other
    return formula


def check_schedule(marked: Marked, formula: tex.Formula, check: Schedule, keras) -> list[str]:
    """The page's formula against the Keras schedule, every step, every set."""
    problems = []
    mentioned = formula.symbols()
    for symbol, argument in check.symbols.items():
        if tex.name(symbol) not in mentioned:
            problems.append(
                f"{marked.where}: the formula never uses ${symbol}$, Keras's {argument}"
            )
    for params in check.params:
        call = keras_call(check.keras, params)
        values = {symbol: params[argument] for symbol, argument in check.symbols.items()}
        want = keras(check.keras, params)
        try:
            got = formula.value({**values, "t": STEPS}, solve=check.solve)
        except tex.EvalError as error:
            at = f" at step {STEPS[error.position]}" if error.position is not None else ""
            problems.append(f"{marked.where}: {call}: {error}{at}")
            continue
        bad = first_difference(got, want, RTOL, ATOL)
        if bad is not None:
            page_value = np.broadcast_to(got, want.shape)[bad]
            problems.append(
                f"{marked.where}: {call}: at step {STEPS[bad]} the page's formula gives "
                f"{page_value:.8g}, Keras gives {want[bad]:.8g}"
            )
    return problems


def check_iteration(marked: Marked, formula: tex.Formula, check: Iteration) -> list[str]:
    """Both sides of the page's equation, with the iterates of gradient descent."""
    problems = []
    for w0 in check.starts:
        for eta in check.rates:
            ws = np.array(gradient_descent(w0, eta, UPDATES))
            values = check.values(ws, eta)
            try:
                got = formula.value(values)
                want = ws[1:] if check.want == "next" else formula.value(values, side="lhs")
            except tex.EvalError as error:
                problems.append(f"{marked.where}: η = {eta}, w_0 = {w0}: {error}")
                continue
            got, want = np.broadcast_arrays(got, want)
            bad = first_difference(got, want, EXACT_RTOL, EXACT_ATOL)
            if bad is not None:
                side = "the next iterate" if check.want == "next" else "the left side"
                problems.append(
                    f"{marked.where}: η = {eta}, w_0 = {w0}: at n = {bad} the right side "
                    f"gives {np.ravel(got)[bad]:.12g}, {side} is {np.ravel(want)[bad]:.12g}"
                )
    return problems


def converges(eta: np.ndarray, curvature: np.ndarray) -> np.ndarray:
    """Whether w ← w − η·L(w − w*) gets within 1e-6 of w* in 1000 updates from 6 away."""
    distance = np.full(np.broadcast(eta, curvature).shape, 6.0)
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(UPDATES):
            distance = distance - eta * curvature * distance
    return np.abs(distance) < 6e-6


def check_condition(marked: Marked, formula: tex.Formula, check: Condition) -> list[str]:
    """The page's condition on η against convergence, on a grid through its bounds."""
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
    if not len(wrong):
        return []
    row, col = wrong[0]
    verdict = {True: "converges", False: "does not converge"}
    return [
        f"{marked.where}: η = {eta[row, col]:.6g}, L = {curvature[row, col]:g}: the page's "
        f"condition says it {verdict[bool(says[row, col])]}, gradient descent "
        f"{verdict[bool(does[row, col])]} ({len(wrong)} of {does.size} grid points disagree)"
    ]


@pytest.mark.parametrize("marked", MARKED, ids=lambda m: m.id)
def test_formula(marked: Marked, request: pytest.FixtureRequest) -> None:
    """The formula as displayed computes what its implementation computes."""
    check = CHECKS.get(prose.chapter_of(marked.page), {}).get(marked.display.key)
    if check is None:
        pytest.fail(f"{marked.where}: no check for this key in tests/test_formulas.py CHECKS")
    try:
        formula = formula_of(marked, check)
    except tex.TexError as error:
        pytest.fail(f"{marked.where}: cannot read the TeX: {error}", pytrace=False)
    if isinstance(check, Schedule):
        problems = check_schedule(
            marked, formula, check, request.getfixturevalue("keras_schedules")
        )
    elif isinstance(check, Iteration):
        problems = check_iteration(marked, formula, check)
    else:
        problems = check_condition(marked, formula, check)
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
    ],
)
def test_tex_refuses_what_it_cannot_read(source: str, complaint: str) -> None:
    """Unknown syntax fails with a message naming it, never a guess."""
    with pytest.raises(tex.TexError, match=re.escape(complaint)):
        tex.parse(source)


@pytest.mark.parametrize("page", pages(), ids=rel)
def test_every_display_formula_is_marked_and_checked(page: Path) -> None:
    """An unmarked or unchecked formula would be shown to readers untested."""
    text = page.read_text(encoding="utf-8")
    found = displays(page)
    checks = CHECKS.get(prose.chapter_of(page), {})
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
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("chapter", sorted(CHECKS))
def test_every_check_has_its_formula_in_both_languages(chapter: str) -> None:
    """A check whose mark went missing would silently check nothing."""
    missing = [
        f"docs/{chapter}.{lang}.md: no formula:{key}"
        for lang in LANGUAGES
        for key in CHECKS[chapter]
        if key not in {d.key for d in displays(DOCS / f"{chapter}.{lang}.md")}
    ]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("chapter", sorted({prose.chapter_of(p) for p in pages()}))
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
