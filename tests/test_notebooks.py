"""Lab notebooks: built from their sources and snippets, runnable, truthful.

- A stored notebook has exactly the cells its source and snippets make:
  change a snippet and this fails until `nox -s update` rebuilds it.
- Its code runs top to bottom and prints what the stored outputs show (here
  through the forkserver; with --plain-python, in a fresh Jupyter kernel).
- The zh and en notebooks of a chapter run the same code.
"""

from __future__ import annotations

import difflib
from collections import Counter
from concurrent.futures import Future
from pathlib import Path

import pytest

from sitegate import notebooks, prose
from sitegate.layout import LAYOUT
from sitegate.pages import PageError, rel
from sitegate.record import Recorder
from sitegate.runner import Runner

SOURCES = notebooks.sources()
LABS = sorted({LAYOUT.name_of(s) for s in SOURCES})  # lab pages by name


def built(source: Path) -> notebooks.nbformat.NotebookNode:
    """The notebook the source makes, or a failure naming the source."""
    try:
        return notebooks.build(source)
    except PageError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.mark.parametrize("source", SOURCES, ids=rel)
def test_notebook_matches_its_source(source: Path, recorder: Recorder | None) -> None:
    """The stored .ipynb holds the cells its source and snippets make."""
    fresh = built(source)
    target = notebooks.notebook_path(source)
    if recorder is not None:
        executed = notebooks.execute(fresh)
        problems = notebooks.errors(executed)
        assert not problems, f"{rel(source)}: " + "; ".join(problems)
        recorder.whole_file(target, notebooks.dumps(executed).encode("utf-8"))
        return
    if not target.exists():
        pytest.fail(f"{rel(target)} is missing: run `nox -s update`", pytrace=False)
    stored = notebooks.read(target)
    if not notebooks.same_cells(fresh, stored):
        changed = ", ".join(notebooks.differing_cells(source, fresh, stored))
        pytest.fail(
            f"{rel(target)} no longer matches {rel(source)} and its snippets "
            f"({changed}): run `nox -s update` and review the diff",
            pytrace=False,
        )


def lab_run(snippet_runner: Runner, source: Path) -> Future:
    """The run of a lab's stored code cells, top to bottom in one process
    (tests/conftest.py starts it at collection; zh and en share one run)."""
    stored = notebooks.read(notebooks.notebook_path(source))
    return snippet_runner.submit(notebooks.code_of(stored), LAYOUT.name_of(source) + ".py")


@pytest.mark.parametrize("source", SOURCES, ids=rel)
def test_notebook_runs_and_prints_what_it_shows(
    source: Path, snippet_runner: Runner, pytestconfig: pytest.Config
) -> None:
    """Top to bottom, no error, and the same printed output as stored."""
    target = notebooks.notebook_path(source)
    stored = notebooks.read(target)
    if pytestconfig.getoption("--plain-python"):
        executed = notebooks.execute(stored)
        problems = notebooks.errors(executed)
        assert not problems, f"{rel(target)} in a fresh kernel: " + "; ".join(problems)
        actual = notebooks.printed(executed)
    else:
        result = lab_run(snippet_runner, source).result()
        assert result.ok, f"{rel(target)} failed:\n{result.stderr[-4000:]}"
        assert not result.lasting, (
            f"{rel(target)}: its cells change process-wide settings that outlive them: "
            + ", ".join(result.lasting)
        )
        actual = result.stdout
    expected = notebooks.printed(stored)
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            f"stored outputs ({rel(target)})",
            "actual",
        )
        pytest.fail(
            f"{rel(target)}: printed output drifted; run `nox -s update`\n" + "".join(diff),
            pytrace=False,
        )


@pytest.mark.parametrize("lab", LABS)
def test_lab_twins_share_code_and_numbers(lab: str) -> None:
    """zh and en labs: the same code cells, and the same numbers in their text."""
    zh, en = (LAYOUT.page(lab, lang, "py") for lang in ("zh", "en"))
    assert zh.exists() and en.exists(), f"docs/{lab}: a lab needs both languages"
    nb_zh, nb_en = built(zh), built(en)
    assert [c.source for c in nb_zh.cells if c.cell_type == "code"] == [
        c.source for c in nb_en.cells if c.cell_type == "code"
    ], f"docs/{lab}: zh and en labs run different code"
    assert [c.cell_type for c in nb_zh.cells] == [c.cell_type for c in nb_en.cells]
    numbers = [
        Counter(n for c in nb.cells if c.cell_type == "markdown" for n in prose.numbers(c.source))
        for nb in (nb_zh, nb_en)
    ]
    assert numbers[0] == numbers[1], f"docs/{lab}: numbers differ: {numbers[0] ^ numbers[1]}"
