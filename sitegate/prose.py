"""Read what a page says in prose: its headings, numbers, facts and sums.

Code fences, inline code, math and HTML comments are not prose; fact markers
(``2.6<!--fact:w1-->``) are read before comments are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}).*?^\1\2\s*$", re.M | re.S)
DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.S)
INLINE_MATH = re.compile(r"(?<!\\)\$[^$\n]+?\$")
INLINE_CODE = re.compile(r"`[^`\n]+`")
COMMENT = re.compile(r"<!--.*?-->", re.S)
INCLUDE_LINES = re.compile(r"^\s*--8<--.*$", re.M)  # every include line, for blanking
LINK_TARGET = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$", re.M)
ANCHOR = re.compile(r"\{\s*#([\w-]+)[^}]*\}\s*$")
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)")
FACT = re.compile(r"(−|-)?(\d+(?:\.\d+)?)<!--\s*fact:([\w.]+)\s*-->")
CLAIM = re.compile(r"<!--\s*claim:([\w.]+)\s*-->")
GIVEN = re.compile(r"(−|-)?(\d+(?:\.\d+)?)`?<!--\s*given\s*-->")
# Names that contain digits but state no quantity: AVX-512, 32-bit.
NAME = re.compile(r"(?<=[A-Za-z])-\d+|\d+-bit\b|\d+ 位浮点")
# A number: not glued to a Latin letter, digit or point before it (Chinese
# characters may touch it), with thousands separators and e-notation read
# as one number, so that neither "6,000" nor "1e-9" splits into small ones.
NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.])(?:−|-)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[-+]?\d+)?(?:st|nd|rd|th)?(?![A-Za-z_0-9])"
)
URL = re.compile(r"<https?://[^>\s]+>|https?://\S+")
# "5 − 0.2 × (2 × 5 + 2) = 2.6": numbers, operators and brackets, then "= n".
SUM = re.compile(
    r"(?<![\d.)·×*/÷])"  # never from the middle of a longer expression
    r"((?:[−\-+(]\s*)*\d+(?:\.\d+)?(?:\s*[)]*\s*[−\-+×·*/÷]\s*[(−\-\s]*\d+(?:\.\d+)?\s*\)*)+)"
    r"\s*=\s*(−|-)?\s*(\d+(?:\.\d+)?)(?![\d.]*\d)"
)
# Inline math that is plain arithmetic: $1 - 2 \times 0.1 = 0.8$.
TEX_ARITHMETIC = {r"\times": "×", r"\cdot": "·", r"\div": "÷", r"\,": " ", "{": "", "}": ""}


@dataclass(frozen=True)
class Fact:
    """A number in the prose that claims to be a named, computed value."""

    value: str
    key: str
    line: int
    detached_sign: bool = False  # "− 3.6": the reader sees a sign the check did not


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


MARK = re.compile(r"<!--\s*(?:fact:[\w.]+|given)\s*-->")


def stray_marks(text: str) -> list[tuple[int, str]]:
    """Fact and given marks that follow no number, with their line: a mark after
    ``$\\lambda = 5$`` or after a space would check nothing, silently."""
    text = FENCE.sub(blank, text)
    attached = {m.end() for pattern in (FACT, GIVEN) for m in pattern.finditer(text)}
    return [
        (text.count("\n", 0, m.start()) + 1, m.group(0))
        for m in MARK.finditer(text)
        if m.end() not in attached
    ]


def facts(text: str) -> list[Fact]:
    """Every ``NUMBER<!--fact:KEY-->`` of a page, outside code."""
    text = FENCE.sub(blank, text)
    found = []
    for match in FACT.finditer(text):
        sign = "-" if match.group(1) else ""
        line = text.count("\n", 0, match.start()) + 1
        detached = not sign and bool(
            re.search(r"[−–-]\s+$", text[max(0, match.start() - 3) : match.start()])
        )
        found.append(Fact(sign + match.group(2), match.group(3), line, detached))
    return found


NEGATION = {
    "en": re.compile(r"\b(?:not|no|never|n't|neither|nor|hardly|without)\b[^.;:!?]*$", re.I),
    "zh": re.compile(r"(?:不|没|未|非|无|别)[^。；：！？，]*$"),
}


def negated(before: str, word: str, language: str) -> bool:
    """True when the clause before ``word`` negates it (not slower, 并没有更慢)."""
    clause = before[: len(before) - len(word)]
    return bool(NEGATION[language].search(clause[-60:]))


def claims(text: str) -> list[ClaimMark]:
    """Every ``WORD<!--claim:KEY-->`` of a page, outside code."""
    text = FENCE.sub(blank, text)
    found = []
    for match in CLAIM.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        before = COMMENT.sub("", text[max(0, match.start() - 200) : match.start()])
        found.append(ClaimMark(match.group(1), before, line))
    return found


def prose(text: str, keep_code: bool = False) -> str:
    """The page with code, math, includes, comments and URLs blanked out.

    ``keep_code`` keeps what inline code says (``0.5``): a number written
    there is read by the reader like any other.
    """
    for pattern in (FENCE, DISPLAY_MATH, COMMENT, INCLUDE_LINES):
        text = pattern.sub(blank, text)
    text = INLINE_MATH.sub(" ", text)
    text = INLINE_CODE.sub(lambda m: m.group(0)[1:-1] if keep_code else " ", text)
    return URL.sub(" ", LINK_TARGET.sub("]( )", text))


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
    in_files = {n.replace("−", "-").lstrip("-") for n in NUMBER.findall(included)}
    bare = prose(NAME.sub(" ", GIVEN.sub(" ", FACT.sub(" ", text))), keep_code=True)
    found = []
    for number, line in enumerate(bare.splitlines(), 1):
        for written in NUMBER.findall(line):
            value = ORDINAL.sub("", written.replace("−", "-").replace(",", "")).lstrip("-")
            if value in in_sums or value in in_files:
                continue
            if re.fullmatch(r"\d+", value) and int(value) <= 10:
                continue
            found.append((number, written))
    return found


ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)$")


def numbers(text: str) -> list[str]:
    """Every number written in the prose, ``−`` read as a minus sign, 40th as 40."""
    return [ORDINAL.sub("", n.replace("−", "-")) for n in NUMBER.findall(prose(text))]


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
    python = expression.replace("−", "-").replace("×", "*").replace("·", "*").replace("÷", "/")
    if not re.fullmatch(r"[\d.\s+\-*/()]+", python):
        raise ValueError(f"not a plain calculation: {expression!r}")
    try:
        return float(eval(python, {"__builtins__": {}}))  # noqa: S307 - checked above
    except SyntaxError as error:  # unbalanced brackets, a dangling operator
        raise ValueError(f"cannot read the calculation {expression!r}: {error.msg}") from error


def inline_sums(text: str) -> list[Sum]:
    """Written calculations inside inline math: ``$1 - 2 \\times 0.1 = 0.8$``."""
    text = FENCE.sub(blank, COMMENT.sub(blank, text))
    found = []
    for match in INLINE_MATH.finditer(text):
        tex = match.group(0)[1:-1]
        for command, plain in TEX_ARITHMETIC.items():
            tex = tex.replace(command, plain)
        if "\\" in tex or "^" in tex or "_" in tex:
            continue  # symbols or powers: the formula checks read those
        line = text.count("\n", 0, match.start()) + 1
        for written in SUM.finditer(tex):
            if re.search(r"[A-Za-z]", tex):
                break
            sign = "-" if written.group(2) else ""
            found.append(Sum(written.group(1).strip(), sign + written.group(3), line))
    return found


def inline_math(text: str) -> list[str]:
    """Every inline formula of a page, in order, whitespace normalised."""
    text = FENCE.sub(blank, COMMENT.sub(blank, text))
    text = DISPLAY_MATH.sub(blank, text)
    return [" ".join(m.group(0).split()) for m in INLINE_MATH.finditer(text)]


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
    return [line.strip() for line in INCLUDE_LINES.findall(text)]


def links(text: str) -> list[str]:
    """Link and image targets, in order."""
    text = FENCE.sub(blank, text)
    return LINK_TARGET.findall(text)


def images(text: str) -> list[str]:
    """Image targets, in order."""
    return IMAGE.findall(FENCE.sub(blank, text))
