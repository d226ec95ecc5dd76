"""Chinese pages use the glossary's terms, not their variants."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from sitegate import prose
from sitegate.layout import LAYOUT
from sitegate.pages import DOCS, pages, rel

ENTRIES = yaml.safe_load((DOCS / "glossary.yml").read_text(encoding="utf-8"))
CHINESE_PAGES = [p for p in pages() if LAYOUT.language_of(p) == "zh"]


def test_glossary_is_well_formed() -> None:
    """One entry per term, each with both languages; no variant is a term."""
    terms = [entry["zh"] for entry in ENTRIES]
    assert len(terms) == len(set(terms)), "a Chinese term appears twice"
    assert all(entry.get("en") for entry in ENTRIES)
    variants = {v for entry in ENTRIES for v in entry.get("avoid", [])}
    assert not variants & set(terms), "a variant to avoid is also a term"


@pytest.mark.parametrize("page", CHINESE_PAGES, ids=rel)
def test_chinese_page_uses_glossary_terms(page: Path) -> None:
    """A variant such as 学习速率 or 震荡 is reported with its line and the term."""
    text = prose.prose(page.read_text(encoding="utf-8"))
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        # 超参 is a variant, yet part of the term 超参数: hide the terms first.
        for term in sorted((entry["zh"] for entry in ENTRIES), key=len, reverse=True):
            line = line.replace(term, "□")
        for entry in ENTRIES:
            for variant in entry.get("avoid", []):
                if variant in line:
                    found.append(
                        f"{rel(page)}:{number}: 「{variant}」 is not the glossary's "
                        f"term; write 「{entry['zh']}」 (docs/glossary.yml)"
                    )
    assert not found, "\n".join(found)


def test_glossary_pages_render_the_table(site: Path) -> None:
    """Both glossary pages show every term, in their own language's order."""
    zh = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "glossary" / "index.html").read_text(encoding="utf-8")
    for entry in ENTRIES:
        assert entry["zh"] in zh and entry["en"] in zh
        assert entry["zh"] in en and entry["en"] in en
    assert re.search(r"<th[^>]*>中文</th>", zh) and re.search(r"<th[^>]*>English</th>", en)
