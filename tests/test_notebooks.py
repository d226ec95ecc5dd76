"""Lab notebooks: built from their sources and snippets, runnable, truthful.

- A stored notebook has exactly the cells its source and snippets make:
  change a snippet and this fails until `nox -s update` rebuilds it.
- Its code prints what the stored outputs show: here each cell through the
  forkserver, in its own process (a cell that is a chapter block shares the
  block's run); with --plain-python, top to bottom in a fresh Jupyter kernel.
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
from sitegate.pages import PageError, rel, snippet_code
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


def lab_run(snippet_runner: Runner, source: Path) -> list[Future]:
    """The runs of a lab's stored code cells, one process each, in order
    (tests/conftest.py starts them at collection; zh and en share them).

    A cell that is a whole snippet runs as that snippet's file, so a cell the
    chapter shows as a block shares the block's run (the runner runs the same
    file and code once). Cells do not share a process: each must be complete,
    as the page's blocks are, and none may leave a setting that would change
    the next (the runner reports those). Top to bottom in one kernel is how
    ``--plain-python`` (``nox -s fidelity``, in CI) runs every notebook.
    """
    stored = notebooks.read(notebooks.notebook_path(source))
    cells = [c.source for c in stored.cells if c.cell_type == "code"]
    snippets = notebooks.cell_snippets(source)
    runs = []
    for index, code in enumerate(cells):
        snippet = snippets[index] if index < len(snippets) else None
        if snippet is not None and snippet.is_file():
            text = snippet_code(snippet)  # exactly the block's code, so runs are shared
            if notebooks.cell_code(text) == code:  # else the stored cell is stale
                runs.append(snippet_runner.submit(text, snippet.name))
                continue
        runs.append(snippet_runner.submit(code + "\n", f"{LAYOUT.name_of(source)}_cell{index}.py"))
    return runs


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
        results = [run.result() for run in lab_run(snippet_runner, source)]
        for number, result in enumerate(results, start=1):
            assert result.ok, f"{rel(target)}: code cell {number} failed:\n{result.stderr[-4000:]}"
            assert not result.lasting, (
                f"{rel(target)}: code cell {number} changes process-wide settings that "
                "outlive it: " + ", ".join(result.lasting)
            )
        actual = "".join(result.stdout for result in results)
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
