"""Benchmarks of the gate and the site, as ratios measured in one run.

- the test session (``pytest -q --ignore=tests/e2e``, what ``nox -s tests`` runs)
  against a bare ``python -c "import tensorflow"``, in wall time (the goal)
  and in the whole machine's busy CPU time (all cores, all processes): what
  the session costs, apart from how well it fills the cores;
- the marginal cost of one more TensorFlow snippet through the runner;
- the strict build of both languages;
- what a reader downloads for the heaviest page, against the same page with
  its formulas left as plain TeX text (a plain Material page of the same text),
  the site's math font included where a page draws formulas;
- the 2-D explorer in headless Chromium, at 10,000 updates: computed, put in
  the page and laid out, also as a ratio to a fixed float32 loop timed in the
  same page (so two machines can be compared); the work of each frame while the
  start is dragged with the mouse, and of each move with a key; and what its
  page downloads beyond a plain page's.

Run with ``nox -s benchmark``; the README quotes its last result.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

from sitegate.pages import ROOT
from sitegate.runner import Runner

SNIPPET = (ROOT / "snippets" / "learning-rate" / "update_rule_tf.py").read_text()


def machine_cpu() -> float:
    """Busy CPU seconds of the whole machine since it started (Linux's
    /proc/stat: every process, the forkserver's orphans included); NaN elsewhere."""
    try:
        first = Path("/proc/stat").read_text(encoding="ascii").split("\n", 1)[0]
    except OSError:
        return float("nan")
    ticks = [int(field) for field in first.split()[1:9]]  # user … steal
    busy = sum(ticks) - ticks[3] - ticks[4]  # not idle, not waiting for I/O
    return busy / os.sysconf("SC_CLK_TCK")


def timed(command: list[str], **kwargs) -> tuple[float, float]:
    """Wall time and the machine's busy CPU time of one command, which must succeed."""
    start, cpu = time.perf_counter(), machine_cpu()
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True, **kwargs)
    return time.perf_counter() - start, machine_cpu() - cpu


