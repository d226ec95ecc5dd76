"""The 2-D explorer in Chromium: its presets against the chapter's recorded output, a seeded
sweep of random settings against Keras's SGD and Adam run by TensorFlow, Adam's powers β^t
against tf.pow, its messages and its keys."""

from __future__ import annotations

import ast
import base64
import collections
import itertools
import json
import math
import os
import random
import re
import subprocess
import sys
from fractions import Fraction
from urllib.parse import parse_qsl, urlencode

import numpy as np
import pytest

from sitegate import facts, powers, schedules
from sitegate.noise import normals
from sitegate.pages import ROOT, snippet_root

PAGES = {"zh": "explorer-2d/", "en": "en/explorer-2d/"}


def recorded(path: str) -> str:
    """A recorded snippet output (itself checked against a real TensorFlow run)."""
    return (snippet_root() / path).read_text(encoding="utf-8")


def expected_presets() -> dict[str, dict[str, int]]:
    """Step counts printed by gd_condition.py and momentum_speedup.py, by preset."""
    gd = recorded("beyond-one-dimension/gd_condition.out")
    rows = re.findall(r"^ +(\d+) +\S+ +\S+ +\d+ +\S+ +(\d+)$", gd, re.M)
    found = {f"gd{kappa}": {"reached": int(steps)} for kappa, steps in rows}
    over = re.search(r"lr = 0\.21:.*?diverged \(loss > 1000x start\) at step (\d+)", gd, re.S)
    if over:
        found["gd10over"] = {"blowup": int(over.group(1)), "reached": 0}
    hb = recorded("beyond-one-dimension/momentum_speedup.out")
    for kappa, steps in re.findall(r"^ +(\d+) +\S+ +\S+ +\S+ +\d+ +\d+ +(\d+) ", hb, re.M):
        found[f"hb{kappa}"] = {"reached": int(steps)}
    return found


def expected_noise() -> dict[str, dict]:
    """momentum_noise.py: w after updates 1-3 (6 decimals) and the mean loss over the
    second half (4 significant digits), for gradient descent and the heavy ball."""
    text = recorded("beyond-one-dimension/momentum_noise.out")
    runs = re.split(r"^(?=\S)", text, flags=re.M)[1:]
    found = {}
    for preset, run in zip(("noisegd", "noisehb"), runs, strict=True):
        rows = re.findall(r"update (\d+): w = \((\S+), (\S+)\)", run)
        mean = re.search(r"mean loss, updates (\d+)-(\d+): (\S+)", run)
        found[preset] = {
            "rows": {int(t): (w1, w2) for t, w1, w2 in rows},
            "mean": mean.group(3),
            "span": (int(mean.group(1)), int(mean.group(2))),
        }
    return found


def adam_settings(kappa: float, turned: bool, scale: float = 1.0) -> dict[str, str]:
    """One of adam.py's runs: scale · (κ u₁² + u₂²) / 2 from u = (1, 1), its axes along w
    or turned by 45 degrees (u = (1, 1) is then w = (√2, 0)), Adam at lr 0.1, float64."""
    return {
        "l1": repr(scale * kappa),
        "l2": repr(scale),
        "angle": "45" if turned else "0",
        "w1": repr(2**0.5) if turned else "1",
        "w2": "0" if turned else "1",
        "opt": "adam",
        "lr": "0.1",
        "steps": "1500",
        "dtype": "float64",
    }


def expected_adam() -> dict:
    """adam.py's printed numbers: for its ten Adam runs, the update from which the loss
    stays below a millionth of the start's; the first three moves of the κ = 10 runs at
    loss scales 1, 1000, 1e-6; and SGD's first move and fate on those three losses."""
    text = recorded("beyond-one-dimension/adam.out")
    stays = {}
    for kappa, axis, turned in re.findall(r"^ *(\d+) +(\d+) +(\d+)$", text, re.M):
        stays[(float(kappa), False, 1.0)] = int(axis)
        stays[(float(kappa), True, 1.0)] = int(turned)
    for scale, steps in re.findall(r"^kappa 10, loss x (\S+): (\d+) steps$", text, re.M):
        stays[(10.0, False, float(scale))] = int(steps)
    moves = {
        float(scale): re.findall(r"\((\S+), (\S+)\)", pairs)
        for scale, pairs in re.findall(r"^  loss x (\S+) +(\(.*\))$", text, re.M)
    }
    sgd = {
        float(scale): ((m1, m2), fate)
        for scale, m1, m2, fate in re.findall(
            r"^  loss x (\S+) +\((\S+), (\S+)\), (.*)$", text, re.M
        )
    }
    return {"stays": stays, "moves": moves, "sgd": sgd}


ADAM_PRESETS = {
    "adam10": (10.0, False, 1.0),
    "adam1000": (1000.0, False, 1.0),
    "adam10turned": (10.0, True, 1.0),
    "adam1000turned": (1000.0, True, 1.0),
    "adamlarge": (10.0, False, 1000.0),
    "adamsmall": (10.0, False, 1e-6),
}


def test_every_preset_is_parsed_from_the_recorded_output() -> None:
    """The parser finds all runs; a changed format fails here, not silently."""
    assert sorted(expected_presets()) == sorted(
        ["gd2", "gd10", "gd100", "gd10over", "hb10", "hb100", "hb1000"]
    )
    noise = expected_noise()
    assert all(len(run["rows"]) == 3 and run["mean"] for run in noise.values()), noise
    adam = expected_adam()
    assert len(adam["stays"]) == 10 and set(ADAM_PRESETS.values()) <= set(adam["stays"])
    assert sorted(adam["moves"]) == sorted(adam["sgd"]) == [1e-6, 1.0, 1000.0], adam
    assert all(len(pairs) == 3 for pairs in adam["moves"].values()), adam


def readouts(page) -> dict[str, int]:
    node = page.locator("[data-lr2-reached]")
    return {
        "reached": int(node.get_attribute("data-lr2-reached")),
        "blowup": int(node.get_attribute("data-lr2-blowup")),
    }


@pytest.mark.parametrize("lang", PAGES)
def test_presets_give_the_chapter_s_step_counts(page, base_url: str, lang: str) -> None:
    """Each preset's readout equals the step count its snippet printed."""
    page.goto(base_url + PAGES[lang])
    for preset, expected in expected_presets().items():
        page.click(f'button[data-preset="{preset}"]')
        shown = readouts(page)
        for key, value in expected.items():
            assert shown[key] == value, f"{preset}: {key} {shown[key]} != {value}"
        assert "l1=" in page.evaluate("location.search"), "the settings are not in the URL"
    assert page.watcher.errors == []


# Two runs whose w1 passes the type's smallest normal number while the table shows it:
# float32 at a factor 0.1 per step (update 39), float64 at about 5e-8 (update 43). A
# browser that kept the subnormal value would differ from TensorFlow, which flushes it.
SUBNORMAL = {
    39: {"l1": "1", "lr": "0.9", "dtype": "float32", "steps": "60"},
    44: {"l1": "1000", "lr": "0.001", "dtype": "float64", "steps": "44"},
}
# Two runs whose loss overflows (a factor -9 per update): both stop at the same update.
OVERFLOW = [
    {"l1": "1000", "lr": "0.01", "dtype": dtype, "steps": "400"} for dtype in ("float32", "float64")
]
for _run in [*SUBNORMAL.values(), *OVERFLOW]:
    _run |= {"l2": "2", "angle": "0", "opt": "sgd", "beta": "0", "w1": "3", "w2": "-0.5"}
    _run |= {"sigma": "0", "seed": "1"}


@pytest.mark.parametrize("lang", PAGES)
def test_noise_presets_replay_the_chapter_s_noisy_runs(page, base_url: str, lang: str) -> None:
    """The same w after updates 1-3 and the same mean loss as momentum_noise.py printed."""
    page.goto(base_url + PAGES[lang])
    for preset, expected in expected_noise().items():
        page.click(f'button[data-preset="{preset}"]')
        page.click('[data-lr2-control="end"]')  # a preset opens at its start
        rows = table(page)
        for step, (w1, w2) in expected["rows"].items():
            shown = tuple(f"{float(v):.6f}" for v in rows[step][:2])
            assert shown == (w1, w2), f"{preset}, update {step}: {shown} != {(w1, w2)}"
        settled = float(page.get_attribute("[data-lr2-settled]", "data-lr2-settled"))
        assert f"{settled:.4g}" == expected["mean"], f"{preset}: mean loss {settled}"
        sentence = page.inner_text("[data-lr2-settled]")
        first, last = expected["span"]
        assert expected["mean"] in sentence and str(first) in sentence and str(last) in sentence
    assert page.watcher.errors == []


@pytest.mark.parametrize("lang", PAGES)
def test_comparison_presets_draw_the_chapter_s_pairs(page, base_url: str, lang: str) -> None:
    """A and B side by side: SGD at its best rate and tuned heavy ball at κ = 100, and the
    two noisy runs; each run's readout is the one its snippet printed."""
    steps, noise = expected_presets(), expected_noise()
    pairs = {
        "cmp100": ("data-lr2-reached", steps["gd100"]["reached"], steps["hb100"]["reached"]),
        "cmpnoise": ("data-lr2-settled", noise["noisegd"]["mean"], noise["noisehb"]["mean"]),
    }
    page.goto(base_url + PAGES[lang])
    for preset, (attribute, a, b) in pairs.items():
        page.click(f'button[data-preset="{preset}"]')
        shown = [
            page.get_attribute(f"[{name}]", name)
            for name in (attribute, attribute.replace("lr2", "lr2b"))
        ]
        if attribute.endswith("settled"):
            shown = [f"{float(v):.4g}" for v in shown]
        assert shown == [str(a), str(b)], f"{preset}: A, B = {shown}, want {a}, {b}"
        assert page.locator(".lr2-legend").is_visible()
    assert page.watcher.errors == []


def test_paths_presets_give_every_number_paths_2d_prints(page, base_url: str) -> None:
    """paths_2d.py's three runs from (1, 2): heavy ball's first w1 and that its loss rises,
    the first step with a loss below 1e-14 for gradient descent and heavy ball (the rows
    before and at it, shown through the address), and Adam's lowest loss and its loss at
    step 100, each as the snippet prints it."""
    out = recorded("beyond-one-dimension/paths_2d.out")
    first = re.search(r"first step to w1 = (\S+), loss higher after it: (\w+)", out)
    below = re.search(r"loss below 1e-14 from step (\d+) \(GD\), (\d+) \(heavy ball\)", out)
    adam = re.search(r"Adam: lowest loss at step (\d+), (\S+) at step 100", out)
    assert first and below and adam, out
    page.goto(base_url + PAGES["en"])
    page.click('button[data-preset="paths"]')
    page.get_by_role("button", name="Go to the end", exact=True).click()
    rows = table(page)
    assert f"{float(rows[1][3]):.1f}" == first.group(1)
    assert str(float(rows[1][5]) > float(rows[0][5])) == first.group(2)
    query = re.sub(r"at=\w+", "at={}", page.url.split("?", 1)[1])
    for column, step in ((2, int(below.group(1))), (5, int(below.group(2)))):
        losses = []
        for at in (step - 1, step):
            page.goto(base_url + PAGES["en"] + "?" + query.format(at))
            losses.append(float(table(page)[at][column]))
        assert losses[0] >= 1e-14 > losses[1], (column, step, losses)
    page.goto(base_url + PAGES["en"])
    page.click('button[data-preset="pathsadam"]')
    page.get_by_role("button", name="Go to the end", exact=True).click()
    assert page.get_attribute("[data-lr2-lowest]", "data-lr2-lowest") == adam.group(1)
    assert f"{float(table(page)[100][2]):.0e}" == adam.group(2)
    assert f"after update {adam.group(1)} (" in page.inner_text("[data-lr2-lowest]")
    assert page.watcher.errors == []


def lab(name: str) -> tuple[str, str]:
    """A snippet of the chapter's lab and what the stored English notebook shows it print
    (test_notebooks checks those outputs against a real run)."""
    code = (snippet_root() / "beyond-one-dimension" / name).read_text(encoding="utf-8")
    notebook = json.loads((ROOT / "docs" / "beyond-one-dimension-lab.en.ipynb").read_text())
    first = code.splitlines()[0]
    cells = [
        c
        for c in notebook["cells"]
        if c["cell_type"] == "code" and "".join(c["source"]).startswith(first)
    ]
    assert len(cells) == 1, (name, len(cells))
    printed = [o for o in cells[0]["outputs"] if o["output_type"] == "stream"]
    return code, "".join("".join(o["text"]) for o in printed)


def setting(code: str, name: str) -> float:
    """A number a snippet sets at the start of a line: `name = 0.18` (or `a, name = …, 40`)."""
    found = re.findall(rf"^(?:\w+, )?{name} = (?:\[\w+\], )?([\d.]+)\b", code, re.M)
    assert len(found) == 1, (name, found)
    return float(found[0])


def test_lab_presets_give_what_the_lab_prints(page, base_url: str) -> None:
    """The lab's two explorations as they open, with their settings read from the snippets:
    lab_paths.py's gradient descent and heavy ball give |w| after the last step as it
    prints them and gradient descent's stability limit; lab_adam.py's Adam gives its first
    three moves and the step from which the loss stays below a millionth of the start's."""
    code, out = lab("lab_paths.py")
    limit = re.search(r"^stable while lr < (\S+) \(GD\)", out, re.M)
    after = re.search(r"^\|w\| after (\d+) steps: (\S+) \(GD\), (\S+) \(heavy ball\)", out, re.M)
    assert limit and after, out
    page.goto(base_url + PAGES["en"])
    page.click('button[data-preset="labpaths"]')
    fields = {n: float(page.input_value(f"[name={n}]")) for n in ("l1", "lr", "lr2", "beta2")}
    want = {"l1": "kappa", "lr": "lr", "lr2": "lr", "beta2": "beta"}
    assert fields == {field: setting(code, name) for field, name in want.items()}, fields
    assert page.input_value("[name=opt]") == "sgd" and page.input_value("[name=opt2]") == "momentum"
    assert int(page.input_value("[name=steps]")) == setting(code, "steps") == int(after.group(1))
    page.click('[data-lr2-control="end"]')
    row = table(page)[int(after.group(1))]
    sizes = [f"{math.hypot(float(row[i]), float(row[i + 1])):.1e}" for i in (0, 3)]
    assert sizes == [after.group(2), after.group(3)], (sizes, out)
    shown = page.locator("[data-lr2-limit]").text_content()
    assert shown.startswith("stability limit 2/λmax = "), shown
    assert f"{float(shown.rsplit(' ', 1)[1]):.3f}" == limit.group(1), (shown, out)

    code, out = lab("lab_adam.py")
    moves = re.search(r"^first moves \(w1, w2\): (.*)$", out, re.M)
    below = re.search(r"^loss / start stays below 1e-6 from step (\d+)$", out, re.M)
    assert moves and below, out
    assert (setting(code, "scale"), "turned = False" in code) == (1.0, True), code
    page.click('button[data-preset="labadam"]')
    assert page.input_value("[name=opt]") == "adam"
    fields = {n: float(page.input_value(f"[name={n}]")) for n in ("l1", "lr", "steps")}
    assert fields == {"l1": setting(code, "kappa"), "lr": setting(code, "lr"), "steps": 2000.0}
    assert setting(code, "steps") == 2000.0, code
    assert stays(page) == int(below.group(1))
    page.click('[data-lr2-control="end"]')
    w = [[float(x) for x in row[:2]] for row in list(table(page).values())[:4]]
    shown = [f"({a[0] - b[0]:.4f}, {a[1] - b[1]:.4f})" for a, b in itertools.pairwise(w)]
    assert " ".join(shown) == moves.group(1), (shown, out)
    assert page.watcher.errors == []


