"""The build hooks and the settings that make a strict build strict."""

from __future__ import annotations

from pathlib import Path

from sitegate.layout import LAYOUT, mkdocs_config
from sitegate.pages import ROOT, snippet_config


def test_twins_hook_reports_a_lonely_page(tmp_path: Path) -> None:
    """A page in one language, or with no language, is reported by name."""
    (tmp_path / "a.zh.md").write_text("# a")
    (tmp_path / "a.en.md").write_text("# a")
    (tmp_path / "b.zh.md").write_text("# b")
    (tmp_path / "c.md").write_text("# c")
    problems = LAYOUT.load_hook("twins").missing_twins(tmp_path)
    assert len(problems) == 2
    assert "b.en.md is missing" in problems[0]
    assert problems[1].startswith("c.md: a page needs a language suffix")


def test_mathml_hook_typesets_and_keeps_the_tex() -> None:
    """A formula becomes MathML that remembers its TeX."""
    mathml = LAYOUT.load_hook("mathml").to_mathml(r"w_{n+1} = w_n - \eta", "inline", "x.md")
    assert mathml.startswith('<math alttext="w_{n+1} = w_n - \\eta"')
    assert "<msub>" in mathml and "&#x003B7;" in mathml


def test_strict_build_settings() -> None:
    """Missing snippets, broken links and warnings all stop the build."""
    config = mkdocs_config()
    assert config["strict"] is True
    assert snippet_config()["check_paths"] is True
    assert config["validation"]["unrecognized_links"] == "warn"
    assert config["validation"]["anchors"] == "warn"
    assert config["validation"]["omitted_files"] == "warn"


def test_the_fork_comparison_names_what_differs() -> None:
    """nox -s fork fails on a page or a link only one of the two builds has."""
    from sitegate.forkbuild import differences

    same = {"index.html": {"a/"}, "en/index.html": {"b/"}}
    assert differences(same, dict(same)) == []
    other = {"index.html": {"a/", "c/"}}
    assert differences(same, other) == [
        "only in the mkdocs build: en/index.html",
        "index.html: link 'c/' only in the properdocs build",
    ]


def test_hooks_load_without_the_test_tools() -> None:
    """`nox -s serve`, `docs` and `fork` have no pytest: no hook may need it."""
    import subprocess
    import sys

    hooks = mkdocs_config()["hooks"]
    code = (
        "import importlib.util, sys\n"
        "sys.modules['pytest'] = None  # importing it now raises ImportError\n"
        f"for path in {hooks!r}:\n"
        "    spec = importlib.util.spec_from_file_location(path, path)\n"
        "    spec.loader.exec_module(importlib.util.module_from_spec(spec))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
