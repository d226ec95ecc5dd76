"""The runner keeps its promises: scripts run as __main__, isolated, reported."""

from __future__ import annotations

from sitegate.runner import Runner

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


def test_a_script_that_hangs_is_stopped() -> None:
    """A time limit turns a hang into a failure instead of a frozen run."""
    runner = Runner(jobs=1, timeout=0.5)
    try:
        result = runner.run("import time\ntime.sleep(30)\n", "hang.py")
    finally:
        runner.close()
    assert result.exitcode is None


def test_files_written_by_a_script_come_back(snippet_runner: Runner) -> None:
    """Figures are compared, so the runner returns what a script wrote."""
    result = snippet_runner.run("open('fig.svg', 'w').write('<svg/>')\n", "writer.py")
    assert result.files == {"fig.svg": b"<svg/>"}


def test_settings_a_script_leaves_changed_are_reported(snippet_runner: Runner) -> None:
    """What outlives a block pasted into a notebook is named; pyplot's default is not."""
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