def test_adamw_preset_gives_what_adamw_decay_py_prints(page, base_url: str) -> None:
    """AdamW against plain Adam, as adamw_decay.py runs them (its settings read from the
    snippet): w1 and w2 of each at every step it prints, to its 7 decimals."""
    code = (snippet_root() / "beyond-one-dimension" / "adamw_decay.py").read_text("utf-8")
    out = recorded("beyond-one-dimension/adamw_decay.out")
    rows = re.findall(r"^ +(\d+)((?: +-?\d+\.\d{7}){4})$", out, re.M)
    assert [int(step) for step, _ in rows] == [1, 2, 10, 50], out
    assert "lam = tf.constant([10.0, 1.0], tf.float64)" in code
    assert "tf.Variable([1.0, 1.0], dtype=tf.float64)" in code
    assert "AdamW(learning_rate=0.01, weight_decay=wd)" in code
    assert "Adam(learning_rate=0.01),  # no decay" in code
    assert "range(1, 51)" in code and "apply_gradients" in code and "tf.function" not in code
    page.goto(base_url + PAGES["en"])
    page.click('button[data-preset="adamw"]')
    fields = {n: page.input_value(f"[name={n}]") for n in ("opt", "opt2", "mode", "mode2")}
    assert fields == {"opt": "adam", "opt2": "adam", "mode": "eager", "mode2": "eager"}
    numbers = ("l1", "l2", "w1", "w2", "lr", "lr2", "wd", "wd2", "steps", "eps", "sigma")
    fields = {n: float(page.input_value(f"[name={n}]")) for n in numbers}
    assert fields == {
        "l1": 10.0,
        "l2": 1.0,
        "w1": 1.0,
        "w2": 1.0,
        "lr": 0.01,
        "lr2": 0.01,
        "wd": setting(code, "wd"),
        "wd2": 0.0,
        "steps": 50.0,
        "eps": 1e-7,  # Keras's default, which the snippet keeps
        "sigma": 0.0,
    }
    assert page.input_value("[name=dtype]") == "float64"
    for name in ("b1", "b1b", "b2", "b2b"):  # Keras's defaults
        assert page.input_value(f"[name={name}]") == {"1": "0.9", "2": "0.999"}[name[1]]
    page.click('[data-lr2-control="end"]')
    shown = table(page)
    for step, printed in rows:
        row = shown[int(step)]
        mine = [f"{float(row[i]):.7f}" for i in (0, 1, 3, 4)]
        assert mine == printed.split(), (step, mine, printed)
    assert "A: Adam, η = 0.01, β₁ = 0.9, β₂ = 0.999, weight decay wd = 0.1" in page.inner_text(
        ".lr2-legend"
    )
    assert page.watcher.errors == []


def expected_schedule_rates() -> dict[str, dict[int, str]]:
    """The rate table schedules_compared.py prints: each schedule's rate (5 decimals), by
    column title, at each printed step."""
    out = recorded("keras-training/schedules_compared.out")
    head, *rows = out.split("\n\n")[0].splitlines()[:10]
    names = head.split()[1:]
    found: dict[str, dict[int, str]] = {name: {} for name in names}
    for row in rows:
        step, *rates = row.split()
        for name, rate in zip(names, rates, strict=True):
            found[name][int(step)] = rate
    return found


def keras_preset_settings(preset: str) -> dict[str, str | float]:
    """What a preset of schedules_compared.py must set, from that snippet: its steps, peak,
    warm-up and cooldown (as the page's facts read them), its OneCycle's defaults, eagerly;
    gradient descent in float64 on the explorer's bowl with λ₁ = 5 (as the page says), from
    (1, 1), without noise."""
    code = (snippet_root() / "keras-training" / "schedules_compared.py").read_text()
    page_facts = facts.load("explorer-2d")
    keys = ("keras_updates", "keras_peak", "keras_warmup", "keras_cooldown")
    n, peak, warm, cool = (page_facts[key] for key in keys)
    init = next(
        node
        for node in ast.walk(ast.parse(code))
        if isinstance(node, ast.FunctionDef)
        and node.name == "__init__"
        and "final_div" in [a.arg for a in node.args.args]
    )
    defaults = {
        a.arg: ast.literal_eval(d)
        for a, d in zip(init.args.args[::-1], init.args.defaults[::-1], strict=False)
    }
    return {
        "l1": 5.0, "l2": 1.0, "angle": 0.0, "w1": 1.0, "w2": 1.0, "sigma": 0.0,
        "opt": "sgd", "opt2": "sgd", "dtype": "float64", "mode": "eager", "mode2": "eager",
        "steps": n, "lr": peak, "lr2": peak, "sched": "warmup", "warm": warm, "alpha": 0.0,
        "dsteps": (2 * n if preset == "schedlong" else n) - warm,
        "total": n, "pct": defaults["pct"], "div": defaults["div"], "fdiv": defaults["final_div"],
        "dstart": n - cool, "cool": cool,
        "sched2": "onecycle" if preset == "schedonecycle" else "wsd",
    }  # fmt: skip


# The presets of schedules_compared.py: its columns as A and B.
SCHEDULE_PRESETS = {
    "schedonecycle": ("cosine", "one-cycle"),
    "schedwsd": ("cosine", "WSD"),
    "schedlong": ("cosine/192", "WSD"),
}


def test_schedule_presets_give_every_rate_schedules_compared_prints(page, base_url: str) -> None:
    """The Keras chapter's rate table: at every step it prints, the "next η" of A and of B in
    the table (the rate of the update after that row, so row 96 shows step 96's) is the rate
    it prints for that schedule, to its 5 decimals; all four schedules appear."""
    expected = expected_schedule_rates()
    assert sorted(expected) == ["WSD", "cosine", "cosine/192", "one-cycle"], expected
    assert {name for pair in SCHEDULE_PRESETS.values() for name in pair} == set(expected)
    assert all(len(rates) == 9 for rates in expected.values()), expected
    for preset, (a, b) in SCHEDULE_PRESETS.items():
        page.goto(base_url + PAGES["en"])
        page.click(f'button[data-preset="{preset}"]')
        query = re.sub(r"at=\w+", "at={}", page.url.split("?", 1)[1])
        shown = dict(parse_qsl(query))
        for name, want in keras_preset_settings(preset).items():
            value = shown[name] if isinstance(want, str) else float(shown[name])
            assert value == want, f"{preset}: {name} = {shown[name]}, want {want}"
        for step in expected[a]:
            page.goto(base_url + PAGES["en"] + "?" + query.format(step))
            row = table(page)[step]
            shown = (f"{float(row[3]):.5f}", f"{float(row[7]):.5f}")
            want = (expected[a][step], expected[b][step])
            assert shown == want, f"{preset}, step {step}: A, B = {shown}, want {want}"
    assert page.watcher.errors == []


def test_limits_presets_give_every_number_of_momentum_limits_runs(page, base_url: str) -> None:
    """momentum_limits.py's runs: at 0.95 × the limit |w| after 300 steps (w₁), at 1.05 × the
    step where |w| first passes 1e6 (w₂, the rows before and at it); at h = 0.04 the sign
    changes of w in 60 steps and w at every sixth step (A and B: two values of β each)."""
    out = recorded("beyond-one-dimension/momentum_limits.out")
    betas = ["0", "0.5", "0.64", "0.9"]
    settled = re.findall(r"\|w\| = (\S+) after 300 steps", out)
    diverged = [int(n) for n in re.findall(r"diverged \(\|w\| > 1e6\) at step (\d+)", out)]
    flips = [int(n) for n in re.findall(r"; (\d+) flips$", out, re.M)]
    rows = re.findall(r"^ *(\d+)((?: +-?\d+\.\d{6}){4})$", out, re.M)
    path = {int(step): values.split() for step, values in rows}
    assert len(settled) == len(diverged) == len(flips) == 4 and len(path) == 11, out
    for beta, small, step in zip(betas, settled, diverged, strict=True):
        page.goto(base_url + PAGES["en"])
        page.click(f'button[data-preset="limits{beta}"]')
        page.get_by_role("button", name="Go to the end", exact=True).click()
        assert f"{abs(float(table(page)[300][0])):.1e}" == small, beta
        query = re.sub(r"at=\w+", "at={}", page.url.split("?", 1)[1])
        sizes = []
        for at in (step - 1, step):
            page.goto(base_url + PAGES["en"] + "?" + query.format(at))
            sizes.append(abs(float(table(page)[at][1])))
        assert sizes[0] <= 1e6 < sizes[1], (beta, step, sizes)
    for pair, (a, b) in {"rings0": (0, 1), "rings0.64": (2, 3)}.items():
        page.goto(base_url + PAGES["en"])
        page.click(f'button[data-preset="{pair}"]')
        page.get_by_role("button", name="Go to the end", exact=True).click()
        query = re.sub(r"at=\w+", "at={}", page.url.split("?", 1)[1])
        shown = {}
        for at in (40, *range(41, 61)):  # the table shows rows 0 … 40 and the current one
            page.goto(base_url + PAGES["en"] + "?" + query.format(at))
            shown |= table(page)
        for column, run in ((0, a), (3, b)):
            w = [float(shown[t][column]) for t in range(61)]
            assert int(np.sum(np.diff(np.sign(w)) != 0)) == flips[run], (pair, run)
            for t, values in path.items():
                assert f"{w[t]:.6f}" == values[run], (pair, run, t)
    assert page.watcher.errors == []


def stays(page) -> int:
    return int(page.get_attribute("[data-lr2-stays]", "data-lr2-stays"))


@pytest.mark.parametrize("lang", PAGES)
def test_adam_presets_give_adam_py_s_step_counts(page, base_url: str, lang: str) -> None:
    """Each Adam preset: the update from which the loss stays below a millionth of the
    start's, as adam.py printed it; and it says so in its sentence."""
    expected = expected_adam()["stays"]
    page.goto(base_url + PAGES[lang])
    for preset, run in ADAM_PRESETS.items():
        page.click(f'button[data-preset="{preset}"]')
        assert stays(page) == expected[run], f"{preset}: {stays(page)} != {expected[run]}"
        assert str(expected[run]) in page.inner_text("[data-lr2-stays]")
    assert page.watcher.errors == []


def test_all_of_adam_py_s_runs_give_its_numbers(page, base_url: str) -> None:
    """All ten Adam runs of adam.py through the address (step counts), the first three moves
    of three of them from the table, and SGD's first move and fate on the three losses."""
    expected = expected_adam()
    for (kappa, turned, scale), steps in expected["stays"].items():
        page.goto(base_url + PAGES["en"] + "?" + urlencode(adam_settings(kappa, turned, scale)))
        assert stays(page) == steps, (kappa, turned, scale)
        if (kappa, turned) == (10.0, False):
            page.click('[data-lr2-control="end"]')
            w = [[float(x) for x in row[:2]] for row in list(table(page).values())[:4]]
            moves = [(f"{a[0] - b[0]:.6f}", f"{a[1] - b[1]:.6f}") for a, b in itertools.pairwise(w)]
            assert moves == [tuple(pair) for pair in expected["moves"][scale]], scale
    for scale, (move, fate) in expected["sgd"].items():
        settings = adam_settings(10.0, False, scale) | {"opt": "sgd", "steps": "3"}
        page.goto(base_url + PAGES["en"] + "?" + urlencode(settings))
        page.click('[data-lr2-control="end"]')
        w = [[float(x) for x in row[:2]] for row in table(page).values()]
        assert (f"{1 - w[1][0]:.4g}", f"{1 - w[1][1]:.4g}") == move, scale
        big = [n for n in (1, 2, 3) if max(abs(x) for x in w[n]) > 1e6]
        assert (f"diverged at step {big[0]}" if big else "no") == fate, scale
    assert page.watcher.errors == []


# Every β the explorer offers, every t up to its most updates: tf.pow on 0-D tensors in a
# graph loop (as in Keras's train step), and the file of exceptions written from them.
POWERS = """
import json
from sitegate import powers

values = {
    dtype: {beta: powers.tensorflow_powers(beta, dtype, powers.STEPS) for beta in powers.betas()}
    for dtype in powers.BITS
}
print(json.dumps({"source": powers.source(powers.table()), "values": values}))
"""


def test_adam_s_powers_are_tensorflow_s(page, base_url: str) -> None:
    """β^t in the explorer equals tf.pow's for every offered β and t while β^t ≥ 2^-(p+2),
    and 1 - β^t equals TensorFlow's for every t ≤ 10000; adam-powers.js is the file
    sitegate.powers writes from this TensorFlow (red when stale)."""
    (tf_run,) = in_tensorflow(POWERS, [{}])
    assert powers.TARGET.read_text(encoding="utf-8") == tf_run["source"], (
        "docs/javascripts/adam-powers.js is stale: run python -m sitegate.powers"
    )
    page.goto(base_url + PAGES["en"])
    for dtype, by_beta in tf_run["values"].items():
        cast = np.dtype(dtype).type
        floor = 2.0 ** -(powers.BITS[dtype] + 2)
        for beta, theirs in by_beta.items():
            mine = page.evaluate(f"window.lrExplorer2d.powers('{beta}', '{dtype}', 10000)")[1:]
            for t, (x, y) in enumerate(zip(mine, theirs, strict=True), start=1):
                if y >= floor:
                    assert x == y, f"{dtype}, β = {beta}, t = {t}: page {x!r}, TensorFlow {y!r}"
                assert cast(1) - cast(x) == cast(1) - cast(y), (dtype, beta, t)
    assert page.watcher.errors == []


def test_float32_powers_do_not_depend_on_fma_but_float64_ones_do() -> None:
    """What the page says: glibc's powf gives the same β^t with and without FMA (an older
    x86 CPU, simulated with GLIBC_TUNABLES), so the float32 list holds on both; its pow
    (float64) does not, so the float64 list is that of a CPU with FMA."""
    script = POWERS.replace('"source": powers.source(powers.table()), ', "")
    (with_fma,) = in_tensorflow(script, [{}])
    older = {"GLIBC_TUNABLES": "glibc.cpu.hwcaps=-AVX2,-FMA,-AVX512F,-AVX"}
    (without,) = in_tensorflow(script, [{}], env=older)
    assert with_fma["values"]["float32"] == without["values"]["float32"]
    if with_fma["values"]["float64"] == without["values"]["float64"]:
        pytest.skip("this CPU has no FMA, so glibc's pow takes the same path either way")
    # ... and for some β the difference reaches 1 - β^t, so Adam's step can differ.
    one = np.float64(1)
    reaching = [
        beta
        for beta, theirs in without["values"]["float64"].items()
        if any(
            one - x != one - y
            for x, y in zip(with_fma["values"]["float64"][beta], theirs, strict=True)
        )
    ]
    assert reaching, "without FMA, float64 pow never changes 1 - β^t"


def chapter_classes() -> str:
    """The source of the Keras chapter's schedule classes (OneCycle, WarmupStableDecay), as
    schedules_compared.py defines them: the explorer is checked against the chapter's code."""
    source = (snippet_root() / "keras-training" / "schedules_compared.py").read_text("utf-8")
    classes = [node for node in ast.parse(source).body if isinstance(node, ast.ClassDef)]
    assert {node.name for node in classes} == {"OneCycle", "WarmupStableDecay"}
    return "\n\n".join(
        ["Schedule = tf.keras.optimizers.schedules.LearningRateSchedule"]
        + [ast.get_source_segment(source, node) for node in classes]
    )


# The explorer's schedule as a Keras schedule object, for the scripts below.
KERAS_SCHEDULE = (
    "\n"
    + chapter_classes()
    + """

KERAS = tf.keras.optimizers.schedules


def schedule(run, lr):
    # the explorer's schedule as a Keras object (or the constant rate)
    kind = run.get("sched", "constant")
    if kind == "constant":
        return lr
    if kind == "onecycle":
        args = int(run["total"]), float(run["pct"]), float(run["div"]), float(run["fdiv"])
        return OneCycle(lr, *args)
    if kind == "wsd":
        return WarmupStableDecay(lr, int(run["warm"]), int(run["dstart"]), int(run["cool"]))
    steps, stair = int(run["dsteps"]), run.get("stair", "0") == "1"
    if kind == "exponential":
        return KERAS.ExponentialDecay(lr, steps, float(run["rate"]), staircase=stair)
    if kind == "inverse":
        return KERAS.InverseTimeDecay(lr, steps, float(run["rate"]), staircase=stair)
    alpha = float(run.get("alpha", "0"))
    if kind == "cosine":
        return KERAS.CosineDecay(lr, steps, alpha=alpha)
    warm = int(run["warm"])
    return KERAS.CosineDecay(0.0, steps, alpha=alpha, warmup_target=lr, warmup_steps=warm)
"""
)


# The chapter's classes' settings.
CLASS_SETTINGS = ("total", "pct", "div", "fdiv", "dstart", "cool")


def class_settings(rng: random.Random) -> dict[str, str]:
    """Random settings of the chapter's OneCycle and WarmupStableDecay (WSD's warm-up is the
    warm setting, shared with Keras's warm-up)."""
    return {
        "total": str(rng.choice([1, 7, 50, 96, 333, 2000])),
        "pct": rng.choice(["0.3", "0.25", "0.45", "0.1", "0.58", "0.999", "0.000001"]),
        "div": rng.choice(["25", "10", "3.7", "1", "1.001"]),
        "fdiv": rng.choice(["10000", "100", "7", "1"]),
        "dstart": str(rng.choice([0, 40, 72, 500])),
        "cool": str(rng.choice([1, 24, 100, 1777])),
    }


