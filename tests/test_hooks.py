"""The build hooks and the settings that make a strict build strict."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

from sitegate.layout import LAYOUT, mkdocs_config
from sitegate.pages import ROOT, snippet_config


def test_twins_hook_reports_a_lonely_page(tmp_path: Path) -> None:
    """A page in one language, or with no language, is reported by name."""
    (tmp_path / "a.zh.md").write_text("# a")
    (tmp_path / "a.en.md").write_text("# a")
    (tmp_path / "b.zh.md").write_text("# b")
    (tmp_path / "c.md").write_text("# c")
    problems = LAYOUT.load_hook("twins").missing_twins(tmp_path)
    assert len(problems) == 2
    assert "b.en.md is missing" in problems[0]
    assert problems[1].startswith("c.md: a page needs a language suffix")


def test_mathml_hook_typesets_and_keeps_the_tex() -> None:
    """A formula becomes MathML that remembers its TeX."""
    mathml = LAYOUT.load_hook("mathml").to_mathml(r"w_{n+1} = w_n - \eta", "inline", "x.md")
    assert mathml.startswith('<math alttext="w_{n+1} = w_n - \\eta"')
    assert "<msub>" in mathml and "&#x003B7;" in mathml


def test_the_404_page_leads_home_under_the_site_s_path(caplog) -> None:
    """The 404 page's home links follow site_url's path (a project page lives under one);
    without site_url they start at /, as the theme's own links there do; a 404 page whose
    markup the hook no longer finds is reported (a strict build fails)."""
    hook = LAYOUT.load_hook("not_found")
    homes = {lang: LAYOUT.url("index", lang) for lang in LAYOUT.languages}
    under = SimpleNamespace(site_url="https://example.github.io/lr")
    assert hook.homes(under) == {lang: "/lr/" + url for lang, url in homes.items()}
    assert hook.homes(SimpleNamespace(site_url=None)) == {k: "/" + v for k, v in homes.items()}
    page = '<a href="/x/" hreflang="zh" class="md-select__link">' + hook.HEADING
    with caplog.at_level(logging.INFO, logger=hook.log.name):
        out = hook.on_post_template(page, "404.html", config=under)
    assert '<a href="/lr/" hreflang="zh"' in out and '<a href="/lr/">' in out
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (logging.WARNING, f"404.html: 1 language links of {len(homes)}: theme changed?")
    ]  # a warning: the strict build stops


def test_strict_build_settings() -> None:
    """Missing snippets, broken links and warnings all stop the build."""
    config = mkdocs_config()
    assert config["strict"] is True
    assert snippet_config()["check_paths"] is True
    assert config["validation"]["unrecognized_links"] == "warn"
    assert config["validation"]["anchors"] == "warn"
    assert config["validation"]["omitted_files"] == "warn"


def test_the_fork_comparison_names_what_differs() -> None:
    """nox -s fork fails on a page or a link only one of the two builds has."""
    from sitegate.forkbuild import differences

    same = {"index.html": {"a/"}, "en/index.html": {"b/"}}
    assert differences(same, dict(same)) == []
    other = {"index.html": {"a/", "c/"}}
    assert differences(same, other) == [
        "only in the mkdocs build: en/index.html",
        "index.html: link 'c/' only in the properdocs build",
    ]


def test_hooks_load_without_the_test_tools() -> None:
    """`nox -s serve`, `docs` and `fork` have no pytest: no hook may need it."""
    import subprocess
    import sys

    hooks = mkdocs_config()["hooks"]
    code = (
        "import importlib.util, sys\n"
        "sys.modules['pytest'] = None  # importing it now raises ImportError\n"
        f"for path in {hooks!r}:\n"
        "    spec = importlib.util.spec_from_file_location(path, path)\n"
        "    spec.loader.exec_module(importlib.util.module_from_spec(spec))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_search_cache_gives_the_plugin_s_own_entries(tmp_path: Path, monkeypatch) -> None:
    """A page's entries come from the cache only when nothing they depend on changed."""
    from types import SimpleNamespace

    from material.plugins.search import plugin
    from mkdocs.structure.toc import get_toc

    hook = LAYOUT.load_hook("search_cache")
    # Without jieba's half-million-word dictionary, whose first load costs a
    # second: the cache keeps whatever the plugin makes of a page.
    monkeypatch.setattr(plugin, "jieba", None)
    html = '<h1 id="a">学习率</h1><p>步长 0.2</p><h2 id="b">Decay</h2><p>每 10 步</p>'
    toc = get_toc([{"level": 1, "id": "a", "name": "学习率", "children": []}])
    page = SimpleNamespace(url="lr/", title="学习率", meta={}, toc=toc, content=html)

    def entries(cache: bool) -> list[dict]:
        index = plugin.SearchIndex(lang=["zh"])
        if cache:
            hook.cached(index, tmp_path, "fixed")
        index.add_entry_from_context(page)
        return index.entries

    expected = entries(cache=False)
    assert len(expected) == 2 and expected[1]["location"] == "lr/#b"
    assert entries(cache=True) == expected  # computed by the plugin, then stored
    assert len(list(tmp_path.glob("*.json"))) == 1
    with monkeypatch.context() as patch:  # the plugin cannot parse: the cache answers
        patch.setattr(plugin, "Parser", None)
        assert entries(cache=True) == expected
        page.content = html.replace("0.2", "0.3")  # a changed page is parsed again
        try:
            entries(cache=True)
        except TypeError:
            pass
        else:
            raise AssertionError("a changed page was answered from the cache")
    changed = entries(cache=True)
    assert "0.3" in changed[0]["text"] and len(list(tmp_path.glob("*.json"))) == 2
    for stored in tmp_path.glob("*.json"):  # an unreadable file counts as missing
        stored.write_text("{broken", encoding="utf-8")
    assert entries(cache=True) == changed


