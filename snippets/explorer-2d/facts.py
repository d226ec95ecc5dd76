"""Numbers this page may quote, computed, not typed (see sitegate.facts)."""

from __future__ import annotations

import json
import re

import numpy as np
from sitegate import schedules
from sitegate.facts import merged, uniforms
from sitegate.layout import LAYOUT

GIVEN = {
    "0.1": "1/10, the reciprocal of the decay steps 10 in the example",
    "0.96": "a decay rate from the explorer's list, the example's",
    "100": "decay steps from the explorer's list, the example's",
    "1000": "decay steps from the explorer's list, the cosine example's",
}


def facts() -> dict[str, float]:
    """The 2-D explorer page: how many uniforms its noise sums, read from
    explorer.js (whose generator it uses) and from sitegate/noise.py, which
    must agree; the angles it treats exactly; and the size of its list of
    Adam's powers."""
    script = (LAYOUT.docs / "javascripts" / "explorer2d.js").read_text(
        encoding="utf-8"
    )
    shared = LAYOUT.docs / "javascripts" / "explorer.js"  # both explorers'
    angles = re.search(r"const known = \{ 0: .*?, (\d+): .*?, (\d+): ", script)
    if angles is None:
        raise LookupError("explorer2d.js: no `known = { 0: …, A: …, B: …`")
    listed = (LAYOUT.docs / "javascripts" / "adam-powers.js").read_text(
        encoding="utf-8"
    )
    table = json.loads(listed[listed.index("{") : listed.rindex("}") + 1])
    for dtype in (
        "float32",
        "float64",
    ):  # "of the first 10000 steps": all listed
        if table["reach"][dtype]["0.999"] != table["steps"]:
            raise LookupError(
                f"adam-powers.js: the {dtype} list of 0.999 stops early"
            )
    return merged(
        {
            "uniforms": uniforms(shared),
            "exact_45": float(angles.group(1)),
            "exact_90": float(angles.group(2)),
            # adam-powers.js, written from TensorFlow by sitegate/powers.py:
            # the steps it covers and, for β₂ = 0.999, how many of them it
            # moves.
            "powers_steps": float(table["steps"]),
            "f32_fixes_0999": float(len(table["fixes"]["float32"]["0.999"])),
            "f64_fixes_0999": float(len(table["fixes"]["float64"]["0.999"])),
            # …and at how many of those the correction changes 1 - β₂^t.
            "f32_changes_0999": float(
                len(table["changes"]["float32"]["0.999"])
            ),
            "f64_changes_0999": float(
                len(table["changes"]["float64"]["0.999"])
            ),
            # β = 0.9 cast through float32, as Keras does for the powers.
            "beta1_f32": float(np.float32(0.9)),
        },
        schedule_facts(),
        tested_steps(),
        paths_facts(),
        map_facts(script),
        keras_preset_facts(script),
    )


def keras_preset_facts(script: str) -> dict[str, float]:
    """The settings of the presets that replay schedules_compared.py's rate
    table, checked against that snippet's: its peak (A's and B's), its 96
    steps, its warm-up, its cosine planned for twice as long, its cooldown;
    and the curvature of the presets' bowl, which is the explorer's own."""
    snippet = (
        LAYOUT.snippets / "keras-training" / "schedules_compared.py"
    ).read_text(encoding="utf-8")
    mine = re.search(
        r'const keras = \{ sched: "warmup", warm: "(\d+)", dsteps: "(\d+)".*?'
        r'l1: "(\d+)", lr: "([\d.]+)", steps: "(\d+)", opt2: "sgd", '
        r'lr2: "([\d.]+)".*?'
        r'total: "(\d+)", dstart: "(\d+)", cool: "(\d+)".*?'
        r'dsteps: "(\d+)", sched2: "wsd"',
        script,
        re.DOTALL,
    )
    theirs = re.search(
        r"^steps, peak, warmup, cooldown = (\d+), ([\d.]+), (\d+), (\d+)",
        snippet,
        re.MULTILINE,
    )
    if mine is None or theirs is None:
        raise LookupError("explorer2d.js's keras presets or the snippet's")
    warm, dsteps, l1, lr, steps, lr2, total, dstart, cool, long = mine.groups()
    n, peak, warmup, cooldown = theirs.groups()
    want = [warmup, int(n) - int(warmup), peak, n, peak, n]
    want += [int(n) - int(cooldown), cooldown, 2 * int(n) - int(warmup)]
    have = [warm, dsteps, lr, steps, lr2, total, dstart, cool, long]
    if [str(x) for x in want] != have:
        raise LookupError(
            f"explorer2d.js's keras presets {have}, the snippet's {want}"
        )
    return {
        "keras_peak": float(peak),
        "keras_updates": float(n),
        "keras_planned": 2.0 * float(n),
        "keras_cooldown": float(cooldown),
        "keras_warmup": float(warmup),
        # the presets' own bowl: the snippet's network has none
        "keras_preset_l1": float(l1),
    }


