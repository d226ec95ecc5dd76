"""The figure comparer (sitegate/figures.py) on small synthetic SVGs.

Each hole a reader could see but the comparer once missed has a test here:
structure (parents), text after a child, colours read as numbers, colours
renamed as ids, non-finite coordinates, non-SVG files, stale figures. Fast:
no snippet runs, no TensorFlow.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegate import figures
from sitegate.pages import DOCS, ROOT, Block
from tests.test_snippets import FIGURES, check_files, recorded_figures, unwritten

TOLERANCE = figures.DEFAULT_TOLERANCE
HEAD = (
    '<svg xmlns:xlink="http://www.w3.org/1999/xlink" xmlns="http://www.w3.org/2000/svg" '
    'width="100pt" height="50pt" viewBox="0 0 100 50">'
)
# As matplotlib writes them: a clip path used by url(#…), a line whose marker
# sits in its own <defs> and is used twice (by xlink:href) in a clip group, a
# tick label in its translate group with tspans, a line coloured by attributes.
FIGURE = (
    HEAD
    + """
 <defs>
  <clipPath id="p0a006ca6bf"><rect x="10" y="5" width="80" height="40"/></clipPath>
 </defs>
 <g id="figure_1">
  <g id="line2d_1">
   <defs>
    <path id="m3eb004bc11" d="M 0 0 L 0 3.5" style="stroke: #000000; stroke-width: 0.8"/>
   </defs>
   <g clip-path="url(#p0a006ca6bf)">
    <use xlink:href="#m3eb004bc11" x="20.5" y="40.25" style="stroke: #000000"/>
    <use xlink:href="#m3eb004bc11" x="60.5" y="40.25" style="stroke: #000000"/>
   </g>
  </g>
  <g id="text_1">
   <g transform="translate(47.149401 39.696635)">
    <text><tspan x="0" y="-0.76">1</tspan><tspan x="6.36" y="-0.76">0</tspan></text>
   </g>
  </g>
  <path d="M 10 10 L 90 40" stroke="#ff0000" fill="#00ff00"/>
 </g>
</svg>
"""
)
MARKERS = """   </defs>
   <g clip-path="url(#p0a006ca6bf)">
    <use xlink:href="#m3eb004bc11" x="20.5" y="40.25" style="stroke: #000000"/>
    <use xlink:href="#m3eb004bc11" x="60.5" y="40.25" style="stroke: #000000"/>
   </g>
