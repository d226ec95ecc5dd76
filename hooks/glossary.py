"""Render the glossary from docs/glossary.yml and teach its terms to search.

A page containing ``<!-- glossary -->`` gets the table in its own language.
Every Chinese term is added to jieba's dictionary, so that search indexes
学习率 as one word rather than 学习 + 率.
"""

from __future__ import annotations

from pathlib import Path

import jieba
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from sitegate.layout import LAYOUT

PLACEHOLDER = "<!-- glossary -->"
HEADERS = {
    "zh": ("中文", "English", "不用的说法"),
    "en": ("English", "中文", "Chinese variants not used"),
}


def load(docs_dir: str | Path) -> list[dict]:
    """The glossary entries, in their order."""
    with open(Path(docs_dir) / "glossary.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def table(entries: list[dict], language: str) -> str:
    """The glossary as a Markdown table for one language."""
    first, second, third = HEADERS[language]
    rows = [f"| {first} | {second} | {third} |", "|:---|:---|:---|"]
    for entry in entries:
        avoid = "、".join(entry.get("avoid", [])) or "—"
        pair = (entry["zh"], entry["en"]) if language == "zh" else (entry["en"], entry["zh"])
        rows.append(f"| {pair[0]} | {pair[1]} | {avoid} |")
    return "\n".join(rows)


def on_config(config: MkDocsConfig) -> None:
    """Make every Chinese term one word for the search index."""
    for entry in load(config.docs_dir):
        jieba.add_word(entry["zh"], freq=100_000)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_) -> str:
    """Replace the placeholder by the table in the page's language."""
    if PLACEHOLDER not in markdown:
        return markdown
    language = LAYOUT.language_of(page.file.src_uri)
    return markdown.replace(PLACEHOLDER, table(load(config.docs_dir), language))
