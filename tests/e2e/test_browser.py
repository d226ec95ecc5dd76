"""The site as a reader gets it: Chromium, the built pages, 127.0.0.1 only."""

from __future__ import annotations

import re

import pytest

from sitegate.layout import LAYOUT
from sitegate.pages import DOCS, LANGUAGES, ROOT, collect

SCREENSHOTS = ROOT / "screenshots"
RAW_TEX = re.compile(r"\\frac|\\eta|\\partial|\$\$|\\\(|\\\[")


@pytest.mark.parametrize("name", LAYOUT.names())
@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_loads_clean_typeset_and_switches_to_its_twin(
    page, base_url: str, name: str, lang: str
) -> None:
    """No console error, no request off 127.0.0.1, no raw TeX, a working switcher."""
    page.goto(base_url + LAYOUT.url(name, lang))
    assert page.evaluate("document.documentElement.lang") == lang
    text = page.inner_text("article")
    assert not RAW_TEX.search(text), f"raw TeX visible: {RAW_TEX.search(text).group(0)}"
    page.eval_on_selector_all("details", "els => els.forEach(e => { e.open = true; })")
    # Formulas in code annotations sit in tooltips, hidden until clicked.
    flat = page.eval_on_selector_all(
        "article math",
        "els => els.filter(e => e.checkVisibility()).filter(e => !e.getBoundingClientRect().width)"
        ".map(e => e.getAttribute('alttext'))",
    )
    assert flat == [], f"formulas not laid out: {flat}"
    links = page.eval_on_selector_all(
        # the explorer adds its settings (?lr=...) to these links: compare the page only
        "a.md-select__link[hreflang]",
        "els => els.map(e => [e.hreflang, e.origin + e.pathname])",
    )
    assert dict(links) == {other: base_url + LAYOUT.url(name, other) for other in LANGUAGES}
    assert page.watcher.errors == [], page.watcher.errors
    assert page.watcher.outside == [], f"requests leaving the site: {page.watcher.outside}"


def test_language_switcher_click_leads_to_the_twin(page, base_url: str) -> None:
    """Open the language menu and pick English: the same chapter, in English."""
    page.goto(base_url + "learning-rate/")
    page.hover(".md-header__option .md-select")
    page.click('a.md-select__link[hreflang="en"]')
    page.wait_for_url(base_url + "en/learning-rate/")
    assert page.inner_text("h1").rstrip("¶").strip() == "The learning rate and the update rule"


@pytest.mark.parametrize("name", sorted(p.name.split(".")[0] for p in DOCS.glob("*.zh.md")))
def test_copy_button_copies_the_script_the_tests_ran(page, base_url: str, name: str) -> None:
    """Each Python block's copy button yields exactly the code the harness runs."""
    blocks = collect(DOCS / f"{name}.zh.md")
    page.goto(base_url + LAYOUT.url(name, "zh"))
    page.eval_on_selector_all("details", "els => els.forEach(e => e.open = true)")
    buttons = page.locator('div.language-python button[data-md-type="copy"]')
    assert buttons.count() == len(blocks)
    for index, block in enumerate(blocks):
        page.evaluate("navigator.clipboard.writeText('')")
        buttons.nth(index).click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.rstrip("\n") == block.code.rstrip("\n"), f"{block.id} copies other code"


@pytest.mark.parametrize(("lang", "query"), [("zh", "学习率"), ("en", "learning rate")])
def test_search_finds_the_topic(page, search, base_url: str, lang: str, query: str) -> None:
    """Search works offline, in both languages, with Chinese segmentation."""
    page.goto(base_url + ("" if lang == "zh" else "en/"))
    search(page, query)
    assert page.locator(".md-search-result__item").count() > 0
    assert page.watcher.outside == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_screenshots_for_review(page, base_url: str, lang: str) -> None:
    """Screenshots of the explorer and of a chapter, for a person to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    prefix = "" if lang == "zh" else "en/"
    page.set_viewport_size({"width": 1280, "height": 900})
    for name, url in [("explorer", "explorer/?lr=1&steps=6"), ("learning-rate", "learning-rate/")]:
        page.goto(base_url + prefix + url)
        page.wait_for_load_state("networkidle")
        target = SCREENSHOTS / f"{name}.{lang}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
