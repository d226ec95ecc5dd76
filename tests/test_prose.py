"""What the prose says is checked: computed facts, written sums, zh ↔ en parity.

- ``2.6<!--fact:w1-->``: the written number equals the chapter's computed value
  (snippets/<name>/facts.py, read by sitegate.facts) to the decimals shown.
- ``5 − 0.2 × (2 × 5 + 2) = 2.6``: every written calculation is evaluated.
- Twins: same headings and anchors, includes, links, images, fact keys and
  the same numbers in both languages, so a number changed in one language
  cannot pass unnoticed.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from sitegate import facts as computed_facts
from sitegate import prose
from sitegate.facts import Claim
from sitegate.layout import LAYOUT
from sitegate.pages import DOCS, LANGUAGES, ROOT, pages, rel

SKELETON = ["idea", "worked-example", "code", "summary", "exercises"]
CHAPTER_PAGES = [p for p in pages() if LAYOUT.name_of(p) in LAYOUT.chapters()]
TWIN_SETS = sorted({LAYOUT.name_of(p) for p in pages()})


def decimals(written: str) -> int:
    """Digits after the point in a written number."""
    return len(written.split(".")[1]) if "." in written else 0


def matches(written: str, value: float) -> bool:
    """True when ``written`` is ``value`` rounded to the decimals shown."""
    return abs(float(written) - value) <= 0.5 * 10 ** -decimals(written) + 1e-9


def too_coarse(written: str, value: float) -> bool:
    """A rounding that hides the value: "0" for 0.0043, "0.9" for 0.93.

    A fact shows at least two significant digits, unless it is a whole number.
    """
    if abs(value - round(value)) < 1e-9 or abs(float(written) - value) <= 1e-9 * max(1, abs(value)):
        return False  # a whole number, or written exactly
    digits = written.replace("-", "").replace(".", "").lstrip("0")
    return len(digits) < 2


def computed(page: Path, marks: list, kind: str) -> dict:
    """The page's computed values, if it has marks of ``kind`` to check."""
    chapter = LAYOUT.name_of(page)
    if not marks:
        return {}
    values = computed_facts.load(chapter)
    if values is None:
        where = computed_facts.fact_file(chapter).relative_to(LAYOUT.root)
        pytest.fail(f"{rel(page)}: {kind} markers, but there is no {where}", pytrace=False)
    return values


@pytest.mark.parametrize("page", pages(), ids=rel)
def test_facts(page: Path) -> None:
    """Every fact marker names a computed value and shows it correctly."""
    found = prose.facts(page.read_text(encoding="utf-8"))
    values = computed(page, found, "fact")
    wrong = []
    for fact in found:
        if fact.key not in values:
            wrong.append(f"{rel(page)}:{fact.line}: unknown fact {fact.key!r}")
        elif not matches(fact.value, values[fact.key]):
            wrong.append(
                f"{rel(page)}:{fact.line}: writes {fact.value} for {fact.key}, "
                f"computed {values[fact.key]:.10g}"
            )
        elif too_coarse(fact.value, values[fact.key]):
            wrong.append(
                f"{rel(page)}:{fact.line}: writes {fact.value} for {fact.key}, too few digits "
                f"to show {values[fact.key]:.10g}: write at least two significant digits"
            )
        elif fact.detached_sign:
            wrong.append(
                f"{rel(page)}:{fact.line}: a minus sign stands apart from {fact.value} "
                f"({fact.key}); write the sign against the number"
            )
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("page", pages(), ids=rel)
def test_every_mark_follows_a_number(page: Path) -> None:
    """A fact or given mark stands right after the number it backs, or it backs none."""
    stray = prose.stray_marks(page.read_text(encoding="utf-8"))
    assert not stray, "\n".join(
        f"{rel(page)}:{line}: {mark} follows no number (write it right after one, "
        "outside the formula)"
        for line, mark in stray
    )


def test_a_mark_after_a_formula_or_a_space_is_stray() -> None:
    text = "a $x = 5$<!--fact:five--> and 6 <!--given--> but 7<!--fact:seven--> and 8<!--given-->"
    assert prose.stray_marks(text) == [(1, "<!--fact:five-->"), (1, "<!--given-->")]
    assert prose.stray_marks("```\n$5$<!--fact:a-->\n```\n") == []  # code is not prose


def test_a_fact_named_in_two_groups_is_an_error() -> None:
    """A chapter's facts come in groups; a name in two would keep only the later value."""
    assert computed_facts.merged({"a": 1.0}, {"b": 2.0}) == {"a": 1.0, "b": 2.0}
    with pytest.raises(LookupError, match="facts named twice: a"):
        computed_facts.merged({"a": 1.0, "b": 2.0}, {"a": 3.0})


