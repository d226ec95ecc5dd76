"""Make mkdocs-jupyter and mkdocs-static-i18n work together; keep notebooks local.

- mkdocs-static-i18n rebuilds the file list after mkdocs-jupyter has marked
  notebooks as pages, so they end up copied as raw JSON (upstream issue #198).
  Running after it (priority below its -100), this hook marks them as pages
  again, at the URL a Markdown page of the same name would have.
- nbconvert's template loads MathJax from a CDN; the labs hold no formulas,
  and the site makes no request elsewhere, so that script is removed.
- Each lab page gets a link to download its .ipynb (mkdocs-jupyter copies the
  file next to the page with ``include_source: true``).
- mkdocs-jupyter prunes, after each build, the cached HTML of notebooks that
  build did not render; static-i18n runs one build per language, so each
  language deleted the other's cache. The cache of every notebook of the
  site is kept instead.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from types import SimpleNamespace

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitegate.layout import LAYOUT

MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
DOWNLOAD = {
    "zh": "下载这个笔记本（.ipynb），在 Jupyter 中运行",
    "en": "Download this notebook (.ipynb) to run it in Jupyter",
}


def _always() -> bool:
    return True


@event_priority(-200)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Give every notebook a page's place: ``[<lang>/]<name>/index.html``."""
    for file in files:
        if not file.src_uri.endswith(".ipynb") or file.is_documentation_page():
            continue
        parent, name = posixpath.split(file.src_uri)
        page = LAYOUT.name_of(name)
        # static-i18n marks each language's copy; the default's copy is unmarked
        language = getattr(file, "locale_alternate_of", LAYOUT.default)
        here = posixpath.join(parent, LAYOUT.url(page, language))
        file.is_documentation_page = _always  # type: ignore[method-assign]
        file.dest_uri = posixpath.join(here, "index.html")
        file.url = here
        file.abs_dest_path = posixpath.join(config.site_dir, file.dest_uri)
        # static-i18n finds no alternates for what it took for an asset; the
        # language switcher needs one per language, at the twin's URL.
        file.alternates = {
            lang: SimpleNamespace(
                url=posixpath.join(parent, LAYOUT.url(LAYOUT.name_of(name), lang))
            )
            for lang in LAYOUT.languages
        }
    return files


@event_priority(50)  # before mkdocs-jupyter's pruning at priority 0
def on_post_build(config: MkDocsConfig) -> None:
    """Mark the cached HTML of every notebook, in every language, as in use."""
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None or not plugin.config["cache"]:
        return
    try:
        from mkdocs_jupyter.plugin import _compute_cache_key, _get_cache_path
    except ImportError:  # a release without these helpers: only the speed suffers
        return
    for notebook in Path(config.docs_dir).rglob("*.ipynb"):
        key = _compute_cache_key(str(notebook), plugin.config, plugin.config["execute"])
        plugin._used_cache_paths.add(_get_cache_path(plugin.config["cache_dir"], key))


def on_page_content(html: str, page: Page, config: MkDocsConfig, **_) -> str:
    """Remove the CDN MathJax and add the download link on notebook pages."""
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    html = MATHJAX.sub("", html)
    name = posixpath.basename(page.file.src_uri)
    language = LAYOUT.language_of(name)
    link = (
        f'<p class="lab-download"><a class="md-button" href="{name}" download>'
        f"{DOWNLOAD.get(language, DOWNLOAD['en'])}</a></p>"
    )
    return link + html
