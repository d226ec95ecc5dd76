"""Update mode: collect re-recorded outputs, figures and notebooks, write them at the end.

Writes wait for the end of the session: a normal run writes nothing, and an
update writes each file once, after every block that may change it has run.
Only whole files are rewritten; pages hold no code or output of their own.
"""

from __future__ import annotations

from pathlib import Path


class Recorder:
    """Pending rewrites of whole files (outputs, figures, notebooks)."""

    def __init__(self) -> None:
        self.files: dict[Path, bytes] = {}

    def whole_file(self, path: Path, content: bytes) -> None:
        """Replace a file (a recorded output, a figure or a notebook)."""
        self.files[path] = content

    def write(self) -> list[Path]:
        """Write what changed; return the paths written."""
        written = []
        for path, content in sorted(self.files.items()):
            if not path.exists() or path.read_bytes() != content:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
                written.append(path)
        return written
