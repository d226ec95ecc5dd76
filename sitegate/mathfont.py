"""The site's math font: a subset of STIX Two Math, served from the site itself.

Chromium stretches a ``{`` over the rows of a case formula, or a bracket over
a fraction, only with an OpenType MATH font; a reader's machine may have
none. The site ships one, subset to the characters its formulas can use (and
every size variant and glyph assembly the MATH table reaches from them), as
WOFF: about 1/25 of the full font. Browsers fetch it only on pages that render
a formula (``@font-face`` is lazy).

Regenerate with ``nox -s mathfont`` (it installs the pinned package that
carries STIX Two Math); ``tests/test_mathfont.py`` checks that every character
inside a formula of the built site is in the font.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from sitegate.layout import LAYOUT

FONT = LAYOUT.docs / "assets" / "fonts" / "site-math.woff"
FAMILY = "Site Math"  # renamed, as the OFL asks of a modified font
SOURCE_PACKAGE = "ziamath==0.13"  # carries STIXTwoMath-Regular.ttf (OFL 1.1)

# What formulas may use: ASCII, Greek, common signs, operators, arrows and
# delimiters, and the italic letters a browser draws for a one-letter <mi>
# (math-auto). A formula needing more fails tests/test_mathfont.py, which
# names the character to add here.
CHARACTERS = (
    "±·×÷¬°"
    "αβγδεζηθικλμνξοπρςστυφχψωϵϑϕϱϖΓΔΘΛΞΠΣΥΦΨΩ"
    "′″‴…‖–—ℎℓℕℤℚℝℂ←→↑↓↔⇐⇒⇔↦"
    "∀∂∃∅∇∈∉∏∑−∓∗∘√∝∞∣∥∧∨∩∪∫∼≈≠≡≤≥≪≫⊂⊆⊙⊗⋅⋯⌈⌉⌊⌋⟨⟩"
)
RANGES = [
    (0x20, 0x7E),  # ASCII
    (0x1D434, 0x1D467),  # mathematical italic A-z
    (0x1D6E2, 0x1D71B),  # mathematical italic Greek
]


def codepoints() -> list[int]:
    """Every code point the subset keeps (those the source font has)."""
    ranged = [c for low, high in RANGES for c in range(low, high + 1)]
    return sorted(set(ranged) | {ord(c) for c in CHARACTERS})


def make(source: Path, target: Path = FONT) -> None:
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
    subsetter.populate(unicodes=codepoints())
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
    parser.add_argument("--out", type=Path, default=FONT)
    args = parser.parse_args()
    make(args.source, args.out)
    print(f"{args.out}: {args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
