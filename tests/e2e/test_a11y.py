"""Every reader, every device: accessibility, phones, dark mode, formulas, labs.

axe-core (from npm, pinned in package-lock.json) checks every page in both
languages, light and dark, at desktop and phone width. The phone checks look
for anything wider than the screen that does not scroll in a box of its own;
the figure checks measure the smallest text of every SVG figure as drawn.
Screenshots of every page, on a phone and in dark mode, go to
``screenshots/phone/`` and ``screenshots/dark/`` for a person to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegate.figures import READABLE_PX, smallest_text
from sitegate.layout import LAYOUT
from sitegate.pages import ROOT

SCREENSHOTS = ROOT / "screenshots"
# Moderate findings that stay, each with its reason (README, "Accessibility").
# Critical and serious ones are never accepted.
ACCEPTED_MODERATE: dict[str, str] = {}


def settle(page) -> None:
    """Wait until the page, its fonts, the theme's run-time markup and every
    running transition are done (axe would see colours half-way)."""
    page.wait_for_load_state("load")
    page.evaluate(
        "() => document.fonts.ready.then(() => new Promise(r => requestAnimationFrame("
        "() => requestAnimationFrame(r))))"
    )
    page.wait_for_function(
        "document.getAnimations().every(a => a.playState !== 'running')", timeout=15_000
    )


def describe(violation: dict) -> str:
    nodes = "; ".join(
        f"{' '.join(node['target'])[:80]}: {node['failureSummary'].splitlines()[-1].strip()[:160]}"
        for node in violation["nodes"][:3]
    )
    return f"{violation['impact']} {violation['id']} ({len(violation['nodes'])}×): {nodes}"


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", LAYOUT.names())
@pytest.mark.parametrize("lang", LAYOUT.languages)
def test_page_serves_every_reader(
    open_page,
    base_url: str,
    site: Path,
    axe_source: str,
    lang: str,
    name: str,
    scheme: str,
    width: str,
) -> None:
    """One load of each page per language, scheme and width, checked for all of:

    - axe: no critical or serious violation; a moderate one only if accepted;
    - on a phone: nothing wider than the screen outside a box that scrolls,
      every such box reachable with the keyboard and faded on the side with
      more to see, nothing cut off by a box that does not scroll;
    - every SVG figure drawn wide enough for its smallest text to be ≥ 10 px.
    """
    page = open_page(scheme, width)
    page.goto(base_url + LAYOUT.url(name, lang))
    settle(page)
    if (scheme, width) in {("light", "phone"), ("dark", "desktop")}:
        folder = SCREENSHOTS / ("phone" if width == "phone" else "dark")
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{name}.{lang}.png"), full_page=True)
    problems = figure_problems(page, site, base_url)
    if width == "phone":
        problems += phone_problems(page)
    page.add_script_tag(content=axe_source)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    problems += [
        describe(v)
        for v in result["violations"]
        if v["impact"] in ("critical", "serious")
        or (v["impact"] == "moderate" and v["id"] not in ACCEPTED_MODERATE)
    ]
    assert problems == [], "\n".join(problems)
    assert page.watcher.errors == [], page.watcher.errors


# What is wider than the screen and does not sit in a box that scrolls.
OVERFLOW = """() => {
  const scroller = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll") return p;
    }
    return null;
  };
  const label = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (typeof el.className === "string" && el.className.trim()
       ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const wide = [];
  for (const el of document.querySelectorAll("article *")) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    if (r.left >= -0.5 && r.right <= window.innerWidth + 0.5) continue;
    if (!scroller(el)) wide.push(`${label(el)}: ${Math.round(r.left)}..${Math.round(r.right)}`);
  }
  const boxes = [...document.querySelectorAll("article *")].filter((el) => {
    const o = getComputedStyle(el).overflowX;
    return (o === "auto" || o === "scroll") && el.scrollWidth > el.clientWidth + 1;
  });
  const unreachable = boxes.filter((el) => el.tabIndex < 0).map(label);
  const unfaded = boxes.filter((el) => getComputedStyle(el).maskImage === "none").map(label);
  const prompts = [...document.querySelectorAll("article :is(.jp-InputPrompt, .jp-OutputPrompt)")]
    .filter((el) => el.checkVisibility()).length;
  const clipped = [...document.querySelectorAll("article *")]
    .filter((el) => getComputedStyle(el).overflowX === "hidden"
      && el.scrollWidth > el.clientWidth + 1)
    .map(label);
  return {
    page: document.documentElement.scrollWidth - window.innerWidth,
    wide, unreachable, unfaded, clipped, prompts,
    focusable: boxes.filter((el) => el.tabIndex >= 0).length,
  };
}"""


def phone_problems(page) -> list[str]:
    """What does not fit a phone's screen (see OVERFLOW)."""
    found = page.evaluate(OVERFLOW)
    problems = []
    if found["page"] > 0:
        problems.append(f"the page scrolls sideways by {found['page']} px")
    if found["wide"]:
        problems.append(f"wider than the screen: {found['wide'][:8]}")
    if found["unreachable"]:
        problems.append(f"scroll boxes the keyboard cannot reach: {found['unreachable'][:8]}")
    if found["unfaded"]:
        problems.append(f"scroll boxes that do not show there is more: {found['unfaded'][:8]}")
    if found["prompts"]:
        problems.append(f"{found['prompts']} notebook prompts take width on a phone")
    if found["clipped"]:
        problems.append(f"cut off: {found['clipped'][:8]}")
    return problems