def page_rates(page, setting: dict[str, str], count: int) -> np.ndarray:
    """The explorer's schedule at steps 0 … count - 1 (float32)."""
    cfg = {"lr": 1, "stair": False, "alpha": 0, "warm": 1} | setting
    for name in ("lr", "alpha", "warm", *CLASS_SETTINGS):  # numbers, as the page reads them
        if name in cfg:
            cfg[name] = float(cfg[name])
    data = page.evaluate("([cfg, n]) => window.lrExplorer2d.rates(cfg, n)", [cfg, count])
    return np.frombuffer(base64.b64decode(data), dtype=np.float32)


def first_difference(mine: np.ndarray, theirs: np.ndarray) -> str:
    n = int(np.flatnonzero(mine != theirs)[0])
    return f"step {n}: page {mine[n]!r}, TensorFlow {theirs[n]!r}"


def test_schedule_powers_and_cosines_are_tensorflow_s(page, base_url: str) -> None:
    """In both modes (a tf.function's graph, eager), for every offered decay rate and
    decay_steps and every step up to the most updates, the explorer's decay_rate^p is the one
    in Keras's ExponentialDecay(1.0, …), and its cosine decay 0.5 (1 + cos) the one TensorFlow's
    cos gives; schedule-fixes.js is the file sitegate.schedules writes from this TensorFlow
    (red when stale)."""
    values = {mode: schedules.tensorflow_values(mode) for mode in schedules.MODES}
    assert schedules.TARGET.read_text(encoding="utf-8") == schedules.source(
        schedules.table(values)
    ), "docs/javascripts/schedule-fixes.js is stale: run python -m sitegate.schedules"
    page.goto(base_url + PAGES["en"])
    half, one = np.float32(0.5), np.float32(1)
    for mode, found in values.items():
        rows = iter(found["powers"])
        whole = {}  # decay_steps 1: the powers at whole exponents, which a staircase uses
        for rate, steps in itertools.product(schedules.RATES, schedules.DECAY_STEPS):
            setting = {"sched": "exponential", "rate": rate, "dsteps": str(steps), "mode": mode}
            mine = page_rates(page, setting, schedules.STEPS)
            theirs = np.asarray(next(rows), dtype=np.float32)
            whole.setdefault(rate, theirs)
            assert np.array_equal(mine, theirs), (setting, first_difference(mine, theirs))
            # lr = 10: the product is flushed to zero below float32's smallest normal number
            mine = page_rates(page, setting | {"lr": 10}, schedules.STEPS)
            scaled = np.float32(10) * theirs
            scaled[np.abs(scaled) < np.float32(2.0**-126)] = 0
            assert np.array_equal(mine, scaled), (setting, first_difference(mine, scaled))
            # staircase: decay_steps 1's power at the floor of this mode's p
            mine = page_rates(page, setting | {"stair": True}, schedules.STEPS)
            p = np.floor(schedules.fractions(schedules.STEPS, steps, mode)).astype(int)
            other = schedules.fractions(schedules.STEPS, steps, "eager")
            assert np.array_equal(p, np.floor(other)), "a staircase's p depends on the mode"
            stairs = whole[rate][p]
            assert np.array_equal(mine, stairs), (setting, first_difference(mine, stairs))
        for steps, cosines in zip(schedules.DECAY_STEPS, found["cosines"], strict=True):
            setting = {"sched": "cosine", "dsteps": str(steps), "mode": mode}
            mine = page_rates(page, setting, steps + 1)
            theirs = half * (one + np.asarray(cosines[: steps + 1], dtype=np.float32))
            assert np.array_equal(mine, theirs), (setting, first_difference(mine, theirs))
    assert page.watcher.errors == []


def test_schedule_lists_do_not_depend_on_fma() -> None:
    """What the page says: glibc's powf and cosf give TensorFlow the same values at every
    listed argument with and without FMA (an older x86 CPU, simulated with GLIBC_TUNABLES),
    so the lists hold on both."""
    older = {"GLIBC_TUNABLES": "glibc.cpu.hwcaps=-AVX2,-FMA,-AVX512F,-AVX"}
    for mode in schedules.MODES:
        assert schedules.tensorflow_values(mode) == schedules.tensorflow_values(mode, older)


# Keras's schedule objects at steps 0 … count - 1: in a graph loop (mode graph), or eagerly
# one step at a time (mode eager, the first steps and those the lists name).
SCHEDULES = (
    """
import json, sys
import numpy as np
import tensorflow as tf
"""
    + KERAS_SCHEDULE
    + """

for line in sys.stdin:
    run = json.loads(line)
    rate = schedule(run, float(run["lr"]))
    if run["mode"] == "graph":
        def body(k, out):
            return k + 1, out.write(k, rate(k))
        def loop():
            out = tf.TensorArray(tf.float32, size=run["count"])
            return tf.while_loop(lambda k, o: k < run["count"], body, (0, out))[1].stack()
        values = tf.function(loop)().numpy().tolist()
    else:
        values = [float(rate(k)) for k in run["at"]]
    print(json.dumps(values))
"""
)


# The sweeps draw decay steps from the round ones (88 and 184, for the Keras chapter's presets,
# are checked at every step by the lists' test and by those presets).
SWEPT_STEPS = [n for n in schedules.DECAY_STEPS if n not in (88, 184)]
KERAS_STEPS = 3000  # compared in a graph at every step below this (the page says so)
EAGER_FIRST = 200  # and eagerly at the first steps, and where a list moves a value


# One-cycle settings where a slip in the explorer's order of operations shows (found by an
# attack): the folded rise, the comparison with float32 pct·total, the fall's double.
CLASS_CASES = [
    {"sched": "onecycle", "lr": "0.606", "total": "200", "pct": "0.1", "div": "10"},
    {"sched": "onecycle", "lr": "0.001659", "total": "100", "pct": "0.55", "div": "1000"},
    {
        "sched": "onecycle",
        "lr": "0.020036",
        "total": "96",
        "pct": "0.5",
        "div": "20.406434681433456",
    },
    {"sched": "onecycle", "lr": "0.00001", "total": "200", "pct": "0.2", "div": "3.7", "fdiv": "1"},
    # the widest settings the page accepts
    {"sched": "onecycle", "lr": "10", "total": "10000", "pct": "0.000001", "div": "1000000"},
    {"sched": "onecycle", "lr": "0.00001", "total": "1", "pct": "0.999", "fdiv": "1000000000"},
]
for _case in CLASS_CASES:
    _case.setdefault("div", "25")
    _case.setdefault("fdiv", "7251.18")


def test_every_schedule_is_keras_s(page, base_url: str) -> None:
    """Random schedules of every kind (rates, decay rates and steps, staircase, alpha, warm-up,
    the chapter's classes' settings) give Keras's rates and the classes' rates: in a graph at
    every step below KERAS_STEPS, eagerly at the first EAGER_FIRST steps and at every step
    below KERAS_STEPS that the eager lists name (for the classes, at every step)."""
    rng = random.Random(27)  # noqa: S311 - a fixed sweep
    eager = schedules.MODES[1]
    cases = []
    classes = ("onecycle", "wsd")
    for kind in ("exponential", "inverse", "cosine", "warmup", *classes):
        draws = range(4) if kind in classes else [0]  # the classes: more settings, every step
        for mode, stair, _ in itertools.product(schedules.MODES, ("0", "1"), draws):
            if stair == "1" and kind not in ("exponential", "inverse"):
                continue
            case = {
                "sched": kind,
                "lr": f"{10 ** rng.uniform(-3, 0.5):.4g}",
                "rate": rng.choice(schedules.RATES),
                "dsteps": str(rng.choice(SWEPT_STEPS[:8])),
                "stair": stair,
                "alpha": rng.choice(["0", "0.05", "0.3", "0.9", "0.999"]),
                "warm": str(rng.choice([1, 7, 100, 600])),
                "mode": mode,
                "count": KERAS_STEPS,
            }
            if kind in classes:
                case |= class_settings(rng)
            listed = fix_steps(case) if mode == eager else set()
            if kind in classes:
                listed = set(range(KERAS_STEPS))
            case["at"] = sorted(set(range(EAGER_FIRST)) | {n for n in listed if n < KERAS_STEPS})
            cases.append(case)
    for case, mode in itertools.product(CLASS_CASES, schedules.MODES):
        at = list(range(KERAS_STEPS))
        cases.append({"stair": "0", "alpha": "0", "warm": "1"} | case | {"mode": mode, "at": at})
        cases[-1]["count"] = KERAS_STEPS
    values = in_tensorflow(SCHEDULES, cases)
    page.goto(base_url + PAGES["en"])
    for case, found in zip(cases, values, strict=True):
        cfg = {k: v for k, v in case.items() if k not in ("count", "at")}
        cfg |= {"stair": case["stair"] == "1"}
        mine = page_rates(page, cfg, case["count"])
        theirs = np.asarray(found, dtype=np.float32)
        if case["mode"] == eager:
            mine = mine[case["at"]]
        assert np.array_equal(mine, theirs), (case | {"at": "…"}, first_difference(mine, theirs))
    assert page.watcher.errors == []


# Fixed schedules where the graph's rewrites change the rate (the fold of π, of the decay
# rate, the reciprocal of 10): each in a graph and eagerly at every step.
REWRITTEN = [
    {"sched": "exponential", "lr": "1", "rate": "0.96", "dsteps": "10", "stair": "0"},
    {"sched": "inverse", "lr": "0.37", "rate": "0.96", "dsteps": "10", "stair": "0"},
    {"sched": "cosine", "lr": "0.7", "dsteps": "1000", "alpha": "0.1"},
    # the chapter's classes: their divisions by constants are rewritten too
    # (η = 0.3: η − η/div rounded once, in double, differs from float32 η − float32 η/div)
    {"sched": "onecycle", "lr": "0.3", "total": "96", "pct": "0.3", "div": "25", "fdiv": "1e4"},
    {"sched": "wsd", "lr": "0.2", "warm": "7", "dstart": "72", "cool": "1000"},
]


def test_the_graph_s_rewrites_change_keras_s_rates_as_the_explorer_says(
    page, base_url: str
) -> None:
    """For three of Keras's schedules and the chapter's two classes the explorer gives their
    rates in a graph and eagerly at every step below KERAS_STEPS, and the two modes differ;
    inverse-time decay differs also at steps where the graph's n · (1/10) equals n / 10 (its
    decay rate is folded in)."""
    graph, eager = schedules.MODES
    cases = [
        case | {"mode": mode, "count": KERAS_STEPS, "at": list(range(KERAS_STEPS))}
        for case in REWRITTEN
        for mode in (graph, eager)
    ]
    values = in_tensorflow(SCHEDULES, cases)
    page.goto(base_url + PAGES["en"])
    by_mode = {}
    for case, theirs in zip(cases, values, strict=True):
        cfg = {k: v for k, v in case.items() if k not in ("count", "at")}
        cfg |= {"lr": float(case["lr"]), "stair": False, "alpha": float(case.get("alpha", 0))}
        mine = page_rates(page, cfg, KERAS_STEPS)
        theirs = np.asarray(theirs, dtype=np.float32)
        assert np.array_equal(mine, theirs), (cfg, first_difference(mine, theirs))
        by_mode[case["sched"], case["mode"]] = theirs
    same_p = schedules.fractions(KERAS_STEPS, 10, graph) == schedules.fractions(
        KERAS_STEPS, 10, eager
    )
    for case in REWRITTEN:
        apart = by_mode[case["sched"], graph] != by_mode[case["sched"], eager]
        assert apart.any(), f"{case['sched']}: the graph gives the eager rates"
    inverse = by_mode["inverse", graph] != by_mode["inverse", eager]
    assert (inverse & same_p).any(), "inverse-time decay differs only where p does"
    assert page.watcher.errors == []


# Adam's weight decay alone (a zero gradient moves nothing else) on a vector of weights,
# or on a scalar: eagerly, in a tf.function, in one with Grappler's arithmetic optimiser
# off, in one compiled by XLA, and in model.fit (a Dense kernel whose loss ignores it).
# Prints the weights after.
DECAY_ORDER = """
import json, sys
import numpy as np
import tensorflow as tf
import keras

for line in sys.stdin:
    case = json.loads(line)
    x = np.asarray(case["x"], case["dtype"])
    tf.config.optimizer.set_experimental_options(
        {"arithmetic_optimization": case["how"] != "graph without arithmetic"}
    )
    adam = keras.optimizers.Adam(learning_rate=case["lr"], weight_decay=case["wd"])
    if case["how"] == "fit":
        dense = keras.layers.Dense(x.size, use_bias=False, dtype=case["dtype"])
        model = keras.Sequential([keras.Input((1,)), dense])
        model.layers[0].kernel.assign(x.reshape(1, -1))
        model.compile(optimizer=adam, loss=lambda y, p: 0.0 * tf.reduce_sum(p))
        model.fit(np.ones((1, 1)), np.zeros((1, x.size)), batch_size=1, verbose=0)
        print(json.dumps(model.layers[0].kernel.numpy().ravel().tolist()))
        continue
    w = tf.Variable(x)
    adam.build([w])
    apply = lambda: adam.apply_gradients([(tf.zeros_like(w), w)])  # noqa: E731
    if case["how"] != "eager":
        apply = tf.function(apply, jit_compile=case["how"] == "xla")
    apply()
    print(json.dumps(np.ravel(w.numpy()).tolist()))
"""


def fused(x: np.ndarray, p, dtype: str) -> np.ndarray:
    """x − x·p for each x, rounded once to the type (to nearest; a tie is not expected)."""
    kind = np.dtype(dtype).type
    out = []
    for v in x.tolist():
        exact = Fraction(v) - Fraction(v) * Fraction(float(p))
        near = kind(float(exact))  # rounded twice for float32: try its neighbours too
        nearby = [np.nextafter(near, kind(-np.inf)), near, np.nextafter(near, kind(np.inf))]
        gaps = sorted((abs(Fraction(float(c)) - exact), float(c)) for c in nearby)
        assert gaps[0][0] != gaps[1][0], f"a tie at {v}"
        out.append(gaps[0][1])
    return np.asarray(out, dtype)


def test_a_graph_reorders_adam_s_weight_decay_as_the_explorer_does(page, base_url: str) -> None:
    """Keras decays w by (w × wd) × lr; in a tf.function, and in model.fit on this CPU, a
    vector's decay is w × (wd × lr), the order the explorer uses in a graph, and Grappler's
    arithmetic optimiser is what reorders it; a scalar keeps Keras's order. XLA fuses a
    vector's decay into one multiply-add, rounded once, which the explorer does not compute.
    The orders differ for some weights, and the explorer's two modes then differ too."""
    rng = np.random.default_rng(16)
    cases = []
    for dtype in ("float32", "float64"):
        hows = ["eager", "graph", "graph without arithmetic", "fit"] + ["graph"] * 60
        for k, how in enumerate(hows):  # after the four vectors, sixty scalars in a graph
            lr, wd = (float(np.float32(10 ** rng.uniform(*e))) for e in ((-3, 0), (-3, 1)))
            x = rng.uniform(-5, 5, 400).astype(dtype).tolist() if k < 4 else rng.uniform(-5, 5)
            cases.append({"dtype": dtype, "how": how, "lr": lr, "wd": wd, "x": x})
        x = rng.uniform(-5, 5, 400).astype(dtype).tolist()  # where the three roundings differ
        cases.append({"dtype": dtype, "how": "xla", "lr": 0.13, "wd": 3.7, "x": x})
    got = in_tensorflow(DECAY_ORDER, cases)
    apart = collections.Counter()  # weights whose two orders differ, by type and shape
    for case, after in zip(cases, got, strict=True):
        cast = np.dtype(case["dtype"]).type
        x = np.atleast_1d(np.asarray(case["x"], case["dtype"]))
        wd, lr = cast(np.float32(case["wd"])), cast(np.float32(case["lr"]))
        keras_order = x - (x * wd) * lr
        reordered = x - x * (wd * lr)
        scalar = np.ndim(case["x"]) == 0
        after = np.asarray(after, case["dtype"])
        if case["how"] == "xla":
            assert np.array_equal(after, fused(x, wd * lr, case["dtype"])), case
            assert (after != keras_order).any() and (after != reordered).any(), case
            continue
        want = reordered if case["how"] in ("graph", "fit") and not scalar else keras_order
        assert np.array_equal(after, want), case["how"]
        apart[case["dtype"], scalar] += int(np.sum(keras_order != reordered))
    assert all(apart[key] > 0 for key in itertools.product(("float32", "float64"), (0, 1))), apart
    # The explorer: the same decayed Adam run in a graph and eagerly (float32).
    query = "l1=3&l2=0.5&angle=20&opt=adam&lr=0.05&wd=100&w1=1.5&w2=-2&steps=10&dtype=float32"
    page.goto(base_url + PAGES["en"] + f"?{query}&mode=graph")
    in_graph = table(page)
    page.goto(base_url + PAGES["en"] + f"?{query}&mode=eager")
    assert table(page) != in_graph
    assert page.watcher.errors == []


