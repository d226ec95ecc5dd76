"""Test-suite hooks that are not part of the gate itself (see sitegate.plugin)."""

from __future__ import annotations

import pytest

from sitegate import notebooks
from sitegate.plugin import runner, whole_gate


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Queue, ahead of the blocks, the runs that single tests wait for: the
    runner's own test scripts, Keras's schedule values (the formula checks)
    and the lab notebooks."""
    if whole_gate(config) and any(item.path.name == "test_runner.py" for item in items):
        # A whole session only: with -k or a chosen file each test runs its
        # own scripts when it gets there, and none runs for a deselected one.
        from tests.test_runner import FORKED_ONLY, SANDBOX_ONLY, SCRIPTS

        plain = config.getoption("--plain-python")
        for name, code in SCRIPTS.items():
            if name in SANDBOX_ONLY and not runner(config).sandbox:
                continue  # its test is skipped, and unsandboxed it would succeed
            if name in FORKED_ONLY and plain:
                continue  # its test is skipped in a fresh interpreter
            runner(config).submit(code, name)
    if any("keras_schedules" in getattr(item, "fixturenames", ()) for item in items):
        from tests.test_formulas import keras_script

        runner(config).submit(keras_script(), "keras_reference.py")
    if config.getoption("--plain-python"):
        return  # notebooks then run in a fresh kernel, not through the runner
    from tests.test_notebooks import lab_run

    for item in items:
        if getattr(item, "originalname", "") == "test_notebook_runs_and_prints_what_it_shows":
            source = item.callspec.params["source"]
            if notebooks.notebook_path(source).exists():  # else the test says so
                lab_run(runner(config), source)
