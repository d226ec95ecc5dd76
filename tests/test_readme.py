"""The README's quick start is what CI runs."""

from __future__ import annotations

import re

from sitegate.pages import ROOT


def test_ci_runs_the_readme_test_command() -> None:
    """`.ci/run` runs the README's test command, verbatim."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"^test_command='(.+)'$", script, re.M).group(1)
    assert f"\n{command}\n" in readme
    assert "nox -s tests" in command
