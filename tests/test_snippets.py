"""Every Python block of every page, in both languages, runs and prints
exactly the output recorded under it.

Ids read like ``docs/learning-rate.zh.md:61``: the page and the line of the
block's opening fence. ``pytest --update-examples`` (``nox -s update``)
re-records outputs and figures from real runs.
"""

from __future__ import annotations

import difflib
import re

import pytest

from tests.harness import figures
from tests.harness.pages import (
    DOCS,
    Block,
    PageError,
    collect,
    create_missing_outputs,
    mark_reason,
    pages,
    rel,
)
from tests.harness.record import Recorder
from tests.harness.runner import Runner

FIGURES = DOCS / "assets" / "figures"
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

    result = snippet_runner.submit(block.code, block.script_name).result()
    if result.exitcode is None:
        pytest.fail(
            f"{where(block)}: still running after {snippet_runner.timeout:.0f} s", pytrace=False
        )
    if not result.ok:
        pytest.fail(
            f"{where(block)}: `python {block.script_name}` exited with "
            f"{result.exitcode}\n--- stdout\n{result.stdout}--- stderr (end)\n"
            f"{result.stderr[-4000:]}",
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
        if recorder is not None and block.expected_span is not None:
            record_output(recorder, block, result.stdout)
        else:
            source = rel(block.expected_span.path) if block.expected_span else block.id
            diff = difflib.unified_diff(
                normalise(block.expected).splitlines(keepends=True),
                normalise(result.stdout).splitlines(keepends=True),
                f"expected ({source})",
                f"actual (python {block.script_name})",
            )
            problems.append(
                f"{where(block)}: the output drifted from the recorded one; if the "
                "change is intended, run `nox -s update` and review the diff\n" + "".join(diff)
            )
    if not request.config.getoption("--skip-figures"):
        problems += check_files(block, result.files, recorder)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def record_output(recorder: Recorder, block: Block, stdout: str) -> None:
    """Queue the new output for the file or page lines it came from."""
    span = block.expected_span
    if span.stop == -1:
        recorder.whole_file(span.path, normalise(stdout).encode("utf-8"))
    else:
        lines = [span.indent + line if line else line for line in stdout.splitlines()]
        recorder.page_lines(span.path, span.start, span.stop, lines)


def check_files(block: Block, files: dict[str, bytes], recorder: Recorder | None) -> list[str]:
    """Files a snippet writes are figures, recorded under docs/assets/figures/."""
    problems = []
    for name, content in files.items():
        if block.chapter is None:
            problems.append(f"{where(block)}: writes {name}; only snippets may write files")
            continue
        target = FIGURES / block.chapter / name
        if target.exists() and target.read_bytes() == content:
            continue
        tolerance = figures.tolerance_of(f"{block.chapter}/{name}")
        differences = (
            figures.compare(target.read_bytes(), content, tolerance) if (target.exists()) else []
        )
        if target.exists() and not differences:
            continue  # the same figure to the eye; the recorded bytes stay
        if recorder is not None:
            recorder.whole_file(target, content)
        elif not target.exists():
            problems.append(
                f"{where(block)}: writes {name}, which is not recorded at "
                f"{rel(target)}; run `nox -s update`"
            )
        else:
            problems.append(
                f"{where(block)}: writes {name}, which differs from {rel(target)} "
                f"beyond {tolerance:g} px; if the change is intended, run `nox -s update` "
                "and review the figure\n" + figures.describe(differences)
            )
    return problems
