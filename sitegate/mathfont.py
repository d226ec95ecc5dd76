"""The site's math font: a subset of STIX Two Math, served from the site itself.

Chromium stretches a ``{`` over the rows of a case formula, or a bracket over
a fraction, only with an OpenType MATH font; a reader's machine may have
none. The site ships one, subset to the characters its formulas use (with
the italics a browser draws for one-letter identifiers, a base of digits and
signs, and every size variant and glyph assembly the MATH table reaches from
them), as WOFF: about 1/60 of the full font. Browsers fetch it only on pages
that draw a formula (``@font-face`` is lazy), once per visit.

``tests/test_mathfont.py`` checks that the font has every character inside a
formula of the built site; after a formula with a new character, regenerate
it with ``nox -s mathfont`` (it installs the pinned package that carries STIX
Two Math, builds the site and subsets the font for its formulas).
"""

from __future__ import annotations

import argparse
import html
import re
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from sitegate.layout import LAYOUT

FONT = LAYOUT.docs / "assets" / "fonts" / "site-math.woff"
FAMILY = "Site Math"  # renamed, as the OFL asks of a modified font

BASE = "0123456789+-=()[]{}|/<>,.:;!'*"  # always in, so small edits need no new font
LATIN_ITALIC, LATIN_CAPITAL_ITALIC, GREEK_ITALIC = 0x1D44E, 0x1D434, 0x1D6FC
MATH = re.compile(r"<math\b.*?</math>", re.S)
TAG = re.compile(r"<[^>]+>")


def italic(char: str) -> int | None:
    """The mathematical italic a browser draws for a one-letter <mi> (math-auto)."""
    if char == "h":
        return 0x210E  # PLANCK CONSTANT stands in the italic alphabet's gap
    if "a" <= char <= "z":
        return LATIN_ITALIC + ord(char) - ord("a")
    if "A" <= char <= "Z":
        return LATIN_CAPITAL_ITALIC + ord(char) - ord("A")
    if "α" <= char <= "ω":
        return GREEK_ITALIC + ord(char) - ord("α")
    return None


def formula_characters(site: Path) -> set[str]:
    """Every character inside a formula (<math>) of the built site."""
    found: set[str] = set()
    for page in site.rglob("*.html"):
        for formula in MATH.findall(page.read_text(encoding="utf-8")):
            found |= set(html.unescape(TAG.sub("", formula)))
    return found - {"\n", " "}


def codepoints(characters: set[str]) -> set[int]:
    """What the subset keeps: the base set, the characters, their italics."""
    wanted = set(BASE) | characters
    return {ord(c) for c in wanted} | {i for c in wanted if (i := italic(c)) is not None}


def missing(font: Path, characters: set[str]) -> list[str]:
    """The characters (or their italic forms) the font lacks, for a message."""
    cmap = TTFont(font).getBestCmap()
    return sorted(
        f"{chr(code)} (U+{code:04X})" for code in codepoints(characters) if code not in cmap
    )


def make(source: Path, characters: set[str], target: Path = FONT) -> None:
    """Subset ``source`` into ``target`` (WOFF), renamed, MATH table kept."""
    options = subset.Options()
    options.flavor = "woff"
    # Only the MATH table's size variants and assemblies (stretchy braces,
    # roots, big operators) come along: the GSUB alternates (script-size forms,
    # dotless letters) would double the file for a difference hardly seen.
    # Hinting is dropped: browsers hint outlines themselves.
    options.layout_features = []
    options.hinting = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14, 16, 17]
    options.notdef_outline = True
    options.recalc_timestamp = False  # the same bytes on every run
    font = TTFont(source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints(characters)))
    subsetter.subset(font)
    names = font["name"]
    for record in names.names:
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID in (3, 4):
            record.string = f"{FAMILY} Regular"
        elif record.nameID == 6:
            record.string = FAMILY.replace(" ", "") + "-Regular"
    font.save(target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="STIXTwoMath-Regular.ttf")
    parser.add_argument("site", type=Path, help="the built site, whose formulas it serves")
    parser.add_argument("--out", type=Path, default=FONT)
    args = parser.parse_args()
    characters = formula_characters(args.site)
    make(args.source, characters, args.out)
    print(f"{args.out}: {args.out.stat().st_size} bytes, {len(characters)} characters")


if __name__ == "__main__":
    main()
