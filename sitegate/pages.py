"""Expand pages as the site does and collect their code blocks.

Each page is expanded with the same ``pymdownx.snippets`` settings as the site
(read from ``mkdocs.yml``), one source line at a time, so every expanded line
remembers the page line and the snippet file it came from. The expanded text
is then parsed by pytest-codeblocks' own parser.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import markdown
import pytest
from pymdownx.snippets import SnippetExtension
from pytest_codeblocks import extract_from_buffer

from sitegate.layout import LAYOUT, mkdocs_config, snippet_options

ROOT, DOCS, LANGUAGES = LAYOUT.root, LAYOUT.docs, LAYOUT.languages
PYTHON_FENCES = {"python", "py", "python3"}
INCLUDE = re.compile(r"""^\s*;?--8<--\s+["']?([^"'\s]+)["']?\s*$""")
EXPECTED_OUTPUT = re.compile(r"^\s*<!--[-\s]*pytest-codeblocks:expected-output")
# Material strips "# (1)!" annotation markers from the code a reader sees and
# copies (the spaces before the marker stay), so the script that runs is the
# one without them. tests/e2e checks the copy button against this.
ANNOTATION = re.compile(r"# \(\d+\)!$", re.M)


class PageError(Exception):
    """A page that cannot be expanded or parsed; the message names the place."""


@dataclass(frozen=True)
class Origin:
    """Where one expanded line comes from."""

    page_line: int  # 1-based line in the page
    snippet: Path | None = None  # the included file, if any
    snippet_line: int | None = None  # 1-based line in that file


@dataclass
class Span:
    """A run of expanded lines that all come from one source file."""

    path: Path  # the page or the snippet file
    start: int  # 0-based first line in that file
    stop: int  # 0-based line after the last one; -1: to the end of the file
    indent: str = ""  # what the page adds in front of each line


@dataclass
class Block:
    """One Python block of one page, with its recorded output."""

    page: Path
    page_line: int
    code: str
    snippet: Path | None
    expected: str | None
    expected_span: Span | None
    marks: list = field(default_factory=list)

    @property
    def id(self) -> str:
        """Read like ``docs/learning-rate.zh.md:42`` so a failure names a page."""
        return f"{rel(self.page)}:{self.page_line}"

    @property
    def script_name(self) -> str:
        """The file name a reader would save the block under."""
        if self.snippet is not None:
            return self.snippet.name
        stem = self.page.name.replace(".", "_")
        return f"{stem}_L{self.page_line}.py"

    @property
    def chapter(self) -> str | None:
        """The chapter slug: the folder of the snippet under ``snippets/``."""
        return self.snippet.parent.name if self.snippet is not None else None


def rel(path: Path) -> str:
    """Path relative to the repository, for messages."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


@cache
def snippet_config() -> dict:
    """The site's pymdownx.snippets settings, with paths made absolute."""
    try:
        options = snippet_options(mkdocs_config(ROOT))
    except ValueError as error:
        raise PageError(str(error)) from error
    base = options.get("base_path", ["."])
    base = [base] if isinstance(base, str) else base
    options["base_path"] = [str(ROOT / b) for b in base]
    return options


def snippet_root() -> Path:
    """The first snippet base path: where included files are looked up."""
    return Path(snippet_config()["base_path"][0])


def preprocessor():
    """A fresh snippet preprocessor configured exactly like the site's."""
    md = markdown.Markdown(extensions=[SnippetExtension(**snippet_config())])
    return md.preprocessors["snippet"]


def expand(page: Path) -> tuple[list[str], list[Origin]]:
    """Expand the page's includes; return its lines and each line's origin."""
    proc = preprocessor()
    lines: list[str] = []
    origins: list[Origin] = []
    source = page.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(source, start=1):
        match = INCLUDE.match(line)
        if match is None or line.lstrip().startswith(";"):
            lines.append(line)
            origins.append(Origin(number))
            continue
        try:
            expanded = proc.run([line])
        except Exception as error:  # SnippetMissingError and friends
            raise PageError(f"{rel(page)}:{number}: {error}") from error
        target = resolve_include(match.group(1))
        for offset, text in enumerate(expanded, start=1):
            lines.append(text)
            origins.append(Origin(number, target, offset))
    return lines, origins


