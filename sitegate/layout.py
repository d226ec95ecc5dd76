"""One source for the site's layout, read once from ``mkdocs.yml``.

Everything else asks this module where things are and what a file name
means, instead of parsing ``<name>.<lang>.<ext>`` or repeating the language
list:

- **languages** come from mkdocs-static-i18n's configuration, the default
  (``default: true``, served at ``/``) first;
- a **page name** is the part of a file name before its language:
  ``learning-rate`` for ``docs/learning-rate.zh.md``, ``schedules-lab`` for
  ``docs/schedules-lab.en.ipynb``, ``index`` for the home page;
- a page's **twin** is the same page in another language;
- a **snippet chapter** is a folder under the snippet base path
  (``snippets/learning-rate/``), the home of that chapter's examples,
  outputs and figures.

Only the standard library and MkDocs' YAML loader are imported, so the build
hooks can use this module too.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePath
from types import ModuleType


def find_root(start: Path | None = None) -> Path:
    """The project being checked: the nearest folder up from ``start`` (the
    working directory) that holds ``mkdocs.yml``.

    Not the package's own folder: the self-test runs the gate on copies of the
    project with this same installed package, and each copy must be checked,
    not the original.
    """
    start = (start or Path.cwd()).resolve()
    for folder in [start, *start.parents]:
        if (folder / "mkdocs.yml").is_file():
            return folder
    return Path(__file__).resolve().parents[1]


ROOT = find_root()
PAGE_SUFFIXES = (".md", ".ipynb")
FILE_NAME = re.compile(r"^(?P<name>[^.]+)\.(?P<lang>[A-Za-z_-]+)\.(?P<ext>\w+)$")


@dataclass(frozen=True)
class Layout:
    """Where the site's parts live, and how its file names read."""

    root: Path
    docs: Path
    snippets: Path  # the first pymdownx.snippets base path
    languages: tuple[str, ...]  # the default language first

    @property
    def default(self) -> str:
        """The language served at the site's root."""
        return self.languages[0]

    @property
    def figures(self) -> Path:
        """Where the figures that snippets write are recorded."""
        return self.docs / "assets" / "figures"

    @property
    def hooks(self) -> Path:
        """The build hooks."""
        return self.root / "hooks"

    @classmethod
    def read(cls, root: Path = ROOT) -> Layout:
        """The layout that ``root/mkdocs.yml`` describes."""
        config = mkdocs_config(root)
        i18n = next(
            (
                entry["i18n"]
                for entry in config.get("plugins", [])
                if isinstance(entry, dict) and "i18n" in entry
            ),
            None,
        )
        if not i18n:
            raise ValueError(f"{root / 'mkdocs.yml'} configures no i18n plugin: no languages")
        built = [lang for lang in i18n["languages"] if lang.get("build", True)]
        default = [lang["locale"] for lang in built if lang.get("default")]
        others = [lang["locale"] for lang in built if not lang.get("default")]
        base = snippet_options(config).get("base_path", ["."])
        base = [base] if isinstance(base, str) else base
        return cls(
            root=root,
            docs=root / config.get("docs_dir", "docs"),
            snippets=root / base[0],
            languages=tuple(default + others),
        )

    def split(self, path: str | PurePath) -> tuple[str, str, str] | None:
        """``(name, language, extension)`` of a page file name, or None."""
        match = FILE_NAME.match(PurePath(path).name)
        if match is None or match["lang"] not in self.languages:
            return None
        return match["name"], match["lang"], match["ext"]

    def name_of(self, path: str | PurePath) -> str:
        """``learning-rate`` for ``docs/learning-rate.zh.md``."""
        return self._parts(path)[0]

    def language_of(self, path: str | PurePath) -> str:
        """``zh`` for ``docs/learning-rate.zh.md``."""
        return self._parts(path)[1]

    def _parts(self, path: str | PurePath) -> tuple[str, str, str]:
        parts = self.split(path)
        if parts is None:
            raise ValueError(
                f"{path}: not a page file name <name>.<language>.<ext> with a language "
                f"of {', '.join(self.languages)}"
            )
        return parts

    def twin(self, path: Path, language: str) -> Path:
        """The same page in another language."""
        name, _, ext = self._parts(path)
        return path.with_name(f"{name}.{language}.{ext}")

    def page(self, name: str, language: str, ext: str = "md") -> Path:
        """The file of page ``name`` in ``language``."""
        return self.docs / f"{name}.{language}.{ext}"

    def url(self, name: str, language: str) -> str:
        """Site-relative URL of a page: ``en/learning-rate/``; the default has no prefix."""
        prefix = "" if language == self.default else f"{language}/"
        return prefix + ("" if name == "index" else f"{name}/")

    def pages(self) -> list[Path]:
        """Every Markdown page, every language."""
        return sorted(self.docs.rglob("*.md"))

    def names(self) -> list[str]:
        """Every page of the site by name, Markdown pages and notebooks."""
        return sorted({self.name_of(p) for s in PAGE_SUFFIXES for p in self.docs.rglob(f"*{s}")})

    def labs(self) -> list[str]:
        """The names of the pages that are notebooks."""
        return sorted({self.name_of(p) for p in self.docs.rglob("*.ipynb")})

    def chapters(self) -> list[str]:
        """The chapters: pages with examples of their own in ``snippets/<name>/``."""
        return sorted(
            name
            for name in self.names()
            if any(p.name != "facts.py" for p in (self.snippets / name).glob("*.py"))
        )

    def snippet_chapter(self, snippet: Path) -> str | None:
        """``learning-rate`` for ``snippets/learning-rate/update_rule_tf.py``."""
        try:
            parts = snippet.resolve().relative_to(self.snippets.resolve()).parts
        except ValueError:
            return None
        return parts[0] if len(parts) > 1 else None

    def load_hook(self, name: str) -> ModuleType:
        """Load ``hooks/<name>.py`` the way MkDocs does: as a plain file."""
        spec = importlib.util.spec_from_file_location(name, self.hooks / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module


@cache
def mkdocs_config(root: Path = ROOT) -> dict:
    """``root/mkdocs.yml`` as MkDocs reads it (its YAML tags included)."""
    from mkdocs.utils.yaml import yaml_load

    with open(root / "mkdocs.yml", encoding="utf-8") as handle:
        return yaml_load(handle)


def snippet_options(config: dict) -> dict:
    """The ``pymdownx.snippets`` options of an MkDocs configuration."""
    for entry in config.get("markdown_extensions", []):
        if isinstance(entry, dict) and "pymdownx.snippets" in entry:
            return dict(entry["pymdownx.snippets"] or {})
    raise ValueError("mkdocs.yml does not enable pymdownx.snippets")


LAYOUT = Layout.read()
