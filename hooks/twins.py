"""Fail a strict build when a page exists in one language only.

mkdocs-static-i18n would otherwise fill the gap silently (or, with
``fallback_to_default: false``, just leave the page out of one language).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from sitegate.layout import LAYOUT, PAGE_SUFFIXES

log = logging.getLogger("mkdocs.hooks.twins")


def missing_twins(docs_dir: Path) -> list[str]:
    """Describe every page that lacks its twin or carries no language suffix.

    The languages and the file-name convention are the site's own
    (sitegate.layout, read from mkdocs.yml).
    """
    problems = []
    for path in sorted(docs_dir.rglob("*")):
        if path.suffix not in PAGE_SUFFIXES or not path.is_file():
            continue
        rel = path.relative_to(docs_dir)
        if LAYOUT.split(path) is None:
            problems.append(
                f"{rel}: a page needs a language suffix "
                f"({', '.join(f'{path.stem}.{x}{path.suffix}' for x in LAYOUT.languages)})"
            )
            continue
        for other in LAYOUT.languages:
            twin = LAYOUT.twin(path, other)
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
