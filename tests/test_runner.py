"""The runner keeps its promises: scripts run as __main__, isolated, reported."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from sitegate.layout import LAYOUT
from sitegate.runner import (
    FILE_LIMIT,
    FORKED_ENV,
    FORKSERVER_ENV,
    OUTPUT_LIMIT,
    PRELOAD,
    Result,
    Runner,
)

GRAPH_MODE = """\
import tensorflow as tf
import json
tf.compat.v1.disable_eager_execution()
json.dumps = None
print(__name__, tf.executing_eagerly())
"""
FRESH = """\
import sys
import json
import tensorflow as tf
print(__name__, tf.executing_eagerly(), json.dumps is not None, sys.argv[0])
"""


STRAY = LAYOUT.docs / "stray-from-a-block.md"
THREADS = ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS")
# Every script the tests below run through the session's runner, by name.
# conftest queues them all ahead of the pages' blocks: the tests come after
# the blocks in the run order, and would otherwise wait for all of them and
# then run their scripts one at a time, on one core, at the end.
SCRIPTS = {
    "graph_mode.py": GRAPH_MODE,
    "fresh.py": FRESH,
    "preloaded.py": (
        f"import gc, sys\nprint([m for m in {PRELOAD!r} if m not in sys.modules])\n"
        "print(gc.get_freeze_count() > 100_000)\n"
    ),
    "onednn.py": (
        "from tensorflow.python.util import _pywrap_util_port as port\nprint(port.IsMklEnabled())\n"
    ),
    "crash.py": "print('before')\n1 / 0\n",
    "exit.py": "raise SystemExit(3)\n",
    "flood.py": f"print('x' * {OUTPUT_LIMIT + 10})\n",
    "big.py": f"open('big.bin', 'wb').write(b'0' * {FILE_LIMIT + 1})\n",
    "bytes.py": "import sys\nsys.stdout.buffer.write(b'ok \\xff')\n",
    "segv.py": "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n",
    "writer.py": "open('fig.svg', 'w').write('<svg/>')\n",
    "lasting.py": (
        "import numpy as np\nimport tensorflow as tf\nnp.set_printoptions(precision=3)\n"
        'tf.keras.backend.set_floatx("float64")\n'
    ),
    "clean.py": (
        "import matplotlib.pyplot as plt\n"
        'with plt.rc_context({"svg.fonttype": "none"}):\n'
        "    fig, ax = plt.subplots()\n"
    ),
    "environment.py": (
        "import os, tempfile, time\n"
        'print(os.environ["LANG"], os.environ["TZ"], time.strftime("%Z"))\n'
        'print(os.environ["HOME"] == tempfile.gettempdir(), os.getcwd() != os.environ["HOME"])\n'
        'open(os.path.join(os.environ["HOME"], "left.txt"), "w").write("x")\n'
        f"print(*(os.environ.get(name) for name in {THREADS!r}))\n"
    ),
    "writes_into_the_project.py": f"open({str(STRAY)!r}, 'w').write('x')\n",
    "tmp.py": "open('/tmp/left-by-a-block', 'w').write('x')\n",
}
SANDBOX_ONLY = {"writes_into_the_project.py", "tmp.py"}  # unsandboxed, they would succeed
FORKED_ONLY = {"lasting.py", "clean.py"}  # their test is for the forked runner


def run(runner: Runner, name: str) -> Result:
    """The result of ``SCRIPTS[name]`` (queued already in a whole session)."""
    return runner.run(SCRIPTS[name], name)


def test_scripts_run_as_main_and_do_not_share_state(snippet_runner: Runner) -> None:
    """Graph mode or a patched module in one script leaves the next untouched."""
    first = run(snippet_runner, "graph_mode.py")
    second = run(snippet_runner, "fresh.py")
    assert (first.stdout, first.exitcode) == ("__main__ False\n", 0)
    assert second.stdout.split()[:3] == ["__main__", "True", "True"]
    assert second.stdout.split()[3].endswith("fresh.py")


def test_the_forkserver_preloads_all_it_names_and_freezes(snippet_runner: Runner) -> None:
    """The forkserver skips a preload it cannot import without a word: this says it."""
    result = run(snippet_runner, "preloaded.py")
    if snippet_runner.plain:
        assert result.stdout.splitlines()[1] == "False"  # a fresh interpreter
    else:
        assert result.stdout == "[]\nTrue\n", result.tail()


def test_forked_blocks_run_without_onednn_unless_the_environment_says(
    snippet_runner: Runner,
) -> None:
    """oneDNN is off in forked blocks (set before the forkserver imports TensorFlow, which
    reads it only then) unless the environment sets it (determinism's runs); in a fresh
    interpreter (--plain-python) it is as a reader has it: on, unless set."""
    result = run(snippet_runner, "onednn.py")
    default = None if snippet_runner.plain else FORKSERVER_ENV["TF_ENABLE_ONEDNN_OPTS"]
    setting = os.environ.get("TF_ENABLE_ONEDNN_OPTS", default)
    assert result.stdout == f"{setting not in ('0', 'false', 'False')}\n", result.tail()


def test_failures_and_exit_codes_are_reported(snippet_runner: Runner) -> None:
    """A traceback and a non-zero exit come back to the test."""
    crashed = run(snippet_runner, "crash.py")
    exited = run(snippet_runner, "exit.py")
    assert crashed.exitcode == 1 and crashed.stdout == "before\n"
    assert "ZeroDivisionError" in crashed.stderr and "crash.py" in crashed.stderr
    assert exited.exitcode == 3


HANG = """\
import subprocess, time
child = subprocess.Popen(["sleep", "300"])
print("started", child.pid, flush=True)
time.sleep(300)
"""


@pytest.mark.parametrize("plain", [False, True], ids=["forked", "plain-python"])
def test_a_script_that_hangs_is_stopped_with_all_it_started(
    plain: bool, request: pytest.FixtureRequest
) -> None:
    """A time limit stops the block's whole process group and keeps what it printed."""
    if plain and not request.config.getoption("--plain-python"):
        pytest.skip("the plain-interpreter path is exercised by `nox -s fidelity` (--plain-python)")
    # The limit must outlast the script's start and first print: on a loaded machine half a
    # second may not (CI once saw nothing printed), so a run that printed nothing is retried
    # with a longer limit; the usual case still costs half a second.
    for limit in (1.0, 4.0, 16.0) if plain else (0.5, 2.0, 8.0):
        runner = Runner(jobs=1, timeout=limit, plain=plain)
        try:
            result = runner.run(HANG, "hang.py")
        finally:
            runner.close()
        if result.stdout:
            break
    assert result.exitcode is None
    pid = int(result.stdout.split()[1])
    time.sleep(0.2)
    assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text()
    assert "started" in result.tail()


def test_a_flood_of_output_fails_short(snippet_runner: Runner) -> None:
    """More than OUTPUT_LIMIT printed is a problem stated in one line."""
    result = run(snippet_runner, "flood.py")
    assert result.problem and "more than the" in result.problem and len(result.stdout) <= 2000


def test_a_file_past_the_limit_is_cut_and_named(snippet_runner: Runner) -> None:
    """The kernel keeps a block's files within FILE_LIMIT; the result says which file hit it."""
    result = run(snippet_runner, "big.py")
    assert len(result.files["big.bin"]) == FILE_LIMIT
    assert result.problem and "big.bin" in result.problem


def test_bytes_that_are_not_utf8_are_named(snippet_runner: Runner) -> None:
    """Output is decoded strictly: a replacement character cannot hide bad bytes."""
    result = run(snippet_runner, "bytes.py")
    assert result.problem and "not UTF-8 (at byte 3" in result.problem


def test_a_crash_by_signal_is_named(snippet_runner: Runner) -> None:
    """A segfault reads as SIGSEGV, not as a bare negative exit code."""
    result = run(snippet_runner, "segv.py")
    assert result.signal and result.signal.startswith("SIGSEGV")


def test_files_written_by_a_script_come_back(snippet_runner: Runner) -> None:
    """Figures are compared, so the runner returns what a script wrote."""
    result = run(snippet_runner, "writer.py")
    assert result.files == {"fig.svg": b"<svg/>"}


def test_settings_a_script_leaves_changed_are_reported(snippet_runner: Runner) -> None:
    """What outlives a block pasted into a notebook is named; pyplot's default is not."""
    if snippet_runner.plain:
        pytest.skip("a fresh interpreter ends with its script; the forked runner checks this")
    changed = run(snippet_runner, "lasting.py")
    assert changed.lasting == ["numpy.get_printoptions()", "tf.keras.backend.floatx()"]
    clean = run(snippet_runner, "clean.py")
    assert clean.ok and clean.lasting == []


def test_every_block_sees_the_same_environment(snippet_runner: Runner) -> None:
    """$HOME, the temp folder, the locale and the zone are the runner's, not this machine's."""
    result = run(snippet_runner, "environment.py")
    # TensorFlow's thread counts: as this process has them (determinism's
    # variants set them); forked blocks default to one thread (FORKED_ENV).
    default = {} if snippet_runner.plain else FORKED_ENV
    threads = " ".join(str(os.environ.get(name, default.get(name))) for name in THREADS)
    assert result.stdout == f"C.UTF-8 UTC UTC\nTrue True\n{threads}\n"
    assert "left.txt" not in result.files  # not in the block's folder, and removed with HOME


def test_a_block_cannot_change_the_project(snippet_runner: Runner) -> None:
    """With bubblewrap, the project is read-only to a block and /tmp vanishes with it."""
    if not snippet_runner.sandbox:
        pytest.skip("bubblewrap (bwrap) is not installed here: blocks run unsandboxed")
    result = run(snippet_runner, "writes_into_the_project.py")
    assert result.exitcode == 1 and "Read-only file system" in result.stderr
    assert not STRAY.exists()
    left = run(snippet_runner, "tmp.py")
    assert left.ok and not Path("/tmp/left-by-a-block").exists()  # noqa: S108
