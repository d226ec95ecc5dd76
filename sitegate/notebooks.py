"""Lab notebooks: built from percent-format sources whose code cells include
snippets, executed in a real Jupyter kernel by the update command, stored
with their outputs and nothing else that changes from run to run.

``docs/<chapter>-lab.<lang>.py`` (source) → ``docs/<chapter>-lab.<lang>.ipynb``.
"""

from __future__ import annotations

import copy
import os
import tempfile
from pathlib import Path

import jupytext
import nbformat

from sitegate.pages import ANNOTATION, DOCS, INCLUDE, PageError, preprocessor, rel, resolve_include

KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


def sources() -> list[Path]:
    """Every lab source, both languages."""
    return sorted(DOCS.glob("*-lab.*.py"))


def notebook_path(source: Path) -> Path:
    """Where the executed notebook of a source is stored."""
    return source.with_suffix(".ipynb")


def build(source: Path) -> nbformat.NotebookNode:
    """The unexecuted notebook: markdown as written, code cells from snippets."""
    notebook = jupytext.read(source, fmt="py:percent")
    proc = preprocessor()
    cells = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            lines = [line for line in cell.source.splitlines() if line.strip()]
            if not lines or not all(INCLUDE.match(line) for line in lines):
                raise PageError(
                    f"{rel(source)}: code cell {index} must only include snippets "
                    '(--8<-- "chapter/file.py"), so notebooks cannot drift from them'
                )
            try:
                # Annotation markers belong to the pages, whose text explains them.
                code = cell_code("\n".join(proc.run(lines)))
            except Exception as error:
                raise PageError(f"{rel(source)}: code cell {index}: {error}") from error
            new = nbformat.v4.new_code_cell(code)
            alt = cell.metadata.get("alt")
            if alt is not None:
                if not isinstance(alt, str) or not alt.strip():
                    raise PageError(
                        f"{rel(source)}: code cell {index}: alt must be a non-empty text "
                        '(# %% alt="what the figure shows")'
                    )
                new.metadata["alt"] = alt.strip()
        else:
            new = nbformat.v4.new_markdown_cell(cell.source)
        new.id = f"cell-{index}"
        cells.append(new)
    built = nbformat.v4.new_notebook(cells=cells)
    built.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    return built


def execute(notebook: nbformat.NotebookNode, timeout: int = 600) -> nbformat.NotebookNode:
    """Run every cell in a fresh kernel; figures are kept as SVG (text)."""
    from nbclient import NotebookClient  # only the update and fidelity runs need it

    executed = copy.deepcopy(notebook)
    # Matplotlib stamps SVGs with the time unless SOURCE_DATE_EPOCH is set;
    # the kernel inherits it from this process.
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        with tempfile.TemporaryDirectory() as workdir:
            NotebookClient(
                executed,
                timeout=timeout,
                kernel_name="python3",
                resources={"metadata": {"path": workdir}},
                extra_arguments=["--InlineBackend.figure_formats={'svg'}"],
            ).execute()
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    return normalise(executed)


def normalise(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what differs between runs: timings, versions, log noise, PNG twins."""
    notebook.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    for cell in notebook.cells:
        # A figure's text alternative (``alt``) is the only metadata kept.
        cell.metadata = {"alt": cell.metadata["alt"]} if "alt" in cell.metadata else {}
        if cell.cell_type != "code":
            continue
        # stderr carries TensorFlow's and Matplotlib's notices: not results.
        kept = []
        for output in cell.outputs:
            if output.output_type == "stream" and output.name == "stderr":
                continue
            previous = kept[-1] if kept else None
            if (  # the kernel flushes stdout in chunks that depend on timing
                output.output_type == "stream"
                and previous is not None
                and previous.output_type == "stream"
                and previous.name == output.name
            ):
                previous.text += output.text
                continue
            kept.append(output)
        cell.outputs = kept
        for output in cell.outputs:
            if "image/svg+xml" in output.get("data", {}):
                output.data.pop("image/png", None)
    return notebook


def cell_code(text: str) -> str:
    """A snippet as a code cell holds it: no annotation markers, no trailing spaces."""
    code = ANNOTATION.sub("", text)
    return "\n".join(line.rstrip() for line in code.splitlines()).strip("\n")


def cell_snippets(source: Path) -> list[Path | None]:
    """The snippet each code cell of a source includes, in order (None: several)."""
    found = []
    for cell in jupytext.read(source, fmt="py:percent").cells:
        if cell.cell_type != "code":
            continue
        names = [m.group(1) for m in map(INCLUDE.match, cell.source.splitlines()) if m]
        found.append(resolve_include(names[0]) if len(names) == 1 else None)
    return found


def printed(notebook: nbformat.NotebookNode) -> str:
    """Everything the notebook's cells printed to stdout, in order."""
    return "".join(
        output.text
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "stream" and output.name == "stdout"
    )


def errors(notebook: nbformat.NotebookNode) -> list[str]:
    """The error outputs of an executed notebook."""
    return [
        f"cell {index}: {output.ename}: {output.evalue}"
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
    ]


def read(path: Path) -> nbformat.NotebookNode:
    """A stored notebook."""
    return nbformat.read(path, as_version=4)


def dumps(notebook: nbformat.NotebookNode) -> str:
    """The stored form: stable key order and indentation, for readable diffs."""
    return nbformat.writes(notebook) + "\n"


def differing_cells(
    source: Path, fresh: nbformat.NotebookNode, stored: nbformat.NotebookNode
) -> list[str]:
    """Which cells differ, named by the snippets they include."""
    raw = jupytext.read(source, fmt="py:percent").cells
    names = []
    for index in range(max(len(fresh.cells), len(stored.cells))):
        a = fresh.cells[index] if index < len(fresh.cells) else None
        b = stored.cells[index] if index < len(stored.cells) else None
        if a is None or b is None or _cell_key(a) != _cell_key(b):
            includes = [
                m.group(1)
                for line in (raw[index].source.splitlines() if index < len(raw) else [])
                if (m := INCLUDE.match(line))
            ]
            names.append(f"cell {index}" + (f" ({', '.join(includes)})" if includes else ""))
    return names


def _cell_key(cell: nbformat.NotebookNode) -> tuple[str, str, str | None]:
    return cell.cell_type, cell.source, cell.metadata.get("alt")


def same_cells(a: nbformat.NotebookNode, b: nbformat.NotebookNode) -> bool:
    """True when both have the same cells (types, sources, alt texts), outputs aside."""
    return [_cell_key(c) for c in a.cells] == [_cell_key(c) for c in b.cells]
