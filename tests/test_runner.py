"""The runner keeps its promises: scripts run as __main__, isolated, reported."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from sitegate.layout import LAYOUT
from sitegate.runner import FILE_LIMIT, OUTPUT_LIMIT, Runner

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


def test_scripts_run_as_main_and_do_not_share_state(snippet_runner: Runner) -> None:
    """Graph mode or a patched module in one script leaves the next untouched."""
    first = snippet_runner.run(GRAPH_MODE, "graph_mode.py")
    second = snippet_runner.run(FRESH, "fresh.py")
    assert (first.stdout, first.exitcode) == ("__main__ False\n", 0)
    assert second.stdout.split()[:3] == ["__main__", "True", "True"]
    assert second.stdout.split()[3].endswith("fresh.py")


def test_failures_and_exit_codes_are_reported(snippet_runner: Runner) -> None:
    """A traceback and a non-zero exit come back to the test."""
    crashed = snippet_runner.run("print('before')\n1 / 0\n", "crash.py")
    exited = snippet_runner.run("raise SystemExit(3)\n", "exit.py")
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
    runner = Runner(jobs=1, timeout=1.0 if plain else 0.5, plain=plain)
    try:
        result = runner.run(HANG, "hang.py")
    finally:
        runner.close()
    assert result.exitcode is None
    pid = int(result.stdout.split()[1])
    time.sleep(0.2)
    assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text()
    assert "started" in result.tail()


def test_a_flood_of_output_fails_short(snippet_runner: Runner) -> None:
    """More than OUTPUT_LIMIT printed is a problem stated in one line."""
    result = snippet_runner.run(f"print('x' * {OUTPUT_LIMIT + 10})\n", "flood.py")
    assert result.problem and "more than the" in result.problem and len(result.stdout) <= 2000


def test_a_file_past_the_limit_is_cut_and_named(snippet_runner: Runner) -> None:
    """The kernel keeps a block's files within FILE_LIMIT; the result says which file hit it."""
    code = f"open('big.bin', 'wb').write(b'0' * {FILE_LIMIT + 1})\n"
    result = snippet_runner.run(code, "big.py")
    assert len(result.files["big.bin"]) == FILE_LIMIT
    assert result.problem and "big.bin" in result.problem


def test_bytes_that_are_not_utf8_are_named(snippet_runner: Runner) -> None:
    """Output is decoded strictly: a replacement character cannot hide bad bytes."""
    result = snippet_runner.run("import sys\nsys.stdout.buffer.write(b'ok \\xff')\n", "bytes.py")
    assert result.problem and "not UTF-8 (at byte 3" in result.problem


def test_a_crash_by_signal_is_named(snippet_runner: Runner) -> None:
    """A segfault reads as SIGSEGV, not as a bare negative exit code."""
    result = snippet_runner.run(
        "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n", "segv.py"
    )
    assert result.signal and result.signal.startswith("SIGSEGV")


def test_files_written_by_a_script_come_back(snippet_runner: Runner) -> None:
    """Figures are compared, so the runner returns what a script wrote."""
    result = snippet_runner.run("open('fig.svg', 'w').write('<svg/>')\n", "writer.py")
    assert result.files == {"fig.svg": b"<svg/>"}


def test_settings_a_script_leaves_changed_are_reported(snippet_runner: Runner) -> None:
    """What outlives a block pasted into a notebook is named; pyplot's default is not."""
    if snippet_runner.plain:
        pytest.skip("a fresh interpreter ends with its script; the forked runner checks this")
    changed = snippet_runner.run(
        "import numpy as np\nimport tensorflow as tf\nnp.set_printoptions(precision=3)\n"
        'tf.keras.backend.set_floatx("float64")\n',
        "lasting.py",
    )
    assert changed.lasting == ["numpy.get_printoptions()", "tf.keras.backend.floatx()"]
    clean = snippet_runner.run(
        "import matplotlib.pyplot as plt\n"
        'with plt.rc_context({"svg.fonttype": "none"}):\n'
        "    fig, ax = plt.subplots()\n",
        "clean.py",
    )
    assert clean.ok and clean.lasting == []


def test_every_block_sees_the_same_environment(snippet_runner: Runner) -> None:
    """$HOME, the temp folder, the locale and the zone are the runner's, not this machine's."""
    result = snippet_runner.run(
        "import os, tempfile, time\n"
        'print(os.environ["LANG"], os.environ["TZ"], time.strftime("%Z"))\n'
        'print(os.environ["HOME"] == tempfile.gettempdir(), os.getcwd() != os.environ["HOME"])\n'
        'open(os.path.join(os.environ["HOME"], "left.txt"), "w").write("x")\n',
        "environment.py",
    )
    assert result.stdout == "C.UTF-8 UTC UTC\nTrue True\n"
    assert "left.txt" not in result.files  # not in the block's folder, and removed with HOME


def test_a_block_cannot_change_the_project(snippet_runner: Runner) -> None:
    """With bubblewrap, the project is read-only to a block and /tmp vanishes with it."""
    if not snippet_runner.sandbox:
        pytest.skip("bubblewrap (bwrap) is not installed here: blocks run unsandboxed")
    stray = LAYOUT.docs / "stray-from-a-block.md"
    result = snippet_runner.run(
        f"open({str(stray)!r}, 'w').write('x')\n", "writes_into_the_project.py"
    )
    assert result.exitcode == 1 and "Read-only file system" in result.stderr
    assert not stray.exists()
    left = snippet_runner.run("open('/tmp/left-by-a-block', 'w').write('x')\n", "tmp.py")
    assert left.ok and not Path("/tmp/left-by-a-block").exists()  # noqa: S108
