"""Read what a page says in prose: its headings, numbers, facts and sums.

Code fences, inline code, math and HTML comments are not prose; fact markers
(``2.6<!--fact:w1-->``) are read before comments are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}).*?^\1\2\s*$", re.M | re.S)
DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.S)
INLINE_MATH = re.compile(r"(?<!\\)\$[^$\n]+?\$")
INLINE_CODE = re.compile(r"`[^`\n]+`")
COMMENT = re.compile(r"<!--.*?-->", re.S)
INCLUDE = re.compile(r"^\s*--8<--.*$", re.M)
LINK_TARGET = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$", re.M)
ANCHOR = re.compile(r"\{\s*#([\w-]+)[^}]*\}\s*$")
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)")
FACT = re.compile(r"(−|-)?(\d+(?:\.\d+)?)<!--\s*fact:([\w.]+)\s*-->")
CLAIM = re.compile(r"<!--\s*claim:([\w.]+)\s*-->")
GIVEN = re.compile(r"(−|-)?(\d+(?:\.\d+)?)<!--\s*given\s*-->")
# Names that contain digits but state no quantity: AVX-512, 32-bit.
NAME = re.compile(r"(?<=[A-Za-z])-\d+|\d+-bit\b|\d+ 位浮点")
NUMBER = re.compile(r"(?<![\w.])(?:−|-)?\d+(?:\.\d+)?")
# "5 − 0.2 × (2 × 5 + 2) = 2.6": numbers, operators and brackets, then "= n".
SUM = re.compile(
    r"((?:[−\-+(]\s*)*\d+(?:\.\d+)?(?:\s*[)]*\s*[−\-+×*/÷]\s*[(−\-\s]*\d+(?:\.\d+)?\s*\)*)+)"
    r"\s*=\s*(−|-)?(\d+(?:\.\d+)?)(?![\d.]*\d)"
)


@dataclass(frozen=True)
class Fact:
    """A number in the prose that claims to be a named, computed value."""

    value: str
    key: str
    line: int


@dataclass(frozen=True)
class ClaimMark:
    """A word in the prose (``faster``, ``收敛``) that a computed claim backs."""

    key: str
    before: str  # the prose just before the mark, where the word must end
    line: int


@dataclass(frozen=True)
class Sum:
    """A written calculation such as ``2 × 5 + 2 = 12``."""

    expression: str
    result: str
    line: int


def blank(match: re.Match) -> str:
    """Replace a match by as many newlines, so line numbers stay put."""
    return "\n" * match.group(0).count("\n")


def facts(text: str) -> list[Fact]:
    """Every ``NUMBER<!--fact:KEY-->`` of a page, outside code."""
    text = FENCE.sub(blank, text)
    found = []
    for match in FACT.finditer(text):
        sign = "-" if match.group(1) else ""
        line = text.count("\n", 0, match.start()) + 1
        found.append(Fact(sign + match.group(2), match.group(3), line))
    return found


def claims(text: str) -> list[ClaimMark]:
    """Every ``WORD<!--claim:KEY-->`` of a page, outside code."""
    text = FENCE.sub(blank, text)
    found = []
    for match in CLAIM.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        before = COMMENT.sub("", text[max(0, match.start() - 200) : match.start()])
        found.append(ClaimMark(match.group(1), before, line))
    return found


def prose(text: str) -> str:
    """The page with code, math, includes and comments blanked out."""
    for pattern in (FENCE, DISPLAY_MATH, COMMENT, INCLUDE):
        text = pattern.sub(blank, text)
    for pattern in (INLINE_MATH, INLINE_CODE):
        text = pattern.sub(" ", text)
    return LINK_TARGET.sub("]( )", text)


def unbacked_numbers(text: str, included: str) -> list[tuple[int, str]]:
    """Numbers in the prose that nothing checks, with their line.

    A number is backed when it is a fact (``<!--fact:…-->``), a number the
    page sets itself (``<!--given-->``: an exercise's input, a year, a
    setting), part of a written calculation (evaluated by the sum test),
    printed or written in a file the page includes (its code and outputs), a
    whole number up to 10 (ordinals and small counts of the text itself), or
    part of a name (AVX-512, 32-bit).
    """
    in_sums = set()
    for written in sums(text):
        in_sums.update(n.replace("−", "-").lstrip("-") for n in NUMBER.findall(written.expression))
        in_sums.add(written.result.lstrip("-"))
    in_files = {n.lstrip("-") for n in NUMBER.findall(included)}
    bare = prose(NAME.sub(" ", GIVEN.sub(" ", FACT.sub(" ", text))))
    found = []
    for number, line in enumerate(bare.splitlines(), 1):
        for written in NUMBER.findall(line):
            value = written.replace("−", "-").lstrip("-")
            if value in in_sums or value in in_files:
                continue
            if re.fullmatch(r"\d+", value) and int(value) <= 10:
                continue
            found.append((number, written))
    return found


def numbers(text: str) -> list[str]:
    """Every number written in the prose, with ``−`` read as a minus sign."""
    return [n.replace("−", "-") for n in NUMBER.findall(prose(text))]


def sums(text: str) -> list[Sum]:
    """Every written calculation ``expression = number`` in the prose."""
    text = prose(text)
    found = []
    for match in SUM.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        sign = "-" if match.group(2) else ""
        found.append(Sum(match.group(1).strip(), sign + match.group(3), line))
    return found


def evaluate(expression: str) -> float:
    """The value of a written calculation, typographic operators allowed."""
    python = expression.replace("−", "-").replace("×", "*").replace("÷", "/")
    if not re.fullmatch(r"[\d.\s+\-*/()]+", python):
        raise ValueError(f"not a plain calculation: {expression!r}")
    return float(eval(python, {"__builtins__": {}}))  # noqa: S307 - checked above


def headings(text: str) -> list[tuple[int, str | None]]:
    """Each heading's level and pinned anchor (``{ #id }``), in order."""
    text = FENCE.sub(blank, text)
    found = []
    for match in HEADING.finditer(text):
        anchor = ANCHOR.search(match.group(2))
        found.append((len(match.group(1)), anchor.group(1) if anchor else None))
    return found


def includes(text: str) -> list[str]:
    """The ``--8<--`` include lines, stripped, in order."""
    return [line.strip() for line in INCLUDE.findall(text)]


def links(text: str) -> list[str]:
    """Link and image targets, in order."""
    text = FENCE.sub(blank, text)
    return LINK_TARGET.findall(text)


def images(text: str) -> list[str]:
    """Image targets, in order."""
    return IMAGE.findall(FENCE.sub(blank, text))


def language_of(page: Path) -> str:
    """``zh`` for ``x.zh.md``."""
    return page.suffixes[-2].lstrip(".")


def twin(page: Path, language: str) -> Path:
    """The same page in another language."""
    stem = page.name[: -len("".join(page.suffixes[-2:]))]
    return page.with_name(f"{stem}.{language}{page.suffix}")


def chapter_of(page: Path) -> str:
    """``learning-rate`` for ``docs/learning-rate.zh.md``."""
    return page.name[: -len("".join(page.suffixes[-2:]))]
