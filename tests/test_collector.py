"""The collector reads examples by the site's convention, and refuses the rest.

Every test builds its own scratch tree (a page and a snippets folder), so no
test writes into the project.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegate.pages import PageError, collect, mark_reason

EXAMPLE = """\
# Title

```python title="hello.py" linenums="1"
--8<-- "demo/hello.py"
```

1.  An annotation between the code and its output.

<!--pytest-codeblocks:expected-output-->

```text title="Output"
--8<-- "demo/hello.out"
```

??? example "Folded"

    ```python
    --8<-- "demo/quiet.py"
    ```

```pycon
>>> not a script
```
"""


def tree(tmp_path: Path, page: str) -> tuple[Path, Path]:
    """A page and a snippets folder with two examples, in a scratch folder."""
    snippets = tmp_path / "snippets"
    (snippets / "demo").mkdir(parents=True)
    (snippets / "demo" / "hello.py").write_text('print("hello")  # (1)!\n', encoding="utf-8")
    (snippets / "demo" / "hello.out").write_text("hello\n", encoding="utf-8")
    (snippets / "demo" / "quiet.py").write_text("x = 1\n", encoding="utf-8")
    (snippets / "demo" / "empty.out").write_text("", encoding="utf-8")
    path = tmp_path / "page.en.md"
    path.write_text(page, encoding="utf-8")
    return path, snippets


def test_included_examples_are_collected(tmp_path: Path) -> None:
    """Fences with attributes, folded or not, count; `pycon` does not."""
    page, snippets = tree(tmp_path, EXAMPLE)
    blocks = collect(page, snippets)
    assert [(b.page_line, b.code, b.snippet.name) for b in blocks] == [
        (3, 'print("hello")  \n', "hello.py"),  # the marker goes, its spaces stay, as copied
        (17, "x = 1\n", "quiet.py"),
    ]
    assert blocks[0].expected == "hello\n"
    assert blocks[0].expected_path == snippets / "demo" / "hello.out"
    assert blocks[1].expected is None and blocks[1].expected_path is None


@pytest.mark.parametrize(
    ("fence", "message"),
    [
        ('```python\nprint("typed in the page")\n```\n', "not a single include"),
        (
            '```python\n--8<-- "demo/hello.py"\nprint("and more")\n```\n',
            "not a single include",
        ),
        ('```python\n--8<-- "demo/hello.py:1:1"\n```\n', "not a whole file"),
        ('```python\n--8<-- "hello.py"\n```\n', "not a whole file"),
        ('```python\n--8<-- "demo/nope.py"\n```\n', "does not exist"),
        (
            '```python\n--8<-- "demo/hello.py"\n```\n\n<!--pytest-codeblocks:expected-output-->'
            "\n\n```text\nhello\n```\n",
            "its recorded output is not a single include",
        ),
        (
            '```python\n--8<-- "demo/hello.py"\n```\n\n<!--pytest-codeblocks:expected-output-->'
            '\n\n```text\n--8<-- "demo/empty.out"\n```\n',
            "must be 'demo/hello.out'",
        ),
    ],
    ids=["inline", "mixed", "partial", "no-chapter", "missing", "inline-output", "other-output"],
)
def test_anything_but_the_convention_is_refused(tmp_path: Path, fence: str, message: str) -> None:
    """Code typed (or translated) in a page cannot be tested the same in both languages."""
    page, snippets = tree(tmp_path, "# T\n\n" + fence)
    with pytest.raises(PageError, match=r"page.en.md:3: .*" + message.replace("(", r"\(")):
        collect(page, snippets)


def test_an_empty_output_file_is_the_place_to_record(tmp_path: Path) -> None:
    """A new, empty .out file is read as an empty output, to be filled by an update."""
    page, snippets = tree(
        tmp_path,
        '# T\n\n```python\n--8<-- "demo/quiet.py"\n```\n\n'
        '<!--pytest-codeblocks:expected-output-->\n\n```text\n--8<-- "demo/quiet.out"\n```\n',
    )
    (snippets / "demo" / "quiet.out").write_text("", encoding="utf-8")
    block = collect(page, snippets)[0]
    assert (block.expected, block.expected_path.name) == ("", "quiet.out")


def test_every_page_of_the_site_follows_the_convention() -> None:
    """The site's own pages: every example includes its snippet and its output."""
    blocks = collect(Path(__file__).parents[1] / "docs" / "learning-rate.en.md")
    assert {b.expected_path.name for b in blocks} >= {"update_rule_tf.out"}
    assert all(b.snippet.suffix == ".py" for b in blocks)


def test_tilde_fences_are_refused(tmp_path: Path) -> None:
    """pytest-codeblocks cannot see ~~~ blocks, so they would go untested."""
    page, snippets = tree(tmp_path, "# T\n\n~~~python\nprint(1)\n~~~\n")
    with pytest.raises(PageError, match=r"page.en.md:3: use ``` fences"):
        collect(page, snippets)


def test_marks_need_a_reason() -> None:
    """A skip must say why."""
    assert mark_reason('pytest.mark.skip(reason="needs a GPU")')[1] == "needs a GPU"
    assert mark_reason("pytest.mark.skip")[1] == ""