@pytest.mark.parametrize("lang", LAYOUT.languages)
def test_scroll_boxes_show_their_focus_and_scroll(open_page, base_url: str, lang: str) -> None:
    """A box that scrolls sideways shows a visible outline when it has the focus,
    scrolls with the arrow keys, and fades the side that has more to see."""
    page = open_page("light", "phone")
    page.goto(base_url + LAYOUT.url("schedules", lang))
    settle(page)
    boxes = page.locator("[data-scroll-region]:visible")  # not those in closed <details>
    assert boxes.count() >= 3, "the schedules page should have wide formulas and a table"
    for index in range(boxes.count()):
        box = boxes.nth(index)
        box.focus()
        style = box.evaluate(
            "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth]; }"
        )
        assert style[0] != "none" and float(style[1].rstrip("px")) >= 1, style
        label = box.get_attribute("aria-label")
        assert box.get_attribute("data-scroll-more") == "right", label
        page.keyboard.press("ArrowRight")
        page.wait_for_function("el => el.scrollLeft > 0", arg=box.element_handle())
        page.wait_for_function(
            "el => ['left', 'both'].includes(el.dataset.scrollMore)", arg=box.element_handle()
        )


FIGURES = """() => [...document.querySelectorAll("article img")]
  .filter((img) => img.checkVisibility())
  .map((img) => [img.currentSrc, img.getBoundingClientRect().width, img.alt])"""


def svg_text(src: str, site: Path, base_url: str) -> str | None:
    """The SVG behind an <img>: from its data URI or the built site."""
    if src.startswith("data:image/svg+xml;base64,"):
        import base64

        return base64.b64decode(src.split(",", 1)[1]).decode("utf-8")
    if src.startswith(base_url) and src.endswith(".svg"):
        return (site / src[len(base_url) :]).read_text(encoding="utf-8")
    return None


def figure_problems(page, site: Path, base_url: str) -> list[str]:
    """SVG figures whose smallest text is drawn under 10 px."""
    problems = []
    for src, drawn, alt in page.evaluate(FIGURES):
        svg = svg_text(src, site, base_url)
        found = smallest_text(svg) if svg else None
        if found is None:
            continue
        font, box = found
        shown = font * drawn / box
        if shown < READABLE_PX - 0.01:
            problems.append(
                f"figure {alt[:40]!r}: smallest text drawn at {shown:.1f} px ({drawn:.0f} px wide)"
            )
    return problems


