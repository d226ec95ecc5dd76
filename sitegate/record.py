"""Update mode: collect re-recorded outputs and figures, write them at the end.

Writes wait for the end of the session because several blocks may change the
same page, and line numbers must not move under the blocks still running.
"""

from __future__ import annotations

from pathlib import Path


class Recorder:
    """Pending rewrites: whole files (outputs, figures) and page line ranges."""

    def __init__(self) -> None:
        self.files: dict[Path, bytes] = {}
        self.page_edits: dict[Path, dict[tuple[int, int], list[str]]] = {}

    def whole_file(self, path: Path, content: bytes) -> None:
        """Replace a file (a recorded output or a figure)."""
        self.files[path] = content

    def page_lines(self, page: Path, start: int, stop: int, lines: list[str]) -> None:
        """Replace lines ``start:stop`` (0-based) of a page."""
        self.page_edits.setdefault(page, {})[(start, stop)] = lines

    def pending(self) -> dict[Path, bytes]:
        """Every file's new content, page edits applied bottom-up."""
        result = dict(self.files)
        for page, edits in self.page_edits.items():
            lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
            for (start, stop), new in sorted(edits.items(), reverse=True):
                lines[start:stop] = [line + "\n" for line in new]
            result[page] = "".join(lines).encode("utf-8")
        return result

    def write(self) -> list[Path]:
        """Write what changed; return the paths written."""
        written = []
        for path, content in sorted(self.pending().items()):
            if not path.exists() or path.read_bytes() != content:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
                written.append(path)
        return written
