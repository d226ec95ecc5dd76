"""Numbers this page may quote, computed, not typed (see sitegate.facts)."""

from __future__ import annotations

import re

from sitegate.layout import LAYOUT


def facts() -> dict[str, float]:
    """The explorer page: the limits its JavaScript enforces (rate, noise)."""
    script = (LAYOUT.docs / "javascripts" / "explorer.js").read_text(
        encoding="utf-8"
    )
    limits = re.search(r"lrMin: ([\d.e+-]+),\s*lrMax: ([\d.e+-]+)", script)
    if limits is None:
        raise LookupError(
            "docs/javascripts/explorer.js: no `lrMin: …, lrMax: …` in LIMITS"
        )
    sigma = re.search(
        r"sigmaMin: ([\d.e+-]+),.*\n\s*sigmaMax: ([\d.e+-]+)", script
    )
    if sigma is None:
        raise LookupError(
            "docs/javascripts/explorer.js: no `sigmaMin: …, sigmaMax: …`"
        )
    return {
        "lr_min": float(limits.group(1)),
        "lr_max": float(limits.group(2)),
        "sigma_min": float(sigma.group(1)),
        "sigma_max": float(sigma.group(2)),
    }
