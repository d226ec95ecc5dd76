"""Numbers this page may quote, computed, not typed (see sitegate.facts)."""

from __future__ import annotations

import re

from sitegate.layout import LAYOUT


def facts() -> dict[str, float]:
    """The 2-D explorer page: how many uniforms its noise sums, read from
    its script and from sitegate/noise.py, which must agree."""
    script = (LAYOUT.docs / "javascripts" / "explorer2d.js").read_text(
        encoding="utf-8"
    )
    noise = LAYOUT.root / "sitegate" / "noise.py"
    python = noise.read_text(encoding="utf-8")
    in_script = re.findall(r"i < (\d+); i\+\+\) total \+= next\(\)", script)
    in_python = re.findall(r"for _ in range\((\d+)\):\n\s+total \+=", python)
    if len(in_script) != 1 or in_script != in_python:
        raise LookupError(
            "the number of uniforms summed for a normal: explorer2d.js says "
            f"{in_script}, sitegate/noise.py {in_python}"
        )
    angles = re.search(r"const known = \{ 0: .*?, (\d+): .*?, (\d+): ", script)
    if angles is None:
        raise LookupError("explorer2d.js: no `known = { 0: …, A: …, B: …`")
    return {
        "uniforms": float(in_script[0]),
        "exact_45": float(angles.group(1)),
        "exact_90": float(angles.group(2)),
    }