def median_times(command: list[str], repeat: int, **kwargs) -> tuple[float, float]:
    """Median wall time and median busy CPU time over ``repeat`` runs."""
    runs = [timed(command, **kwargs) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def marginal_snippet_cost(extra: int) -> tuple[float, float]:
    """Seconds per added snippet: time(base + extra) − time(base), over extra."""
    runner = Runner()
    try:
        runner.run("import tensorflow\n", "warm_up.py")  # forkserver up, TF loaded

        def batch(count: int, tag: str) -> float:
            start = time.perf_counter()
            futures = [
                runner.submit(f"# {tag} {i}\n{SNIPPET}", f"{tag}_{i}.py") for i in range(count)
            ]
            for future in futures:
                result = future.result()
                if not result.ok:
                    raise RuntimeError(
                        f"a benchmark snippet failed (exit {result.exitcode}):\n"
                        f"{result.stdout}\n{result.stderr[-3000:]}"
                    )
            return time.perf_counter() - start

        base = batch(4, "base")
        more = batch(4 + extra, "more")
    finally:
        runner.close()
    return (more - base) / extra, more / (4 + extra)


class Assets(HTMLParser):
    """Stylesheets, scripts and images a page makes the browser fetch."""

    def __init__(self) -> None:
        super().__init__()
        self.code: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.code.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.code.append(attrs["src"])
        elif tag == "img" and attrs.get("src") and not attrs["src"].startswith("data:"):
            self.images.append(attrs["src"])


def gz(data: bytes) -> int:
    """Compressed size, as a server with gzip would send it."""
    return len(gzip.compress(data, compresslevel=9))


def page_weight(site: Path, heaviest: bool = False) -> dict[str, object]:
    """Compressed bytes of a page (the one with most formulas, or the heaviest),
    with and without its MathML."""
    if heaviest:
        page = max(site.rglob("index.html"), key=lambda p: p.stat().st_size)
    else:
        page = max(
            site.rglob("index.html"), key=lambda p: p.read_text(encoding="utf-8").count("<math")
        )
    url = "/" + page.parent.relative_to(site).as_posix() + "/"
    html = page.read_text(encoding="utf-8")
    parser = Assets()
    parser.feed(html)

    def local(ref: str) -> bytes:
        return (site / urljoin(url, ref.split("?")[0]).lstrip("/")).read_bytes()

    code = sum(gz(local(ref)) for ref in parser.code)
    images = sum(gz(local(ref)) for ref in parser.images)
    # Fonts a stylesheet declares: the browser fetches the math font only for
    # a page that draws a formula; WOFF is compressed already.
    fonts = 0
    if "<math" in html:
        for ref in parser.code:
            if ref.split("?")[0].endswith(".css"):
                css_url = urljoin(url, ref.split("?")[0])
                css = local(ref).decode("utf-8", "replace")
                for font in re.findall(r'url\("?([^")]+\.woff2?)"?\)', css):
                    fonts += len((site / urljoin(css_url, font).lstrip("/")).read_bytes())
    plain_html = re.sub(
        r'<math alttext="([^"]*)".*?</math>',
        lambda m: escape(unescape(m.group(1))),
        html,
        flags=re.S,
    )
    with_math = gz(html.encode()) + code + fonts
    plain = gz(plain_html.encode()) + code
    return {
        "page": url,
        "formulas": len(re.findall(r"<math\b", html)),
        "with_math": with_math,
        "plain": plain,
        "ratio": with_math / plain,
        "images": images,
        "fonts": fonts,
        "markup": with_math - fonts,
    }


def page_bytes(site: Path, url: str) -> int:
    """Compressed bytes of a page's HTML and every stylesheet and script it loads."""
    html = (site / url.strip("/") / "index.html").read_bytes()
    parser = Assets()
    parser.feed(html.decode("utf-8"))
    code = [site / urljoin(url, ref.split("?")[0]).lstrip("/") for ref in parser.code]
    return gz(html) + sum(gz(path.read_bytes()) for path in code)


# In the page: the median over 5 runs of (a) 10,000 updates put on the page and laid out,
# (b) a fixed loop of 2,000,000 float32 multiply-adds; (c) the slowest of 20 moves of the
# start with the arrow key, each a full rerun and redraw, laid out.
EXPLORER_TIMING = """() => {
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const steps = document.querySelector("#lr2-steps");
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    steps.value = String(10000 - (i % 2));
    steps.dispatchEvent(new Event("input"));
    document.body.offsetHeight;
    runs.push(performance.now() - t0);
  }
  const loops = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    let x = 0.5;
    for (let k = 0; k < 2000000; k++) x = Math.fround(Math.fround(x * 0.999999) + 1e-7);
    loops.push(performance.now() - t0);
    if (x === 42) loops.push(0);
  }
  const start = document.querySelector(".lr2-start");
  const moves = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    start.dispatchEvent(new KeyboardEvent("keydown", { key: i % 2 ? "ArrowLeft" : "ArrowRight" }));
    document.body.offsetHeight;
    moves.push(performance.now() - t0);
  }
  return { run: median(runs), loop: median(loops), move: Math.max(...moves) };
}"""


def explorer_timing(site: Path, query: str) -> dict[str, float]:
    """The 2-D explorer's speed in Debian's Chromium, served from 127.0.0.1, with the
    settings in ``query`` (10,000 updates)."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page()
            port = server.server_address[1]
            page.goto(f"http://127.0.0.1:{port}/en/explorer-2d/?{query}&steps=10000")
            page.wait_for_selector("[data-lr2-table]")
            result = page.evaluate(EXPLORER_TIMING)
            # A drag with the mouse: the explorer measures each frame's work itself.
            page.locator(".lr2-start").scroll_into_view_if_needed()
            box = page.locator(".lr2-start").bounding_box()
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            page.mouse.move(x, y)
            page.mouse.down()
            for step in range(40):
                page.mouse.move(x - 2 * step, y + step)
                page.evaluate("() => new Promise(done => requestAnimationFrame(() => done()))")
            page.mouse.up()
            frames = page.evaluate(
                "() => performance.getEntriesByName('lr2 drag frame').map(e => e.duration)"
            )
            result["frames"] = len(frames)
            result["drag"] = max(frames)
            result["drag_median"] = statistics.median(frames)
            browser.close()
    finally:
        server.shutdown()
    return result


def main() -> None:
    """Measure and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    parser.add_argument("--extra", type=int, default=20, help="snippets added for the margin")
    args = parser.parse_args()

    env = dict(os.environ)
    bare, bare_cpu = median_times([sys.executable, "-c", "import tensorflow"], args.repeat)
    gate, gate_cpu = median_times(
        [sys.executable, "-m", "pytest", "-q", "--ignore=tests/e2e"], args.repeat, env=env
    )
    per_snippet, throughput = marginal_snippet_cost(args.extra)
    with tempfile.TemporaryDirectory() as tmp:
        build, _ = median_times(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", tmp],
            args.repeat,
            env=env,
        )
        weight = page_weight(Path(tmp))
        heavy = page_weight(Path(tmp), heaviest=True)
        explorer = explorer_timing(Path(tmp), "l1=10&lr=0.15")
        adam = explorer_timing(Path(tmp), "l1=10&lr=0.01&opt=adam")
        scheduled = explorer_timing(
            Path(tmp), "l1=10&lr=0.01&opt=adam&sched=warmup&dsteps=10000&warm=100&alpha=0.1"
        )
        explorer_extra = page_bytes(Path(tmp), "/en/explorer-2d/") - page_bytes(
            Path(tmp), "/en/glossary/"
        )

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}"
    )
    print()
    print("| measure | value | goal |")
    print("|---|---|---|")
    print(f"| bare `import tensorflow` | {bare:.2f} s | |")
    print(f"| test session (tests) | {gate:.2f} s = {gate / bare:.2f}× import | < 4× |")
    print(
        f"| the same, CPU time of the whole machine (all cores, all processes) | "
        f"{gate_cpu:.1f} s = {gate_cpu / bare_cpu:.2f}× the import's {bare_cpu:.2f} s | |"
    )
    print(f"| one more TF snippet (marginal) | {per_snippet:.3f} s | < 0.15 s |")
    print(f"| TF snippets in a batch (mean) | {throughput:.3f} s each | |")
    print(f"| strict build, both languages | {build:.2f} s | |")
    print(
        f"| page with most formulas `{weight['page']}` ({weight['formulas']} formulas), "
        f"gzip HTML+CSS+JS | {weight['markup']:,} B vs {weight['plain']:,} B as "
        f"plain text = {weight['markup'] / weight['plain']:.3f}× | ≤ 1.25× |"
    )
    print(
        f"| the same page, with the site's math font (once per visit) | "
        f"{weight['with_math']:,} B (font {weight['fonts']:,} B) = {weight['ratio']:.3f}× | "
        f"font ≤ 32 KiB |"
    )
    print(f"| its images (gzip) | {weight['images']:,} B | |")
    print(
        f"| heaviest page `{heavy['page']}`, gzip HTML+CSS+JS (figures inline) | "
        f"{heavy['with_math']:,} B vs {heavy['plain']:,} B with formulas as text | |"
    )
    print(
        f"| 2-D explorer, 10,000 updates computed, on the page and laid out (Chromium) | "
        f"{explorer['run']:.1f} ms = {explorer['run'] / explorer['loop']:.2f}× a fixed "
        f"float32 loop ({explorer['loop']:.1f} ms) | < 100 ms |"
    )
    print(
        f"| dragging the start with the mouse, work per frame ({explorer['frames']} frames) | "
        f"median {explorer['drag_median']:.1f} ms, slowest {explorer['drag']:.1f} ms | < 16 ms |"
    )
    print(
        f"| the same two with Adam (float32) | {adam['run']:.1f} ms = "
        f"{adam['run'] / adam['loop']:.2f}× the loop ({adam['loop']:.1f} ms); drag median "
        f"{adam['drag_median']:.1f} ms, slowest {adam['drag']:.1f} ms | < 100 ms; < 16 ms |"
    )
    print(
        f"| the same with a schedule (Adam, warm-up + cosine decay) | {scheduled['run']:.1f} ms "
        f"= {scheduled['run'] / scheduled['loop']:.2f}× the loop ({scheduled['loop']:.1f} ms); "
        f"drag median {scheduled['drag_median']:.1f} ms, slowest {scheduled['drag']:.1f} ms "
        "| < 100 ms; < 16 ms |"
    )
    print(
        f"| the slowest of 20 moves of the start with a key (the table redrawn too) | "
        f"{explorer['move']:.1f} ms | |"
    )
    print(
        f"| `/en/explorer-2d/` beyond `/en/glossary/`, gzip HTML+CSS+JS | "
        f"{explorer_extra:,} B | < 60 KB |"
    )


if __name__ == "__main__":
    main()
