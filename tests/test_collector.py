"""The collector sees what a reader sees, and refuses what it cannot check."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegate.pages import PageError, collect, mark_reason
from sitegate.record import Recorder

PAGE = """\
# Title

```python title="inline.py" linenums="1"
print("hello")  # (1)!
```

1.  An annotation between the code and its output.

<!--pytest-codeblocks:expected-output-->

```text title="Output"
hello
```

```{ .python .numberLines }
print("no output here")
```

```pycon
>>> not a script
```
"""


def write(tmp_path: Path, text: str) -> Path:
    """A page in a scratch folder."""
    page = tmp_path / "page.en.md"
    page.write_text(text, encoding="utf-8")
    return page


def test_fences_with_attributes_are_collected(tmp_path: Path) -> None:
    """`python title=...` and `{ .python }` count; `pycon` does not."""
    blocks = collect(write(tmp_path, PAGE))
    assert [(b.page_line, b.code) for b in blocks] == [
        (3, 'print("hello")  \n'),  # the marker is gone, its spaces stay, as copied
        (15, 'print("no output here")\n'),
    ]
    assert blocks[0].expected == "hello\n"
    assert blocks[1].expected is None


def test_an_inline_output_can_be_rewritten(tmp_path: Path) -> None:
    """Update mode replaces exactly the output lines of the page."""
    page = write(tmp_path, PAGE)
    span = collect(page)[0].expected_span
    assert span.path == page and (span.start, span.stop) == (11, 12)
    recorder = Recorder()
    recorder.page_lines(page, span.start, span.stop, ["hello", "world"])
    assert recorder.write() == [page]
    assert '```text title="Output"\nhello\nworld\n```' in page.read_text()


def test_an_included_output_is_rewritten_whole() -> None:
    """A recorded output included from snippets/ is replaced as a file."""
    blocks = collect(Path(__file__).parents[1] / "docs" / "learning-rate.en.md")
    spans = {b.expected_span.path.name for b in blocks}
    assert "update_rule_tf.out" in spans
    assert all(b.expected_span.stop == -1 for b in blocks)


def test_tilde_fences_are_refused(tmp_path: Path) -> None:
    """pytest-codeblocks cannot see ~~~ blocks, so they would go untested."""
    with pytest.raises(PageError, match=r"page.en.md:3: use ``` fences"):
        collect(write(tmp_path, "# T\n\n~~~python\nprint(1)\n~~~\n"))


def test_a_missing_snippet_names_the_page_line(tmp_path: Path) -> None:
    """A broken include fails collection with the page and line."""
    text = '# T\n\n```python\n--8<-- "learning-rate/nope.py"\n```\n'
    with pytest.raises(PageError, match=r"page.en.md:4: .*nope.py"):
        collect(write(tmp_path, text))


def test_marks_need_a_reason() -> None:
    """A skip must say why."""
    assert mark_reason('pytest.mark.skip(reason="needs a GPU")')[1] == "needs a GPU"
    assert mark_reason("pytest.mark.skip")[1] == ""


def test_an_empty_output_file_is_still_the_place_to_record() -> None:
    """A new, empty .out file expands to nothing yet is the file to rewrite."""
    folder = Path(__file__).parents[1] / "snippets" / "_collector_test"
    folder.mkdir()
    try:
        (folder / "empty.out").write_text("")
        page = folder / "page.en.md"
        page.write_text(
            "# T\n\n```python\nprint(1)\n```\n\n<!--pytest-codeblocks:expected-output-->\n\n"
            '```text\n--8<-- "_collector_test/empty.out"\n```\n'
        )
        span = collect(page)[0].expected_span
        assert (span.path.name, span.stop) == ("empty.out", -1)
    finally:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