# model.fit with one weight, a gradient of 1 and the weight set to 0 before every step:
# after the step the weight is minus the rate the step used.
FIT = (
    """
import json, sys
import numpy as np
import tensorflow as tf
import keras
"""
    + KERAS_SCHEDULE
    + """
def applied(rate, count, jit):
    keras.utils.set_random_seed(0)
    dense = keras.layers.Dense(1, use_bias=False, kernel_initializer="zeros")
    model = keras.Sequential([keras.Input((1,)), dense])
    loss = lambda y, prediction: prediction[:, 0]  # d loss / d weight = the input, 1
    model.compile(optimizer=keras.optimizers.SGD(rate), loss=loss, jit_compile=jit)
    rates = []

    class Record(keras.callbacks.Callback):
        def on_train_batch_begin(self, batch, logs=None):
            dense.kernel.assign([[0.0]])

        def on_train_batch_end(self, batch, logs=None):
            rates.append(-float(dense.kernel.numpy()[0, 0]))

    ones = np.ones((count, 1), np.float32)
    model.fit(ones, ones, batch_size=1, verbose=0, shuffle=False, callbacks=[Record()])
    return rates, bool(model.jit_compile)

for line in sys.stdin:
    run = json.loads(line)
    auto, jit = applied(schedule(run, float(run["lr"])), run["count"], "auto")
    xla, _ = applied(schedule(run, float(run["lr"])), run["count"], True)
    print(json.dumps({"auto": auto, "jit": jit, "xla": xla}))
"""
)
FIT_STEPS = 600


def test_model_fit_applies_the_rates_the_explorer_computes_in_a_graph(page, base_url: str) -> None:
    """On this CPU-only machine model.fit (jit_compile "auto": no XLA) applies at every step
    the rate the explorer computes in a graph, for every kind of schedule; with
    jit_compile=True (XLA) it applies other rates for some (the page says the explorer
    does not compute those)."""
    cases = [
        *REWRITTEN,
        {"sched": "exponential", "lr": "0.1", "rate": "0.9", "dsteps": "50", "stair": "1"},
        {"sched": "inverse", "lr": "0.1", "rate": "0.5", "dsteps": "20", "stair": "1"},
        {"sched": "warmup", "lr": "0.1", "dsteps": "1000", "alpha": "0.1", "warm": "10"},
    ]
    cases = [case | {"mode": schedules.MODES[0], "count": FIT_STEPS} for case in cases]
    results = in_tensorflow(FIT, cases)
    page.goto(base_url + PAGES["en"])
    xla_apart = []
    for case, result in zip(cases, results, strict=True):
        assert result["jit"] is False, "model.fit chose XLA on this machine"
        cfg = {k: v for k, v in case.items() if k != "count"}
        cfg |= {"lr": float(case["lr"]), "stair": case.get("stair") == "1"}
        cfg |= {"alpha": float(case.get("alpha", 0)), "warm": int(case.get("warm", 1))}
        mine = page_rates(page, cfg, FIT_STEPS)
        fit = np.asarray(result["auto"], dtype=np.float32)
        assert np.array_equal(mine, fit), (case, first_difference(mine, fit))
        xla_apart.append(bool((np.asarray(result["xla"], dtype=np.float32) != mine).any()))
    assert any(xla_apart), "XLA applies the same rates as the graph for every schedule"
    assert page.watcher.errors == []


def fix_steps(case: dict) -> set[int]:
    """The steps whose power or cosine the explorer moves, for this schedule."""
    mode = schedules.read()[case["mode"]]
    if case["sched"] == "exponential":
        found = mode["power"][case["rate"]]["1" if case["stair"] == "1" else case["dsteps"]]
        if case["stair"] == "1":  # the listed exponent p happens at steps p·decay_steps …
            return {abs(p) * int(case["dsteps"]) + k for p in found for k in range(2)}
        return {abs(n) for n in found}
    if case["sched"] in ("cosine", "warmup"):
        shift = int(case["warm"]) if case["sched"] == "warmup" else 0
        return {abs(k) + shift for k in mode["cosine"][case["dsteps"]]}
    return set()


SHARED = "l1=30&l2=2&angle=20&dtype=float32&w1=2&w2=-1&sigma=0.5&seed=9"


@pytest.mark.parametrize(
    ("alone", "with_b"),
    [  # momentum; Adam with B's own β₁, β₂ (and the shared ε)
        ("opt=momentum&lr=0.04&beta=0.7", "opt=sgd&lr=0.01&opt2=momentum&lr2=0.04&beta2=0.7"),
        (
            "opt=adam&lr=0.04&b1=0.8&b2=0.99&eps=1e-4",
            "opt=adam&lr=0.01&opt2=adam&lr2=0.04&b1b=0.8&b2b=0.99&eps=1e-4",
        ),
        (  # B's own schedule, with the shared schedule settings
            "opt=momentum&lr=0.04&beta=0.7&sched=cosine&dsteps=50&alpha=0.2",
            "opt=sgd&lr=0.01&opt2=momentum&lr2=0.04&beta2=0.7&sched2=cosine&dsteps=50&alpha=0.2",
        ),
        (  # B's schedule computed in its own mode
            "opt=sgd&lr=0.04&sched=exponential&rate=0.96&dsteps=10&mode=eager",
            "opt=sgd&lr=0.01&opt2=sgd&lr2=0.04&sched2=exponential&rate=0.96&dsteps=10&mode2=eager",
        ),
        (  # B's own weight decay, in its own mode (A's decays too, in a graph)
            "opt=adam&lr=0.04&wd=0.5&mode=eager",
            "opt=adam&lr=0.01&wd=2&opt2=adam&lr2=0.04&wd2=0.5&mode2=eager",
        ),
    ],
)
def test_run_b_is_the_same_run_as_a_with_b_s_settings(
    page, base_url: str, alone: str, with_b: str
) -> None:
    """B's columns equal the table of A given B's settings (noise, float32); A keeps its own."""
    page.goto(base_url + PAGES["en"] + f"?{SHARED}&steps=60&{alone}")
    by_itself = {step: row[:3] for step, row in table(page).items()}
    page.goto(base_url + PAGES["en"] + f"?{SHARED}&steps=60&{with_b}")
    both = table(page)
    assert {step: row[3:6] for step, row in both.items()} == by_itself
    assert {step: row[:3] for step, row in both.items()} != by_itself
    assert page.watcher.errors == []


def run_tail(rng: random.Random, steps: tuple[int, int], sigmas: list[float]) -> dict:
    """A random run's length, start, noise level and seed, drawn in that order."""
    return {
        "steps": str(rng.randint(*steps)),
        "w1": f"{rng.uniform(-5, 5):.3g}",
        "w2": f"{rng.uniform(-5, 5):.3g}",
        "sigma": f"{rng.choice(sigmas) * rng.uniform(0.5, 2):.3g}",
        "seed": str(rng.randrange(2**32)),
    }


def random_adam(rng: random.Random, top: float) -> dict[str, str]:
    """A random bowl (curvatures from 0.1 to 10**top), angle, rate, β's and ε, for Adam."""
    return {
        "l1": f"{10 ** rng.uniform(-1, top):.4g}",
        "l2": f"{10 ** rng.uniform(-1, top):.4g}",
        "angle": f"{rng.uniform(-90, 90):.3g}",
        "opt": "adam",
        "lr": f"{10 ** rng.uniform(-3, 0):.4g}",
        "beta": "0",
        "b1": rng.choice(powers.BETA1),
        "b2": rng.choice(powers.BETA2),
        "eps": f"{10 ** rng.uniform(-8, -1):.3g}",
    }


def sweep_settings() -> list[dict[str, str]]:
    """Random settings, the same at every run: both types, both optimizers, turned axes,
    rates below and above the stability limit, and two runs that reach subnormal values."""
    rng = random.Random(2026)  # noqa: S311 - a fixed sweep, not a secret
    settings = []
    for i in range(14):
        l1, l2 = (10 ** rng.uniform(-1, 2.5) for _ in range(2))
        momentum = i % 2 == 1
        beta = rng.uniform(0.0, 0.95) if momentum else 0.0
        limit = 2 * (1 + beta) / max(l1, l2)
        settings.append(
            {
                "l1": f"{l1:.4g}",
                "l2": f"{l2:.4g}",
                "angle": f"{rng.uniform(-90, 90):.3g}",
                "opt": "momentum" if momentum else "sgd",
                "lr": f"{limit * rng.uniform(0.05, 1.1):.5g}",
                "beta": f"{beta:.4g}",
                "dtype": "float32" if i % 4 < 2 else "float64",
                **run_tail(rng, (20, 60), [0, 0.1, 1, 5]),
            }
        )
    for i in range(6):  # Adam: each β from the offered lists, ε from 1e-8 to 0.1
        settings.append(
            random_adam(rng, 2.5)
            | {
                "dtype": "float32" if i % 2 == 0 else "float64",
                **run_tail(rng, (20, 300), [0, 0.1, 1]),
            }
        )
    # Schedules: each kind in both modes, each optimizer, the listed rates and decay steps;
    # the chapter's classes last (the draws for the kinds before them stay the same).
    kinds = ("exponential", "inverse", "cosine", "warmup", "onecycle", "wsd")
    for i, (kind, mode) in enumerate(itertools.product(kinds, schedules.MODES)):
        opt = ("sgd", "momentum", "adam")[i % 3]
        l1, l2 = (10 ** rng.uniform(-1, 2) for _ in range(2))
        beta = rng.uniform(0.3, 0.9) if opt == "momentum" else 0.0
        limit = 2 * (1 + beta) / max(l1, l2)
        lr = 10 ** rng.uniform(-3, 0) if opt == "adam" else limit * rng.uniform(0.3, 1.0)
        settings.append(
            {
                "l1": f"{l1:.4g}",
                "l2": f"{l2:.4g}",
                "angle": f"{rng.uniform(-90, 90):.3g}",
                "opt": opt,
                "lr": f"{lr:.4g}",
                "beta": f"{beta:.4g}",
                "b1": "0.9",
                "b2": "0.999",
                "eps": "1e-07",
                "sched": kind,
                "rate": rng.choice(schedules.RATES),
                "dsteps": str(rng.choice(SWEPT_STEPS[:6])),
                "stair": "1" if mode == "eager" else "0",
                "alpha": rng.choice(["0", "0.1", "0.35"]),
                "warm": str(rng.randint(1, 30)),
                "mode": mode,
                "dtype": "float32" if i % 4 < 2 else "float64",
                **run_tail(rng, (60, 400), [0, 0.1, 1]),
            }
        )
        if kind in ("onecycle", "wsd"):
            settings[-1] |= class_settings(rng)
    settings.extend([*SUBNORMAL.values(), *OVERFLOW, *LONG_ADAM])
    for i, setting in enumerate(settings):  # a constant rate, in a graph or eagerly
        setting.setdefault("mode", schedules.MODES[i % 2])
    return settings + adamw_settings()


def adamw_settings() -> list[dict[str, str]]:
    """Adam with weight decay (AdamW), drawn apart so that the draws above stay: both types,
    both modes, each schedule kind, wd from 0.001 to 10, with and without noise; two
    designed runs: wd·lr of 5, where w flips sign and grows until it overflows, and a wd
    of 1e-30, whose decay is too small to change w; and float32 graphs with exponential
    and cosine decay, whose rate η × factor joins the decay's chain of products."""
    rng = random.Random(16)  # noqa: S311 - a fixed sweep, not a secret
    kinds = ("constant", "exponential", "inverse", "cosine", "warmup", "onecycle", "wsd")
    settings = []
    for i, kind in enumerate((*kinds, "constant")):
        settings.append(
            random_adam(rng, 2)
            | {
                "wd": f"{10 ** rng.uniform(-3, 1):.3g}",
                "sched": kind,
                "rate": rng.choice(schedules.RATES),
                "dsteps": str(rng.choice(SWEPT_STEPS[:6])),
                "alpha": rng.choice(["0", "0.1", "0.35"]),
                "warm": str(rng.randint(1, 30)),
                "mode": schedules.MODES[i % 2],
                "dtype": "float32" if i % 4 < 2 else "float64",
                **run_tail(rng, (40, 300), [0, 0.1, 1]),
                **class_settings(rng),
            }
        )
    designed = {"l1": "3", "l2": "0.5", "angle": "20", "opt": "adam", "beta": "0"}
    designed |= {"b1": "0.9", "b2": "0.999", "eps": "1e-07", "sigma": "0", "seed": "1"}
    designed |= {"w1": "1.5", "w2": "-2", "mode": "graph"}
    settings += [
        designed | {"lr": "0.05", "wd": "100", "steps": "200", "dtype": "float32"},
        designed | {"lr": "0.01", "wd": "1e-30", "steps": "30", "dtype": "float64"},
    ]
    # Found by an attack: in a float32 graph, exponential and cosine decay's η × factor joins
    # the decay's chain of products. Two found runs, and random ones, the staircase included.
    found = designed | {"dtype": "float32", "steps": "150", "dsteps": "10", "rate": "0.96"}
    settings += [
        found | {"sched": "exponential", "lr": "0.05", "wd": "0.7"},
        found | {"sched": "cosine", "dsteps": "100", "alpha": "0.1", "lr": "0.3", "wd": "3.3"},
    ]
    rng = random.Random(17)  # noqa: S311 - a fixed sweep, not a secret
    for kind, stair in [("exponential", "0"), ("exponential", "1"), ("cosine", "0")] * 2:
        settings.append(
            found
            | {
                "angle": f"{rng.uniform(-90, 90):.3g}",
                "lr": f"{10 ** rng.uniform(-3, 0):.4g}",
                "wd": f"{10 ** rng.uniform(-2, 1):.3g}",
                "sched": kind,
                "stair": stair,
                "rate": rng.choice(schedules.RATES),
                "dsteps": str(rng.choice(SWEPT_STEPS[:6])),
                "alpha": rng.choice(["0", "0.1", "0.35"]),
                **run_tail(rng, (60, 300), [0, 0.1]),
            }
        )
    return settings


# Two Adam runs whose last update is at a step where TensorFlow's β₂^t is one unit in the
# last place off the correctly rounded value and 1 - β₂^t is exact (β₂^t > 1/2), so that
# the last row shows the difference (float32 t = 508, float64 t = 564; β₂ = 0.9999).
LONG_ADAM = [
    {"dtype": "float32", "b1": "0.95", "b2": "0.9999", "steps": "508", "sigma": "0.3"},
    {"dtype": "float64", "b1": "0.8", "b2": "0.9999", "steps": "564", "sigma": "0"},
]
for _run in LONG_ADAM:
    _run |= {"l1": "20", "l2": "0.5", "angle": "30", "opt": "adam", "lr": "1", "beta": "0"}
    _run |= {"eps": "1e-07", "w1": "2", "w2": "-3", "seed": "5"}
# Three more found by an attack: ε near √v, where its rounding to float32 shows (update 3);
# and two runs whose weights pass the smallest normal number through Adam's division
# (float32 near update 770, float64 near 3125): without the flush the rows differ.
LONG_ADAM += [
    {"dtype": "float32", "l1": "1", "l2": "1", "angle": "0", "lr": "0.01", "eps": "0.001"}
    | {"w1": "0.001", "w2": "0.001", "steps": "20", "b1": "0.9", "b2": "0.999"},
    {"dtype": "float32", "l1": "2.82", "l2": "8160", "angle": "-45", "lr": "0.568"}
    | {"b1": "0.8", "b2": "0.9999", "eps": "5.72e-25", "w1": "-1.78e-12", "w2": "0"}
    | {"steps": "770"},
    {"dtype": "float64", "l1": "3.05e3", "l2": "71.7", "angle": "0", "lr": "0.152"}
    | {"b1": "0", "b2": "0.999", "eps": "3.95e-12", "w1": "9.74", "w2": "0", "steps": "3125"},
]
for _run in LONG_ADAM[2:]:
    _run |= {"opt": "adam", "beta": "0", "sigma": "0", "seed": "1"}


