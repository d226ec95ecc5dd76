"""The site's math font (sitegate/mathfont.py) serves every formula of the site."""

from __future__ import annotations

from pathlib import Path

from fontTools.ttLib import TTFont

from sitegate import mathfont


def test_math_font_has_every_character_of_every_formula(site: Path) -> None:
    """A character outside the font would be drawn from another font, unstretched."""
    characters = mathfont.formula_characters(site)
    assert characters, "no formula found in the built site"
    lacking = mathfont.missing(mathfont.FONT, characters)
    assert lacking == [], (
        f"{mathfont.FONT.name} lacks {', '.join(lacking)}: regenerate it with "
        "`python3 -m nox -s mathfont`"
    )


def test_math_font_can_stretch_braces_and_brackets() -> None:
    """The MATH table is there, with size variants or an assembly for each delimiter."""
    font = TTFont(mathfont.FONT)
    assert "MATH" in font, "the font has no MATH table: browsers cannot stretch with it"
    variants = font["MATH"].table.MathVariants
    stretchy = set(variants.VertGlyphCoverage.glyphs)
    cmap = font.getBestCmap()
    for char in "(){}[]|":
        assert cmap[ord(char)] in stretchy, f"{char} cannot stretch"
    names = {record.nameID: record.toUnicode() for record in font["name"].names}
    assert names[1] == mathfont.FAMILY, "the subset must carry its own name (OFL)"
    assert "STIX" in names[0], "the copyright notice of STIX Two must stay"
