"""Drop the per-page ``<link rel="alternate" hreflang>`` tags from each head.

Material's JavaScript fetches ``sitemap.xml`` relative to every such link,
assuming it points to a language's root; mkdocs-static-i18n points it to the
page itself, so every page load produced two 404s. Search engines still find
the language twins: static-i18n's sitemap.xml lists them with hreflang.
"""

from __future__ import annotations

import re

from mkdocs.structure.pages import Page

ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def on_post_page(output: str, page: Page, **_) -> str:
    """Remove the hreflang alternate links; RSS alternates stay."""
    head, sep, body = output.partition("</head>")
    return ALTERNATE.sub("", head) + sep + body


def on_post_template(output_content: str, template_name: str, **_) -> str:
    """The 404 page, a template, had them too (pointing at the last page built)."""
    if template_name != "404.html":
        return output_content
    return on_post_page(output_content, None)
