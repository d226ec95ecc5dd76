"""Test-suite hooks that are not part of the gate itself (see sitegate.plugin)."""

from __future__ import annotations

import pytest

from sitegate.plugin import runner


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Queue Keras's schedule values early: the formula checks wait for them."""
    if any("keras_schedules" in getattr(item, "fixturenames", ()) for item in items):
        from tests.test_formulas import keras_script

        runner(config).submit(keras_script(), "keras_reference.py")