# Keras's SGD or Adam on the Hessian the explorer shows; the gradient and the loss in the
# explorer's order. Prints one JSON line per run: w1, w2 and the loss at every step.
TWIN = (
    """
import json, sys
import numpy as np
import tensorflow as tf
from sitegate.noise import Noise

"""
    + KERAS_SCHEDULE
    + """

for line in sys.stdin:
    run = json.loads(line)
    dtype = {"float32": tf.float32, "float64": tf.float64}[run["dtype"]]
    a, b, d = (tf.constant(float(run[k]), dtype) for k in "abd")
    w = tf.Variable([float(run["w1"]), float(run["w2"])], dtype=dtype)
    beta = float(run["beta"]) if run["opt"] == "momentum" else 0.0
    rate = schedule(run, float(run["lr"]))
    sgd = tf.keras.optimizers.SGD(learning_rate=rate, momentum=beta)
    if run["opt"] == "adam":
        sgd = tf.keras.optimizers.Adam(
            learning_rate=rate,
            beta_1=float(run["b1"]),
            beta_2=float(run["b2"]),
            epsilon=float(run["eps"]),
            weight_decay=float(run.get("wd", "0")) or None,  # 0: Adam's default, None
        )
    sgd.build([w])
    # "graph": the update inside a tf.function, as model.fit makes it; "eager": as it is.
    apply = lambda g: sgd.apply_gradients([(g, w)])  # noqa: E731
    rate = lambda: sgd.learning_rate  # noqa: E731 - the next update's rate: "next η"
    if run.get("mode", "graph") == "graph":
        apply, rate = tf.function(apply), tf.function(rate)
    sigma, noise = float(run["sigma"]), Noise(int(run["seed"]))
    rows = []
    for step in range(int(run["steps"]) + 1):
        g = tf.stack([a * w[0] + b * w[1], b * w[0] + d * w[1]])
        loss = 0.5 * (w[0] * g[0] + w[1] * g[1])
        if not np.isfinite(loss.numpy()):
            break  # the page stops at the update before, too
        rows.append([repr(float(x)) for x in (w[0], w[1], loss, rate())])
        if sigma > 0:  # w1's number first, then w2's
            g = g + sigma * tf.constant([noise.normal(), noise.normal()], dtype)
        apply(g)
    print(json.dumps(rows))
"""
)


def in_tensorflow(script: str, cases: list, env: dict[str, str] | None = None) -> list:
    """Run ``script`` in a fresh Python with TensorFlow: one JSON line in, one out, per case."""
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=None if env is None else os.environ | env,
        input="".join(json.dumps(case) + "\n" for case in cases),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return [json.loads(line) for line in result.stdout.splitlines()]


def table(page) -> dict[int, list[str]]:
    rows = page.eval_on_selector_all(
        "[data-lr2-table] tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.textContent))"
    )
    return {int(row[0]): row[1:] for row in rows}


def test_random_settings_match_keras_digit_for_digit(page, base_url: str) -> None:
    """Every row the table shows equals TensorFlow's, for the matrix the page prints."""
    shown = []
    settings = sweep_settings()
    for setting in settings:
        page.goto(base_url + PAGES["en"] + "?" + urlencode(setting))
        assert page.locator(".lr-error").count() == 0, page.inner_text(".lr-messages")
        hessian = page.locator(".lr2-hessian")
        matrix = {k: hessian.get_attribute(f"data-{k}") for k in "abd"}
        page.get_by_role("button", name="Go to the end", exact=True).click()
        shown.append((setting | matrix, table(page)))
    assert sum(float(run["sigma"]) > 0 for run, _ in shown) >= 6, "too few noisy runs"
    assert {run["dtype"] + run["opt"] for run, _ in shown if float(run["sigma"]) > 0} == {
        "float32sgd",
        "float32momentum",
        "float32adam",
        "float64sgd",
        "float64momentum",
        "float64adam",
    }, "the noisy runs miss a type or an optimizer"
    adam = [run for run, _ in shown if run["opt"] == "adam"]
    assert {run["b1"] for run in adam} == set(powers.BETA1), "a β₁ the lists offer is not run"
    assert {run["b2"] for run in adam} == set(powers.BETA2), "a β₂ the lists offer is not run"
    kinds = {(run.get("sched", "constant"), run["mode"]) for run, _ in shown}
    assert len(kinds) == 2 * 7, f"a schedule is not run in both modes: {sorted(kinds)}"
    decayed = {(run["dtype"], run["mode"]) for run, _ in shown if float(run.get("wd", 0)) > 0}
    assert len(decayed) == 4, f"weight decay misses a type or a mode: {sorted(decayed)}"
    runs = in_tensorflow(TWIN, [run for run, _ in shown])
    for (run, rows), twin in zip(shown, runs, strict=True):
        cast = np.float32 if run["dtype"] == "float32" else np.float64
        last = max(rows)
        assert last == len(twin) - 1, f"{run}: the page stops at {last}, TF at {len(twin) - 1}"
        for step, values in rows.items():
            scheduled = run.get("sched", "constant") != "constant"
            assert len(values) == 3 + scheduled, f"{run}\nupdate {step}: {values}"
            for k, (mine, theirs) in enumerate(zip(values, twin[step], strict=False)):
                kind = np.float32 if k == 3 else cast  # next η: float32, whatever the type
                if k == 3:  # and printed as float32, as numpy prints it (0 as "0")
                    printed = str(np.float32(float(theirs))) if float(theirs) else "0"
                    assert mine == printed, (
                        f"{run}\nupdate {step}, next η: page {mine}, TensorFlow {theirs}"
                    )
                assert kind(float(mine)) == kind(float(theirs)), (
                    f"{run}\nupdate {step}, {('w1', 'w2', 'loss', 'next η')[k]}: "
                    f"page {mine}, TensorFlow {theirs}"
                )
    for run, rows in shown:
        for step, designed in SUBNORMAL.items():
            if run | designed == run:  # the flush happened where the table shows it
                assert float(rows[step][0]) == 0 and float(rows[step - 4][0]) != 0, run


# Products near the smallest normal number, where x86's flush to zero decides: the
# explorer's multiplication against TensorFlow's tf.multiply on this CPU, bit for bit.
PRODUCTS = """
import json, sys
import tensorflow as tf

for line in sys.stdin:
    dtype, pairs = json.loads(line)
    kind = {"float32": tf.float32, "float64": tf.float64}[dtype]
    p, q = (tf.constant([pair[i] for pair in pairs], kind) for i in (0, 1))
    print(json.dumps([float(x) for x in (p * q).numpy()]))
"""


def same_as_tensorflow(page, op: str, script: str, cases: list) -> None:
    """The explorer's arithmetic(dtype)[op] equals TensorFlow's result for every pair; some
    results are flushed to zero and some are not."""
    for (dtype, pairs), theirs in zip(cases, in_tensorflow(script, cases), strict=True):
        mine = page.evaluate(
            "([op, dtype, pairs]) => { const f = window.lrExplorer2d.arithmetic(dtype)[op];"
            " return pairs.map(([x, y]) => f(x, y)); }",
            [op, dtype, pairs],
        )
        wrong = [(p, mine[i], theirs[i]) for i, p in enumerate(pairs) if mine[i] != theirs[i]]
        assert not wrong, f"{dtype}: {len(wrong)} results of {op} differ, e.g. {wrong[:3]}"
        assert any(x == 0 for x in theirs) and any(x != 0 for x in theirs), dtype


def test_products_flush_to_zero_as_tensorflow_does(page, base_url: str) -> None:
    """m(p, q) equals TensorFlow's product for normal p, q whose product is near the
    smallest normal number: the edges of the window where rounding to the subnormals
    first would keep what x86 flushes, and random pairs on both sides of it."""
    page.goto(base_url + PAGES["en"])
    rng = np.random.default_rng(7)
    cases = []
    for dtype, cast, bits in (("float32", np.float32, 24), ("float64", np.float64, 53)):
        tiny = float(np.finfo(cast).tiny)
        edges = [
            (1 - 2.0**-bits, tiny),
            (1 - 2.0**-bits * 1.5, tiny),
            (1 - 2.0 ** -(bits + 1), tiny),
        ]
        edges += [(-(1 - 2.0**-bits), tiny), (1.0, tiny), (0.5, 2 * tiny), (1 / 3, 3 * tiny)]
        # Normal operands only, as in the explorer (a subnormal input counts as 0 there).
        ps = cast(rng.uniform(0.25, 1.0, 300))
        qs = cast(tiny / ps.astype(float) * rng.uniform(0.996, 1.004, 300))
        pairs = [[float(cast(p)), float(cast(q))] for p, q in edges]
        pairs += [[float(p), float(q)] for p, q in zip(ps, qs, strict=True)]
        cases.append((dtype, pairs))
    same_as_tensorflow(page, "m", PRODUCTS, cases)


QUOTIENTS = PRODUCTS.replace("(p * q)", "(p / q)")


def test_quotients_flush_to_zero_as_tensorflow_does(page, base_url: str) -> None:
    """q(p, s), Adam's division, equals TensorFlow's quotient for normal p, s whose
    quotient is near the smallest normal number: edges just below it, and random pairs on
    both sides of it."""
    page.goto(base_url + PAGES["en"])
    rng = np.random.default_rng(8)
    cases = []
    for dtype, cast, bits in (("float32", np.float32, 24), ("float64", np.float64, 53)):
        tiny = float(np.finfo(cast).tiny)
        edges = [(tiny, 1 + 2.0 ** -(bits - 1)), (tiny, 1 + 2.0 ** -(bits - 2)), (tiny, 2.0)]
        edges += [(tiny * (1 + 2.0 ** -(bits - 1)), 1 + 2.0 ** -(bits - 2)), (-tiny, 1.5)]
        ss = cast(rng.uniform(1.01, 4.0, 300))
        ps = cast(tiny * ss.astype(float) * rng.uniform(0.996, 1.004, 300))
        pairs = [[float(cast(p)), float(cast(s))] for p, s in edges]
        pairs += [[float(p), float(s)] for p, s in zip(ps, ss, strict=True)]
        cases.append((dtype, pairs))
    same_as_tensorflow(page, "q", QUOTIENTS, cases)


def test_the_page_draws_the_same_noise_as_python(page, base_url: str) -> None:
    """The explorer's generator gives sitegate.noise's numbers, bit for bit."""
    page.goto(base_url + PAGES["en"])
    for seed in (0, 1, 2026, 2**32 - 1):
        mine = page.evaluate(f"window.lrExplorer2d.normals({seed}, 3000)")
        assert mine == normals(seed, 3000), f"seed {seed}"


@pytest.mark.parametrize(
    ("lang", "query", "field", "words"),
    [
        ("en", "lr=0", "lr", "learning rate must be"),
        ("zh", "lr=abc", "lr", "学习率必须"),
        ("en", "steps=2.5", "steps", "whole number"),
        ("zh", "l1=-1", "l1", "曲率必须"),
        ("en", "opt=adamw", "opt", "opt can only be sgd, momentum or adam"),
        ("en", "opt=adam&b1=0.91", "b1", "b1 can only be one of 0, 0.5, 0.8, 0.9, 0.95, 0.99"),
        ("zh", "opt2=adam&b2b=0.5", "b2b", "b2b 只能是这几个值之一：0.9、0.95"),
        ("en", "opt=adam&eps=0", "eps", "ε must be a number from 1e-30 to 1"),
        ("en", "opt=adam&wd=-0.1", "wd", "weight decay must be 0, or from 1e-30 to 100"),
        ("en", "opt=adam&wd=1e-31", "wd", "weight decay must be 0, or from 1e-30 to 100"),
        ("zh", "opt2=adam&wd2=101", "wd2", "权重衰减必须是 0，或在 1e-30 到 100 之间"),
        ("zh", "dtype=int8", "dtype", "dtype 只能是"),
        ("en", "w1=1e9", "w1", "start must be"),
        ("en", "angle=180", "angle", "angle must be"),
        ("zh", "sigma=-1", "sigma", "噪声 σ 必须"),
        ("en", "sigma=1&seed=1.5", "seed", "whole number from 0 to 4294967295"),
        ("en", "opt2=rmsprop", "opt2", "opt2 can only be"),
        ("zh", "opt2=sgd&lr2=20", "lr2", "学习率必须"),
        ("en", "sched=step", "sched", "sched can only be one of constant, exponential"),
        ("zh", "sched=exponential&rate=0.95", "rate", "rate 只能是这几个值之一：0.1、0.5"),
        ("en", "sched=cosine&dsteps=30", "dsteps", "dsteps can only be one of 1, 10, 20"),
        ("en", "sched=inverse&stair=yes", "stair", "stair can only be 1 or 0"),
        ("zh", "sched=cosine&alpha=2", "alpha", "alpha 必须是 0 到 1 之间的数"),
        ("en", "sched=warmup&warm=0", "warm", "warm-up steps must be a whole number"),
        ("en", "sched=onecycle&pct=1", "pct", "pct must be a number from 0.000001 up to, but"),
        ("zh", "sched=onecycle&pct=0", "pct", "pct 必须不小于 0.000001，并且小于 1"),
        ("en", "sched=onecycle&pct=9.99e-7", "pct", "pct must be a number from 0.000001"),
        ("en", "sched=onecycle&total=0", "total", "total steps must be a whole number from 1"),
        ("zh", "sched=onecycle&div=0.5", "div", "div 必须是 1 到 1000000 之间的数"),
        ("en", "sched=onecycle&fdiv=1e10", "fdiv", "final_div must be a number from 1 to"),
        ("zh", "opt2=sgd&sched2=wsd&dstart=-1", "dstart", "开始冷却的步数必须是 0 到 10000"),
        ("en", "sched=wsd&cool=2.5", "cool", "WSD's decay steps must be a whole number from 1"),
        ("zh", "sched=wsd&cool=10001", "cool", "冷却步数必须是 1 到 10000 之间的整数"),
        ("en", "sched=onecycle&div=1000001", "div", "div must be a number from 1 to 1000000"),
        ("en", "sched=onecycle&div=0.999", "div", "div must be a number from 1 to 1000000"),
        ("en", "sched=onecycle&fdiv=0.5", "fdiv", "final_div must be a number from 1 to"),
        ("en", "sched=onecycle&fdiv=1000000001", "fdiv", "final_div must be a number from 1 to"),
        ("en", "sched=onecycle&total=10.5", "total", "total steps must be a whole number from 1"),
        ("en", "sched=onecycle&total=10001", "total", "total steps must be a whole number from 1"),
        ("en", "sched=wsd&dstart=2.5", "dstart", "decay starts must be a whole number from 0"),
        ("en", "sched=wsd&dstart=10001", "dstart", "decay starts must be a whole number from 0"),
        ("zh", "sched=cosine&mode=xla", "mode", "mode 只能是这几个值之一：graph、eager"),
        ("en", "opt2=sgd&sched2=linear", "sched2", "sched2 can only be one of"),
        ("zh", "opt2=sgd&sched2=cosine&mode2=jit", "mode2", "mode2 只能是这几个值之一"),
    ],
)
def test_bad_settings_get_a_message_and_no_plot(
    page, base_url: str, lang: str, query: str, field: str, words: str
) -> None:
    """A bad value is named in the page's language, marked on its field, and nothing is drawn."""
    page.goto(base_url + PAGES[lang] + "?" + query)
    message = page.locator(f'.lr-error[data-field="{field}"]')
    assert words in message.inner_text()
    if page.locator(f'[name="{field}"]').count():
        assert page.get_attribute(f'[name="{field}"]', "aria-invalid") == "true"
    assert page.locator("[data-lr2-table]").count() == 0
    assert page.locator(".lr2-figures").is_hidden()
    assert page.watcher.errors == []


def test_a_loss_a_thousand_times_the_start_s_can_still_come_back(page, base_url: str) -> None:
    """What the page says of the blow-up readout: heavy ball just below its limit passes a
    thousand times the start's loss, with no warning, and ends below the start's loss."""
    query = "l1=1000&l2=1&opt=momentum&beta=0.999&lr=0.003995&steps=10000&dtype=float64"
    page.goto(base_url + PAGES["en"] + "?" + query)
    assert int(page.get_attribute("[data-lr2-blowup]", "data-lr2-blowup")) > 0
    assert page.locator(".lr-warning").count() == 0, page.inner_text(".lr-messages")
    rows = table(page)
    assert float(rows[10000][2]) < float(rows[0][2]) / 10


def test_b_s_settings_without_a_comparison_only_warn(page, base_url: str) -> None:
    """A bad rate for B while nothing is compared is ignored, and said to be."""
    page.goto(base_url + PAGES["en"] + "?opt2=none&lr2=abc")
    assert page.locator(".lr-error").count() == 0
    assert "With no comparison" in page.inner_text('.lr-warning[data-field="lr2"]')
    assert page.locator("[data-lr2-table]").count() == 1


