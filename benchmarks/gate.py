"""Benchmarks of the gate and the site, as ratios measured in one run.

- the test session (``pytest -q --ignore=tests/e2e``, what ``nox -s tests`` runs)
  against a bare ``python -c "import tensorflow"``, in wall time (the goal)
  and in the whole machine's busy CPU time (all cores, all processes): what
  the session costs, apart from how well it fills the cores;
- the marginal cost of one more TensorFlow snippet through the runner;
- the strict build of both languages;
- what a reader downloads for the heaviest page, against the same page with
  its formulas left as plain TeX text (a plain Material page of the same text),
  the site's math font included where a page draws formulas.

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


if __name__ == "__main__":
    main()
