"""Typeset TeX formulas as MathML at build time.

pymdownx.arithmatex (generic mode) wraps each formula in a span or div; this
hook replaces the wrapper by MathML, which browsers render natively. Readers
download no math library and no font, and nothing leaves the site's origin.
"""

from __future__ import annotations

import functools
import html
import logging
import re

from latex2mathml.converter import convert
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.mathml")

INLINE = re.compile(r'<span class="arithmatex">\\\((.+?)\\\)</span>', re.S)
BLOCK = re.compile(r'<div class="arithmatex">\\\[(.+?)\\\]</div>', re.S)


@functools.cache
def typeset(source: str, display: str) -> str:
    """latex2mathml's MathML of a formula, converted once per build: the zh
    and en pages show the same formulas, and a page repeats its symbols. A
    formula that raises is not cached, so each page that shows it says so."""
    return convert(source, display=display)


def to_mathml(tex: str, display: str, where: str) -> str:
    """Convert one formula; a formula that fails is reported, not dropped."""
    source = html.unescape(tex).strip()
    try:
        mathml = typeset(source, display)
    except Exception as error:  # noqa: BLE001 - latex2mathml raises many types
        log.warning(f"{where}: cannot typeset ${source}$: {error}")
        return html.escape(source)
    # Keep the TeX for screen readers' fallbacks, search and copy-paste.
    return mathml.replace("<math ", f'<math alttext="{html.escape(source)}" ', 1)


def on_page_content(html_text: str, page: Page, **_) -> str:
    """Replace every arithmatex wrapper on the page by MathML."""
    where = page.file.src_uri
    html_text = BLOCK.sub(
        lambda m: '<div class="math-block">' + to_mathml(m.group(1), "block", where) + "</div>",
        html_text,
    )
    return INLINE.sub(lambda m: to_mathml(m.group(1), "inline", where), html_text)