@pytest.mark.parametrize("page", pages(), ids=rel)
def test_claims(page: Path) -> None:
    """Every word marked as a claim is the claimed word, and the claim holds."""
    found = prose.claims(page.read_text(encoding="utf-8"))
    values = computed(page, found, "claim")
    language = LAYOUT.language_of(page)
    wrong = []
    for mark in found:
        claim = values.get(mark.key)
        if not isinstance(claim, Claim):
            wrong.append(f"{rel(page)}:{mark.line}: unknown claim {mark.key!r}")
            continue
        word = getattr(claim, language)
        before = mark.before.rstrip("*_ ")
        boundary = language == "zh" or not before[: -len(word)][-1:].isalpha()
        if not before.endswith(word) or not boundary:
            wrong.append(
                f"{rel(page)}:{mark.line}: the claim {mark.key!r} backs the word "
                f"{word!r}, but the text before it reads {mark.before[-30:]!r}"
            )
        elif prose.negated(before, word, language):
            wrong.append(
                f"{rel(page)}:{mark.line}: the claim {mark.key!r} backs {word!r}, but the "
                f"sentence negates it: {before[-60:]!r}"
            )
        if not claim.holds:
            wrong.append(
                f"{rel(page)}:{mark.line}: the page says {word!r} ({mark.key}), but the "
                f"computation no longer shows it: {claim.evidence}"
            )
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("page", pages(), ids=rel)
def test_written_sums(page: Path) -> None:
    """Every calculation written in the prose comes out as written."""
    wrong = []
    text = page.read_text(encoding="utf-8")
    for written in [*prose.sums(text), *prose.inline_sums(text)]:
        try:
            value = prose.evaluate(written.expression)
        except ValueError as error:
            wrong.append(f"{rel(page)}:{written.line}: {error}")
            continue
        if not matches(written.result, value):
            wrong.append(
                f"{rel(page)}:{written.line}: {written.expression} = {written.result}, "
                f"but it is {value:.10g}"
            )
    assert not wrong, "\n".join(wrong)


def included_text(text: str) -> str:
    """Everything the page includes: its snippets and their outputs."""
    found = []
    for line in prose.includes(text):
        name = line.split('"')[1] if '"' in line else ""
        path = ROOT / "snippets" / name
        if name and path.is_file():
            found.append(path.read_text(encoding="utf-8"))
    return "\n".join(found)


@pytest.mark.parametrize("page", pages(), ids=rel)
def test_every_number_is_backed(page: Path) -> None:
    """No number in the prose is merely typed: each is checked or printed."""
    text = page.read_text(encoding="utf-8")
    loose = prose.unbacked_numbers(text, included_text(text))
    registered = computed_facts.given(LAYOUT.name_of(page))
    for match in prose.GIVEN.finditer(text):
        if match.group(2) not in registered:
            line = text.count("\n", 0, match.start()) + 1
            loose.append(
                (line, f"{match.group(2)} (marked given, but not in GIVEN of its facts.py)")
            )
    assert not loose, (
        f"{rel(page)}: numbers nothing checks: "
        + ", ".join(f"line {line}: {number}" for line, number in loose)
        + (
            "; mark a computed value NUMBER<!--fact:KEY--> (snippets/<name>/facts.py), "
            "a number the page sets NUMBER<!--given-->, or show it in the page's output"
        )
    )


def twins(name: str) -> dict[str, Path]:
    """The page ``name`` in each language."""
    return {lang: DOCS / f"{name}.{lang}.md" for lang in LANGUAGES}


def test_every_page_has_its_twin() -> None:
    """The build hook's rule, checked without a build."""
    assert LAYOUT.load_hook("twins").missing_twins(DOCS) == []


@pytest.mark.parametrize("name", TWIN_SETS)
def test_twins_have_the_same_structure(name: str) -> None:
    """zh and en: same headings, anchors, includes, links, images, facts."""
    texts = {lang: path.read_text(encoding="utf-8") for lang, path in twins(name).items()}
    zh, en = texts["zh"], texts["en"]
    for what, read in [
        ("headings (level, anchor)", prose.headings),
        ("snippet includes", prose.includes),
        ("links", prose.links),
        ("images", prose.images),
        ("fact markers", lambda t: [f.key for f in prose.facts(t)]),
        ("claim markers", lambda t: [c.key for c in prose.claims(t)]),
        ("given numbers", lambda t: [m.group(0) for m in prose.GIVEN.finditer(t)]),
        ("inline formulas", lambda t: sorted(prose.inline_math(t))),
        (
            "admonitions",
            lambda t: [
                ln.split()[0] for ln in t.splitlines() if ln.lstrip().startswith(("!!!", "???"))
            ],
        ),
    ]:
        assert read(zh) == read(en), f"docs/{name}.zh.md and .en.md differ in {what}"


@pytest.mark.parametrize("name", TWIN_SETS)
def test_twins_write_the_same_numbers(name: str) -> None:
    """A number changed in one language only is a mistake in one of them."""
    counts = {
        lang: Counter(prose.numbers(path.read_text(encoding="utf-8")))
        for lang, path in twins(name).items()
    }
    only_zh = sorted((counts["zh"] - counts["en"]).elements())
    only_en = sorted((counts["en"] - counts["zh"]).elements())
    assert not only_zh and not only_en, (
        f"docs/{name}: numbers only in .zh.md: {only_zh}; only in .en.md: {only_en}"
    )


@pytest.mark.parametrize("page", CHAPTER_PAGES, ids=rel)
def test_chapter_skeleton(page: Path) -> None:
    """Chapters share one skeleton, so readers and reviewers know their way."""
    anchors = [a for _, a in prose.headings(page.read_text(encoding="utf-8")) if a]
    in_order = [a for a in anchors if a in SKELETON]
    assert in_order == SKELETON, f"{rel(page)}: sections {anchors}, need {SKELETON} in order"
    assert anchors[-1] == "exercises", f"{rel(page)}: must end with exercises"