def test_adam_s_settings_without_adam_only_warn_and_adam_marks_no_limit(
    page, base_url: str
) -> None:
    """A bad ε while neither run is Adam only warns, and Adam's fields are disabled; with
    Adam, its fields are used, no stability limit is marked and no rate is warned of."""
    page.goto(base_url + PAGES["en"] + "?opt=momentum&eps=abc")
    assert page.locator(".lr-error").count() == 0
    assert "Neither A nor B is Adam" in page.inner_text('.lr-warning[data-field="eps"]')
    assert page.locator('[name="b1"]').is_disabled()
    page.goto(base_url + PAGES["en"] + "?opt=adam")  # still far above at update 50
    assert stays(page) == 0 and "stays below" not in page.inner_text("[data-lr2-stays]")
    page.goto(base_url + PAGES["en"] + "?opt=adam&lr=10&l1=1000")
    assert page.locator('[name="b1"]').is_enabled() and page.locator('[name="beta"]').is_disabled()
    assert page.locator("[data-lr2-mark]").is_hidden()
    assert "for Adam none is marked" in page.inner_text("[data-lr2-limit]")
    assert page.locator(".lr-warning").count() == 0
    page.goto(base_url + PAGES["en"] + "?opt=sgd&opt2=adam&b2b=0.99&b2=0.5")
    assert page.locator('[name="b2b"]').is_enabled() and page.locator('[name="b2"]').is_disabled()
    assert page.input_value('[name="b2b"]') == "0.99"
    assert "A is not Adam" in page.inner_text('.lr-warning[data-field="b2"]')
    assert "B: Adam, η = 0.05, β₁ = 0.9, β₂ = 0.99" in page.inner_text(".lr2-legend")
    assert "weight decay" not in page.inner_text(".lr2-legend")
    # A weight decay given to gradient descent or momentum (A's or B's) changes nothing.
    plain = "l1=30&w2=-2&sched=cosine&dsteps=20&opt2=momentum&lr2=0.01&beta2=0.8"
    page.goto(base_url + PAGES["en"] + "?" + plain)
    without = table(page)
    page.goto(base_url + PAGES["en"] + "?" + plain + "&wd=0.5&wd2=3")
    assert table(page) == without
    # Weight decay is offered with Adam only: A's and B's, each enabled with its own Adam.
    for lang, query, unused, words, legend in [
        (
            "en",
            "opt=sgd&wd=abc&opt2=adam&wd2=0.5",
            "wd",
            "A is not Adam, so for now its weight decay changes nothing",
            "B: Adam, η = 0.05, β₁ = 0.9, β₂ = 0.999, weight decay wd = 0.5",
        ),
        (
            "zh",
            "opt=adam&wd=0.5&opt2=momentum&wd2=-1",
            "wd2",
            "B 不是 Adam 时用不到它的权重衰减",
            "A：Adam，η = 0.15，β₁ = 0.9，β₂ = 0.999，权重衰减 wd = 0.5",
        ),
    ]:
        page.goto(base_url + PAGES[lang] + "?" + query)
        assert page.locator(".lr-error").count() == 0, page.inner_text(".lr-messages")
        assert words in page.inner_text(f'.lr-warning[data-field="{unused}"]')
        used = ({"wd", "wd2"} - {unused}).pop()
        assert page.locator(f'[name="{unused}"]').is_disabled()
        assert page.locator(f'[name="{used}"]').is_enabled()
        assert legend in page.inner_text(".lr2-legend")
    assert page.watcher.errors == []


@pytest.mark.parametrize(
    ("query", "enabled"),
    [
        ("sched=constant", set()),
        ("sched=exponential", {"rate", "dsteps", "stair", "mode"}),
        ("sched=exponential&stair=TRUE", {"rate", "dsteps", "stair"}),
        ("sched=inverse&stair=１", {"rate", "dsteps", "stair"}),
        ("sched=cosine", {"dsteps", "alpha", "mode"}),
        ("sched=warmup&warm=10000", {"dsteps", "alpha", "warm"}),
        ("sched=onecycle", {"total", "pct", "div", "fdiv", "mode"}),
        ("sched=wsd", {"warm", "dstart", "cool", "mode"}),
        # the widest class settings are accepted
        (
            "sched=onecycle&div=1000000&fdiv=1000000000&pct=0.000001&total=10000",
            {"total", "pct", "div", "fdiv", "mode"},
        ),
        ("sched=wsd&dstart=10000&cool=10000&warm=10000", {"warm", "dstart", "cool", "mode"}),
        (
            "sched=onecycle&div=1&fdiv=1&pct=0.999999&total=1",
            {"total", "pct", "div", "fdiv", "mode"},
        ),
        ("sched=wsd&dstart=0&cool=1&warm=1", {"warm", "dstart", "cool", "mode"}),
        (
            "opt2=momentum&sched=wsd&sched2=onecycle",
            {"warm", "dstart", "cool", "mode", "mode2", "sched2", "total", "pct", "div", "fdiv"},
        ),
        ("opt2=none&sched2=cosine", set()),
        ("opt2=sgd&sched2=cosine", {"dsteps", "alpha", "mode2", "sched2"}),
        ("opt2=sgd&sched2=exponential&stair=true", {"rate", "dsteps", "stair", "sched2"}),
        # Adam's weight decay is computed in another order in a graph: the mode is used
        ("opt=adam&wd=0.1", {"mode"}),
        ("opt=adam&wd=0", set()),
        ("opt=sgd&wd=0.1", set()),
        ("opt=adam&wd=0.1&sched=warmup", {"dsteps", "alpha", "warm", "mode"}),
        ("opt2=adam&wd2=0.1", {"mode2", "sched2"}),
        ("opt=adam&wd=0.1&opt2=sgd&wd2=0.1", {"mode", "sched2"}),
    ],
)
def test_each_schedule_enables_the_settings_it_uses(
    page, base_url: str, query: str, enabled: set[str]
) -> None:
    """A schedule's settings are enabled when A's or B's schedule uses them (the mode only
    where the graph's rewrites change a rate: not with a staircase or a warm-up; or where
    Adam decays its weights, whose product the graph reorders), and the
    spellings of a flag the 1-D explorer reads (TRUE, full-width １) are read here too."""
    names = ["rate", "dsteps", "stair", "alpha", "warm", "mode", "mode2", "sched2", *CLASS_SETTINGS]
    page.goto(base_url + PAGES["en"] + "?" + query)
    assert page.locator(".lr-error").count() == 0, page.inner_text(".lr-messages")
    shown = {name for name in names if page.locator(f'[name="{name}"]').is_enabled()}
    assert shown == enabled
    assert page.watcher.errors == []


def test_a_class_setting_typed_in_its_field_changes_the_rates(page, base_url: str) -> None:
    """Typing one-cycle's pct or WSD's decay steps reruns the schedule with the new value (the
    rates kept for dragging are keyed by every setting): the table's next η is the new one."""
    page.goto(base_url + PAGES["en"] + "?sched=onecycle&total=50&pct=0.3&steps=8&lr=0.1")
    for name, value, query in [
        ("pct", "0.5", {"sched": "onecycle", "total": "50", "pct": "0.5", "div": "25"}),
        ("total", "20", {"sched": "onecycle", "total": "20", "pct": "0.5", "div": "25"}),
    ]:
        page.fill(f"[name={name}]", value)
        page.locator(f"[name={name}]").dispatch_event("change")
        page.wait_for_function(f"location.search.includes('{name}={value}')")
        expected = page_rates(page, query | {"lr": "0.1", "fdiv": "10000", "mode": "graph"}, 9)
        assert [table(page)[i][-1] for i in range(1, 4)] == [str(x) for x in expected[1:4]], name
    page.goto(base_url + PAGES["en"] + "?sched=wsd&warm=2&dstart=3&cool=10&steps=8&lr=0.1")
    before = table(page)[6][-1]
    page.fill("[name=cool]", "4")
    page.locator("[name=cool]").dispatch_event("change")
    page.wait_for_function("location.search.includes('cool=4')")
    setting = {"sched": "wsd", "warm": "2", "dstart": "3", "cool": "4", "lr": "0.1"}
    expected = page_rates(page, setting | {"mode": "graph"}, 9)
    assert table(page)[6][-1] == str(expected[6]) != before
    assert page.watcher.errors == []


def test_a_schedule_s_unused_setting_warns_and_a_used_one_is_an_error(page, base_url: str) -> None:
    """With a warm-up, a bad alpha is an error; with a staircase, a bad mode only warns, and
    the warning names the run whose mode it is."""
    page.goto(base_url + PAGES["zh"] + "?sched=warmup&alpha=5")
    assert "alpha 必须是 0 到 1 之间的数" in page.inner_text('.lr-error[data-field="alpha"]')
    page.goto(base_url + PAGES["en"] + "?sched=exponential&stair=1&mode=xla")
    assert page.locator(".lr-error").count() == 0
    warning = page.inner_text('.lr-warning[data-field="mode"]')
    assert "the same in a graph and eagerly, and A does not decay its weights" in warning
    # A's mode is A's alone: B's weight decay does not make it used, and the warning names A.
    page.goto(base_url + PAGES["zh"] + "?opt=sgd&mode=xla&opt2=adam&wd2=0.1")
    assert page.locator(".lr-error").count() == 0, page.inner_text(".lr-messages")
    assert "A 又不做权重衰减" in page.inner_text('.lr-warning[data-field="mode"]')
    assert (
        page.locator('[name="mode"]').is_disabled() and page.locator('[name="mode2"]').is_enabled()
    )
    page.goto(base_url + PAGES["en"] + "?opt=adam&wd=0.1&opt2=adam&mode2=xla")
    warning = page.inner_text('.lr-warning[data-field="mode2"]')
    assert "B does not decay its weights" in warning
    assert page.watcher.errors == []


def test_with_a_schedule_the_limit_warning_counts_the_updates_above_it(page, base_url: str) -> None:
    """A decaying rate that starts above the limit is not said to make the error grow at every
    step: the warning counts the updates whose rate is above the limit (from the page's own
    rates), in both languages; B's warning says it is B's."""
    query = "l1=10&lr=0.25&steps=200&sched=cosine&dsteps=10"
    cfg = {"sched": "cosine", "lr": 0.25, "dsteps": "10", "mode": "graph"}
    page.goto(base_url + PAGES["en"] + "?" + query)
    limit = np.float32(2 / 10)
    above = int(np.sum(page_rates(page, cfg, 200) > limit))
    assert 0 < above < 200
    warning = page.inner_text(".lr-messages")
    assert f"{above} updates used a rate above the stability limit" in warning
    assert "grows at every step." not in warning
    page.goto(base_url + PAGES["zh"] + "?" + query)
    assert f"有 {above} 次更新所用的学习率超过了稳定上限" in page.inner_text(".lr-messages")
    page.goto(base_url + PAGES["en"] + "?l1=10&lr=0.1&opt2=sgd&lr2=0.25&sched2=cosine&dsteps=10")
    assert f"B: {above} updates used a rate above" in page.inner_text(".lr-messages")
    # A run that overflows: only the updates that ran, to the one that overflowed, count.
    query = "l1=10&opt=momentum&lr=0.44&beta=0.99&sched=warmup&warm=5000&dsteps=100&steps=10000"
    page.goto(base_url + PAGES["en"] + "?" + query)
    said = page.inner_text(".lr-messages")
    stop = int(re.search(r"At update (\d+) the loss overflowed", page.inner_text("main")).group(1))
    cfg = {"sched": "warmup", "lr": 0.44, "warm": 5000, "dsteps": "100", "mode": "graph"}
    ran = int(np.sum(page_rates(page, cfg, stop) > np.float32(2 * 1.99 / 10)))
    assert stop < 10000 and f"{ran} updates used a rate above the stability limit" in said, said
    assert page.watcher.errors == []


def test_a_listed_value_written_another_way_is_read_as_listed(page, base_url: str) -> None:
    """b1=0.90, b2b=０.９９ (full-width) and dsteps=1e2 are 0.9, 0.99 and 100: no message,
    the selects show them, and the address keeps them in the listed form."""
    page.goto(
        base_url + PAGES["zh"] + "?opt=adam&b1=0.90&opt2=adam&b2b=０.９９&sched=cosine&dsteps=1e2"
    )
    assert page.locator(".lr-error, .lr-warning").count() == 0, page.inner_text(".lr-messages")
    assert page.input_value('[name="b1"]') == "0.9"
    assert page.input_value('[name="b2b"]') == "0.99"
    assert page.input_value('[name="dsteps"]') == "100"
    assert "b1=0.9&" in page.url and "b2b=0.99&" in page.url and "dsteps=100&" in page.url
    assert page.watcher.errors == []


def test_schedule_settings_no_schedule_uses_only_warn(page, base_url: str) -> None:
    """A bad schedule setting that neither A's schedule nor B's uses only warns, and its field
    is disabled; B's schedule is used when B runs; with a schedule the table and the legend
    give the rates."""
    page.goto(base_url + PAGES["en"] + "?sched=cosine&rate=0.3&warm=x&alpha=0.1")
    assert page.locator(".lr-error").count() == 0
    for name in ("rate", "warm"):
        warning = page.inner_text(f'.lr-warning[data-field="{name}"]')
        assert "Neither A's schedule nor B's uses this setting" in warning
        assert page.locator(f'[name="{name}"]').is_disabled()
    assert page.locator('[name="alpha"]').is_enabled()
    headers = page.eval_on_selector_all("[data-lr2-table] th", "c => c.map(x => x.textContent)")
    assert "next η" in headers and "B: next η" not in headers
    page.goto(base_url + PAGES["en"] + "?mode=x&opt2=sgd&mode2=y")
    for name, run in (("mode", "A"), ("mode2", "B")):
        warning = page.inner_text(f'.lr-warning[data-field="{name}"]')
        assert f" {run}'s rate is constant, a staircase or linear warm-up + cosine" in warning
        assert f"{run} does not decay its weights" in warning
    page.goto(base_url + PAGES["en"] + "?opt2=sgd&sched2=warmup&warm=x&lr2=0.1")
    assert "warm-up steps must be" in page.inner_text('.lr-error[data-field="warm"]')
    page.goto(base_url + PAGES["en"] + "?opt2=sgd&sched2=warmup&warm=4&lr2=0.1&steps=8")
    assert "B: SGD, η = 0.1, linear warm-up + cosine decay" in page.inner_text(".lr2-legend")
    rows = table(page)
    assert [rows[i][-1] for i in range(5)] == ["0", "0.025", "0.05", "0.075", "0.1"]
    assert page.watcher.errors == []


def test_unknown_and_repeated_parameters_are_reported_not_inserted(page, base_url: str) -> None:
    """Names from the address reach the page as text only."""
    query = "lr=0.1&lr=0.2&%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E=1"
    page.goto(base_url + PAGES["en"] + "?" + query)
    text = page.inner_text(".lr-messages")
    assert "gives lr 2 times" in text and "<img src=x" in text
    assert page.locator(".lr-explorer-2d img").count() == 0
    assert page.input_value("#lr2-lr") == "0.1"


def test_the_start_moves_with_the_keys_and_the_address_follows(page, base_url: str) -> None:
    """Tab reaches the start; an arrow key moves it, reruns, and rewrites the address."""
    page.goto(base_url + PAGES["en"] + "?w1=1&w2=1&l1=10&lr=0.1")
    before = table(page)[1]
    page.focus(".lr2-start")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.classList.contains('lr2-start')")
    w1 = float(page.input_value("#lr2-w1"))
    assert w1 > 1
    # The address follows within a quarter of a second.
    page.wait_for_function(
        "w1 => location.search.includes('w1=' + w1)", arg=page.input_value("#lr2-w1")
    )
    assert table(page)[1] != before
    page.keyboard.press("Shift+ArrowDown")
    assert float(page.input_value("#lr2-w2")) < 1


def test_dragging_the_start_keeps_its_focus_and_redraws_the_table_on_the_drop(
    page, base_url: str
) -> None:
    """The mouse moves the start; the table waits for the drop, then shows the new run."""
    page.goto(base_url + PAGES["en"] + "?w1=1&w2=1&l1=10&lr=0.1&steps=30")
    before = table(page)[1]
    handle = page.locator(".lr2-start")
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(1, 6):
        page.mouse.move(x - 8 * step, y + 4 * step)
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => done()))")
    assert page.get_attribute(".lr2-table", "aria-busy") == "true"
    page.mouse.up()
    assert page.get_attribute(".lr2-table", "aria-busy") is None
    assert float(page.input_value("#lr2-w1")) < 1 and float(page.input_value("#lr2-w2")) < 1
    assert table(page)[1] != before
    assert page.evaluate("document.activeElement.classList.contains('lr2-start')")
    page.wait_for_function(
        "w1 => location.search.includes('w1=' + w1)", arg=page.input_value("#lr2-w1")
    )
    assert page.watcher.errors == []


