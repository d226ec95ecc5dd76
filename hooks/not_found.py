"""The 404 page leads home, in both languages.

mkdocs-static-i18n renders the one 404 page with the language built last
(English) and gives its language switcher the links of the last page it
built (a chapter), so a reader lost at a wrong address was offered that
chapter. Here the switcher's entries lead to each language's home page, and
the page says in both languages that the address does not exist.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from sitegate.layout import LAYOUT

log = logging.getLogger("mkdocs.hooks.not_found")

SWITCH = re.compile(r'(<a href=")[^"]*(" hreflang="([\w-]+)" class="md-select__link">)')
HEADING = "<h1>404 - Not found</h1>"
SAID = {
    "zh": '这个网址没有对应的页面。可以回到<a href="{home}">中文首页</a>，或者用上方的搜索。',
    "en": 'There is no page at this address. Go to the <a href="{home}">English home page</a>,'
    " or search above.",
}


def homes(config: MkDocsConfig) -> dict[str, str]:
    """Each language's home page, from the site's root: the path of ``site_url`` (a project
    page lives under one), or ``/`` as the theme's links on the 404 page assume without it."""
    root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    return {lang: root + LAYOUT.url("index", lang) for lang in LAYOUT.languages}


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Point the 404 page's language links home; add the bilingual message."""
    if template_name != "404.html":
        return output_content
    home = homes(config)
    switched, count = SWITCH.subn(
        lambda m: m.group(1) + home.get(m.group(3), "/") + m.group(2), output_content
    )
    if count != len(home) or HEADING not in switched:
        found = "" if HEADING in switched else f", and not {HEADING!r}"
        log.warning(f"404.html: {count} language links of {len(home)}{found}: theme changed?")
    said = "".join(
        f'<p lang="{lang}">{SAID[lang].format(home=home[lang])}</p>' for lang in LAYOUT.languages
    )
    return switched.replace(HEADING, HEADING + said, 1)
