"""Render the glossary from docs/glossary.yml and teach its terms to search.

A page containing ``<!-- glossary -->`` gets the table in its own language.
Every Chinese term is added to jieba's dictionary, so that search indexes
学习率 as one word rather than 学习 + 率.

jieba's prefix dictionary (half a million words) is read from a pickle in
``.cache/jieba/`` (git-ignored) rather than from jieba's own marshal cache
in the temp folder: the same two values (``FREQ``, ``total``) that
``jieba.initialize`` computes, loaded in a third of the CPU time (0.2 s, not
0.65 s). The pickle is named after jieba's version and its dictionary file's
size and time, and written from ``jieba.initialize`` itself when missing
(``sitegate/cache.py``: atomic, pruned after two weeks unused, and a
read-only checkout only costs the slower start); anything unexpected falls
back to ``jieba.initialize``. A custom dictionary
(``search.jieba_dict``) is left to jieba.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import jieba
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from sitegate import cache
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


def prefix_dictionary(cache_dir: Path) -> None:
    """Initialise jieba's default tokenizer from the pickle, or make the pickle."""
    tokenizer = jieba.dt
    if tokenizer.initialized or tokenizer.dictionary != jieba.DEFAULT_DICT:
        return
    source = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    stat = source.stat()
    stored = cache_dir / f"prefix-{jieba.__version__}-{stat.st_size}-{stat.st_mtime_ns}.pickle"
    with tokenizer.lock:
        try:
            # Written below, git-ignored: data of our own.
            freq, total = pickle.loads(cache.read(stored) or b"")  # noqa: S301
        except (ValueError, TypeError, pickle.UnpicklingError, EOFError):
            pass
        else:
            if isinstance(freq, dict) and isinstance(total, int):
                tokenizer.FREQ, tokenizer.total = freq, total
                tokenizer.initialized = True
                return
        jieba.initialize()
        cache.write(stored, pickle.dumps((tokenizer.FREQ, tokenizer.total), protocol=5))


TERM_FREQUENCY = 100_000


def on_config(config: MkDocsConfig) -> None:
    """Make every Chinese term one word for the search index.

    A term jieba has at this frequency already is not added again: jieba adds
    every call to its total, so each `mkdocs serve` rebuild would otherwise
    shift its word probabilities (and miss every page in the search cache).
    """
    prefix_dictionary(Path(config.config_file_path).parent / ".cache" / "jieba")
    for entry in load(config.docs_dir):
        if jieba.dt.FREQ.get(entry["zh"]) != TERM_FREQUENCY:
            jieba.add_word(entry["zh"], freq=TERM_FREQUENCY)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_) -> str:
    """Replace the placeholder by the table in the page's language."""
    if PLACEHOLDER not in markdown:
        return markdown
    language = LAYOUT.language_of(page.file.src_uri)
    return markdown.replace(PLACEHOLDER, table(load(config.docs_dir), language))