def touch_drag(page, x: float, y: float, dx: float, dy: float) -> None:
    """A finger pressed at (x, y) and moved by (dx, dy) in steps, through Chromium's own
    touch events (Playwright's touchscreen only taps)."""
    cdp = page.context.new_cdp_session(page)
    point = lambda px, py: [{"x": px, "y": py}]  # noqa: E731
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": point(x, y)})
    for k in range(1, 9):
        at = point(x + dx * k / 8, y + dy * k / 8)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": at})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def test_a_finger_drags_the_start_and_a_swipe_elsewhere_scrolls(open_page, base_url: str):
    """On a phone, the start follows a finger placed on it; a swipe that begins elsewhere on
    the plot scrolls the page and leaves the start where it was."""
    page = open_page("light", "phone")
    page.goto(base_url + PAGES["en"] + "?w1=1&w2=1&steps=30")
    handle = page.locator(".lr2-start")
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    scrolled = page.evaluate("scrollY")
    touch_drag(page, x, y, -60, 40)
    page.wait_for_function("document.querySelector('#lr2-w1').value !== '1'")
    page.evaluate("() => new Promise(done => setTimeout(done, 100))")
    assert page.evaluate("scrollY") == scrolled, "the drag scrolled the page"
    end = handle.bounding_box()  # the start followed the finger to its end
    assert abs(end["x"] + end["width"] / 2 - (x - 60)) < 4, (end, x)
    assert abs(end["y"] + end["height"] / 2 - (y + 40)) < 4, (end, y)
    w1 = page.input_value("#lr2-w1")
    plot = page.locator(".lr2-contour").bounding_box()
    before = page.evaluate("scrollY")
    touch_drag(page, plot["x"] + 20, plot["y"] + plot["height"] - 20, 0, -150)
    page.wait_for_function(f"scrollY !== {before}")
    assert page.input_value("#lr2-w1") == w1
    assert page.watcher.errors == []


def test_table_digits_are_numpy_s(page, base_url: str) -> None:
    """What numpy prints, character for character: the shortest digits that read back, the
    closest on a tie (beside a power of two the nearest decimal of that length misses),
    in numpy's notation (1e-05, 1.0, 8.1511525e+18)."""
    page.goto(base_url + PAGES["en"])
    values = [2.0**-96, 2.0**-12, 0.1, 1 / 3, 3.0e-38, 1.0e38, 2.0**-100 * 3, 16777216.0]
    values += [1e-4, 1.0001e-4, 999999.0, 1e6, 99999.5, 1.0, 100.0]
    values += [float(np.float32(v)) for v in np.random.default_rng(3).standard_normal(2000)]
    values += [float(np.float32(v)) * 1e-30 for v in range(1, 200)]
    values = [float(np.float32(v)) for v in values]
    shown = page.evaluate(
        "values => values.map(v => window.lrExplorer2d.exact(v, 'float32'))", values
    )

    wrong = [
        (v, mine, str(np.float32(v)))
        for v, mine in zip(values, shown, strict=True)
        if mine != str(np.float32(v))
    ]
    doubles = [2.0**-96, 1e-05, 1.0, 8.1511525e18, 1e16, 9999999999999998.0, 0.1 + 0.2, 1e-4]
    doubles += [float(v) for v in np.random.default_rng(4).standard_normal(500) * 1e3]
    shown64 = page.evaluate(
        "values => values.map(v => window.lrExplorer2d.exact(v, 'float64'))", doubles
    )
    wrong += [
        (v, mine, str(np.float64(v)))
        for v, mine in zip(doubles, shown64, strict=True)
        if mine != str(np.float64(v))
    ]
    assert not wrong, f"{len(wrong)} differ, e.g. {wrong[:5]}"


@pytest.mark.parametrize(
    ("query", "limit"), [("l1=10&opt=sgd", 2 / 10), ("l1=10&opt=momentum&beta=0.5", 3 / 10)]
)
def test_the_rate_slider_marks_the_stability_limit(
    page, base_url: str, query: str, limit: float
) -> None:
    """The mark sits at the limit on the slider's log scale; a rate past it is warned of."""
    page.goto(base_url + PAGES["en"] + "?" + query + "&lr=0.01")
    at = float(page.eval_on_selector("[data-lr2-mark]", "m => m.style.getPropertyValue('--at')"))
    low, high = math.log10(1e-5), math.log10(10)
    assert abs(at - (math.log10(limit) - low) / (high - low)) <= 1 / 600
    assert page.locator(".lr-warning").count() == 0
    slider = page.locator(".lr2-rate input[type=range]")
    slider.focus()
    page.keyboard.press("End")  # the largest rate, 10: past the limit
    assert page.input_value("#lr2-lr") == "10"
    assert "above the stability limit" in page.inner_text(".lr-messages")
    assert "lr=10" in page.evaluate("location.search")


@pytest.mark.parametrize(("scheme", "path"), [("light", "#e65100"), ("dark", "#ffa726")])
def test_each_scheme_has_its_own_colours(
    open_page, base_url: str, axe_source: str, scheme: str, path: str
) -> None:
    """The light scheme's colours in light, the dark one's in dark (a selector once gave the
    dark colours to both); a warning is shown, so axe also sees its contrast."""
    page = open_page(scheme)
    page.goto(base_url + PAGES["en"] + "?lr=0.25&opt2=momentum")
    colour = page.eval_on_selector(
        ".lr-explorer-2d", "e => getComputedStyle(e).getPropertyValue('--lr-path').trim()"
    )
    assert colour.lower() == path
    assert page.locator(".lr-warning").count() >= 1
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "axe.run(document.querySelector('.lr-explorer-2d'), {resultTypes: ['violations']})"
    )
    serious = [v["id"] for v in result["violations"] if v["impact"] in ("critical", "serious")]
    assert serious == [], serious


def test_step_play_and_reset(page, base_url: str) -> None:
    """Reset shows the start only; Step adds one update; Play runs to the end."""
    page.goto(base_url + PAGES["en"] + "?steps=30")
    page.get_by_role("button", name="Back to the start", exact=True).click()
    assert max(table(page)) == 0
    page.get_by_role("button", name="Step", exact=True).click()
    assert max(table(page)) == 1
    page.get_by_role("button", name="Play", exact=True).click()
    page.wait_for_function(
        "document.querySelector('[data-lr2-table] tbody tr:last-child').dataset.step === '30'"
    )
    assert page.watcher.errors == []


def test_the_address_keeps_the_update_shown(page, base_url: str) -> None:
    """A copied address reopens at the update it showed; `at` follows Step, Back to the
    start and the end of a run; a bad `at` is reported and the run shown at its end."""
    page.goto(base_url + PAGES["en"] + "?steps=30&at=7")
    assert max(table(page)) == 7
    assert "After 7 updates" in page.inner_text("[data-lr2-status]")
    page.get_by_role("button", name="Step", exact=True).click()
    page.wait_for_function("location.search.includes('at=8')")
    page.goto(page.url)  # the copied address
    assert max(table(page)) == 8
    page.get_by_role("button", name="Back to the start", exact=True).click()
    page.wait_for_function("location.search.includes('at=0')")
    page.get_by_role("button", name="Go to the end", exact=True).click()
    page.wait_for_function("location.search.includes('at=end')")
    for bad in ("31", "abc", "-1"):
        page.goto(base_url + PAGES["en"] + f"?steps=30&at={bad}")
        assert max(table(page)) == 30, bad
        assert "at can only be end" in page.inner_text(".lr-messages"), bad
    page.goto(base_url + PAGES["zh"] + "?steps=30&at=x")
    assert "网址中的 at 只能是 end" in page.inner_text(".lr-messages")
    assert page.watcher.errors == []


def test_reduced_motion_shows_the_whole_run_at_once(open_page, base_url: str) -> None:
    """With reduced motion, Play jumps to the end without animating."""
    page = open_page()
    page.emulate_media(reduced_motion="reduce")
    page.goto(base_url + PAGES["zh"] + "?steps=500")
    page.get_by_role("button", name="回到起点", exact=True).click()
    page.get_by_role("button", name="播放", exact=True).click()
    assert "500 次更新后" in page.inner_text("[data-lr2-status]")


# momentum_map.py's own numbers: its lines before the figure, run in a fresh Python, which
# prints its grid and map as float64 bytes, and Matplotlib's colours for them.
MAP_SCRIPT = """
import base64, json, sys
import matplotlib as mpl
import numpy as np
source = open("snippets/beyond-one-dimension/momentum_map.py", encoding="utf-8").read()
scope = {}
exec(source.split("\\nwith mpl.rc_context", 1)[0], scope)
cmap = mpl.colormaps["viridis"].with_extremes(over="lightgrey")  # the snippet's colours
colours = cmap(scope["radius"], bytes=True)[::-1, :, :3]  # origin="lower": top row last
bar = cmap(np.linspace(1, 0, 256), bytes=True)[:, :3]  # the colour bar, 1 at the top
for _ in sys.stdin:
    print(json.dumps({k: base64.b64encode(np.ascontiguousarray(v).tobytes()).decode()
        for k, v in (("h", scope["h"]), ("beta", scope["beta"]),
        ("radius", scope["radius"]), ("colours", colours), ("bar", bar))}))
"""


def test_the_stability_map_is_momentum_map_s(page, base_url: str) -> None:
    """The explorer's map is momentum_map.py's: the same grid and spectral radius to the
    last bit in every cell, and the same colour in every pixel (viridis, grey above 1)."""
    snippet = in_tensorflow(MAP_SCRIPT, [{}])[0]
    h, beta, radius = (np.frombuffer(base64.b64decode(snippet[k])) for k in ("h", "beta", "radius"))
    colours = np.frombuffer(base64.b64decode(snippet["colours"]), np.uint8)
    page.goto(base_url + PAGES["en"])
    grid = page.evaluate("() => window.lrExplorer2d.mapGrid()")
    assert np.array_equal(grid["h"], h) and np.array_equal(grid["beta"], beta)
    mine = np.array(page.evaluate("() => window.lrExplorer2d.mapRadius()"))
    apart = np.flatnonzero(mine != radius)
    assert apart.size == 0, f"{apart.size} radii differ, first at cell {apart[:1]}"
    assert (radius > 1).any() and (radius < 1).any()  # both colours of the map are tried
    pixels = page.eval_on_selector(
        "[data-lr2-map-picture]",
        "c => Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data)",
    )
    shown = np.array(pixels, np.uint8).reshape(len(beta), len(h), 4)
    assert (shown[..., 3] == 255).all()
    wrong = np.argwhere((shown[..., :3] != colours.reshape(len(beta), len(h), 3)).any(axis=2))
    assert wrong.size == 0, f"{len(wrong)} pixels differ, first (row, column) {wrong[:1]}"
    bar = page.eval_on_selector(
        "[data-lr2-map-bar]", "c => Array.from(c.getContext('2d').getImageData(0, 0, 1, 256).data)"
    )
    expected = np.frombuffer(base64.b64decode(snippet["bar"]), np.uint8).reshape(256, 3)
    assert np.array_equal(np.array(bar, np.uint8).reshape(256, 4)[:, :3], expected)
    # The map's lines in its units: η·λ from 0 to 4.5 across 240 from x = 36, β from 1 to 0
    # down 200 from y = 8. The limit η·λ = 2(1 + β) runs from (2, 0) to (4, 1); the edge of
    # the complex roots, β = (1 − √(η·λ))², passes (0.16, 0.36), (1, 0) and (4, 1).
    x, y = (lambda h: 36 + h / 4.5 * 240), (lambda b: 8 + (1 - b) * 200)
    line = page.eval_on_selector(
        "[data-lr2-map-limit]", "l => ['x1', 'y1', 'x2', 'y2'].map(a => +l.getAttribute(a))"
    )
    assert line == pytest.approx([x(2), y(0), x(4), y(1)])
    edge = page.get_attribute("[data-lr2-map-edge]", "points").split()
    for k, h, b in ((4, 0.16, 0.36), (25, 1, 0), (100, 4, 1)):
        assert [float(v) for v in edge[k].split(",")] == pytest.approx([x(h), y(b)], abs=0.06)
    assert page.watcher.errors == []


def radii(h: float, beta: float) -> float:
    """The spectral radius of heavy ball's update matrix on one axis, by numpy's eigvals."""
    return float(max(abs(np.linalg.eigvals([[1 + beta - h, -beta], [1.0, 0.0]]))))


@pytest.mark.parametrize("lang", PAGES)
def test_the_map_marks_each_run_s_axes(page, base_url: str, lang: str) -> None:
    """A's two axes (and B's) stand at (η·λ, β) with η the rate Keras uses (float32, the
    next update's with a schedule); the sentence's radii are the update matrix's; Adam has
    no point."""
    settings = "?opt=momentum&l1=40&l2=0.5&lr=0.03&beta=0.7&opt2=sgd&lr2=0.02&sched2=inverse"
    page.goto(base_url + PAGES[lang] + settings + "&steps=50")
    says = page.locator("[data-lr2-map]")
    beta32 = float(np.float32(0.7))  # Keras casts β to float32
    for name, beta, lr in (("a", beta32, float(np.float32(0.03))), ("b", 0.0, None)):
        numbers = [float(x) for x in says.get_attribute(f"data-lr2-map-{name}").split()]
        if lr is None:  # B's inverse-time decay: the table's "next η" after update 50
            lr = float(np.float32(table(page)[50][-1]))
            assert lr < 0.02 * 0.7
        assert numbers[:3] == [beta, lr * 40, lr * 0.5]
        for h, r in zip(numbers[1:3], numbers[3:], strict=True):
            assert math.isclose(r, radii(h, beta), rel_tol=1e-9), (name, h, r)
    circles = page.eval_on_selector_all(
        "circle.lr2-map-point", "cs => cs.map(c => [+c.getAttribute('cx'), +c.getAttribute('cy')])"
    )
    a = [float(x) for x in says.get_attribute("data-lr2-map-a").split()]
    # The map: η·λ from 0 to 4.5 across 240 units from x = 36, β from 1 to 0 down 200 from 8.
    assert circles == [[36 + min(h, 4.5) / 4.5 * 240, 8 + (1 - beta32) * 200] for h in a[1:3]]
    b = [float(x) for x in says.get_attribute("data-lr2-map-b").split()]
    squares = page.eval_on_selector_all(
        "rect.lr2-map-point.lr2-b",
        "rs => rs.map(r => [+r.getAttribute('x') + +r.getAttribute('width') / 2,"
        " +r.getAttribute('y') + +r.getAttribute('height') / 2])",
    )
    centres = [v for h in b[1:3] for v in (36 + h / 4.5 * 240, 208)]
    assert [v for square in squares for v in square] == pytest.approx(centres)
    labels = page.eval_on_selector_all(".lr2-map-label", "ls => ls.map(l => l.textContent)")
    assert labels == ["B₁", "B₂", "A₁", "A₂"]  # B's drawn first, under A's
    assert f"{max(a[3:]):.4g}" in says.text_content()
    page.goto(base_url + PAGES[lang] + "?opt=adam&opt2=momentum&beta2=0.9&lr2=0.05&l1=100")
    assert says.get_attribute("data-lr2-map-a") is None
    b = [float(x) for x in says.get_attribute("data-lr2-map-b").split()]
    assert b[1] > 4.5 and b[3] > 1  # off the map, and growing: both said in words
    edge = page.eval_on_selector_all(
        "rect.lr2-map-point", "rs => rs.map(r => +r.getAttribute('x') + 6)"
    )
    assert edge[0] == 36 + 240  # drawn on the right edge
    assert page.locator("circle.lr2-map-point").count() == 0
    assert page.locator("rect.lr2-map-point").count() == 2
    words = {"en": ("Adam", "beyond the right edge", "grows"), "zh": ("Adam", "右边缘", "越来越大")}
    assert all(w in says.text_content() for w in words[lang]), says.text_content()
    assert page.watcher.errors == []


