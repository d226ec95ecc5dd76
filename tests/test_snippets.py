"""Every Python block of every page, in both languages, runs and prints
exactly the output recorded under it.

Ids read like ``docs/learning-rate.zh.md:61``: the page and the line of the
block's opening fence. ``pytest --update-examples`` (``nox -s update``)
re-records outputs and figures from real runs. Every recorded figure must be
written by a block the gate runs, of its own chapter, or the page would keep
showing a figure that nothing checks any more.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from functools import cache

import pytest

from sitegate import figures
from sitegate.layout import LAYOUT
from sitegate.pages import (
    DOCS,
    Block,
    PageError,
    collect,
    create_missing_outputs,
    mark_reason,
    pages,
    rel,
)
from sitegate.record import Recorder
from sitegate.runner import Runner

FIGURES = DOCS / "assets" / "figures"
DIFF_LINES = 40  # lines of a drifted output's diff shown; the rest are counted
BACKEND_SWITCH = re.compile(r"\b(?:matplotlib|mpl)\.use\(|\bswitch_backend\(")


def block_params(update: bool) -> list:
    """One param per block; a page that cannot be read becomes a failing param."""
    params = []
    for page in pages():
        if update:
            create_missing_outputs(page)
        try:
            blocks = collect(page)
        except PageError as error:
            params.append(pytest.param(error, id=rel(page)))
            continue
        for block in blocks:
            marks, problems = [], []
            for text in block.marks:
                try:
                    decorator, reason = mark_reason(text)
                except Exception as error:  # noqa: BLE001 - any typo in the comment
                    problems.append(f"cannot read mark <!--{text}-->: {error}")
                    continue
                if not reason:
                    problems.append(f"mark <!--{text}--> needs a reason='...'")
                marks.append(decorator)
            if problems:
                error = PageError(f"{block.id}: " + "; ".join(problems))
                params.append(pytest.param(error, id=block.id))
            else:
                params.append(pytest.param(block, id=block.id, marks=marks))
    return params


def timeout_of(node: pytest.Item | pytest.FixtureRequest) -> float | None:
    """The seconds a block's timeout mark grants it, if it has one."""
    item = getattr(node, "node", node)
    mark = item.get_closest_marker("timeout")
    return float(mark.kwargs["seconds"]) if mark is not None else None


def where(block: Block) -> str:
    """The page line and the snippet file, for every message."""
    source = f" (snippet {rel(block.snippet)})" if block.snippet else ""
    return f"{block.id}{source}"


