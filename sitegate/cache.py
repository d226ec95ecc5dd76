"""Small content-keyed caches under ``.cache/`` (git-ignored).

A file's name is a hash of everything its content depends on, so a stale
entry is never read: it is only left behind. Reading an entry marks it used
(its time is set to now); writing one removes the entries of its folder
unused for ``KEEP_DAYS``, so that a folder holds the versions of recent
weeks, not every version of every page ever built. A write goes to a
temporary file first: a reader never sees half an entry.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

KEEP_DAYS = 14


def read(path: Path) -> bytes | None:
    """The entry's bytes, or None if there is none (or it cannot be read)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        os.utime(path)
    except OSError:
        pass  # a read-only checkout: the entry is still good
    return data


def write(path: Path, data: bytes) -> None:
    """Store an entry, and drop the folder's entries unused for KEEP_DAYS.

    Where the folder cannot be written (a read-only checkout, a full disk)
    nothing is stored and nothing fails: the next build computes again.
    """
    folder = path.parent
    temporary = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        return
    oldest = time.time() - KEEP_DAYS * 86400
    for entry in folder.iterdir():
        try:
            if entry.stat().st_mtime < oldest:
                entry.unlink()
        except OSError:
            pass  # removed by another build meanwhile
