"""Build the site with MkDocs and with properdocs, and compare what they make.

MkDocs 1.x is no longer maintained, and Material for MkDocs receives only
critical fixes until 2027-05-05. properdocs, a maintained drop-in fork of
MkDocs 1.x, builds the same ``mkdocs.yml``; this check keeps that way off
open: both builds must be strict, and must produce the same pages with the
same links. Run with ``nox -s fork`` (``python -m sitegate.forkbuild``).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from sitegate.layout import LAYOUT

HREF = re.compile(r'\bhref="([^"#]*)')
TOOLS = ("mkdocs", "properdocs")


def build(tool: str, target: Path) -> str:
    """Build the site strictly with ``tool`` into ``target``; return its log."""
    command = [
        str(Path(sys.executable).parent / tool),
        "build",
        "--strict",
        "--site-dir",
        str(target),
    ]
    result = subprocess.run(command, cwd=LAYOUT.root, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{tool} build --strict failed:\n{result.stdout}{result.stderr}")
    return result.stdout + result.stderr


def pages(site: Path) -> dict[str, set[str]]:
    """Every HTML page of a built site, with the links it holds."""
    return {
        path.relative_to(site).as_posix(): set(HREF.findall(path.read_text(encoding="utf-8")))
        for path in sorted(site.rglob("*.html"))
    }


def differences(first: dict[str, set[str]], second: dict[str, set[str]]) -> list[str]:
    """Pages and links one build has and the other lacks, in words."""
    problems = [f"only in the {TOOLS[0]} build: {page}" for page in sorted(first.keys() - second)]
    problems += [f"only in the {TOOLS[1]} build: {page}" for page in sorted(second.keys() - first)]
    for page in sorted(first.keys() & second.keys()):
        for link in sorted(first[page] ^ second[page]):
            side = TOOLS[0] if link in first[page] else TOOLS[1]
            problems.append(f"{page}: link {link!r} only in the {side} build")
    return problems


def main() -> int:
    """Build with both tools; fail on any page or link that differs."""
    with tempfile.TemporaryDirectory() as folder:
        built = {}
        for tool in TOOLS:
            build(tool, Path(folder) / tool)
            built[tool] = pages(Path(folder) / tool)
    first, second = (built[tool] for tool in TOOLS)
    problems = differences(first, second)
    if problems:
        print("\n".join(problems[:50]))
        return 1
    print(f"{TOOLS[0]} and {TOOLS[1]} build the same {len(first)} pages with the same links")
    return 0


if __name__ == "__main__":
    sys.exit(main())
