"""Accessibility fixes to the theme's markup, made where the page is written.

axe-core (run on every page by the browser tests) finds these in Material's
templates as configured here; each is fixed in the HTML the reader gets, and a
theme update that changes the markup fails the build instead of silently
undoing the fix.

- The search overlay is a ``role="dialog"`` without a name: it gets
  ``aria-label``, in the page's language.
- The page's table of contents is written twice, in the navigation drawer
  and in the sidebar, as two ``<nav>`` landmarks of the same name: the one in
  the drawer is renamed.
- An SVG figure drawn narrower than the width at which its smallest text is
  10 px gets that width as its minimum, in a box of its own that scrolls
  sideways on a narrow screen.
"""

from __future__ import annotations

import base64
import html as htmllib
import logging
import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from sitegate.figures import readable_width
from sitegate.layout import LAYOUT

log = logging.getLogger("mkdocs.hooks.a11y")

LANG = re.compile(r'<html[^>]* lang="([^"]+)"')
SEARCH = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_NAME = {"zh": "搜索", "en": "Search"}
PERMALINK = {"zh": "本节的固定链接", "en": "Permanent link"}
TOC = re.compile(r'<nav class="md-nav md-nav--secondary" aria-label="([^"]*)">')
TOC_IN_DRAWER = {"zh": "{name}（导航菜单内）", "en": "{name} (in the navigation menu)"}
IMG = re.compile(r"<img\b[^>]*>")
SRC = re.compile(r'\ssrc="([^"]*)"')


def _name_search(output: str, where: str) -> str:
    """Give the search dialog a name in the page's language."""
    if output.count(SEARCH) != 1:
        log.warning(f"{where}: the search dialog's markup changed; name it again")
        return output
    found = LANG.search(output)
    name = SEARCH_NAME.get(found.group(1) if found else "en", SEARCH_NAME["en"])
    return output.replace(SEARCH, SEARCH[:-1] + f' aria-label="{name}">')


def on_post_template(output_content: str, template_name: str, **_) -> str:
    """The 404 page is a template, not a page: name its search dialog too."""
    if template_name != "404.html":
        return output_content
    return _name_search(output_content, template_name)


def on_post_page(output: str, page: Page, **_) -> str:
    """Name the search dialog; give the drawer's table of contents a name of its own."""
    found = LANG.search(output)
    language = found.group(1) if found else "en"
    output = _name_search(output, page.file.src_uri)
    tocs = TOC.findall(output)
    if len(tocs) == 2 and tocs[0] == tocs[1]:
        drawer = TOC_IN_DRAWER.get(language, TOC_IN_DRAWER["en"]).format(name=tocs[0])
        output = TOC.sub(lambda m: m.group(0).replace(m.group(1), drawer), output, count=1)
    elif len(tocs) > 2:
        log.warning(f"{page.file.src_uri}: {len(tocs)} tables of contents; name each")
    return output


def _svg_of(src: str, page: Page, docs_dir: str) -> str | None:
    """The SVG an <img> shows: a data URI, or a file of the site's docs."""
    if src.startswith("data:image/svg+xml;base64,"):
        return base64.b64decode(src.split(",", 1)[1]).decode("utf-8")
    if not src.endswith(".svg") or "://" in src:
        return None
    # The src is relative to the page's URL; a language's pages (``en/...``)
    # share the default language's assets (static-i18n's fallback).
    site_path = posixpath.normpath(posixpath.join(page.url, src))
    for candidate in (site_path, site_path.partition("/")[2]):
        path = Path(docs_dir, candidate)
        if candidate and path.is_file():
            return path.read_text(encoding="utf-8")
    log.warning(f"{page.file.src_uri}: figure {src} not found among the docs")
    return None


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, **_) -> str:
    """Keep every figure's text readable: an SVG figure is never drawn narrower
    than the width at which its smallest text is 10 px; on a narrow screen it
    scrolls sideways in its own box instead (docs/javascripts/a11y.js makes
    that box focusable and names it)."""

    def widen(match: re.Match) -> str:
        tag = match.group(0)
        src = SRC.search(tag)
        svg = _svg_of(htmllib.unescape(src.group(1)), page, config.docs_dir) if src else None
        width = readable_width(svg) if svg else None
        if width is None:
            return tag
        tag = tag.replace("<img ", f'<img style="min-width: {width}px" ', 1)
        return f'<span class="figure-scroll">{tag}</span>'

    html_text = IMG.sub(widen, html_text)
    # Python-Markdown's ¶ links say "Permanent link" in every language,
    # nbconvert's (lab pages) have no title at all
    language = LAYOUT.language_of(posixpath.basename(page.file.src_uri))
    title = PERMALINK.get(language, PERMALINK["en"])
    html_text = html_text.replace('title="Permanent link"', f'title="{title}"')
    anchor = '<a class="anchor-link" href='
    return html_text.replace(anchor, anchor.replace(" href=", f' title="{title}" href='))
