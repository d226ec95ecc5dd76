"""Keep the theme's compiled templates between builds: Jinja's bytecode cache.

Every build compiled Material's templates from source, once per language
(mkdocs-static-i18n builds each language with a new environment): about
half a second of CPU. Jinja's ``FileSystemBytecodeCache`` keeps the compiled
code in ``.cache/jinja2/`` (git-ignored, beside mkdocs-jupyter's cache),
one file per template, and compiles again whenever a template's source no
longer matches the checksum stored with it, or Jinja or Python changed. The
pages are rendered by the same code either way: the site is unchanged.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's cache, except that a folder it cannot write to (a read-only
    checkout) only means compiling again, as without a cache."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Give the theme's environment the project's template cache."""
    folder = Path(config.config_file_path).parent / ".cache" / "jinja2"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return env  # cannot be created here: no cache
    env.bytecode_cache = TemplateCache(str(folder))
    return env
