"""What the built site should contain: page names, their URLs, the hooks."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from tests.harness import prose
from tests.harness.pages import DOCS, LANGUAGES, ROOT

DEFAULT = LANGUAGES[0]
# Every page of the site by name (`learning-rate`), Markdown and notebooks.
NAMES = sorted({prose.chapter_of(p) for p in [*DOCS.rglob("*.md"), *DOCS.rglob("*.ipynb")]})
LABS = sorted({prose.chapter_of(p) for p in DOCS.rglob("*.ipynb")})


def url_of(name: str, lang: str) -> str:
    """Site-relative URL of a page: ``en/learning-rate/``."""
    prefix = "" if lang == DEFAULT else f"{lang}/"
    return prefix + ("" if name == "index" else f"{name}/")


def load_hook(name: str) -> ModuleType:
    """Load ``hooks/<name>.py`` the way MkDocs does: as a plain file."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
