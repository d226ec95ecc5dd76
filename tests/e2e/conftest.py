"""A real browser against the built site, served on 127.0.0.1.

Debian's Chromium (/usr/bin/chromium) is driven by Playwright; Playwright's
own browser download is never used. Without Chromium the tests are skipped
with the command that installs it, except under CI, where that is a failure.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitegate.layout import LAYOUT
from sitegate.plugin import missing_tool

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
INSTALL = "sudo apt-get install -y chromium fonts-noto-cjk"
AXE = LAYOUT.root / "node_modules" / "axe-core" / "axe.min.js"


class QuietHandler(SimpleHTTPRequestHandler):
    """Serve files without logging every request to the test output."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site, served on 127.0.0.1 at a free port."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, with nothing that calls home."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM}; install it with `{INSTALL}`"
        missing_tool(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


class Watcher:
    """What a page did that it should not: console errors, outside requests."""

    def __init__(self, page, base_url: str) -> None:
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", self._console)
        page.on(
            "response",
            lambda r: r.status >= 400 and self.errors.append(f"HTTP {r.status}: {r.url}"),
        )
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.context.route("**/*", functools.partial(self._route, base_url=base_url))

    def _console(self, message) -> None:
        # The failed response itself is reported, with its URL, by "response".
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(f"console: {message.text}")

    def _route(self, route, base_url: str) -> None:
        url = route.request.url
        if url.startswith((base_url, "data:", "blob:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()


PHONE = {"width": 390, "height": 844}  # CSS pixels of a common phone
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def open_page(browser, base_url: str):
    """``open_page(scheme, width)``: a fresh page in that colour scheme, at a
    desktop or phone size (a phone as a touch device); watcher attached."""
    contexts = []

    def make(scheme: str = "light", width: str = "desktop"):
        phone = width == "phone"
        context = browser.new_context(
            locale="zh-CN",
            color_scheme=scheme,
            viewport=PHONE if phone else DESKTOP,
            is_mobile=phone,
            has_touch=phone,
        )
        contexts.append(context)
        new = context.new_page()
        new.watcher = Watcher(new, base_url)
        return new

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page, base_url: str):
    """A fresh page (light, desktop) that may use the clipboard; its watcher
    is at ``page.watcher``."""
    new = open_page()
    new.context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/")
    )
    return new


@pytest.fixture
def search():
    """``search(page, query)``: open the search and type the query key by key.

    Material reads the field on keyup (or when its index becomes ready), so
    Playwright's ``fill``, which sends no key events, is lost whenever the
    index is ready first: typed that way the test passed or failed by timing.
    """

    def run(page, query: str) -> None:
        phone = page.viewport_size["width"] <= PHONE["width"]
        # the header's search button on a phone, the search field on a desktop
        page.click("label.md-header__button[for='__search']" if phone else ".md-search__input")
        page.locator(".md-search__input").press_sequentially(query)
        page.wait_for_selector(".md-search-result__item", timeout=30_000)

    return run


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, installed by `npm ci` (package-lock.json)."""
    if not AXE.exists():
        message = f"{AXE} is missing: run `npm ci` (the tests and e2e sessions do)"
        missing_tool(message)
    return AXE.read_text(encoding="utf-8")
