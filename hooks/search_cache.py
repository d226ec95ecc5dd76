"""Keep each page's search entries between builds.

Material's search plugin parses the HTML of every page and cuts its Chinese
text into words with jieba: about 1.2 s of CPU in a build of both languages,
spent again on every build for pages that did not change. This hook keeps the
entries a page gave in ``.cache/search/`` (git-ignored, beside the other
build caches), one JSON file per page version, under a key made of all the
plugin reads to make them:

- the page's HTML, address, title, front matter and table of contents;
- the plugin's settings;
- the versions of Python, Material, backrefs and jieba, and this hook's
  own source;
- jieba's dictionary: its file, word count and total frequency, and
  ``docs/glossary.yml``, whose terms the glossary hook adds to it.

A page whose key has no file is indexed by the plugin itself, as without
this hook, and its entries are stored (``sitegate/cache.py``: entries unused
for two weeks are removed). A file that cannot be read is treated as
missing. The search index is the same either way: built with the hook
(cold and warm) and without it, ``search/search_index.json`` was
byte-identical (checked by hand when the hook was written);
``tests/test_hooks.py`` checks the cache against the plugin on a page.
"""

from __future__ import annotations

import hashlib
import json
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from sitegate import cache

WRAPPED = "_sitegate_search_cache"  # marks a search index whose method is wrapped


def toc_outline(items: Any) -> list:
    """What the plugin reads of a table of contents: ids, addresses, nesting."""
    return [[item.id, item.url, toc_outline(item.children)] for item in items]


def jieba_state() -> list:
    """What decides how jieba cuts a text, cheaply: None if jieba is absent."""
    from material.plugins.search import plugin

    if plugin.jieba is None:
        return [None]
    tokenizer = plugin.jieba.dt
    return [
        version("jieba"),
        str(tokenizer.dictionary),
        tokenizer.initialized,
        tokenizer.total,
        len(tokenizer.FREQ),
    ]


def page_key(page: Page, settings: dict, fixed: str) -> str:
    """The cache key of a page's entries: a hash of everything they depend on."""
    data = json.dumps(
        [
            fixed,
            jieba_state(),
            sorted(settings.items()),
            page.url,
            str(page.title),
            page.meta,
            toc_outline(page.toc),
            page.content,
        ],
        default=str,
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def cached(index: Any, folder: Path, fixed: str) -> None:
    """Wrap ``index.add_entry_from_context`` to read and fill the cache."""
    compute = index.add_entry_from_context

    def add_entry_from_context(page: Page) -> None:
        path = folder / f"{page_key(page, index.config, fixed)}.json"
        try:
            entries = json.loads(cache.read(path) or b"null")
        except ValueError:
            entries = None
        if isinstance(entries, list) and all(isinstance(e, dict) for e in entries):
            index.entries.extend(entries)
            return
        start = len(index.entries)
        compute(page)
        data = json.dumps(index.entries[start:], ensure_ascii=False, default=str)
        cache.write(path, data.encode("utf-8"))

    index.add_entry_from_context = add_entry_from_context
    setattr(index, WRAPPED, True)


def fixed_part(config: MkDocsConfig) -> str:
    """The part of every key that is the same for all pages of a build."""
    glossary = Path(config.docs_dir) / "glossary.yml"
    return json.dumps(
        [
            sys.version,  # html.parser, which the plugin's parser extends
            version("mkdocs-material"),
            version("backrefs"),  # the plugin's regular expressions (Han script)
            hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
            hashlib.sha256(glossary.read_bytes()).hexdigest() if glossary.exists() else None,
        ]
    )


@event_priority(100)  # before the search plugin indexes the page
def on_page_context(context: Any, page: Page, config: MkDocsConfig, **_: Any) -> Any:
    """Give the search plugin's index (new in every build) the cache."""
    for name, plugin in config.plugins.items():
        index = getattr(plugin, "search_index", None)
        if name in ("search", "material/search") and index is not None:
            if not getattr(index, WRAPPED, False):
                folder = Path(config.config_file_path).parent / ".cache" / "search"
                cached(index, folder, fixed_part(config))
    return context