"""


def compare(expected: str, actual: str) -> list[figures.Difference]:
    return figures.compare(expected.encode(), actual.encode(), TOLERANCE)


def edit(old: str, new: str, text: str = FIGURE, count: int = 1) -> str:
    assert old in text, old
    return text.replace(old, new, count)


def caught(edited: str, *words: str) -> str:
    """The differences both ways (recorded → new and new → recorded), as text."""
    forward, backward = compare(FIGURE, edited), compare(edited, FIGURE)
    assert forward and backward, "the edit passes"
    message = figures.describe(forward)
    for word in words:
        assert word in message, message
    return message


# The comparer still accepts what a reader cannot see.


def test_the_same_figure_is_the_same() -> None:
    assert compare(FIGURE, FIGURE) == []


def test_ids_renamed_consistently_are_the_same() -> None:
    renamed = FIGURE.replace("m3eb004bc11", "mffff000011").replace("p0a006ca6bf", "pabc")
    assert compare(FIGURE, renamed) == []


def test_a_coordinate_within_the_tolerance_is_the_same() -> None:
    assert compare(FIGURE, edit('x="20.5"', 'x="20.505"')) == []


@pytest.mark.parametrize("path", sorted(FIGURES.rglob("*.svg")), ids=lambda p: p.name)
def test_every_committed_figure_equals_itself(path: Path) -> None:
    data = path.read_bytes()
    assert figures.compare(data, data, TOLERANCE) == []
    # matplotlib's hashed ids change with the content: a consistent renaming passes.
    ids = sorted(set(re.findall(rb'id="([mp][0-9a-f]{10})"', data)))
    renamed = data
    for n, name in enumerate(ids):
        renamed = renamed.replace(name, b"q%09d" % n)
    assert figures.compare(data, renamed, TOLERANCE) == []


# Hole 1: the tree, not a flattened list; tail text.


def test_markers_moved_into_defs_fail() -> None:
    # The same elements in the same order, but the clip group and its <use>s
    # now sit in <defs>: they are no longer drawn.
    edited = edit(MARKERS, MARKERS.replace("   </defs>\n", "") + "   </defs>\n")
    caught(
        edited,
        "<g> #8 in line2d_1: moved: it was inside <g> #5 in line2d_1, "
        "it is inside <defs> #6 in line2d_1 now",
    )


def test_markers_moved_out_of_their_clip_group_fail() -> None:
    clip = '   <g clip-path="url(#p0a006ca6bf)">\n'
    unclipped = MARKERS.replace(clip, clip.replace(">", "></g>")).replace("   </g>\n", "")
    caught(
        edit(MARKERS, unclipped),
        "<use> #9 in line2d_1: moved: it was inside <g> #8 in line2d_1, "
        "it is inside <g> #5 in line2d_1 now",
    )


def test_a_tick_label_moved_out_of_its_translate_group_fails() -> None:
    edited = edit(
        """   <g transform="translate(47.149401 39.696635)">
    <text><tspan x="0" y="-0.76">1</tspan><tspan x="6.36" y="-0.76">0</tspan></text>
   </g>""",
        """   <g transform="translate(47.149401 39.696635)"></g>
    <text><tspan x="0" y="-0.76">1</tspan><tspan x="6.36" y="-0.76">0</tspan></text>""",
    )
    caught(
        edited,
        "<text> #13 in text_1: moved: it was inside <g> #12 in text_1, it is inside <g> #11",
    )


def test_text_after_a_child_fails() -> None:
    edited = edit('-0.76">0</tspan></text>', '-0.76">0</tspan>0</text>')
    caught(edited, "text after </tspan> '' is '0' now")


def test_the_same_element_count_in_another_shape_fails() -> None:
    flat = HEAD + "<g><path d='M 0 0'/></g><g/></svg>"
    nested = HEAD + "<g><path d='M 0 0'/><g/></g></svg>"
    assert figures.compare(flat.encode(), nested.encode(), TOLERANCE)


# Hole 2: colours are text, only id references are renamed, non-finite numbers fail.


def test_a_colour_that_reads_like_a_float_fails() -> None:
    # '0e9999' parses as the float 0, as does '000000': once a pass.
    edited = FIGURE.replace("#000000", "#0e9999")
    caught(edited, "style differs: 'stroke: #000000", "'stroke: #0e9999")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("#000000", "#0e9999"),
        ("#000000", "#000e00"),
        ("#000000", "#1e5"),  # short form that reads like 1e5
        ("#000000", "#00000f"),
    ],
)
def test_hex_values_compare_as_text(old: str, new: str) -> None:
    problem, _ = figures._compare_values("", "style", f"stroke: {old}", f"stroke: {new}", 1e9)
    assert problem and new in problem


def test_a_changed_colour_attribute_fails() -> None:
    caught(edit('stroke="#ff0000"', 'stroke="#00ff00"'), "stroke differs")


def test_swapped_colour_attributes_fail() -> None:
    # Renamed as ids by first appearance, a swap would pass.
    swapped = edit('stroke="#ff0000" fill="#00ff00"', 'stroke="#00ff00" fill="#ff0000"')
    caught(swapped, "fill differs", "stroke differs")


def test_a_colour_attribute_is_never_renamed() -> None:
    ids = figures._Ids()
    assert ids.value("stroke", "#ff0000") == "#ff0000"
    assert ids.value("fill", "#ff0000") == "#ff0000"
    assert ids.value("href", "#m3eb004bc11") == "#id0"
    assert ids.value("clip-path", "url(#p0a)") == "url(#id1)"
    assert ids.value("fill", "url('#grad')") == "url(#id2)"
    assert ids.value("id", "m3eb004bc11") == "id0"


def test_swapped_references_fail() -> None:
    two = FIGURE.replace(
        '<clipPath id="p0a006ca6bf">', '<path id="mother" d="M 0 0"/><clipPath id="p0a006ca6bf">'
    )
    swapped = two.replace('xlink:href="#m3eb004bc11" x="60.5"', 'xlink:href="#mother" x="60.5"')
    problems = figures.compare(two.encode(), swapped.encode(), TOLERANCE)
    assert any("href differs" in str(p) for p in problems), problems


@pytest.mark.parametrize(
    ("old", "new"),
    [("1e999", "9e999"), ("1e999", "1e999"), ("nan", "nan"), ("inf", "-inf"), ("20.5", "nan")],
)
def test_non_finite_coordinates_fail(old: str, new: str) -> None:
    recorded = edit('x="20.5"', f'x="{old}"')
    caught_now = figures.compare(recorded.encode(), edit('x="20.5"', f'x="{new}"').encode(), 1e9)
    assert any("not finite" in str(d) for d in caught_now), caught_now


def test_a_coordinate_beyond_the_tolerance_fails() -> None:
    caught(edit('x="20.5"', 'x="20.52"'), "x moved by 0.02 px")


def test_numbers_with_units_are_numbers() -> None:
    assert compare(FIGURE, edit('width="100pt"', 'width="100.001pt"')) == []
    caught(edit('width="100pt"', 'width="101pt"'), "width moved by 1 px")


# Hole 5: harmless re-serialisations may fail, but say what differs.


def test_style_in_another_order_says_so() -> None:
    edited = edit(
        'style="stroke: #000000; stroke-width: 0.8"', 'style="stroke-width: 0.8; stroke: #000000"'
    )
    caught(edited, "same properties in another order")


def test_a_named_colour_shows_the_change() -> None:
    edited = edit("stroke: #000000; stroke-width", "stroke: black; stroke-width")
    caught(edited, "'stroke: #000000; stroke-width: 0.8' is 'stroke: black; stroke-width: 0.8' now")


def test_a_change_deep_in_a_long_value_is_shown() -> None:
    long = " ".join(f"L {n} {n}" for n in range(60))
    problem, _ = figures._compare_values(
        "", "d", f"M 0 0 {long} Z", f"M 0 0 {long.replace('L 42', 'M 42')} Z", TOLERANCE
    )
    assert problem and "M 42" in problem and "L 42" in problem, problem


def test_attribute_added_or_removed_is_named() -> None:
    caught(edit('<path d="M 10 10', '<path opacity="0.5" d="M 10 10'), "opacity='0.5' is new")


# Hole 3: files that are not SVG.


def test_an_unreadable_file_says_so() -> None:
    assert "not a readable SVG" in str(figures.compare(FIGURE.encode(), b"\x89PNG\r\n", TOLERANCE))


def test_xml_that_is_not_svg_says_so() -> None:
    problems = figures.compare(FIGURE.encode(), b"<html><body/></html>", TOLERANCE)
    assert "not an SVG: its root element is <html>" in str(problems[0])


def snippet_block(chapter: str, page_chapter: str | None = None) -> Block:
    return Block(
        page=DOCS / f"{page_chapter or chapter}.en.md",
        page_line=7,
        code="",
        snippet=ROOT / "snippets" / chapter / "draw.py",
        expected=None,
        expected_path=None,
    )


@pytest.fixture
def figures_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr("tests.test_snippets.FIGURES", tmp_path)
    (tmp_path / "learning-rate").mkdir()
    return tmp_path / "learning-rate"


def test_a_written_file_that_is_not_svg_is_compared_byte_for_byte(figures_dir: Path) -> None:
    (figures_dir / "data.csv").write_bytes(b"a,b\n1,2\n")
    block = snippet_block("learning-rate")
    assert check_files(block, {"data.csv": b"a,b\n1,2\n"}, None) == []
    [problem] = check_files(block, {"data.csv": b"a,b\n1,3\n"}, None)
    assert "which is not an SVG and differs byte for byte" in problem, problem
    assert "not an SVG, so compared byte for byte: 8 bytes recorded, 8 now" in problem, problem
    assert "beyond" not in problem and "px" not in problem, problem


def test_an_unreadable_svg_is_not_called_a_moved_figure(figures_dir: Path) -> None:
    (figures_dir / "plot.svg").write_text(FIGURE)
    [problem] = check_files(snippet_block("learning-rate"), {"plot.svg": b"\x89PNG"}, None)
    assert "cannot be read as an SVG" in problem and "not a readable SVG" in problem, problem
    assert "beyond" not in problem, problem


def test_a_moved_svg_still_reads_as_before(figures_dir: Path) -> None:
    (figures_dir / "plot.svg").write_text(FIGURE)
    new = edit('x="20.5"', 'x="25"').encode()
    [problem] = check_files(snippet_block("learning-rate"), {"plot.svg": new}, None)
    assert "beyond 0.01 px" in problem and "x moved by 4.5 px" in problem, problem


# Hole 4: stale figures, figures of another chapter.


def test_a_figure_of_another_chapter_fails(figures_dir: Path) -> None:
    block = snippet_block("learning-rate", page_chapter="schedules")
    [problem] = check_files(block, {"plot.svg": FIGURE.encode()}, None)
    assert "chapter learning-rate, but the block is on a page of chapter schedules" in problem
    assert not (figures_dir / "plot.svg").exists()


def test_a_figure_nothing_writes_is_named() -> None:
    writers = {"schedules/lr_range_test.svg": ["docs/schedules.en.md:206"]}
    assert unwritten("schedules/lr_range_test.svg", writers) is None
    problem = unwritten("schedules/schedules_grid.svg", writers)
    assert problem is not None
    assert problem.startswith("docs/assets/figures/schedules/schedules_grid.svg: no block")
    assert "write: schedules/lr_range_test.svg" in problem
    # The same file name in another chapter does not count.
    assert unwritten("learning-rate/lr_range_test.svg", writers) is not None


def test_every_recorded_file_is_listed() -> None:
    listed = recorded_figures()
    assert "choosing-the-rate/trajectories.svg" in listed
    assert len(listed) == sum(1 for p in FIGURES.rglob("*") if p.is_file())