PRESET_SNIPPETS = {
    "gd_condition.py": ["gd2", "gd10", "gd100", "gd10over"],
    "momentum_speedup.py": ["hb10", "hb100", "hb1000", "cmp100"],
    "momentum_noise.py": ["noisegd", "noisehb", "cmpnoise"],
    "adam.py": list(ADAM_PRESETS),
    "adamw_decay.py": ["adamw"],
    "paths_2d.py": ["paths", "pathsadam"],
    "momentum_limits.py": [
        *(f"limits{beta}" for beta in ("0", "0.5", "0.64", "0.9")),
        "rings0",
        "rings0.64",
    ],
    "lab_paths.py": ["labpaths"],
    "lab_adam.py": ["labadam"],
    "schedules_compared.py": list(SCHEDULE_PRESETS),
}
# The chapter each group's snippet belongs to.
PRESET_CHAPTERS = {name: "beyond-one-dimension" for name in PRESET_SNIPPETS} | {
    "schedules_compared.py": "keras-training"
}


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_presets_are_grouped_by_their_snippet_and_folded_on_a_phone(
    open_page, base_url: str, size: str
) -> None:
    """Each group is named by its snippet (a file of the chapter) and holds that snippet's
    runs; on a phone the presets start folded, and the keyboard unfolds them."""
    page = open_page("light", size)
    page.goto(base_url + PAGES["en"])
    fold = page.locator("details.lr2-presets")
    assert fold.evaluate("d => d.open") == (size == "desktop")
    if size == "phone":
        assert not page.locator('button[data-preset="gd2"]').is_visible()
        page.focus("details.lr2-presets > summary")
        page.keyboard.press("Enter")
        assert fold.evaluate("d => d.open")
    groups = page.eval_on_selector_all(
        ".lr2-presets [role=group]",
        """gs => gs.map(g => [document.getElementById(g.getAttribute('aria-labelledby'))
            .textContent, [...g.querySelectorAll('button')].map(b => b.dataset.preset)])""",
    )
    assert dict(groups) == PRESET_SNIPPETS
    assert all((snippet_root() / PRESET_CHAPTERS[name] / name).is_file() for name in dict(groups))
    page.click('button[data-preset="rings0.64"]')
    assert "beta=0.64" in page.evaluate("location.search")
    assert page.watcher.errors == []


def test_the_map_follows_the_update_shown_and_the_run_s_optimiser(page, base_url: str) -> None:
    """With a schedule the points stand at the next update's rate (the table's "next η"),
    moving as the run is stepped; B turned into Adam loses its points and numbers."""
    query = "?opt=momentum&beta=0.5&l1=10&lr=0.1&sched=exponential&rate=0.5&dsteps=10"
    page.goto(base_url + PAGES["en"] + query + "&steps=30&opt2=sgd&lr2=0.05&at=0")
    says = page.locator("[data-lr2-map]")

    def check(k: int) -> None:
        lr = float(np.float32(table(page)[k][3]))  # A: w1, w2, loss, next η
        a = [float(x) for x in says.get_attribute("data-lr2-map-a").split()]
        assert a[1:3] == [lr * 10, lr * 1], k

    check(0)
    for _ in range(3):
        page.click("[data-lr2-control=step]")
    check(3)
    page.goto(base_url + PAGES["en"] + query + "&steps=30&opt2=sgd&lr2=0.05&at=25")
    check(25)
    assert "if the rate of the next update were kept" in says.text_content()
    assert says.get_attribute("data-lr2-map-b") is not None
    page.select_option("[name=opt2]", "adam")
    assert says.get_attribute("data-lr2-map-b") is None
    assert page.locator(".lr2-map-point.lr2-b").count() == 0
    assert page.watcher.errors == []


@pytest.mark.parametrize(
    ("query", "words", "label"),
    [
        ("opt=sgd&l1=1&l2=1&lr=2", "neither shrinks nor grows", "A₁,₂"),  # roots −1, 0
        ("opt=momentum&l1=1&l2=1&lr=3.8&beta=0.9", "neither shrinks nor grows", "A₁,₂"),
        ("opt=sgd&l1=10&lr=0.2", "radius 1.00000003", "A₁"),  # float32's 0.2 × 10
        ("opt=sgd&l1=3&lr=0.5&sigma=1", "settles at a floor", "A₁"),
    ],
)
def test_the_map_s_sentence_near_a_radius_of_1(
    page, base_url: str, query: str, words: str, label: str
) -> None:
    """A radius of exactly 1 (on the limit, with Keras's float32 rate and β) neither shrinks
    nor grows; one just above 1 shows the digits that say so; noise is said."""
    page.goto(base_url + PAGES["en"] + "?" + query)
    text = page.locator("[data-lr2-map]").text_content()
    assert words in text and "nan" not in text.lower(), text
    assert page.locator(".lr2-map-label").first.text_content() == label
    assert page.watcher.errors == []


MAP_CLICKS = {
    # query: (η·λmax, β) clicked, or None for a click beside the map (on its colour bar)
    "zh": ("?l1=10&l2=1&opt=sgd&lr=0.15", (1.5, 0.6)),
    "en": ("?l1=1&l2=40&opt=adam&lr=0.01&angle=30", (3.1, 0.87)),
    "top": ("?l1=2&l2=1&opt=momentum&beta=0.5", (0.7, 0.998)),
    "edges": ("?l1=3&l2=1", (4.5, 0.0)),  # the right and bottom edges
    "beside": ("?l1=10&l2=1&opt=sgd&lr=0.15", None),
    "below": ("?l1=10&l2=1&opt=sgd&lr=0.15", None),  # on the η·λ ticks, under the map
    # with a schedule the run opens where the next update uses the rate set, its highest
    "exponential": ("?l1=10&l2=1&sched=exponential&rate=0.96&dsteps=100", (2.5, 0.3)),
    "warmup": ("?l1=10&l2=1&sched=warmup&dsteps=100&warm=10&alpha=0.1", (3.0, 0.7)),
    "staircase": ("?l1=10&l2=1&sched=exponential&rate=0.5&dsteps=100&stair=1", (2.0, 0.2)),
    "onecycle": ("?l1=10&l2=1&sched=onecycle&total=50&pct=0.3", (2.4, 0.4)),  # peak: 15
    "wsd": ("?l1=10&l2=1&sched=wsd&warm=10&dstart=40&cool=10", (1.8, 0.5)),
    # a rate beyond its limits: held at the limit, and said
    "low": ("?l1=10000&l2=1", (0.05, 0.5)),
    "high": ("?l1=0.1&l2=0.05", (3.0, 0.5)),
    "left": ("?l1=10&l2=1", (0.0, 0.5)),  # the left edge: a rate of 0 at most
}
HELD = (
    r"The rate the click asks for, (\S+), is outside the rates allowed: ({}), "
    r"the nearest limit, is used, so A's point is not where the click was\."
)


@pytest.mark.parametrize("case", MAP_CLICKS)
def test_a_click_on_the_map_puts_a_s_steepest_axis_there(page, base_url: str, case: str) -> None:
    """A click on the map makes A heavy ball with the β clicked (3 decimals, at most the
    map's top row, 0.995) and the rate that puts its steepest axis at the η·λ clicked (3
    significant digits): its point is drawn where the click was, with a schedule at the
    update before the first that uses that rate; a rate beyond its limits is held there and
    said; a click beside the map does nothing."""
    query, clicked = MAP_CLICKS[case]
    lang = "zh" if case == "zh" else "en"
    page.goto(base_url + PAGES[lang] + query)
    caption = page.locator(".lr2-map-figure figcaption").text_content()
    hint = {"zh": "A 最陡主轴的点就移到那里；", "en": "the point of A's steepest axis there;"}
    assert hint[lang] in caption
    page.locator("svg.lr2-map").scroll_into_view_if_needed()
    box = page.locator("svg.lr2-map").bounding_box()
    scale = box["width"] / 320  # CSS pixels per SVG unit (the map's viewBox is 320 × 236)
    h, beta = clicked or (4.2, 0.5)
    x, y = 36 + h / 4.5 * 240, 8 + (1 - beta) * 200
    if case == "beside":
        x = 288  # the colour bar, right of the map
    if case == "below":
        y = 220  # the tick labels
    # A click reports whole pixels: click on one, and work out what it asks for.
    px, py = round(box["x"] + x * scale), round(box["y"] + y * scale)
    x, y = (px - box["x"]) / box["width"] * 320, (py - box["y"]) / box["height"] * 236
    h = min(1, max(0, (x - 36) / 240)) * 4.5
    beta = min(1, max(0, 1 - (y - 8) / 200))
    before = page.evaluate("location.search")
    page.mouse.click(px, py)
    if clicked is None:
        assert page.evaluate("location.search") == before
        return
    fields = {name: page.input_value(f"[name={name}]") for name in ("opt", "lr", "beta")}
    assert fields["opt"] == "momentum"
    top = max(float(v) for k, v in re.findall(r"(l[12])=([\d.]+)", query))
    wanted = float(f"{h / top:.3g}")
    lr, b = float(fields["lr"]), float(fields["beta"])
    assert b == float(f"{min(beta, 0.995):.3f}"), (fields, beta)
    messages = " ".join(page.locator(".lr-warning[data-field=lr]").all_text_contents())
    if case in ("low", "high", "left"):
        limit = {"high": "10"}.get(case, "0.00001")
        assert fields["lr"] == limit
        said = re.fullmatch(HELD.format(re.escape(limit)), messages)
        assert said and float(said.group(1)) == wanted, (messages, wanted)
        return
    assert lr == wanted and messages == "", (fields, wanted, messages)
    if case == "top":
        assert fields["beta"] == "0.995"
    opened = {"exponential": "0", "staircase": "0", "warmup": "10", "onecycle": "15"}
    opened = {**opened, "wsd": "10"}.get(case, "end")
    page.wait_for_function(f"location.search.endsWith('&at={opened}')")  # written once still
    search = page.evaluate("location.search")
    assert f"lr={fields['lr']}" in search and f"beta={fields['beta']}" in search
    # The steepest axis's circle is drawn at the click (to the rounding of 3 digits).
    a = [float(v) for v in page.locator("[data-lr2-map]").get_attribute("data-lr2-map-a").split()]
    assert a[0] == float(np.float32(b))
    assert max(a[1:3]) == pytest.approx(float(np.float32(lr)) * top, rel=1e-6)
    circles = page.eval_on_selector_all(
        "circle.lr2-map-point",
        "cs => cs.map(c => [+c.getAttribute('cx'), +c.getAttribute('cy')])",
    )
    steep = max(circles) if len(circles) == 2 else circles[0]
    assert steep[0] == pytest.approx(36 + min(h, 4.5) / 4.5 * 240, rel=0.006), (steep, x)
    assert steep[1] == pytest.approx(8 + (1 - b) * 200, abs=0.11), (steep, y)
    assert page.watcher.errors == []


# Schedules whose highest rate is below η: one-cycle's peak between updates 15 and 16
# (0.3 × 51 = 15.3), WSD's decay starting at 5 before its warm-up ends at 10, and one-cycle's
# peak at step 150, beyond the 50 updates.
BELOW_ETA = {
    "between": "sched=onecycle&total=51&pct=0.3&div=25&fdiv=10000",
    "early": "sched=wsd&warm=10&dstart=5&cool=100",
    "beyond": "sched=onecycle&total=500&pct=0.3&div=25&fdiv=10000",
    # and one-cycle with div close to 1, whose float32 rise ends one unit above η at update 5
    "above": "sched=onecycle&total=17&pct=0.3&div=1.0000001&fdiv=10000",
}


@pytest.mark.parametrize("case", BELOW_ETA)
def test_a_click_whose_schedule_stays_below_eta_puts_the_point_left_of_it(
    page, base_url: str, case: str
) -> None:
    """What the page says of a click with such a schedule: the rate set is η, the run opens at
    the update before the first that uses the run's highest rate, which is below η, and the
    steepest axis's point stands at that rate, left of the click; a message in the page's
    language gives that rate (a schedule that reaches η gets none: the map-click test). With
    div close to 1, one-cycle's highest rate can be one float32 unit above η: no message,
    the point a hair right of the click."""
    query = "l1=10&l2=1&steps=50&" + BELOW_ETA[case]
    lang = "zh" if case == "early" else "en"
    page.goto(base_url + PAGES[lang] + "?" + query)
    page.locator("svg.lr2-map").scroll_into_view_if_needed()
    box = page.locator("svg.lr2-map").bounding_box()
    scale = box["width"] / 320
    px = round(box["x"] + (36 + 2.4 / 4.5 * 240) * scale)
    page.mouse.click(px, round(box["y"] + (8 + 0.6 * 200) * scale))
    lr = page.input_value("[name=lr]")
    assert page.input_value("[name=opt]") == "momentum"
    setting = dict(part.split("=") for part in BELOW_ETA[case].split("&"))
    rates = page_rates(page, setting | {"lr": lr, "mode": "graph"}, 51)
    peak = int(np.argmax(rates))  # the first update of the highest rate
    above = np.nextafter(np.float32(lr), np.float32(np.inf))
    assert rates[peak] == above if case == "above" else rates[peak] < np.float32(lr), case
    opened = "end" if peak == 50 else str(peak)
    page.wait_for_function(f"location.search.endsWith('&at={opened}')")
    a = [float(v) for v in page.locator("[data-lr2-map]").get_attribute("data-lr2-map-a").split()]
    assert max(a[1:3]) == pytest.approx(float(rates[peak]) * 10, rel=1e-6)
    circles = page.eval_on_selector_all(
        "circle.lr2-map-point", "cs => cs.map(c => +c.getAttribute('cx'))"
    )
    clicked = (px - box["x"]) / scale
    assert max(circles) == pytest.approx(36 + float(rates[peak]) * 10 / 4.5 * 240, rel=1e-3)
    warnings = page.locator(".lr-warning[data-field=lr]").all_text_contents()
    if case == "above":
        assert clicked - 0.5 < max(circles) < clicked + 0.5 and warnings == [], (circles, warnings)
        assert page.watcher.errors == []
        return
    assert max(circles) < clicked - 1, (case, circles, clicked)
    top = str(rates[peak])  # numpy's shortest float32 digits, as the page writes numbers
    said = {
        "en": f"With this schedule the run never uses η = {lr}: its highest rate, {top}, "
        "is lower, so A's point stands left of the click.",
        "zh": f"在这个调度下，这组训练始终用不到 η = {lr}：它最高的学习率 {top} 比 η 低，"
        "所以 A 的点落在所点之处的左边。",
    }
    assert warnings == [said[lang]], (case, warnings)
    assert page.watcher.errors == []


def test_a_held_click_whose_schedule_stays_below_eta_names_the_rate_set(
    page, base_url: str
) -> None:
    """A click that asks for a rate above the limit 10 on a schedule that never reaches it:
    both messages, each naming η as set, 10, not the rate the click asked for (the attack)."""
    query = "?l1=0.1&l2=0.05&steps=50&sched=onecycle&total=51&pct=0.3"
    page.goto(base_url + PAGES["en"] + query)
    page.locator("svg.lr2-map").scroll_into_view_if_needed()
    box = page.locator("svg.lr2-map").bounding_box()
    scale = box["width"] / 320
    page.mouse.click(round(box["x"] + (36 + 3 / 4.5 * 240) * scale), round(box["y"] + 108 * scale))
    assert page.input_value("[name=lr]") == "10"
    setting = {"total": "51", "pct": "0.3", "div": "25", "fdiv": "10000", "mode": "graph"}
    rates = page_rates(page, setting | {"sched": "onecycle", "lr": "10"}, 51)
    warnings = page.locator(".lr-warning[data-field=lr]").all_text_contents()
    assert len(warnings) == 2 and re.fullmatch(HELD.format("10"), warnings[0]), warnings
    assert warnings[1].startswith(
        f"With this schedule the run never uses η = 10: its highest rate, {rates.max()!s}, "
    ), warnings
    assert page.watcher.errors == []


def test_a_run_that_blows_up_before_its_schedule_reaches_eta_gets_no_below_eta_message(
    page, base_url: str
) -> None:
    """The message blames the schedule only when the schedule stays below η over all the
    updates set: here the warm-up reaches η at update 1000, but the run at η·λ = 4.4 with
    β = 0.05 blows up long before (the noise keeps w off 0), so no message (found by the
    review)."""
    page.goto(base_url + PAGES["en"] + "?l1=10&l2=1&steps=2000&sched=warmup&warm=1000&sigma=0.01")
    page.locator("svg.lr2-map").scroll_into_view_if_needed()
    box = page.locator("svg.lr2-map").bounding_box()
    scale = box["width"] / 320
    page.mouse.click(
        round(box["x"] + (36 + 4.4 / 4.5 * 240) * scale), round(box["y"] + 198 * scale)
    )
    assert (page.input_value("[name=lr]"), page.input_value("[name=beta]")) == ("0.44", "0.05")
    blowup = int(page.get_attribute("[data-lr2-blowup]", "data-lr2-blowup"))
    assert 0 < blowup < 1000, blowup
    warnings = page.locator(".lr-warning[data-field=lr]").all_text_contents()
    assert not any("never uses" in w for w in warnings), warnings
    assert page.watcher.errors == []


@pytest.mark.parametrize(("width", "folded"), [(600, True), (601, False)])
def test_the_presets_fold_up_to_600_pixels(open_page, base_url: str, width: int, folded: bool):
    """The presets start folded on a screen up to 37.5em (600 px) wide, open above."""
    page = open_page("light")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + PAGES["zh"])
    assert page.locator("details.lr2-presets").evaluate("d => d.open") is not folded
