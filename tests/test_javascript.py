"""The site's own JavaScript is linted and formatted by Biome (biome.json).

Biome comes from npm, pinned in package-lock.json; `nox -s tests` installs it
with `npm ci` where npm exists. The check is `biome ci`: lint rules and the
formatting must both pass, so a reader of explorer.js meets one style.
"""

from __future__ import annotations

import subprocess

from sitegate.layout import LAYOUT
from sitegate.plugin import missing_tool

BIOME = LAYOUT.root / "node_modules" / ".bin" / "biome"


def test_javascript_is_linted_and_formatted() -> None:
    """`biome ci docs/javascripts` reports nothing."""
    if not BIOME.exists():
        message = f"{BIOME} is missing: run `npm ci` to lint the site's JavaScript"
        missing_tool(message)
    result = subprocess.run(
        [str(BIOME), "ci", "--colors=off", "docs/javascripts", "sitegate/actionlint.mjs"],
        cwd=LAYOUT.root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, (
        "Biome finds problems in docs/javascripts (fix them, or run `npm run fix` "
        "for what it can fix itself):\n" + result.stdout[-6000:] + result.stderr[-2000:]
    )
