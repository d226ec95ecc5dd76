"""The built site: both languages, the switcher, search, math, no outside requests.

Uses the strict build that conftest starts in the background.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import marshal
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from sitegate import cache
from sitegate.layout import LAYOUT, mkdocs_config
from sitegate.pages import DOCS, LANGUAGES

# Attributes that make a browser fetch something (an <a href> does not).
FETCHING = {
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("track", "src"),
    ("input", "src"),
}


class Tags(HTMLParser):
    """Every start tag with its attributes, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def tags(path: Path) -> list[tuple[str, dict[str, str]]]:
    """Parse one built page (each page once per session: several tests read it)."""
    return _parsed(path, path.stat().st_mtime_ns)


# Parsing the 38 pages (80,000 tags, most of them in inline SVG figures)
# takes 0.8 s of CPU; a page that did not change since the last session is
# read back from .cache/site-tags/ (sitegate/cache.py) in a millisecond. The
# key is the page's bytes, this parser's source and Python's version: any
# change to one of them parses again.
TAG_CACHE = LAYOUT.root / ".cache" / "site-tags"
PARSER = f"{sys.version}\n{inspect.getsource(Tags)}".encode()


@functools.cache
def _parsed(path: Path, _mtime: int) -> list[tuple[str, dict[str, str]]]:
    data = path.read_bytes()
    stored = TAG_CACHE / f"{hashlib.sha256(PARSER + data).hexdigest()}.marshal"
    try:
        # Written below by this function, git-ignored: data of our own.
        tags = marshal.loads(cache.read(stored) or b"")  # noqa: S302
    except (ValueError, EOFError, TypeError):
        tags = None
    if isinstance(tags, list) and all(isinstance(tag, tuple) for tag in tags):
        return tags
    parser = Tags()
    parser.feed(data.decode("utf-8"))
    cache.write(stored, marshal.dumps(parser.tags))
    return parser.tags


def test_the_tag_cache_answers_only_for_the_same_bytes(tmp_path: Path, monkeypatch) -> None:
    """A page read back from the cache has the tags a parse gives; a changed page is parsed."""
    monkeypatch.setattr(sys.modules[__name__], "TAG_CACHE", tmp_path / "cache")
    page = tmp_path / "index.html"
    page.write_text('<html lang="zh"><a href="x/">学习率</a></html>', encoding="utf-8")
    parsed = _parsed(page, 1)
    assert parsed == [("html", {"lang": "zh"}), ("a", {"href": "x/"})]
    monkeypatch.setattr(Tags, "feed", None)  # from now on a parse fails
    assert _parsed(page, 2) == parsed  # the same bytes: from the cache
    page.write_text('<html lang="en"></html>', encoding="utf-8")
    with pytest.raises(TypeError):
        _parsed(page, 3)


def built(site: Path, url: str) -> Path:
    """The file that serves ``url``."""
    return site / url / "index.html"


def is_external(url: str) -> bool:
    """True for anything a browser would fetch from another origin."""
    parts = urlsplit(url.strip())
    return bool(parts.scheme in ("http", "https") or url.strip().startswith("//"))


@pytest.mark.parametrize("name", LAYOUT.names())
@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_is_built_in_its_language(site: Path, name: str, lang: str) -> None:
    """Each page exists at its URL, declared in the right language."""
    page = built(site, LAYOUT.url(name, lang))
    assert page.is_file(), f"{LAYOUT.url(name, lang)} was not built"
    html_tag = tags(page)[0]
    assert html_tag[0] == "html" and html_tag[1].get("lang") == lang


def switcher(page: Path) -> dict[str, str]:
    """The language switcher's links of a built page, by language, as written."""
    return {
        attrs["hreflang"]: attrs["href"]
        for tag, attrs in tags(page)
        if tag == "a" and "md-select__link" in attrs.get("class", "") and "hreflang" in attrs
    }


@pytest.mark.parametrize("name", LAYOUT.names())
@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switcher_leads_to_the_twin(site: Path, name: str, lang: str) -> None:
    """The switcher's entry for every language points at the same page there."""
    here = LAYOUT.url(name, lang)
    targets = {
        lang: urljoin("/" + here, href) for lang, href in switcher(built(site, here)).items()
    }
    assert targets == {other: "/" + LAYOUT.url(name, other) for other in LANGUAGES}


def test_the_404_page_leads_home_in_both_languages(site: Path) -> None:
    """The 404 page (one for the whole site) links each language to its home page, in its
    switcher and in a sentence of that language; mkdocs-static-i18n alone linked a chapter."""
    homes = {lang: "/" + LAYOUT.url("index", lang) for lang in LANGUAGES}
    assert switcher(site / "404.html") == homes
    found = tags(site / "404.html")
    alternates = [a for tag, a in found if tag == "link" and a.get("rel") == "alternate"]
    assert [a for a in alternates if "hreflang" in a] == [], "the head links the last page"
    text = (site / "404.html").read_text(encoding="utf-8")
    assert "<h1>404 - Not found</h1><p lang=" in text, "the sentences follow the heading"
    for lang, home in homes.items():
        said = re.search(f'<p lang="{lang}">(.*?)</p>', text)
        assert said and f'<a href="{home}">' in said.group(1), lang


def nav_labels() -> tuple[list[str], dict[str, str]]:
    """The default-language nav labels and their English translations."""
    config = mkdocs_config()
    labels = [next(iter(item)) for item in config["nav"]]
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    english = next(lang for lang in i18n["languages"] if lang["locale"] == "en")
    return labels, english["nav_translations"]


