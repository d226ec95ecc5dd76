"""Test-suite hooks that are not part of the gate itself (see sitegate.plugin)."""

from __future__ import annotations

import pytest

from sitegate import notebooks
from sitegate.plugin import runner


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Queue, ahead of the blocks, the runs that single tests wait for: the
    runner's own test scripts, Keras's schedule values (the formula checks)
    and the lab notebooks."""
    if any(item.path.name == "test_runner.py" for item in items):
        from tests.test_runner import SANDBOX_ONLY, SCRIPTS

        for name, code in SCRIPTS.items():
            if runner(config).sandbox or name not in SANDBOX_ONLY:
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
