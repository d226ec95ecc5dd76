"""Read a page's examples by the site's one convention, refusing anything else.

A Python example on a page is exactly one include of a snippet,
``snippets/<chapter>/<name>.py``, in a Python fence (attributes such as
``title=`` allowed), and, under an expected-output mark, one include of its
recorded output ``snippets/<chapter>/<name>.out``:

````markdown
```python title="update_rule_tf.py"
--8<-- "learning-rate/update_rule_tf.py"
```

<!--pytest-codeblocks:expected-output-->

```text title="Output"
--8<-- "learning-rate/update_rule_tf.out"
```
````

Code is never written, or translated, in a page: both languages include the
same file. A Python fence with anything else in it, a partial include, or an
output that is not the example's own ``.out`` is refused with what to do.
pytest-codeblocks' parser finds the fences and marks; the code and output are
read from the included files, as pymdownx.snippets includes them whole.
"""

from __future__ import annotations

import ast
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
# Material strips "# (1)!" annotation markers from the code a reader sees and
# copies (the spaces before the marker stay), so the script that runs is the
# one without them. tests/e2e checks the copy button against this.
ANNOTATION = re.compile(r"# \(\d+\)!$", re.M)


class PageError(Exception):
    """A page that cannot be expanded or parsed; the message names the place."""


@dataclass
class Block:
    """One Python block of one page, with its recorded output."""

    page: Path
    page_line: int
    code: str
    snippet: Path | None
    expected: str | None
    expected_path: Path | None  # the recorded output's file, where update mode writes
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
        return f"{self.page.name.replace('.', '_')}_L{self.page_line}.py"

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


def resolve_include(name: str, bases: list[Path] | None = None) -> Path | None:
    """The file an include line names, looked up in the snippet base paths."""
    name = name.split(":", 1)[0]  # "file.py:section" or "file.py:3:8"
    for base in bases or snippet_config()["base_path"]:
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


def snippet_code(snippet: Path) -> str:
    """The code a block runs: the snippet without its annotation markers."""
    return ANNOTATION.sub("", snippet.read_text(encoding="utf-8"))


def fence_language(info: str | None) -> str:
    """The language of a fence info string, attributes ignored."""
    info = (info or "").strip()
    if info.startswith("{"):
        classes = re.findall(r"\.([\w+-]+)", info)
        return classes[0].lower() if classes else ""
    return info.split(maxsplit=1)[0].lower() if info else ""


CONVENTION = (
    'a Python example is one line, --8<-- "<chapter>/<name>.py", and its output one line, '
    '--8<-- "<chapter>/<name>.out"; write the code in that file (both languages include it)'
)


def included(
    body: str, page: Path, line: int, what: str, bases: list[Path] | None
) -> tuple[str, Path]:
    """The one whole-file include a fence holds: its name and its file."""
    lines = [text for text in body.splitlines() if text.strip()]
    match = INCLUDE.match(lines[0]) if len(lines) == 1 else None
    if match is None:
        raise PageError(f"{rel(page)}:{line}: {what} is not a single include: {CONVENTION}")
    name = match.group(1)
    if ":" in name or len(Path(name).parts) != 2:
        raise PageError(
            f"{rel(page)}:{line}: {what} includes {name!r}, not a whole file "
            f"<chapter>/<file>: {CONVENTION}"
        )
    path = resolve_include(name, bases)
    if path is None:
        raise PageError(f"{rel(page)}:{line}: {what} includes {name!r}, which does not exist")
    return name, path


def collect(page: Path, snippets: Path | None = None) -> list[Block]:
    """Every Python example of a page, with its recorded output.

    ``snippets`` replaces the site's snippet base path (tests use a scratch tree).
    """
    bases = [snippets] if snippets is not None else None
    text = page.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("~~~"):
            raise PageError(
                f"{rel(page)}:{number}: use ``` fences, not ~~~: pytest-codeblocks "
                "does not see ~~~ blocks, so their code would go untested"
            )
    try:
        parsed = extract_from_buffer(io.StringIO(text))
    except RuntimeError as error:
        raise PageError(f"{rel(page)}: {error}") from error
    blocks = []
    for found in parsed:
        if fence_language(found.syntax) not in PYTHON_FENCES:
            continue
        name, snippet = included(found.code, page, found.lineno, "the Python fence", bases)
        expected = expected_path = None
        if found.expected_output is not None:
            output, expected_path = included(
                found.expected_output, page, found.lineno, "its recorded output", bases
            )
            if output != str(Path(name).with_suffix(".out").as_posix()):
                raise PageError(
                    f"{rel(page)}:{found.lineno}: the output of {name!r} must be "
                    f"{Path(name).with_suffix('.out').as_posix()!r}, not {output!r}"
                )
            expected = expected_path.read_text(encoding="utf-8")
        blocks.append(
            Block(
                page=page,
                page_line=found.lineno,
                code=snippet_code(snippet),
                snippet=snippet,
                expected=expected,
                expected_path=expected_path,
                marks=list(found.marks),
            )
        )
    return blocks


def pages() -> list[Path]:
    """Every Markdown page of the site, every language."""
    return LAYOUT.pages()


MARKS = ("skip", "no_output", "timeout")  # what a page may ask of its block


def mark_reason(mark: str) -> tuple[object, str]:
    """Read a ``<!--pytest.mark.NAME(key=value, …)-->`` comment, without running it.

    The comment is parsed, never evaluated: only ``pytest.mark.<name>`` for a
    name in MARKS, with literal arguments, is accepted.
    """
    try:
        node = ast.parse(mark.strip(), mode="eval").body
    except SyntaxError as error:
        raise ValueError(f"not a mark: {error.msg}") from error
    call = node if isinstance(node, ast.Call) else None
    target = call.func if call is not None else node
    name = target.attr if isinstance(target, ast.Attribute) else None
    base = target.value if isinstance(target, ast.Attribute) else None
    if not (
        name in MARKS
        and isinstance(base, ast.Attribute)
        and base.attr == "mark"
        and isinstance(base.value, ast.Name)
        and base.value.id == "pytest"
    ):
        raise ValueError(f"not one of the marks a page may use: pytest.mark.{{{', '.join(MARKS)}}}")
    try:
        args = [ast.literal_eval(a) for a in (call.args if call else [])]
        kwargs = {k.arg: ast.literal_eval(k.value) for k in (call.keywords if call else [])}
    except ValueError as error:
        raise ValueError("a mark's arguments must be plain values (strings, numbers)") from error
    if name == "timeout" and not isinstance(kwargs.get("seconds"), int | float):
        raise ValueError("pytest.mark.timeout needs seconds=<number>")
    decorator = getattr(pytest.mark, name)(*args, **kwargs)
    reason = kwargs.get("reason", "")
    return decorator, reason.strip() if isinstance(reason, str) else ""