def test_nav_labels_are_translated(site: Path) -> None:
    """Every nav label has a translation, and each language shows its own."""
    labels, translations = nav_labels()
    assert set(labels) == set(translations), "mkdocs.yml: nav_translations incomplete"
    zh = built(site, "").read_text(encoding="utf-8")
    en = built(site, "en/").read_text(encoding="utf-8")
    for label in labels:
        assert label in zh, f"zh nav lacks {label!r}"
        assert translations[label] in en, f"en nav lacks {translations[label]!r}"
        assert label not in en, f"en nav shows the Chinese label {label!r}"


def test_search_index_has_both_languages(site: Path) -> None:
    """学习率 is a searchable word on the zh site, "learning rate" on the en one."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    zh_text = " ".join(d["text"] for d in index["docs"] if not d["location"].startswith("en/"))
    en_text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("en/"))
    # jieba's segments are separated by U+200B; 学习率 must be one of them.
    assert re.search(r"(^|[\u200b\s])学习率($|[\u200b\s])", zh_text), "学习率 not a search token"
    assert "learning rate" in en_text.lower()
    assert {"zh", "en"} <= set(index["config"]["lang"])


def test_nothing_is_fetched_from_elsewhere(site: Path) -> None:
    """No page, stylesheet or inline style asks for anything off the site."""
    found = []
    for page in sorted(site.rglob("*.html")):
        for tag, attrs in tags(page):
            for attr, value in attrs.items():
                if (tag, attr) in FETCHING and any(
                    is_external(part.split()[0]) for part in value.split(",") if part.strip()
                ):
                    found.append(f"{page.relative_to(site)}: <{tag} {attr}={value!r}>")
                if attr == "style" and re.search(r"url\(\s*['\"]?(https?:)?//", value):
                    found.append(f"{page.relative_to(site)}: <{tag} style={value!r}>")
        # scripts written into the page that would load code from elsewhere
        text = page.read_text(encoding="utf-8")
        for script in re.findall(r"<script\b[^>]*>(.*?)</script>", text, re.S):
            for match in re.finditer(r"https?://[^\s\"'`)]+", script):
                found.append(f"{page.relative_to(site)}: inline script loads {match.group(0)}")
    for sheet in sorted(site.rglob("*.css")):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        for match in re.finditer(r"(url\(\s*['\"]?|@import\s+['\"])((https?:)?//[^'\")]+)", text):
            found.append(f"{sheet.relative_to(site)}: {match.group(2)}")
    assert not found, "requests leaving the site:\n" + "\n".join(found)


def test_fonts_are_not_fetched() -> None:
    """theme.font must stay false: Google Fonts is unreachable for many readers."""
    config = mkdocs_config()
    assert config["theme"].get("font") is False


@pytest.mark.parametrize("name", LAYOUT.names())
def test_formulas_are_typeset(site: Path, name: str) -> None:
    """No raw TeX survives the build, and both languages carry the same formulas."""
    counts = {}
    for lang in LANGUAGES:
        html = built(site, LAYOUT.url(name, lang)).read_text(encoding="utf-8")
        body = re.sub(r"<math.*?</math>", "", html, flags=re.S)
        body = re.sub(r"<(script|pre|code)\b.*?</\1>", "", body, flags=re.S)
        leftovers = re.findall(r"\\\(|\\\[|\$\$|arithmatex|\\frac|\\eta", body)
        assert not leftovers, f"{LAYOUT.url(name, lang)}: raw TeX left: {leftovers[:5]}"
        counts[lang] = len(re.findall(r"<math\b", html))
    assert len(set(counts.values())) == 1, f"formula counts differ: {counts}"


@pytest.mark.parametrize("name", LAYOUT.names())
@pytest.mark.parametrize("lang", LANGUAGES)
def test_images_are_served(site: Path, name: str, lang: str) -> None:
    """Every image a page shows is in the built site."""
    here = LAYOUT.url(name, lang)
    missing = [
        attrs["src"]
        for tag, attrs in tags(built(site, here))
        if tag == "img"
        and not is_external(attrs.get("src", ""))
        and not attrs.get("src", "").startswith("data:")  # notebook figures inline
        and not (site / urljoin("/" + here, attrs["src"]).lstrip("/")).is_file()
    ]
    assert not missing, f"{here}: images not in the site: {missing}"


@pytest.mark.parametrize("name", LAYOUT.labs())
@pytest.mark.parametrize("lang", LANGUAGES)
def test_lab_is_an_html_page_with_its_notebook(site: Path, name: str, lang: str) -> None:
    """A notebook renders as a page of its language, never as raw JSON (#198),
    and offers its own .ipynb for download."""
    here = LAYOUT.url(name, lang)
    html = built(site, here).read_text(encoding="utf-8")
    assert '"cell_type"' not in html and '"nbformat"' not in html, f"{here}: raw JSON"
    assert 'class="jp-Notebook' in html or "jp-Cell" in html, f"{here}: not a notebook page"
    links = [a["href"] for tag, a in tags(built(site, here)) if tag == "a" and "download" in a]
    assert links == [f"{name}.{lang}.ipynb"], f"{here}: download links {links}"
    downloaded = site / here / links[0]
    assert json.loads(downloaded.read_text(encoding="utf-8"))["cells"], "empty notebook"
    source = DOCS / f"{name}.{lang}.ipynb"
    assert downloaded.read_bytes() == source.read_bytes()