# --- Lab pages ----------------------------------------------------------------


CJK = re.compile(r"[\u4e00-\u9fff]")
HEADINGS = "article :is(h1, h2, h3, h4, h5, h6)"


@pytest.mark.parametrize("name", LAYOUT.labs())
@pytest.mark.parametrize("lang", LAYOUT.languages)
def test_lab_headings_ids_and_figure_alts(page, base_url: str, lang: str, name: str) -> None:
    """Headings have ids (the same in both languages), the table of contents and
    the skip link reach them, and each figure's alt text is in the page's language."""
    page.goto(base_url + LAYOUT.url(name, lang))
    ids = page.eval_on_selector_all(
        "article :is(h1, h2, h3, h4, h5, h6)", "hs => hs.map(h => h.id)"
    )
    assert ids and all(ids), f"headings without an id: {ids}"
    page.goto(base_url + LAYOUT.url(name, "en"))
    twin = page.eval_on_selector_all(
        "article :is(h1, h2, h3, h4, h5, h6)", "hs => hs.map(h => h.id)"
    )
    assert ids == twin, "a lab's heading ids differ between languages"
    page.goto(base_url + LAYOUT.url(name, lang))
    targets = page.eval_on_selector_all(
        "a.md-nav__link[href^='#'], a.md-skip, article a.anchor-link",
        "links => links.map(a => a.getAttribute('href'))",
    )
    assert targets, "no table of contents or anchor links"
    for href in targets:
        assert href != "#" and page.locator(f"[id='{href[1:]}']").count() == 1, href
    alts = page.eval_on_selector_all("article img", "imgs => imgs.map(i => i.alt)")
    for alt in alts:
        assert alt.strip() and "No description" not in alt, alt
        assert bool(CJK.search(alt)) == (lang == "zh"), f"alt text not in {lang}: {alt}"


# --- Formulas ------------------------------------------------------------------


STRETCH = """() => document.fonts.ready.then(() => ({
  font: [...document.fonts].some((f) => f.family.replace(/"/g, "") === "Site Math"
    && f.status === "loaded")
    && getComputedStyle(document.querySelector("article math")).fontFamily
      .startsWith('"Site Math"'),
  braces: [...document.querySelectorAll("math mo[stretchy='true']")]
    .filter((mo) => mo.textContent === "{" && mo.nextElementSibling)
    .map((mo) => [mo.getBoundingClientRect().height,
                  mo.nextElementSibling.getBoundingClientRect().height]),
}))"""


@pytest.mark.parametrize("lang", LAYOUT.languages)
def test_case_braces_stretch_over_their_rows(page, base_url: str, lang: str) -> None:
    """With the site's math font, each `{` is as tall as the rows it opens."""
    page.goto(base_url + LAYOUT.url("schedules", lang))
    found = page.evaluate(STRETCH)
    assert found["font"], "the site's math font is not loaded"
    assert len(found["braces"]) >= 2, "the schedules page has two case formulas"
    for brace, rows in found["braces"]:
        assert brace >= 0.9 * rows, f"a {{ of {brace:.0f} px over rows {rows:.0f} px tall"


@pytest.mark.parametrize("name", LAYOUT.names())
def test_math_font_only_where_formulas_are(browser, base_url: str, site: Path, name: str) -> None:
    """The math font is fetched by pages that show a formula, and by no other."""
    context = browser.new_context()
    page = context.new_page()
    fonts: list[str] = []
    page.on("request", lambda r: r.url.endswith(".woff") and fonts.append(r.url))
    page.goto(base_url + LAYOUT.url(name, "en"))
    settle(page)
    visible = page.eval_on_selector_all(
        "article math", "ms => ms.filter(m => m.checkVisibility()).length"
    )
    context.close()
    if visible:
        assert fonts, "a page with formulas did not fetch the math font"
    else:
        assert fonts == [], f"a page without formulas fetched {fonts}"


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LAYOUT.languages)
def test_search_results_and_404_pass_axe(
    open_page, search, base_url: str, axe_source: str, lang: str, scheme: str, width: str
) -> None:
    """What the page-by-page run does not see: search open with results, the 404 page."""
    page = open_page(scheme, width)
    page.goto(base_url + LAYOUT.url("index", lang))
    settle(page)
    search(page, "学习率" if lang == "zh" else "learning rate")
    settle(page)  # the search overlay fades in
    problems = []
    for where in ("search", "404"):
        if where == "404":
            page.goto(base_url + "404.html")
            settle(page)
        page.add_script_tag(content=axe_source)
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        problems += [
            f"{where}: {describe(v)}"
            for v in result["violations"]
            if v["impact"] in ("critical", "serious", "moderate")
        ]
    assert problems == [], "\n".join(problems)