def map_facts(script: str) -> dict[str, float]:
    """The top row of the map's β, the highest a click on the map sets: the
    same in explorer2d.js and in momentum_map.py, whose grid it reproduces."""
    snippet = (
        LAYOUT.snippets / "beyond-one-dimension" / "momentum_map.py"
    ).read_text(encoding="utf-8")
    tops = [
        re.findall(r"const MAP_BETA = linspace\(([\d.]+), 200\)", script),
        re.findall(r"beta = np.linspace\(0.0, ([\d.]+), 200\)", snippet),
    ]
    if len(tops[0]) != 1 or tops[0] != tops[1]:
        raise LookupError(
            f"the map's top β: explorer2d.js {tops[0]}, snippet {tops[1]}"
        )
    return {"map_beta_top": float(tops[0][0])}


def schedule_facts() -> dict[str, float]:
    """The schedules' lists (schedule-fixes.js, written by
    sitegate/schedules.py): for decay_rate 0.96 with decay_steps 100 and
    for the cosine with decay_steps 1000, how many values each mode moves;
    and at how many steps below 10000 the float32 n · (1/10) that a graph
    computes is not n / 10."""
    lists = schedules.read()
    graph, eager = schedules.MODES
    steps = schedules.STEPS
    apart = schedules.fractions(steps, 10, graph) != schedules.fractions(
        steps, 10, eager
    )
    return {
        "schedule_steps": float(lists["steps"]),
        "pow_fixes_graph": float(len(lists[graph]["power"]["0.96"]["100"])),
        "pow_fixes_eager": float(len(lists[eager]["power"]["0.96"]["100"])),
        "cos_fixes_graph": float(len(lists[graph]["cosine"]["1000"])),
        "cos_fixes_eager": float(len(lists[eager]["cosine"]["1000"])),
        "cosines_1000": float(len(schedules.arguments(1000, graph))),
        "graph_apart_10": float(apart.sum()),
        # 1/10 as the graph uses it, and the steps where TensorFlow's power
        # 0.96^p differs between the two modes (correctly rounded, then
        # moved where the lists say: TensorFlow's values).
        "tenth_f32": float(np.float32(1) / np.float32(10)),
        "power_apart_10": float(
            np.sum(
                schedules.tensorflow_powers(lists, "0.96", 10, graph)
                != schedules.tensorflow_powers(lists, "0.96", 10, eager)
            )
        ),
    }


def paths_facts() -> dict[str, float]:
    """The step paths_2d.py prints Adam's loss at, read from its output."""
    out = (
        LAYOUT.root / "snippets" / "beyond-one-dimension" / "paths_2d.out"
    ).read_text(encoding="utf-8")
    found = re.findall(
        r"Adam: lowest loss at step \d+, \S+ at step (\d+)", out
    )
    if len(found) != 1:
        raise LookupError(f"paths_2d.out: Adam's line {found}")
    return {"paths_steps": float(found[0])}


def tested_steps() -> dict[str, float]:
    """The steps the browser test compares with Keras's schedule objects,
    read from it."""
    test = (LAYOUT.root / "tests" / "e2e" / "test_explorer2d.py").read_text(
        encoding="utf-8"
    )
    found = {
        name: re.findall(rf"^{name} = (\d+)\b", test, re.MULTILINE)
        for name in ("KERAS_STEPS", "EAGER_FIRST")
    }
    if any(len(values) != 1 for values in found.values()):
        raise LookupError(f"tests/e2e/test_explorer2d.py: {found}")
    return {
        "keras_steps": float(found["KERAS_STEPS"][0]),
        "eager_first": float(found["EAGER_FIRST"][0]),
    }
