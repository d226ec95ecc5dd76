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
    default = _default_language(config)
    languages = _languages(config)
    for file in files:
        if not file.src_uri.endswith(".ipynb") or file.is_documentation_page():
            continue
        language = getattr(file, "locale_alternate_of", default)  # set by static-i18n
        prefix = "" if language == default else f"{language}/"
        parent, name = posixpath.split(file.src_uri)
        folder = posixpath.join(prefix + parent, name.split(".", 1)[0])
        file.is_documentation_page = _always  # type: ignore[method-assign]
        file.dest_uri = posixpath.join(folder, "index.html")
        file.url = folder + "/"
        file.abs_dest_path = posixpath.join(config.site_dir, file.dest_uri)
        # static-i18n finds no alternates for what it took for an asset; the
        # language switcher needs one per language, at the twin's URL.
        bare = posixpath.join(parent, name.split(".", 1)[0]) + "/"
        file.alternates = {
            lang: SimpleNamespace(url=bare if lang == default else f"{lang}/{bare}")
            for lang in languages
        }
    return files


def _languages(config: MkDocsConfig) -> list[str]:
    """Every language mkdocs-static-i18n builds."""
    i18n = config.plugins.get("i18n")
    return [lang.locale for lang in i18n.config.languages if lang.build] if i18n else []


def _default_language(config: MkDocsConfig) -> str | None:
    """The default language of mkdocs-static-i18n, if it is configured."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return None
    return next((lang.locale for lang in i18n.config.languages if lang.default), None)


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
    language = name.rsplit(".", 2)[-2]
    link = (
        f'<p class="lab-download"><a class="md-button" href="{name}" download>'
        f"{DOWNLOAD.get(language, DOWNLOAD['en'])}</a></p>"
    )
    return link + html
