"""Figures are compared as a reader sees them, not byte for byte.

A figure is an SVG that a snippet writes (matplotlib, text kept as text). Two
SVGs are the same figure when they have the same tree (the same elements in
the same order, each under the same parent: a marker moved into ``<defs>`` is
not drawn, a label moved out of its ``translate`` group is misplaced), every
text is identical (titles, tick labels, legends: what a reader reads, the text
after a child element included), every other value is identical as text
(colours such as ``#0e9999`` are text, not numbers), and every coordinate is a
finite number that agrees within the figure's tolerance, in SVG units (1 unit
= 1 px at 100 % zoom; matplotlib writes a 72-dpi inch as 72 units).

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
Only ids and references to them (``href``, ``xlink:href``, ``url(#…)``) are
renamed; any other value, a colour such as ``stroke="#ff0000"`` included, is
compared as written. A harmless re-serialisation (style properties in another
order, ``black`` for ``#000000``) still fails; the message shows the change.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import zip_longest
from xml.etree import ElementTree

# Default tolerance in SVG units (px): a hundredth of a pixel.
DEFAULT_TOLERANCE = 0.01
# Per-figure tolerances, keyed by ``<chapter>/<file>``, each with its reason.
TOLERANCE: dict[str, float] = {}

SVG = "{http://www.w3.org/2000/svg}svg"
# A number stands alone: not inside a word, an id or a hex value (``#0e9999``
# is a colour, not 0e9999), optionally followed by a unit. ``nan`` and ``inf``
# are read too, so that they fail as coordinates instead of passing as text.
NUMBER = re.compile(
    r"(?<![\w#.])[-+]?(?:(?:\d+\.\d*|\.\d+|\d+)(?:e[-+]?\d+)?|nan|inf(?:inity)?)"
    r"(?=(?:px|pt|pc|em|ex|in|cm|mm|deg|rad|%)?(?![\w.]))",
    re.IGNORECASE,
)
REFERENCE = re.compile(r"""url\(\s*(['"]?)#([^)'"\s]+)\1\s*\)""")
LIMIT = 8  # differences listed before "… and N more"
CONTEXT = 24  # characters shown on each side of a change


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


def _tokens(value: str) -> list[tuple[str, float | None]]:
    """A value split into numbers (text, float) and the text between them (text, None)."""
    tokens: list[tuple[str, float | None]] = []
    position = 0
    for match in NUMBER.finditer(value):
        if match.start() > position:
            tokens.append((value[position : match.start()], None))
        tokens.append((match.group(0), float(match.group(0))))
        position = match.end()
    if position < len(value):
        tokens.append((value[position:], None))
    return tokens


class _Ids:
    """Renames ids to their order of first appearance (id0, id1, …)."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        return self.names.setdefault(name, f"id{len(self.names)}")

    def value(self, name: str, value: str) -> str:
        """A value with its id references renamed: only ``id``, ``href`` and ``url(#…)``.

        Anything else that starts with ``#`` (a colour) is left as written.
        """
        if name == "id":
            return self(value)
        if name == "href" and value.startswith("#"):
            return f"#{self(value[1:])}"
        return REFERENCE.sub(lambda m: f"url(#{self(m.group(2))})", value)


def _strip(tag: str) -> str:
    return tag.split("}", 1)[-1]


def _walk(root: ElementTree.Element) -> list[tuple[ElementTree.Element, int, str]]:
    """Every element in document order, with its parent's index and its named group.

    The parents' indexes pin the tree's shape: two trees whose elements pair up
    in document order have the same shape exactly when every pair has the same
    parent index. The group is the id of the nearest enclosing ``<g id=…>``
    (xtick_3, line2d_2…), for messages. No recursion: deep files cannot crash it.
    """
    found: list[tuple[ElementTree.Element, int, str]] = []
    stack = [(root, -1, "figure")]
    while stack:
        element, parent, group = stack.pop()
        if _strip(element.tag) == "g" and "id" in element.attrib:
            group = element.attrib["id"]
        index = len(found)
        found.append((element, parent, group))
        stack.extend((child, index, group) for child in reversed(element))
    return found


def _excerpt(value: str, start: int, length: int) -> str:
    """``value`` around ``value[start:start + length]``, with … where it is cut."""
    first, last = max(0, start - CONTEXT), min(len(value), start + length + CONTEXT)
    return f"{'…' if first else ''}{value[first:last]}{'…' if last < len(value) else ''}"


def _change(expected: str, actual: str, a: list, b: list, index: int) -> str:
    """Where two token lists first differ as text, shown in both values."""
    spots = []
    for value, tokens, other in ((expected, a, b), (actual, b, a)):
        offset = sum(len(text) for text, _ in tokens[:index])
        text = tokens[index][0] if index < len(tokens) else ""
        twin = other[index][0] if index < len(other) else ""
        common = 0
        while common < min(len(text), len(twin)) and text[common] == twin[common]:
            common += 1
        spots.append(_excerpt(value, offset + common, min(CONTEXT, max(1, len(text) - common))))
    return f"{spots[0]!r} is {spots[1]!r} now"


def _compare_values(
    where: str, name: str, expected: str, actual: str, tolerance: float
) -> tuple[str | None, float]:
    """A difference in words (or None), and the largest numeric gap seen."""
    if expected == actual:  # most values: the same text, the same tokens, no gap
        for match in NUMBER.finditer(expected):
            if not math.isfinite(float(match.group(0))):
                return f"{name} has a number that is not finite: {match.group(0)!r}", math.inf
        return None, 0.0
    a, b = _tokens(expected), _tokens(actual)
    for index, (x, y) in enumerate(zip_longest(a, b)):
        if (
            x is None
            or y is None
            or (x[1] is None) != (y[1] is None)
            or (x[1] is None and x[0] != y[0])
        ):
            if name == "style" and _declarations(expected) == _declarations(actual):
                return (
                    f"style lists the same properties in another order: "
                    f"{expected[:80]!r} is {actual[:80]!r} now"
                ), 0.0
            return f"{name} differs: {_change(expected, actual, a, b, index)}", 0.0
    for text, number in [*a, *b]:
        if number is not None and not math.isfinite(number):
            return f"{name} has a number that is not finite: {text!r}", math.inf
    gap = max(
        (abs(x[1] - y[1]) for x, y in zip(a, b, strict=False) if x[1] is not None), default=0.0
    )
    if not gap <= tolerance:  # written so that a NaN gap fails too
        return f"{name} moved by {gap:.3g} px (tolerance {tolerance:g} px)", gap
    return None, gap


def _declarations(style: str) -> list[str]:
    """The properties of a ``style`` value, sorted: the same set in any order."""
    return sorted(part.strip() for part in style.split(";") if part.strip())


def _not_svg(tree: ElementTree.Element) -> str | None:
    if tree.tag == SVG:
        return None
    return f"not an SVG: its root element is <{_strip(tree.tag)}>, not <svg>"


def compare(expected: bytes, actual: bytes, tolerance: float) -> list[Difference]:
    """How ``actual`` differs from ``expected`` as a reader would see it."""
    try:
        trees = [ElementTree.fromstring(data) for data in (expected, actual)]  # noqa: S314
    except ElementTree.ParseError as error:
        return [Difference("file", f"not a readable SVG: {error}")]
    for side, tree in zip(("the recorded file", "the new file"), trees, strict=True):
        problem = _not_svg(tree)
        if problem:
            return [Difference("file", f"{side} is {problem}")]
    elements = [_walk(tree) for tree in trees]
    differences: list[Difference] = []
    if len(elements[0]) != len(elements[1]):
        differences.append(
            Difference("figure", f"{len(elements[0])} elements recorded, {len(elements[1])} now")
        )
    ids = (_Ids(), _Ids())

    def named(side: int, index: int) -> str:
        if index < 0:
            return "the document"
        element, _, group = elements[side][index]
        return f"<{_strip(element.tag)}> #{index} in {group}"

    for index, ((a, parent_a, group), (b, parent_b, _)) in enumerate(zip(*elements, strict=False)):
        where = f"<{_strip(a.tag)}> #{index} in {group}"
        if a.tag != b.tag:
            differences.append(Difference(where, f"is <{_strip(b.tag)}> now"))
            break
        if parent_a != parent_b:
            differences.append(
                Difference(
                    where,
                    f"moved: it was inside {named(0, parent_a)}, "
                    f"it is inside {named(1, parent_b)} now",
                )
            )
        texts = [(x.text or "").strip() for x in (a, b)]
        if texts[0] != texts[1]:
            differences.append(Difference(where, f"text {texts[0]!r} is {texts[1]!r} now"))
        tails = [(x.tail or "").strip() for x in (a, b)]
        if tails[0] != tails[1]:
            differences.append(
                Difference(
                    where,
                    f"text after </{_strip(a.tag)}> {tails[0]!r} is {tails[1]!r} now",
                )
            )
        keys = sorted(set(a.attrib) | set(b.attrib))
        for key in keys:
            name = _strip(key)
            if key not in a.attrib or key not in b.attrib:
                value = b.attrib.get(key, a.attrib.get(key, ""))
                change = "is new" if key not in a.attrib else "is gone"
                differences.append(Difference(where, f"{name}={value[:80]!r} {change}"))
                continue
            values = [ids[n].value(name, x.attrib[key]) for n, x in enumerate((a, b))]
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


READABLE_PX = 10  # the smallest text a figure may show, in CSS pixels as rendered
_FONT_SIZE = re.compile(r"font(?:-size)?:\s*([0-9.]+)px")
_VIEWBOX = re.compile(r'viewBox="\s*[-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)')


def smallest_text(svg: str) -> tuple[float, float] | None:
    """(smallest font size, viewBox width) of an SVG, both in its user units.

    None for an SVG without text (or text drawn as paths).
    """
    sizes = [float(size) for size in _FONT_SIZE.findall(svg)]
    box = _VIEWBOX.search(svg)
    if not sizes or box is None:
        return None
    return min(sizes), float(box.group(1))


def readable_width(svg: str, smallest_px: float = READABLE_PX) -> int | None:
    """The narrowest width, in CSS pixels, at which every text of the SVG is
    at least ``smallest_px`` tall: text scales with the image's width."""
    found = smallest_text(svg)
    if found is None:
        return None
    font, width = found
    return math.ceil(smallest_px * width / font)
