"""Make mkdocs-jupyter and mkdocs-static-i18n work together; keep notebooks local.

- mkdocs-static-i18n rebuilds the file list after mkdocs-jupyter has marked
  notebooks as pages, so they end up copied as raw JSON (upstream issue #198).
  Running after it (priority below its -100), this hook marks them as pages
  again, at the URL a Markdown page of the same name would have.
- nbconvert's template loads MathJax from a CDN, and Mermaid from cdnjs for a
  notebook with a diagram; the labs hold neither, and the site makes no
  request elsewhere, so both scripts are removed.
- Each lab page gets a link to download its .ipynb (mkdocs-jupyter copies the
  file next to the page with ``include_source: true``).
- nbconvert slugs headings to ASCII, so a Chinese lab's headings all get
  ``id=""`` while its table of contents links to ``#_1``, ``#_2``...: every
  lab gets the heading ids of its English twin instead, in its HTML and in
  its table of contents, so anchors are stable and the same in both languages.
- nbconvert gives every figure the alt text "No description has been
  provided for this image", in English; each figure gets the ``alt`` of its
  code cell (``# %% alt="..."`` in the lab source) instead, and a figure
  without one fails the build.
- mkdocs-jupyter prunes, after each build, the cached HTML of notebooks that
  build did not render; static-i18n runs one build per language, so each
  language deleted the other's cache. The cache of every notebook of the
  site is kept instead.
"""

from __future__ import annotations

import functools
import html as htmllib
import json
import logging
import posixpath
import re
from pathlib import Path
from types import SimpleNamespace

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitegate.layout import LAYOUT

log = logging.getLogger("mkdocs.hooks.notebooks")

MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
# nbconvert's script that imports Mermaid from cdnjs when a notebook has a diagram
MERMAID = re.compile(r'<script type="module">(?:(?!</script>).)*?jp-Mermaid.*?</script>', re.S)
NO_ALT = 'alt="No description has been provided for this image"'
HEADING = re.compile(r'<h([1-6]) id="[^"]*">(.*?)<a class="anchor-link" href="#[^"]*">', re.S)
ID_LANGUAGE = "en"  # whose heading ids every language's lab uses
# nbconvert makes every input cell and every output a Tab stop with no visible
# focus; docs/javascripts/a11y.js makes an output a Tab stop when it scrolls.
NO_TAB_STOP = re.compile(
    r'(<div class="(?:jp-Cell-inputWrapper|[^"]*jp-OutputArea-output[^"]*)"[^>]*?) tabindex="0"'
)
COPY = {"zh": ("复制到剪贴板", "已复制！"), "en": ("Copy to clipboard", "Copied!")}
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
    html = MERMAID.sub("", MATHJAX.sub("", html))
    name = posixpath.basename(page.file.src_uri)
    language = LAYOUT.language_of(name)
    html = _heading_ids(html, page, config)
    html = _figure_alts(html, page)
    html = _keyboard_and_language(html, language)
    link = (
        f'<p class="lab-download"><a class="md-button" href="{name}" download>'
        f"{DOWNLOAD.get(language, DOWNLOAD['en'])}</a></p>"
    )
    return link + html


def _flat(items: list, children) -> list:
    """Every entry of a tree, depth first (document order)."""
    flat = []
    for item in items:
        flat.append(item)
        flat.extend(_flat(children(item), children))
    return flat


TOC_DEPTH = 6  # the heading levels mkdocs-jupyter's table of contents takes


@functools.cache
def _toc_tokens(path: str, _mtime: int) -> list:
    """The English lab's headings as mkdocs-jupyter finds them: every language's
    page asks for the same notebook's, and converting it takes a while."""
    from mkdocs_jupyter.plugin import _get_nb_toc_tokens

    return _get_nb_toc_tokens(path, TOC_DEPTH)[0]


