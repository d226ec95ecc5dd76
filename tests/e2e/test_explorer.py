"""The learning-rate explorer in Chromium: its numbers against TensorFlow's, its input handling,
its address, and its accessibility (focus, contrast, text alternatives, narrow screens, axe)."""

from __future__ import annotations

import math
import random
import re
import time
from pathlib import Path

import pytest

from tests.e2e.test_explorer2d import in_tensorflow, recorded

PAGES = {"zh": "explorer/", "en": "en/explorer/"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def table(page) -> dict[int, list[str]]:
    """The explorer's table: update number → [w, learning rate, loss]."""
    rows = page.eval_on_selector_all(
        "[data-lr-table] tbody tr",
        "rows => rows.map(r => [...r.cells].map(c => c.textContent))",
    )
    return {int(row[0]): row[1:] for row in rows}


def expect_course() -> dict[int, dict[str, str]]:
    """update_rule_tf.py, η = 0.2: w after update n and the loss before it."""
    expected: dict[int, dict[str, str]] = {}
    pattern = r"step (\d+): loss before = (\S+), grad = \S+, w = (\S+)"
    for step, loss, w in re.findall(pattern, recorded("learning-rate/update_rule_tf.out")):
        expected.setdefault(int(step), {})["w"] = w
        expected.setdefault(int(step) - 1, {})["loss"] = loss.rstrip(",")
    return expected


def expect_large(lr: str) -> dict[int, dict[str, str]]:
    """too_large.py: w after each of 6 updates, printed to 2 decimals."""
    line = next(
        ln
        for ln in recorded("choosing-the-rate/too_large.out").splitlines()
        if ln.startswith(f"lr = {lr}:")
    )
    values = line.split("->")[1:]
    return {n: {"w2": v.strip()} for n, v in enumerate(values, start=1)}


def expect_small() -> dict[int, dict[str, str]]:
    """too_small.py, η = 0.0001: w and loss after updates 10, 20, 30, 40."""
    pattern = r"step (\d+): w = (\S+), loss = (\S+)"
    return {
        int(s): {"w": w.rstrip(","), "loss": loss}
        for s, w, loss in re.findall(pattern, recorded("choosing-the-rate/too_small.out"))
    }


def expect_one_step() -> dict[int, dict[str, str]]:
    """converges.py: the η = 0.5 column."""
    rows = recorded("choosing-the-rate/converges.out").splitlines()[1:]
    return {int(r.split()[0]): {"w": r.split()[2]} for r in rows}


def expect_decay() -> dict[int, dict[str, str]]:
    """decay_training.py: the course's 40 lines, read after each update."""
    pattern = r"global_step is (\d+)\.0+, w is (\S+), learning rate is (\S+), loss is (\S+)"
    return {
        int(g): {"w": w.rstrip(","), "lr": lr.rstrip(","), "loss": loss}
        for g, w, lr, loss in re.findall(pattern, recorded("exponential-decay/decay_training.out"))
    }


def expect_noisy() -> dict[int, dict[str, str]]:
    """noisy_steps.py: the noise, the gradient and w of each of its 5 updates."""
    rows = re.findall(
        r"^ +(\d+) +(\S+) +(\S+) +(\S+)$", recorded("gradient-noise/noisy_steps.out"), re.M
    )
    return {int(n): {"xi": xi, "grad": grad, "w": w} for n, xi, grad, w in rows}


PRESETS = {
    "course": expect_course,
    "large1": lambda: expect_large("1"),
    "large12": lambda: expect_large("1.2"),
    "small": expect_small,
    "onestep": expect_one_step,
    "decay": expect_decay,
    "noisy": expect_noisy,
}


@pytest.mark.parametrize("preset", PRESETS)
def test_explorer_preset_prints_what_tensorflow_prints(page, base_url: str, preset: str) -> None:
    """Every preset's table equals, digit for digit, the recorded TF output."""
    expected = PRESETS[preset]()
    assert expected, f"no recorded values parsed for {preset}"
    page.goto(base_url + "explorer/")
    page.click(f'button[data-preset="{preset}"]')
    shown = table(page)
    for step, values in expected.items():
        w, lr, loss, *noisy = shown[step]
        if "xi" in values:  # with noise, two more columns: ξ and the gradient
            assert noisy == [values["xi"], values["grad"]], f"{preset}, update {step}: {noisy}"
        if "w" in values:
            assert w == values["w"], f"{preset}, update {step}: w {w} != {values['w']}"
        if "w2" in values:
            assert f"{float(w):.2f}" == values["w2"], f"{preset}, update {step}: w {w}"
        if "lr" in values:
            assert lr == values["lr"], f"{preset}, update {step}: lr {lr} != {values['lr']}"
        if "loss" in values:
            assert loss == values["loss"], f"{preset}, update {step}: loss {loss}"
    assert "lr=" in page.evaluate("location.href"), "the settings are not in the URL"
    assert page.watcher.errors == []


SCHEDULE_SNIPPETS = {  # explorer settings that match each schedule snippet
    "schedules/cosine_decay.out": {
        "schedule": "cosine",
        "lr": 0.1,
        "decaySteps": 1000,
        "alpha": 0.01,
    },
    "schedules/inverse_time_decay.out": {
        "schedule": "inverse",
        "lr": 0.1,
        "decaySteps": 100,
        "rate": 0.5,
        "staircase": False,
    },
    "schedules/warmup_cosine.out": {
        "schedule": "warmup",
        "lr": 0.1,
        "warmupSteps": 100,
        "decaySteps": 900,
        "alpha": 0.01,
    },
}


@pytest.mark.parametrize("path", SCHEDULE_SNIPPETS)
def test_explorer_schedules_match_keras(page, base_url: str, path: str) -> None:
    """The explorer's float32 schedules print what the Keras schedule snippets print."""
    expected = {
        int(step): value
        for step, value in re.findall(r"step +(\d+): learning rate (\S+)", recorded(path))
    }
    assert expected, f"nothing parsed from {path}"
    page.goto(base_url + "explorer/")
    shown = page.evaluate(
        "([cfg, steps]) => steps.map(s => window.lrExplorer.learningRate(cfg, s).toFixed(6))",
        [SCHEDULE_SNIPPETS[path], list(expected)],
    )
    assert dict(zip(expected, shown, strict=True)) == expected


BAD_URLS = {  # errors stop the drawing; warnings say what was ignored (the table stays)
    "text": "lr=abc",
    "empty": "lr=",
    "zero": "lr=0",
    "negative": "lr=-0.1",
    "nan": "lr=NaN",
    "too many steps": "steps=100000000",
    "fractional steps": "steps=2.5",
    "bad start": "w0=Infinity",
    "bad decay steps": "schedule=exponential&decay_steps=0",
    "bad rate": "schedule=exponential&rate=1.5",
    "bad alpha": "schedule=cosine&alpha=2",
    "bad warm-up": "schedule=warmup&warmup_steps=-3",
    "markup": "lr=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "unknown schedule": "schedule=linear",
    "schedule in capitals": "schedule=Exponential",
    "inherited name as schedule": "schedule=constructor",
    "staircase spelling": "schedule=exponential&staircase=maybe",
    "staircase unused": "staircase=2",
    "unused bad value": "schedule=constant&alpha=abc",
    "unknown parameter": "learning_rate=0.1",
    "empty parameter name": "=0.1",
    "markup as a name": "%3Cimg%20src%3Dx%3E=1",
    "duplicate": "lr=0.2&lr=0.5",
    "superscript digit": "lr=0.2%C2%B2",  # NFKC would read 0.2² as 0.22
    "full-width junk": "lr=%EF%BC%90%EF%BC%8E%EF%BC%92x",  # ０．２x
    "negative noise": "sigma=-1",
    "noise too small": "sigma=0.00001",
    "noise as text": "sigma=abc",
    "fractional seed": "sigma=1&seed=2.5",
    "seed too large": "sigma=1&seed=4294967296",
    "bad seed unused": "seed=abc",
}


@pytest.mark.parametrize("lang", PAGES)
@pytest.mark.parametrize("query", BAD_URLS.values(), ids=BAD_URLS.keys())
def test_explorer_bad_input_gives_a_message(page, base_url: str, query: str, lang: str) -> None:
    """Bad values or names from the URL: a visible message in the page's language,
    no NaN or Infinity, nothing injected; a warning (nothing blocked) keeps the table."""
    page.goto(base_url + PAGES[lang] + "?" + query)
    message = page.locator(".lr-error, .lr-warning")
    assert message.count() >= 1 and message.first.is_visible()
    for text in message.all_inner_texts():
        assert text.strip()
        assert bool(CJK.search(text)) == (lang == "zh"), f"not in the page's language: {text}"
    text = page.inner_text(".lr-explorer")
    assert "NaN" not in text and "Infinity" not in text
    assert page.locator(".lr-explorer img").count() == 0
    if page.locator(".lr-error").count() == 0:
        assert table(page), "a warning alone must not stop the drawing"
    assert page.watcher.errors == []


def test_explorer_typed_input_and_divergence(page, base_url: str) -> None:
    """Typing a bad value, then a diverging one: messages, never NaN, page alive."""
    page.goto(base_url + "explorer/")
    page.fill("#lr-lr", "abc")
    assert page.locator('.lr-error[data-field="lr"]').count() == 1
    assert page.get_attribute("#lr-lr", "aria-invalid") == "true"
    page.fill("#lr-lr", "1.5")
    page.fill("#lr-steps", "1000")
    assert page.locator(".lr-warning").count() == 1
    text = page.inner_text(".lr-explorer")
    assert "NaN" not in text and "Infinity" not in text
    page.fill("#lr-lr", "0.2")
    assert page.locator(".lr-warning, .lr-error").count() == 0
    assert table(page)[3][0] == "0.296000"


def test_explorer_works_with_the_keyboard(page, base_url: str) -> None:
    """The slider moves with arrow keys and the presets answer Enter."""
    page.goto(base_url + "en/explorer/")
    page.focus("#lr-lr_log")
    before = page.input_value("#lr-lr")
    page.keyboard.press("ArrowRight")
    assert page.input_value("#lr-lr") != before
    page.focus('button[data-preset="decay"]')
    page.keyboard.press("Enter")
    assert page.input_value("#lr-schedule") == "exponential"
    assert page.inner_text("label[for=lr-rate]") == "Decay rate"


# A huge value: digits, then one character that makes it invalid. A number check that
# backtracks over the digits in every possible split takes time quadratic in the length.
HUGE = "1" * 100_000 + "x"


def test_explorer_typing_into_a_huge_value_stays_quick(page, base_url: str) -> None:
    """A 100,000-character value in a field: each keystroke is handled in under 50 ms,
    and the address follows once typing pauses."""
    page.set_default_timeout(10_000)  # a quadratic check runs far longer: fail, don't hang
    page.goto(base_url + "en/explorer/")
    page.fill("#lr-lr", HUGE)
    assert page.locator('.lr-error[data-field="lr"]').count() == 1
    # The explorer's handling of each keystroke: from the input event's capture on the
    # document to the field's own listeners, the explorer's first. (Chromium's own editing
    # of so long a value, before the event, is not the explorer's and is not counted.)
    # From keydown to the end, a freeze is caught too.
    page.evaluate(
        """() => {
          const field = document.querySelector('#lr-lr');
          window.keystrokes = [];
          field.addEventListener('keydown', () => { window.keyAt = performance.now(); });
          document.addEventListener('input', () => { window.handlerAt = performance.now(); },
                                    true);
          field.addEventListener('input', () => {
            const now = performance.now();
            window.keystrokes.push([now - window.handlerAt, now - window.keyAt]);
          });
        }"""
    )
    page.focus("#lr-lr")
    page.keyboard.press("End")
    page.keyboard.type("12345")
    times = page.evaluate("window.keystrokes")
    assert len(times) == 5, times
    assert max(handler for handler, _ in times) < 50, f"handler, whole keystroke (ms): {times}"
    assert max(whole for _, whole in times) < 500, f"handler, whole keystroke (ms): {times}"
    assert page.input_value("#lr-lr").endswith("x12345")
    assert page.locator('.lr-error[data-field="lr"]').count() == 1
    page.wait_for_function("location.search.includes('x12345')")
    assert page.url.startswith(base_url + "en/explorer/?lr=1111")
    assert "x12345" in page.get_attribute('a.md-select__link[hreflang="zh"]', "href")
    assert page.watcher.errors == []


def test_explorer_huge_value_in_the_address_loads_quickly(page, base_url: str, site: Path) -> None:
    """?lr=<100,000 characters> opens at once, with the error message."""
    # The test server refuses request lines over 64 KiB: the page itself is served from disk.
    index = site / "explorer" / "index.html"
    page.route(lambda url: "lr=1111" in url, lambda route: route.fulfill(path=index))
    page.set_default_timeout(10_000)
    start = time.monotonic()
    page.goto(base_url + "explorer/?lr=" + HUGE + "&w0=" + HUGE)
    seconds = time.monotonic() - start
    assert page.locator('.lr-error[data-field="lr"]').count() == 1
    assert page.locator('.lr-error[data-field="w0"]').count() == 1
    assert seconds < 3, f"the page took {seconds:.1f} s to load"
    assert page.watcher.errors == []


def test_explorer_keeps_the_anchor(page, base_url: str) -> None:
    """Rewriting the address with the settings keeps its #anchor."""
    page.goto(base_url + "en/explorer/#share")
    href = page.evaluate("location.href")
    assert href.endswith("#share") and "lr=0.2" in href
    page.fill("#lr-lr", "0.3")
    # history.replaceState is synchronous; Playwright's page.url may lag behind it
    href = page.evaluate("location.href")
    assert "lr=0.3" in href and href.endswith("#share")
    page.goto(base_url + "en/explorer/?lr=0.4#float32")
    href = page.evaluate("location.href")
    assert "lr=0.4" in href and href.endswith("#float32")


def test_explorer_language_switch_keeps_the_settings(page, base_url: str) -> None:
    """The language links carry the settings and the anchor; following one gives the same
    table."""
    page.goto(base_url + "explorer/#float32")
    page.fill("#lr-lr", "0.3")
    page.fill("#lr-steps", "5")
    english = page.locator('a.md-select__link[hreflang="en"]')
    href = english.get_attribute("href")
    assert "lr=0.3" in href and "steps=5" in href and href.endswith("#float32"), href
    page.locator("#lr-steps").blur()  # its change event rewrites the links: done before
    page.evaluate("location.hash = 'share'")
    page.wait_for_function(
        "document.querySelector('a.md-select__link[hreflang=en]').href.endsWith('#share')",
        timeout=5000,
    )
    shown = table(page)
    page.goto(english.get_attribute("href"))
    assert "/en/explorer/" in page.url
    assert page.input_value("#lr-lr") == "0.3"
    assert table(page) == shown
    chinese = page.get_attribute('a.md-select__link[hreflang="zh"]', "href")
    assert "lr=0.3" in chinese and chinese.endswith("#share")


def test_explorer_slider_reaches_both_ends_and_says_the_rate(page, base_url: str) -> None:
    """End gives 1.5, Home 0.0001; aria-valuetext is the rate itself, never the log."""
    page.goto(base_url + "en/explorer/")
    slider = "#lr-lr_log"
    assert page.get_attribute(slider, "aria-valuetext") == "0.2"
    page.focus(slider)
    page.keyboard.press("End")
    assert page.input_value("#lr-lr") == "1.5"
    assert page.get_attribute(slider, "aria-valuetext") == "1.5"
    page.keyboard.press("Home")
    assert page.input_value("#lr-lr") == "0.0001"
    assert page.get_attribute(slider, "aria-valuetext") == "0.0001"
    for _ in range(3):
        page.keyboard.press("ArrowRight")
        assert page.get_attribute(slider, "aria-valuetext") == page.input_value("#lr-lr")
    page.fill("#lr-lr", "０．３")
    assert page.get_attribute(slider, "aria-valuetext") == "0.3"


IME_TYPED = {  # 0.2 as a Chinese input method may type it
    "full-width digits": "０.２",
    "full-width point": "０．２",
    "ideographic full stop": "0。2",
    "mixed": "0.２",
    "full-width e and minus": "２ｅ－１",
    "ideographic spaces": "\u30000.2\u3000",
}


@pytest.mark.parametrize("typed", IME_TYPED.values(), ids=IME_TYPED.keys())
def test_explorer_reads_what_a_chinese_input_method_types(page, base_url: str, typed: str) -> None:
    """Full-width digits, signs and ｅ, and 。 as the decimal point, mean what they say."""
    page.goto(base_url + "explorer/")
    page.fill("#lr-lr", typed)
    assert page.locator(".lr-error").count() == 0
    assert table(page)[3][0] == "0.296000"
    page.fill("#lr-w0", "－５")
    assert table(page)[0][0] == "-5.000000"


def chart_labels(page) -> list[str]:
    """Each chart's accessible name; its <title> (the mouse's tooltip) must say the same."""
    labels = page.eval_on_selector_all(
        ".lr-chart",
        "svgs => svgs.map(s => [s.getAttribute('role'), s.getAttribute('aria-label'),"
        " s.querySelector(':scope > title').textContent])",
    )
    assert len(labels) == 3
    for role, label, title in labels:
        assert role == "img" and label and label == title
    return [label for _, label, _ in labels]


def test_explorer_charts_say_what_they_show(page, base_url: str) -> None:
    """The text alternative of each chart describes the current numbers, in both languages."""
    page.goto(base_url + "en/explorer/")
    curve, w, lr = chart_labels(page)
    assert "over 3 updates, w goes from 5 to 0.296" in w
    assert "stays at 0.2 over 3 updates" in lr
    assert "from 36 to 1.68" in curve
    page.fill("#lr-steps", "1")
    assert "over 1 update, w goes from 5 to 2.6" in chart_labels(page)[1]
    page.click('button[data-preset="decay"]')
    after = chart_labels(page)
    assert "over 40 updates, the learning rate goes from 0.099 to 0.0669" in after[2]
    assert "the loss goes from 36 to 1.822e-5" in after[0]
    assert all(a != b for a, b in zip([curve, w, lr], after, strict=True))
    page.goto(base_url + "explorer/")
    curve, w, lr = chart_labels(page)
    assert "经过 3 次更新，w 从 5 变为 0.296" in w
    assert "3 次更新中学习率始终是 0.2" in lr


# The WCAG contrast ratio of two CSS colours, the first blended over the second.
CONTRAST_JS = """
  function rgba(css) {
    const m = css.match(/rgba?\\(([^)]+)\\)/);
    if (!m) throw new Error('unexpected colour ' + css);
    const v = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
  }
  function luminance([r, g, b]) {
    const lin = (c) => (c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  }
  function contrast(fg, bg) {
    const [r, g, b, a] = rgba(fg), back = rgba(bg);
    const mixed = [r, g, b].map((c, i) => c * a + back[i] * (1 - a));
    const [l1, l2] = [luminance(mixed), luminance(back)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  }
  function background(node) {  // the first opaque background at or above a node
    for (; node; node = node.parentElement) {
      const c = getComputedStyle(node).backgroundColor;
      if (rgba(c)[3] === 1) return c;
    }
    return 'rgb(255, 255, 255)';
  }
"""

SCHEMES = {"light": "default", "dark": "slate"}


def open_in(page, url: str, scheme: str, width: int = 1280) -> None:
    """Open url in a colour scheme (before the first visit: Material remembers its palette)."""
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": width, "height": 900 if width > 600 else 844})
    page.goto(url)
    shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert shown == SCHEMES[scheme]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_explorer_colours_have_contrast(page, base_url: str, scheme: str) -> None:
    """Every chart line, dot and label reaches 3:1 on the chart; messages reach 4.5:1."""
    open_in(page, base_url + "en/explorer/?schedule=exponential&rate=0.9&steps=10", scheme)
    low = page.evaluate(
        "() => {"
        + CONTRAST_JS
        + """
          const found = [];
          for (const svg of document.querySelectorAll('.lr-explorer .lr-chart')) {
            const bg = background(svg);
            for (const node of svg.querySelectorAll('rect, polyline, circle, text')) {
              const style = getComputedStyle(node);
              for (const paint of ['stroke', 'fill']) {
                if (style[paint] === 'none') continue;
                found.push([node.tagName + '.' + node.getAttribute('class') + ' ' + paint,
                            contrast(style[paint], bg)]);
              }
            }
          }
          return found;
        }"""
    )
    kinds = {name for name, _ in low}
    assert {"polyline.lr-rate stroke", "circle.lr-path lr-dot fill", "text.lr-tick fill"} <= kinds
    assert [(name, round(r, 2)) for name, r in low if r < 3] == []
    for query in ["lr=abc&foo=1", "lr=1.5&steps=1000"]:
        page.goto(base_url + "en/explorer/?" + query)
        ratios = page.evaluate(
            "() => {"
            + CONTRAST_JS
            + """
              return [...document.querySelectorAll('.lr-error, .lr-warning')].map(
                p => [p.className, contrast(getComputedStyle(p).color, background(p))]);
            }"""
        )
        assert ratios and all(r >= 4.5 for _, r in ratios), ratios


# Every control of the explorer, in tab order, with the decay settings shown.
CONTROLS = [f"button:{p}" for p in PRESETS] + [
    "input:lr_log",
    "input:lr",
    "input:w0",
    "input:steps",
    "input:sigma",
    "input:seed",
    "select:schedule",
    "input:rate",
    "input:decay_steps",
    "input:staircase",
    "div:region",
]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_explorer_focus_is_visible(page, base_url: str, scheme: str) -> None:
    """Tabbing through the explorer: every control shows a solid ring of 3:1 contrast."""
    open_in(page, base_url + "en/explorer/?schedule=exponential", scheme)
    page.focus('button[data-preset="course"]')
    page.keyboard.press("Shift+Tab")  # focus by the keyboard, as a keyboard user would
    page.keyboard.press("Tab")
    seen = []
    for _ in range(len(CONTROLS) + 5):
        state = page.evaluate(
            "() => {"
            + CONTRAST_JS
            + """
              const el = document.activeElement;
              if (!el.closest('.lr-explorer')) return null;
              const s = getComputedStyle(el);
              const key = el.tagName.toLowerCase() + ':' +
                (el.dataset.preset || el.name || el.getAttribute('role'));
              return [key, s.outlineStyle, parseFloat(s.outlineWidth),
                      contrast(s.outlineColor, background(el.parentElement)),
                      el.matches(':focus-visible')];
            }"""
        )
        if state is None:
            if seen:
                break
        else:
            key, style, width, ratio, visible = state
            seen.append(key)
            assert visible, f"{key}: not :focus-visible after Tab"
            assert style not in ("none", "hidden") and width >= 2, f"{key}: {style} {width}px"
            assert ratio >= 3, f"{key}: focus ring contrast {ratio:.2f}"
        page.keyboard.press("Tab")
    assert seen == CONTROLS


def test_explorer_fits_a_phone(page, base_url: str) -> None:
    """At 390 px, nothing in the explorer is wider than the article, except inside a
    scroll container, which the keyboard can reach and which has a name."""
    page.set_viewport_size({"width": 390, "height": 844})
    # Large numbers make the table wide.
    page.goto(base_url + "explorer/?lr=1.2&w0=-1000000&steps=40")
    result = page.evaluate(
        """() => {
          const article = document.querySelector('article').getBoundingClientRect();
          const root = document.querySelector('.lr-explorer');
          const scrolls = (n) => ['auto', 'scroll'].includes(getComputedStyle(n).overflowX);
          const inside = (n) => {
            for (let p = n.parentElement; p && p !== root; p = p.parentElement)
              if (scrolls(p)) return true;
            return false;
          };
          const wide = [], containers = [];
          for (const n of root.querySelectorAll('*')) {
            const r = n.getBoundingClientRect();
            if (!r.width || inside(n)) continue;
            if (r.left < article.left - 1 || r.right > article.right + 1)
              wide.push(`${n.tagName}.${n.className} ${r.left}..${r.right}`);
            if (scrolls(n) && n.scrollWidth > n.clientWidth)
              containers.push([n.tagName, n.getAttribute('tabindex'),
                               n.getAttribute('role'), n.getAttribute('aria-label')]);
          }
          return {wide, containers,
                  page: document.documentElement.scrollWidth - window.innerWidth};
        }"""
    )
    assert result["wide"] == []
    assert result["page"] <= 0, "the page itself scrolls sideways"
    assert result["containers"], "the wide table should scroll in a container"
    for tag, tabindex, role, label in result["containers"]:
        assert tabindex == "0" and role == "region" and CJK.search(label or ""), (tag, label)


@pytest.mark.parametrize(
    "address",
    [
        "en/explorer/?lr=1.2&w0=-1000000&steps=40&sigma=1",
        "explorer-2d/?w1=-99.123&w2=0.0001234",
        "explorer-2d/?w1=-99.123&opt2=momentum&sched=exponential&sched2=cosine&steps=60",
    ],
)
def test_a_scrolled_table_keeps_its_first_column(page, base_url: str, address: str) -> None:
    """At 390 px a wide table scrolls sideways in its box, the one region of the table that
    the keyboard reaches; scrolled to its end, every row's first cell (the update) is still
    at the box's left edge, on top and opaque, and the last column shows, unfaded; the
    box's focus ring is drawn outside it, where the first column cannot cover it."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url + address)
    box = page.locator(".lr-table-scroll").first
    box.scroll_into_view_if_needed()
    box.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    page.wait_for_function("el => el.dataset.scrollMore === 'left'", arg=box.element_handle())
    found = box.evaluate(
        """el => {
          const left = el.getBoundingClientRect().left;
          const rows = [...el.querySelectorAll('tr')];
          let seen = 0; // rows in the window, below its header: what is on top can be asked
          const moved = rows.filter((row) => {
            const cell = row.firstElementChild;
            const r = cell.getBoundingClientRect();
            if (Math.abs(r.left - left) > 1) return true;
            const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
            if (r.top < header || r.bottom > innerHeight) return false;
            seen++;
            return !cell.contains(document.elementFromPoint(left + 4, r.top + r.height / 2));
          });
          return [el.scrollLeft, rows.length, moved.length, getComputedStyle(el).maskImage, seen];
        }"""
    )
    scrolled, rows, moved, mask, seen = found
    assert scrolled > 40 and rows > 10 and seen > 5, found
    assert moved == 0, f"{moved} of {rows} rows lost their first cell: {found}"
    assert mask == "none", f"the scrolled-away side should not fade: {mask}"
    last = box.evaluate(
        """el => {
          const cell = el.querySelector('thead th:last-child');
          const r = cell.getBoundingClientRect(), box = el.getBoundingClientRect();
          const masked = [];
          for (let n = cell; n; n = n.parentElement)
            if (getComputedStyle(n).maskImage !== 'none') masked.push(n.className);
          const first = getComputedStyle(el.querySelector('tbody td, tbody th'));
          return {inside: r.left >= box.left - 1 && r.right <= box.right + 1, masked,
                  background: first.backgroundColor,
                  regions: el.closest('.lr-explorer, .lr-explorer-2d')
                    .querySelectorAll('[data-scroll-region]').length};
        }"""
    )
    assert last["inside"] and last["masked"] == [], last
    assert re.fullmatch(r"rgb\(\d+, \d+, \d+\)", last["background"]), last  # opaque
    assert last["regions"] == 1, last
    box.focus()
    ring = box.evaluate(
        "el => { const s = getComputedStyle(el); return [s.outlineOffset, s.outlineWidth]; }"
    )
    assert float(ring[0].rstrip("px")) >= 0 and float(ring[1].rstrip("px")) >= 2, ring
    box.evaluate("el => { el.scrollLeft = 20; }")
    page.wait_for_function("el => el.dataset.scrollMore === 'both'", arg=box.element_handle())
    # Focused, no side fades (the site's rule: the whole ring shows); left, only the right.
    assert box.evaluate("el => getComputedStyle(el).maskImage") == "none"
    box.evaluate("el => el.blur()")
    mask = box.evaluate("el => getComputedStyle(el).maskImage")
    assert mask.startswith("linear-gradient(to right, rgb(0, 0, 0) calc"), f"only the right: {mask}"


AXE_STATES = {
    "default": "",
    "decay": "?schedule=exponential&rate=0.9&steps=10",
    "error": "?lr=abc&foo=1",
}


@pytest.mark.parametrize("state", AXE_STATES)
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", PAGES)
def test_explorer_passes_axe(
    page, base_url: str, axe_source: str, lang: str, scheme: str, width: int, state: str
) -> None:
    """axe-core finds no critical or serious violation inside the explorer."""
    open_in(page, base_url + PAGES[lang] + AXE_STATES[state], scheme, width)
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(
        """async () => {
          const result = await axe.run(document.querySelector('.lr-explorer'));
          return result.violations
            .filter(v => ['critical', 'serious'].includes(v.impact))
            .map(v => `${v.id} (${v.impact}): ${v.help}: ` +
                      v.nodes.map(n => n.target.join(' ')).join(', '));
        }"""
    )
    assert violations == []
    assert page.watcher.errors == []


def test_explorer_messages_are_announced_once_and_tied_to_their_field(page, base_url: str) -> None:
    """The message region is a polite status, rewritten only when its text changes;
    an invalid field is described by its message."""
    page.goto(base_url + "en/explorer/")
    assert page.get_attribute(".lr-messages", "role") == "status"
    page.evaluate(
        "window.lrMutations = 0; new MutationObserver(m => { window.lrMutations += m.length; })"
        ".observe(document.querySelector('.lr-messages'), {childList: true, subtree: true})"
    )
    page.fill("#lr-lr", "abc")
    first = page.evaluate("window.lrMutations")
    assert first > 0
    page.type("#lr-lr", "def")  # three more keystrokes, the same message
    assert page.evaluate("window.lrMutations") == first
    message = page.get_attribute("#lr-lr", "aria-describedby")
    assert message and page.locator(f"#{message}").inner_text().strip()


# Keras's SGD in float32 with the noise added to the tape's gradient, as noisy_steps.py
# does it, for each case: w, ξ and the gradient after every update, as the table prints them.
NOISY_SCRIPT = """
import json, sys
import tensorflow as tf
from sitegate.noise import normals
for line in sys.stdin:
    case = json.loads(line)
    xi = tf.constant(normals(case["seed"], case["steps"]), tf.float32)
    w = tf.Variable(case["w0"], dtype=tf.float32)
    sgd = tf.keras.optimizers.SGD(learning_rate=case["lr"])
    rows = {}
    for n in range(1, case["steps"] + 1):
        with tf.GradientTape() as tape:
            loss = tf.square(w + 1)
        grad = tape.gradient(loss, w) + case["sigma"] * xi[n - 1]
        sgd.apply_gradients([(grad, w)])
        rows[n] = [f"{float(w):.6f}", f"{float(xi[n - 1]):.6f}", f"{float(grad):.6f}"]
    print(json.dumps(rows))
"""


def test_noisy_runs_are_keras_s(page, base_url: str) -> None:
    """Random noisy settings (rate, start, σ, seed): every row of the table equals Keras's
    SGD in float32 with the same noise added to its gradient, as the chapter's code adds it."""
    rng = random.Random(16)  # noqa: S311 - a fixed sweep, not a secret
    cases = [
        {
            "lr": float(f"{10 ** rng.uniform(-3, math.log10(1.2)):.3g}"),
            "w0": float(f"{rng.uniform(-20, 20):.4g}"),
            "sigma": float(f"{10 ** rng.uniform(-4, 2):.3g}"),
            "seed": rng.randrange(2**32),
            "steps": rng.randrange(10, 41),
        }
        for _ in range(8)
    ]
    cases[0] |= {"sigma": 100.0, "seed": 4294967295}  # the largest noise and seed
    # A start near 10^4: float32s there are often odd multiples of 2^-7, exact ties at the
    # 7th decimal, which Python's format rounds to even (w of update 25 is -5286.0703125).
    cases.append({"lr": 0.0044, "w0": -6593.02, "sigma": 0.103, "seed": 4294967295, "steps": 40})
    cases.append({"lr": 0.5, "w0": 3.0, "sigma": 2.0, "seed": 0, "steps": 10})  # seed 0
    for case, keras in zip(cases, in_tensorflow(NOISY_SCRIPT, cases), strict=True):
        query = "&".join(f"{k}={v}" for k, v in case.items())
        page.goto(base_url + "en/explorer/?" + query)
        shown = table(page)
        for n, (w, xi, grad) in keras.items():
            assert shown[int(n)][0] == w, f"{query}, update {n}: w {shown[int(n)][0]} != {w}"
            assert shown[int(n)][3:] == [xi, grad], f"{query}, update {n}"
    assert page.watcher.errors == []


NOISE_MESSAGES = {  # query: (field, class, words the English message has)
    "sigma=200": ("sigma", "lr-error", "0.0001 to 100"),
    "sigma=abc&seed=abc": ("seed", "lr-error", "whole number"),
    "sigma=-1&seed=1.5": ("seed", "lr-error", "whole number"),
    "sigma=0&seed=abc": ("seed", "lr-warning", "Without noise"),
    "sigma=1&seed=2.5": ("seed", "lr-error", "whole number"),
}


@pytest.mark.parametrize("query", NOISE_MESSAGES)
def test_noise_messages_name_their_field(page, base_url: str, query: str) -> None:
    """A bad σ or seed: the message for the right field, an error where the seed is used
    (any σ but a valid 0), a warning that says why where it is not; never "σ = 0" else."""
    name, kind, words = NOISE_MESSAGES[query]
    page.goto(base_url + "en/explorer/?" + query)
    message = page.locator(f'.{kind}[data-field="{name}"]')
    assert message.count() == 1 and words in message.inner_text()
    if kind == "lr-error":
        assert "σ = 0" not in page.inner_text(".lr-messages")
        assert page.get_attribute(f"#lr-{name}", "aria-invalid") == "true"
    else:
        assert table(page), "an unused seed must not stop the drawing"
    page.goto(base_url + "explorer/?" + query)  # the same in Chinese, both parts of it
    text = page.locator(f'.{kind}[data-field="{name}"]').inner_text()
    assert not re.search(r"[A-Za-z]{3}", text), text


def test_noise_typed_goes_to_the_table_the_address_and_the_other_language(
    page, base_url: str
) -> None:
    """Typing σ and the seed: the two columns appear, the address and the language link
    carry both, and the other language shows the same table; σ = 0 removes the columns."""
    page.goto(base_url + "en/explorer/")
    assert len(page.locator("[data-lr-table] th").all()) == 4
    page.fill("#lr-sigma", "1")
    page.fill("#lr-seed", "1")
    page.fill("#lr-steps", "5")
    shown = table(page)
    for n, v in expect_noisy().items():  # the preset's numbers: the same settings
        assert [shown[n][0], *shown[n][3:]] == [v["w"], v["xi"], v["grad"]], n
    assert shown[0][3:] == ["—", "—"]
    url = page.evaluate("location.href")  # page.url can lag behind replaceState
    assert "sigma=1" in url and "seed=1" in url, url
    page.fill("#lr-seed", "0")
    assert "seed=0" in page.evaluate("location.href")
    href = page.get_attribute('a.md-select__link[hreflang="zh"]', "href")
    assert "sigma=1" in href and "seed=0" in href, href
    shown = table(page)
    page.goto(href)
    assert page.input_value("#lr-sigma") == "1" and page.input_value("#lr-seed") == "0"
    assert table(page) == shown
    page.fill("#lr-sigma", "0")
    assert len(page.locator("[data-lr-table] th").all()) == 4
    assert page.watcher.errors == []