def resolve_include(name: str) -> Path | None:
    """The file an include line names, looked up in the snippet base paths."""
    name = name.split(":", 1)[0]  # "file.py:section" or "file.py:3:8"
    for base in snippet_config()["base_path"]:
        candidate = Path(base) / name
        if candidate.is_file():
            return candidate
    return None


def create_missing_outputs(page: Path) -> list[Path]:
    """Create empty ``.out`` files a page includes but lacks (update mode only)."""
    created = []
    for line in page.read_text(encoding="utf-8").splitlines():
        match = INCLUDE.match(line)
        if match and match.group(1).endswith(".out") and not resolve_include(match.group(1)):
            target = snippet_root() / match.group(1)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("", encoding="utf-8")
            created.append(target)
    return created


def fence_language(info: str | None) -> str:
    """The language of a fence info string, attributes ignored."""
    info = (info or "").strip()
    if info.startswith("{"):
        classes = re.findall(r"\.([\w+-]+)", info)
        return classes[0].lower() if classes else ""
    return info.split(maxsplit=1)[0].lower() if info else ""


def collect(page: Path) -> list[Block]:
    """Every Python block of a page, attributes or not, with its output."""
    lines, origins = expand(page)
    for number, line in enumerate(lines):
        if line.lstrip().startswith("~~~"):
            where = origins[number].page_line
            raise PageError(
                f"{rel(page)}:{where}: use ``` fences, not ~~~: pytest-codeblocks "
                "does not see ~~~ blocks, so their code would go untested"
            )
    text = "\n".join(lines) + "\n"
    try:
        parsed = extract_from_buffer(io.StringIO(text))
    except RuntimeError as error:
        raise PageError(f"{rel(page)}: {error}") from error
    blocks = []
    for found in parsed:
        if fence_language(found.syntax) not in PYTHON_FENCES:
            continue
        fence = found.lineno - 1  # 0-based index of the opening fence
        origin = origins[fence + 1] if fence + 1 < len(origins) else origins[fence]
        blocks.append(
            Block(
                page=page,
                page_line=origins[fence].page_line,
                code=ANNOTATION.sub("", found.code),
                snippet=origin.snippet,
                expected=found.expected_output,
                expected_span=output_span(lines, origins, page, fence),
                marks=list(found.marks),
            )
        )
    return blocks


def output_span(lines: list[str], origins: list[Origin], page: Path, fence: int) -> Span | None:
    """Where the recorded output of the block opened at ``fence`` lives.

    Mirrors pytest-codeblocks: the output is the first fence after an
    expected-output comment that follows the block before any other fence.
    """
    opening = lines[fence].lstrip()
    ticks = len(opening) - len(opening.lstrip("`"))
    index = fence + 1
    while index < len(lines) and not lines[index].lstrip().startswith("`" * ticks):
        index += 1
    index += 1
    while index < len(lines) and not EXPECTED_OUTPUT.match(lines[index]):
        if lines[index].lstrip().startswith("```"):
            return None
        index += 1
    while index < len(lines) and not lines[index].lstrip().startswith("```"):
        index += 1
    if index >= len(lines):
        return None
    close = index + 1
    while close < len(lines) and not lines[close].lstrip().startswith("```"):
        close += 1
    if close >= len(lines):
        return None
    # Decide from the page's own lines: an include expanding to nothing (an
    # empty output file) leaves no expanded line to carry its origin.
    first, last = origins[index].page_line, origins[close].page_line  # 1-based
    source = page.read_text(encoding="utf-8").splitlines()[first : last - 1]
    included = [INCLUDE.match(line) for line in source if line.strip()]
    if included and all(included):
        targets = {resolve_include(m.group(1)) for m in included}
        if len(targets) == 1 and None not in targets:
            return Span(targets.pop(), 0, -1)  # the whole included file
        return None  # several files, or a missing one: no single place
    if any(included):
        return None  # page lines mixed with an include: cannot rewrite safely
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    return Span(page, first, last - 1, indent)


def pages() -> list[Path]:
    """Every Markdown page of the site, every language."""
    return LAYOUT.pages()


def mark_reason(mark: str) -> tuple[object, str]:
    """Evaluate a ``<!--pytest.mark...-->`` comment; return it and its reason."""
    decorator = eval(mark, {"pytest": pytest})  # noqa: S307 - page comments only
    reason = decorator.kwargs.get("reason", "")
    return decorator, reason.strip() if isinstance(reason, str) else ""