def normalise(text: str) -> str:
    """Trailing blank lines are invisible on the page; ignore them."""
    return text.rstrip("\n") + "\n"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrise over every block; update mode first creates missing outputs."""
    if "block" in metafunc.fixturenames:
        update = metafunc.config.getoption("--update-examples")
        metafunc.parametrize("block", block_params(update))


def test_block(
    block: Block | PageError,
    snippet_runner: Runner,
    recorder: Recorder | None,
    request: pytest.FixtureRequest,
) -> None:
    """Run the block as a script; compare its output and the files it writes."""
    if isinstance(block, PageError):
        pytest.fail(str(block), pytrace=False)
    reasoned = any(True for _ in request.node.iter_markers("no_output"))
    if block.expected is None and not reasoned:
        pytest.fail(
            f"{where(block)}: a Python block needs its recorded output: put "
            "<!--pytest-codeblocks:expected-output--> and an output fence under "
            "it (`nox -s update` fills it), or mark it with "
            '<!--pytest.mark.no_output(reason="...")-->',
            pytrace=False,
        )

    result = snippet_runner.submit(block.code, block.script_name, timeout_of(request)).result()
    if result.exitcode is None:
        pytest.fail(
            f"{where(block)}: still running after {result.timeout:g} s, so it was stopped with "
            "everything it started; a block that needs longer says so with "
            '<!--pytest.mark.timeout(seconds=N, reason="...")-->\n' + result.tail(),
            pytrace=False,
        )
    if result.signal:
        pytest.fail(
            f"{where(block)}: `python {block.script_name}` was killed by {result.signal}\n"
            + result.tail(),
            pytrace=False,
        )
    if result.problem:
        pytest.fail(f"{where(block)}: `python {block.script_name}` {result.problem}", pytrace=False)
    if not result.ok:
        pytest.fail(
            f"{where(block)}: `python {block.script_name}` exited with {result.exitcode}\n"
            + result.tail(40),
            pytrace=False,
        )

    problems = []
    lasting = list(result.lasting)
    if BACKEND_SWITCH.search(block.code):
        # Headless, the default backend is already Agg, so the run cannot see this.
        lasting.append("the Matplotlib backend (matplotlib.use / switch_backend)")
    if lasting:
        problems.append(
            f"{where(block)}: changes process-wide settings that outlive it, so a reader "
            "who pastes it into a notebook changes every later cell: "
            + ", ".join(lasting)
            + "; use a context manager (matplotlib.rc_context) or a per-object setting "
            "(a layer's dtype, a Figure instead of pyplot)"
        )
    if block.expected is not None and normalise(result.stdout) != normalise(block.expected):
        if recorder is not None:
            recorder.whole_file(block.expected_path, normalise(result.stdout).encode("utf-8"))
        else:
            source = rel(block.expected_path)
            diff = list(
                difflib.unified_diff(
                    normalise(block.expected).splitlines(keepends=True),
                    normalise(result.stdout).splitlines(keepends=True),
                    f"expected ({source})",
                    f"actual (python {block.script_name})",
                )
            )
            shown = "".join(diff[:DIFF_LINES])
            if len(diff) > DIFF_LINES:
                shown += f"… and {len(diff) - DIFF_LINES} more lines of diff\n"
            problems.append(
                f"{where(block)}: the output drifted from the recorded one; if the "
                "change is intended, run `nox -s update` and review the diff\n" + shown
            )
    if not request.config.getoption("--skip-figures"):
        problems += check_files(block, result.files, recorder)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def check_files(block: Block, files: dict[str, bytes], recorder: Recorder | None) -> list[str]:
    """Files a snippet writes are figures, recorded under docs/assets/figures/."""
    problems = []
    for name, content in files.items():
        if block.chapter is None:
            problems.append(f"{where(block)}: writes {name}; only snippets may write files")
            continue
        target = FIGURES / block.chapter / name
        chapter = LAYOUT.name_of(block.page)
        if block.chapter != chapter:
            problems.append(
                f"{where(block)}: writes {name} into {rel(target.parent)}/, the figures of "
                f"chapter {block.chapter}, but the block is on a page of chapter {chapter}; "
                f"a page shows the figures of its own chapter: move the snippet to "
                f"snippets/{chapter}/"
            )
            continue
        if target.exists() and target.read_bytes() == content:
            continue
        tolerance = figures.tolerance_of(f"{block.chapter}/{name}")
        svg = name.lower().endswith(".svg")
        if not target.exists():
            differences = []
        elif svg:
            differences = figures.compare(target.read_bytes(), content, tolerance)
        else:
            differences = [
                figures.Difference(
                    "file",
                    f"not an SVG, so compared byte for byte: {target.stat().st_size} bytes "
                    f"recorded, {len(content)} now, and they differ",
                )
            ]
        if target.exists() and not differences:
            continue  # the same figure to the eye; the recorded bytes stay
        if recorder is not None:
            recorder.whole_file(target, content)
        elif not target.exists():
            problems.append(
                f"{where(block)}: writes {name}, which is not recorded at "
                f"{rel(target)}; run `nox -s update`"
            )
        elif not svg:
            problems.append(
                f"{where(block)}: writes {name}, which is not an SVG and differs byte for "
                f"byte from {rel(target)}; if the change is intended, run `nox -s update` "
                "and review the file\n" + figures.describe(differences)
            )
        elif any(d.where == "file" for d in differences):
            problems.append(
                f"{where(block)}: writes {name}, which cannot be read as an SVG figure to "
                f"compare with {rel(target)}; if the change is intended, run `nox -s update` "
                "and review the file\n" + figures.describe(differences)
            )
        else:
            problems.append(
                f"{where(block)}: writes {name}, which differs from {rel(target)} "
                f"beyond {tolerance:g} px; if the change is intended, run `nox -s update` "
                "and review the figure\n" + figures.describe(differences)
            )
    return problems


def gated_blocks() -> list[Block]:
    """The blocks the gate runs: every block of every readable page, less skipped ones."""
    blocks = []
    for page in pages():
        try:
            found = collect(page)
        except PageError:
            continue  # test_block fails for the page itself
        for block in found:
            skipped = False
            for text in block.marks:
                try:
                    decorator, _ = mark_reason(text)
                except Exception:  # noqa: BLE001, S112 - test_block reports the typo
                    continue
                mark = decorator.mark
                if mark.name == "skip" or (
                    mark.name == "skipif" and mark.args and mark.args[0] is True
                ):
                    skipped = True
            if not skipped:
                blocks.append(block)
    return blocks


@pytest.fixture(scope="module")
def figure_writers(
    snippet_runner: Runner, pytestconfig: pytest.Config
) -> Callable[[str], dict[str, list[str]]]:
    """The figures the gate's blocks of a chapter write (``<chapter>/<file>``), with the blocks.

    The runner runs identical code once, so these are the runs test_block
    already waited for (or started at collection), not new ones. Only the
    blocks of the asked chapter are waited for: none other can write there.
    """
    if pytestconfig.getoption("--skip-figures"):
        pytest.skip("--skip-figures: figures are not compared")
    blocks = gated_blocks()

    @cache
    def of(chapter: str) -> dict[str, list[str]]:
        writers: dict[str, list[str]] = {}
        for block in blocks:
            if block.chapter != chapter or chapter != LAYOUT.name_of(block.page):
                continue  # another chapter's, or test_block fails for writing across
            result = snippet_runner.submit(block.code, block.script_name).result()
            for name in result.files:
                writers.setdefault(f"{chapter}/{name}", []).append(block.id)
        return writers

    return of


def recorded_figures() -> list[str]:
    """Every file under docs/assets/figures/, as ``<chapter>/<file>``."""
    return sorted(p.relative_to(FIGURES).as_posix() for p in FIGURES.rglob("*") if p.is_file())


def unwritten(figure: str, writers: dict[str, list[str]]) -> str | None:
    """Why the recorded ``<chapter>/<file>`` is stale, or None if a block writes it."""
    if figure in writers:
        return None
    chapter = figure.split("/", 1)[0]
    written = sorted(name for name in writers if name.startswith(f"{chapter}/"))
    return (
        f"{rel(FIGURES / figure)}: no block the gate runs writes it any more, so the page "
        "shows a figure that nothing checks; make its snippet under "
        f"snippets/{chapter}/ write it again, or delete it and its ![…](…) "
        "(update mode reports it, it does not delete it); the blocks of chapter "
        f"{chapter} write: {', '.join(written) or 'nothing'}"
    )


@pytest.mark.parametrize("figure", recorded_figures())
def test_every_recorded_figure_is_written(
    figure: str, figure_writers: Callable[[str], dict[str, list[str]]]
) -> None:
    """A recorded figure that no block writes any more would go stale on its page."""
    problem = unwritten(figure, figure_writers(figure.split("/", 1)[0]))
    if problem:
        pytest.fail(problem, pytrace=False)