def _cached_toc_tokens(notebook: Path, config: MkDocsConfig) -> list | None:
    """The headings mkdocs-jupyter stored with the notebook's rendered page in
    its cache (the same call as ``_toc_tokens``, made when it rendered the
    page), or None where there is no such entry: a build that rendered the
    notebook before, in either language, does not convert it again."""
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None or not plugin.config["cache"] or plugin.config["toc_depth"] != TOC_DEPTH:
        return None
    try:
        from mkdocs_jupyter.plugin import _compute_cache_key, _get_cache_path
    except ImportError:  # a release without these helpers: converted instead
        return None
    key = _compute_cache_key(str(notebook), plugin.config, plugin.config["execute"])
    try:
        cached = json.loads(_get_cache_path(plugin.config["cache_dir"], key).read_bytes())
        tokens = cached["toc_tokens"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return tokens if isinstance(tokens, list) else None


def _heading_ids(html: str, page: Page, config: MkDocsConfig) -> str:
    """Give the lab's headings, and its table of contents, its English twin's ids."""
    source = Path(page.file.abs_src_path)
    twin = source.with_name(f"{LAYOUT.name_of(source.name)}.{ID_LANGUAGE}.ipynb")
    if not twin.exists():
        log.warning(f"{page.file.src_uri}: no {twin.name} to take heading ids from")
        return html
    tokens = _cached_toc_tokens(twin, config)
    if tokens is None:
        tokens = _toc_tokens(str(twin), twin.stat().st_mtime_ns)
    twin_headings = _flat(tokens, lambda token: token.get("children", []))
    ids = [token["id"] for token in twin_headings]
    entries = _flat(list(page.toc), lambda entry: entry.children)
    headings = HEADING.findall(html)
    if not (len(ids) == len(entries) == len(headings)):
        log.warning(
            f"{page.file.src_uri}: {len(headings)} headings, {len(entries)} table of contents "
            f"entries, {len(ids)} headings in {twin.name}: the labs must have the same headings"
        )
        return html
    levels = [token["level"] for token in twin_headings]
    if [int(level) for level, _ in headings] != levels:
        log.warning(f"{page.file.src_uri}: heading levels differ from {twin.name}'s")
        return html
    for entry, anchor in zip(entries, ids, strict=True):
        entry.id = anchor
    replacement = iter(ids)

    def put(match: re.Match) -> str:
        anchor = htmllib.escape(next(replacement))
        level, text = match.group(1), match.group(2)
        return f'<h{level} id="{anchor}">{text}<a class="anchor-link" href="#{anchor}">'

    return HEADING.sub(put, html)


def _figure_alts(html: str, page: Page) -> str:
    """Replace nbconvert's placeholder alt text by each figure's own, from the notebook."""
    alts = _alts_in(Path(page.file.abs_src_path))
    if html.count(NO_ALT) != len(alts) or None in alts:
        log.warning(
            f"{page.file.src_uri}: {html.count(NO_ALT)} figures without alt text on the page, "
            f"{sum(a is not None for a in alts)} of {len(alts)} figures with one in the "
            'notebook; give each figure\'s code cell an alt (# %% alt="...")'
        )
        return html
    for alt in alts:
        html = html.replace(NO_ALT, f'alt="{htmllib.escape(alt)}"', 1)
    return html


def _alts_in(notebook: Path) -> list[str | None]:
    """The alt text of every image output, in order (None: its cell has none).

    Read as plain JSON: the build environments have no test tooling.
    """
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return [
        cell.get("metadata", {}).get("alt")
        for cell in cells
        if cell["cell_type"] == "code"
        for output in cell.get("outputs", [])
        if any(kind.startswith("image/") for kind in output.get("data", {}))
    ]


def _keyboard_and_language(html: str, language: str) -> str:
    """No Tab stops nobody can see; the copy button in the page's language."""
    html = NO_TAB_STOP.sub(r"\1", html)
    copy, copied = COPY.get(language, COPY["en"])
    html = html.replace('aria-label="Copy to Clipboard"', f'aria-label="{copy}"')
    html = html.replace(
        '<span class="notice" hidden="">Copied!</span>',
        f'<span class="notice" hidden="">{copied}</span>',
    )
    return html
