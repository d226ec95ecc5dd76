"""The gate as a pytest plugin: options, the runner, the site build, recording.

Loaded with ``-p sitegate.plugin`` (pyproject's pytest options).

A session that runs the whole tests folder starts the runner's forkserver
(TensorFlow's import) and the strict site build before collection; any
other session starts them once collection shows it needs them. Every
snippet is queued as soon as collection ends, so the runs, the build and
the quick tests overlap. ``--update-examples`` re-records outputs and figures.
"""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from sitegate.pages import ROOT
from sitegate.record import Recorder
from sitegate.runner import Runner

RUNNER = pytest.StashKey[Runner]()
BUILD = pytest.StashKey[tuple[subprocess.Popen, Path]]()
RECORDER = pytest.StashKey[Recorder]()


def missing_tool(message: str) -> None:
    """A test's tool is not installed: a failure under CI, a skip (saying how
    to install it) everywhere else. Raises either way."""
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the update mode."""
    parser.addoption(
        "--update-examples",
        action="store_true",
        help="rewrite recorded outputs and figures from real runs (review the diff)",
    )
    parser.addoption(
        "--skip-figures",
        action="store_true",
        help="do not compare figures (their SVG bytes depend on numpy and matplotlib)",
    )
    parser.addoption(
        "--reverse-order",
        action="store_true",
        help="run the tests in reverse order (the determinism session uses it)",
    )
    parser.addoption(
        "--plain-python",
        action="store_true",
        help="run every block with a fresh `python script`, as a reader would (slow)",
    )


def pytest_sessionstart(session: pytest.Session) -> None:
    """Say, at the top of every run (quiet ones too), whether blocks run sandboxed."""
    from sitegate.runner import sandbox

    found = sandbox()
    line = (
        f"blocks sandboxed by bubblewrap ({found}): the project is read-only to them"
        if found
        else "blocks NOT sandboxed (no working bubblewrap): only the self-test's clean run checks"
    )
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(line)
    if whole_gate(session.config):
        # Start the slow work now, beside collection: the forkserver's
        # TensorFlow import (an empty script starts it) and the build.
        runner(session.config).submit("", "start.py")
        start_build(session.config)


def whole_gate(config: pytest.Config) -> bool:
    """Whether this session runs the blocks' tests: a run of the tests folder
    (what `nox -s tests` does), not of chosen files or a --collect-only."""
    if config.option.collectonly or config.option.keyword or config.option.markexpr:
        return False
    snippets = ROOT / "tests" / "test_snippets.py"
    for arg in config.args:
        path = Path(arg.split("::")[0])
        path = path if path.is_absolute() else Path(config.invocation_params.dir) / path
        if path.resolve() == snippets or path.resolve() in snippets.parents:
            return True
    return False


def pytest_configure(config: pytest.Config) -> None:
    """Prepare the store of rewrites made in update mode."""
    config.stash[RECORDER] = Recorder()


def runner(config: pytest.Config) -> Runner:
    """The session's runner, started on first use."""
    if RUNNER not in config.stash:
        config.stash[RUNNER] = Runner(plain=config.getoption("--plain-python"))
    return config.stash[RUNNER]


def start_build(config: pytest.Config) -> None:
    """Start ``mkdocs build --strict`` of both languages into a temp folder."""
    if BUILD in config.stash:
        return
    target = Path(tempfile.mkdtemp(prefix="site-"))
    env = dict(os.environ)
    # nbconvert's app (imported by mkdocs-jupyter) would otherwise instantiate
    # every exporter for its --help text: 0.2 s of CPU, no page changes.
    env.setdefault("NBCONVERT_DISABLE_CONFIG_EXPORTERS", "1")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    config.stash[BUILD] = (process, target)


WAITS = ("keras_schedules", "site", "snippet_runner")  # in the order they are ready


def waits_for(item: pytest.Item) -> int:
    """0 for a test that needs neither the build nor a run, else 1 + the latest it needs."""
    names = set(getattr(item, "fixturenames", ()))
    callspec = getattr(item, "callspec", None)
    if callspec is not None and any(hasattr(v, "code") for v in callspec.params.values()):
        names.add("snippet_runner")  # a block: its run
    needs = [i for i, name in enumerate(WAITS) if name in names]
    return 1 + max(needs) if needs else 0


def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Queue the slow work the selected tests will need, and run first the
    tests that need none of it: they keep the test process busy while the
    build and the forkserver start (TensorFlow's import) use the other core."""
    items.sort(key=waits_for)  # stable: each group keeps its order
    if config.getoption("--reverse-order"):
        items.reverse()
    if any("site" in getattr(item, "fixturenames", ()) for item in items):
        start_build(config)
    for item in items:
        callspec = getattr(item, "callspec", None)
        block = callspec.params.get("block") if callspec else None
        if block is not None and hasattr(block, "code"):
            if not any(m.name == "skip" for m in item.iter_markers()):
                mark = item.get_closest_marker("timeout")
                seconds = float(mark.kwargs["seconds"]) if mark is not None else None
                runner(config).submit(block.code, block.script_name, seconds)


def pytest_collection_finish(session: pytest.Session) -> None:
    """What collection made (modules, items, parsed pages) lives to the end:
    out of the garbage collector's view, the collections the tests trigger
    and pytest's own at the end skip it (0.3 s of CPU less in this process)."""
    gc.freeze()


@pytest.fixture(scope="session")
def snippet_runner(pytestconfig: pytest.Config) -> Runner:
    """The runner every block goes through."""
    return runner(pytestconfig)


@pytest.fixture(scope="session")
def site(pytestconfig: pytest.Config) -> Path:
    """The strictly built site; fails with mkdocs' log if the build failed."""
    start_build(pytestconfig)
    process, target = pytestconfig.stash[BUILD]
    log, _ = process.communicate()
    if process.returncode != 0:
        pytest.fail(
            f"mkdocs build --strict failed (exit {process.returncode}):\n{log}",
            pytrace=False,
        )
    return target


@pytest.fixture(scope="session")
def recorder(pytestconfig: pytest.Config) -> Recorder | None:
    """The rewrite collector in update mode, else None."""
    if pytestconfig.getoption("--update-examples"):
        return pytestconfig.stash[RECORDER]
    return None


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Write re-recorded files, then clean up the background work."""
    config = session.config
    for path in config.stash[RECORDER].write():
        print(f"\nre-recorded {path.relative_to(ROOT)}", file=sys.stderr)
    if RUNNER in config.stash:
        config.stash[RUNNER].close()
    if BUILD in config.stash:
        process, target = config.stash[BUILD]
        if process.poll() is None:
            process.kill()
            process.communicate()
        shutil.rmtree(target, ignore_errors=True)
