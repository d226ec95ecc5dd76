"""Fail a strict build when a page exists in one language only.

mkdocs-static-i18n would otherwise fill the gap silently (or, with
``fallback_to_default: false``, just leave the page out of one language).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.twins")

LANGUAGES = ("zh", "en")
PAGE_SUFFIXES = (".md", ".ipynb")


def missing_twins(docs_dir: Path) -> list[str]:
    """Describe every page that lacks its twin or carries no language suffix."""
    problems = []
    for path in sorted(docs_dir.rglob("*")):
        if path.suffix not in PAGE_SUFFIXES or not path.is_file():
            continue
        rel = path.relative_to(docs_dir)
        stem, _, lang = path.stem.rpartition(".")
        if lang not in LANGUAGES:
            problems.append(
                f"{rel}: a page needs a language suffix "
                f"({', '.join(f'{path.stem}.{x}{path.suffix}' for x in LANGUAGES)})"
            )
            continue
        for other in LANGUAGES:
            twin = path.with_name(f"{stem}.{other}{path.suffix}")
            if not twin.exists():
                problems.append(f"{rel}: its twin {twin.relative_to(docs_dir)} is missing")
    return problems


def on_pre_build(config: MkDocsConfig) -> None:
    """Warn (an error under --strict) about each page without its twin."""
    for problem in missing_twins(Path(config.docs_dir)):
        # static-i18n runs one build per language; say each problem once per
        # process (under `mkdocs serve`, once per session).
        if problem not in _reported:
            _reported.add(problem)
            log.warning(problem)


_reported: set[str] = set()
