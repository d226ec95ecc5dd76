"""Figures are compared as a reader sees them, not byte for byte.

A figure is an SVG that a snippet writes (matplotlib, text kept as text). Two
SVGs are the same figure when they have the same elements in the same order,
every text is identical (titles, tick labels, legends: what a reader reads),
and every coordinate agrees within the figure's tolerance, in SVG units (1
unit = 1 px at 100 % zoom; matplotlib writes a 72-dpi inch as 72 units).

Why not bytes: matplotlib writes coordinates with about six significant
digits, so a last-ulp difference in a computed value (numpy picks its ``sin``
kernel by CPU at run time) can change a byte that no reader can see. A
tolerance of a hundredth of a pixel absorbs that and nothing a reader could
notice; anything bigger fails. Figures whose data are not stable by
construction would need a larger, argued tolerance in ``TOLERANCE``; today
none does, because every figure is drawn from values that are identical on
every CPU the foreign-CPU session simulates.

matplotlib names clip paths and markers by hashing their content; ids are
compared by order of first appearance, so a renamed id is not a difference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree import ElementTree

# Default tolerance in SVG units (px): a hundredth of a pixel.
DEFAULT_TOLERANCE = 0.01
# Per-figure tolerances, keyed by ``<chapter>/<file>``, each with its reason.
TOLERANCE: dict[str, float] = {}

NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")
LIMIT = 8  # differences listed before "… and N more"


@dataclass
class Difference:
    """One place where two figures differ, in words a writer can act on."""

    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def tolerance_of(key: str) -> float:
    """The tolerance of the figure ``<chapter>/<file>``."""
    return TOLERANCE.get(key, DEFAULT_TOLERANCE)


def _tokens(value: str) -> list[str | float]:
    """A value split into numbers (floats) and the text between them."""
    tokens: list[str | float] = []
    position = 0
    for match in NUMBER.finditer(value):
        if match.start() > position:
            tokens.append(value[position : match.start()])
        tokens.append(float(match.group(0)))
        position = match.end()
    if position < len(value):
        tokens.append(value[position:])
    return tokens


class _Ids:
    """Renames ids to their order of first appearance (id0, id1, …)."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        return self.names.setdefault(name, f"id{len(self.names)}")

    def text(self, value: str) -> str:
        """A value with every ``#ref`` and ``url(#ref)`` renamed."""
        value = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{self(m.group(1))})", value)
        return re.sub(r"^#(\S+)$", lambda m: f"#{self(m.group(1))}", value)


def _strip(tag: str) -> str:
    return tag.split("}", 1)[-1]


def _compare_values(
    where: str, name: str, expected: str, actual: str, tolerance: float
) -> tuple[str | None, float]:
    """A difference in words (or None), and the largest numeric gap seen."""
    a, b = _tokens(expected), _tokens(actual)
    if len(a) != len(b) or any(
        isinstance(x, str) != isinstance(y, str) or (isinstance(x, str) and x != y)
        for x, y in zip(a, b, strict=True)
    ):
        return f"{name} differs: {expected[:80]!r} vs {actual[:80]!r}", 0.0
    gap = max((abs(x - y) for x, y in zip(a, b, strict=True) if isinstance(x, float)), default=0)
    if gap > tolerance:
        return f"{name} moved by {gap:.3g} px (tolerance {tolerance:g} px)", gap
    return None, gap


def compare(expected: bytes, actual: bytes, tolerance: float) -> list[Difference]:
    """How ``actual`` differs from ``expected`` as a reader would see it."""
    try:
        trees = [ElementTree.fromstring(data) for data in (expected, actual)]  # noqa: S314
    except ElementTree.ParseError as error:
        return [Difference("file", f"not a readable SVG: {error}")]
    elements = [list(tree.iter()) for tree in trees]
    differences: list[Difference] = []
    if len(elements[0]) != len(elements[1]):
        differences.append(
            Difference("figure", f"{len(elements[0])} elements recorded, {len(elements[1])} now")
        )
    ids = (_Ids(), _Ids())
    group = "figure"  # the id of the last group matplotlib named (xtick_3, line2d_2…)
    for index, (a, b) in enumerate(zip(*elements, strict=False)):
        if _strip(a.tag) == "g" and "id" in a.attrib:
            group = a.attrib["id"]
        where = f"<{_strip(a.tag)}> #{index} in {group}"
        if a.tag != b.tag:
            differences.append(Difference(where, f"is <{_strip(b.tag)}> now"))
            break
        texts = [(x.text or "").strip() for x in (a, b)]
        if texts[0] != texts[1]:
            differences.append(Difference(where, f"text {texts[0]!r} is {texts[1]!r} now"))
        keys = sorted(set(a.attrib) | set(b.attrib))
        for key in keys:
            name = _strip(key)
            values = [
                ids[n].text(x.attrib.get(key, ""))
                if name != "id"
                else ids[n](x.attrib.get(key, ""))
                for n, x in enumerate((a, b))
            ]
            problem, _ = _compare_values(where, name, values[0], values[1], tolerance)
            if problem:
                differences.append(Difference(where, problem))
    return differences


def describe(differences: list[Difference]) -> str:
    """The first few differences, then a count of the rest."""
    lines = [f"  {d}" for d in differences[:LIMIT]]
    if len(differences) > LIMIT:
        lines.append(f"  … and {len(differences) - LIMIT} more")
    return "\n".join(lines)
