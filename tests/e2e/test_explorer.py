"""The learning-rate explorer in Chromium: its numbers against TensorFlow's, its input handling."""

from __future__ import annotations

import re

import pytest

from sitegate.pages import snippet_root


def table(page) -> dict[int, list[str]]:
    """The explorer's table: update number → [w, learning rate, loss]."""
    rows = page.eval_on_selector_all(
        "[data-lr-table] tbody tr",
        "rows => rows.map(r => [...r.cells].map(c => c.textContent))",
    )
    return {int(row[0]): row[1:] for row in rows}


def recorded(path: str) -> str:
    """A recorded snippet output (itself checked against a real TensorFlow run)."""
    return (snippet_root() / path).read_text(encoding="utf-8")


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


PRESETS = {
    "course": expect_course,
    "large1": lambda: expect_large("1"),
    "large12": lambda: expect_large("1.2"),
    "small": expect_small,
    "onestep": expect_one_step,
    "decay": expect_decay,
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
        w, lr, loss = shown[step]
        if "w" in values:
            assert w == values["w"], f"{preset}, update {step}: w {w} != {values['w']}"
        if "w2" in values:
            assert f"{float(w):.2f}" == values["w2"], f"{preset}, update {step}: w {w}"
        if "lr" in values:
            assert lr == values["lr"], f"{preset}, update {step}: lr {lr} != {values['lr']}"
        if "loss" in values:
            assert loss == values["loss"], f"{preset}, update {step}: loss {loss}"
    assert "lr=" in page.url, "the settings are not in the URL"
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


BAD_URLS = {
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
}


@pytest.mark.parametrize("query", BAD_URLS.values(), ids=BAD_URLS.keys())
def test_explorer_bad_input_gives_a_message(page, base_url: str, query: str) -> None:
    """Bad values from the URL: a message, no NaN or Infinity, nothing injected."""
    page.goto(base_url + "explorer/?" + query)
    message = page.locator(".lr-error")
    assert message.count() >= 1 and message.first.inner_text().strip()
    text = page.inner_text(".lr-explorer")
    assert "NaN" not in text and "Infinity" not in text
    assert page.locator(".lr-explorer img").count() == 0
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