def test_focus_is_never_cut_by_the_fade(open_page, base_url: str) -> None:
    """A focused scroll region is not faded, so its whole focus ring shows."""
    page = open_page("light", "phone")
    page.goto(base_url + LAYOUT.url("schedules", "en"))
    settle(page)
    box = page.locator("[data-scroll-region]:visible").first
    box.focus()
    assert box.evaluate("el => getComputedStyle(el).maskImage") == "none"


@pytest.mark.parametrize("lang", LAYOUT.languages)
def test_lab_has_no_invisible_tab_stops(page, base_url: str, lang: str) -> None:
    """nbconvert's Tab stops on every cell and output are gone, unless an output scrolls."""
    page.goto(base_url + LAYOUT.url("learning-rate-lab", lang))
    settle(page)
    stops = page.eval_on_selector_all(
        # copy buttons are real buttons, with a focus ring of their own
        "article .jupyter-wrapper [tabindex='0']:not([data-scroll-region], clipboard-copy)",
        "els => els.map(e => e.className)",
    )
    assert stops == []
    label = page.get_attribute("article clipboard-copy", "aria-label")
    assert bool(CJK.search(label)) == (lang == "zh"), label


@pytest.mark.parametrize("lang", LAYOUT.languages)
def test_phone_keyboard_reaches_the_menu_and_nothing_off_screen(
    open_page, base_url: str, lang: str
) -> None:
    """On a phone, Tab never lands off-screen (in the closed drawer); the menu
    button opens the drawer with Enter, focus goes in, Escape brings it back."""
    page = open_page("light", "phone")
    page.goto(base_url + LAYOUT.url("learning-rate", lang))
    settle(page)
    where = (
        "() => { const e = document.activeElement; const r = e.getBoundingClientRect();"
        " return [e.tagName, e.className, r.right > 0 && r.left < innerWidth && r.width > 0,"
        " e.matches('label[for=__drawer]')]; }"
    )
    menu_reached = False
    for _ in range(25):
        page.keyboard.press("Tab")
        tag, name, on_screen, is_menu = page.evaluate(where)
        assert on_screen or tag == "BODY", f"Tab landed off-screen on <{tag} class={name!r}>"
        menu_reached |= is_menu
        if is_menu:
            break
    assert menu_reached, "the menu button is not reachable with Tab"
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.matches('label[for=__drawer]')")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_scheme_switch_is_reached_where_it_is_seen(open_page, base_url: str, scheme: str) -> None:
    """Tab lands on the scheme switch that is visible, and Space switches the scheme."""
    page = open_page(scheme, "desktop")
    page.goto(base_url + LAYOUT.url("learning-rate", "en"))
    settle(page)
    before = page.evaluate("document.body.dataset.mdColorScheme")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name === '__palette'"):
            break
    else:
        pytest.fail("Tab never reaches the colour-scheme switch")
    shown = page.evaluate(
        "getComputedStyle(document.activeElement.nextElementSibling).display !== 'none'"
    )
    assert shown, "the focused switch's label is hidden: its focus ring cannot be seen"
    page.keyboard.press(" ")
    page.wait_for_function(f"document.body.dataset.mdColorScheme !== {before!r}")