def test_cache_entries_unused_for_two_weeks_go_at_the_next_write(tmp_path: Path) -> None:
    """Reading an entry keeps it; an entry nobody read for KEEP_DAYS is removed."""
    import os
    import time

    from sitegate import cache

    old, kept = tmp_path / "old", tmp_path / "kept"
    for path in (old, kept):
        cache.write(path, b"x")
        past = time.time() - (cache.KEEP_DAYS + 1) * 86400
        os.utime(path, (past, past))
    assert cache.read(kept) == b"x"  # used now
    cache.write(tmp_path / "new", b"y")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept", "new"]
    assert cache.read(old) is None


def test_a_cache_that_cannot_be_written_costs_time_not_the_build(
    tmp_path: Path, monkeypatch
) -> None:
    """A read-only checkout: entries are still read, a write stores nothing and raises nothing."""
    from sitegate import cache

    cache.write(tmp_path / "a", b"x")

    def refuse(*_args, **_kwargs) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(cache.os, "utime", refuse)
    monkeypatch.setattr(cache.tempfile, "mkstemp", refuse)
    assert cache.read(tmp_path / "a") == b"x"
    cache.write(tmp_path / "b", b"y")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]


def test_the_template_cache_only_costs_time_where_it_cannot_write(
    tmp_path: Path, monkeypatch
) -> None:
    """Jinja's own cache raises when its folder is read-only; the site's does not."""
    import jinja2.bccache
    import pytest

    templates = LAYOUT.load_hook("templates")
    bucket = jinja2.bccache.Bucket(jinja2.Environment(autoescape=True), "key", "checksum")
    bucket.code = compile("x = 1", "t", "exec")

    def refuse(*_args, **_kwargs) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(jinja2.bccache.tempfile, "NamedTemporaryFile", refuse)
    with pytest.raises(OSError):
        jinja2.bccache.FileSystemBytecodeCache(str(tmp_path)).dump_bytecode(bucket)
    templates.TemplateCache(str(tmp_path)).dump_bytecode(bucket)
    assert list(tmp_path.iterdir()) == []
