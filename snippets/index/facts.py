"""Numbers this page may quote, computed, not typed (see sitegate.facts)."""

from __future__ import annotations

import re

from sitegate.layout import LAYOUT

GIVEN = {"2.600000": "what the format :.6f prints for 2.6, an example"}


def facts() -> dict[str, float]:
    """The home page: the pinned TensorFlow, the length of the course's run."""
    lock = (LAYOUT.root / "uv.lock").read_text(encoding="utf-8")
    version = re.search(
        r'name = "tensorflow"\nversion = "(\d+\.\d+)', lock
    ).group(1)
    lines = (
        LAYOUT.snippets / "exponential-decay" / "decay_training.out"
    ).read_text(encoding="utf-8")
    return {
        "tensorflow": float(version),
        "course_lines": len(lines.splitlines()),
    }
