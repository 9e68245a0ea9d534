"""Cache keys cover all the code behind a cached result: the segmentation
cache's fingerprint and the HTML-pass memos' versions are hashes of their
modules and of every module of the project those import (sources.py), so an
edit to thai_chars.py, say, is never answered with stale results. They, the
render keys and Pelican's content cache also cover the versions of the
libraries that made the result, and Python's (library_versions): after an
upgrade, nothing the old versions made is reused."""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import sys
from enum import IntEnum
from pathlib import Path
from types import SimpleNamespace

import pytest
from markupsafe import Markup
from test_incremental_build import assert_same_tree

import thai_lang.latin as latin
import thai_lang.thai_lang as thai_lang
import thai_news.sanitize as sanitize
from pelican.plugins.thai_search.kept_postings import stamp
from pelican.plugins.thai_search.segment import CACHED_BY, Segmenter
from pelican.plugins.thai_search.sources import library_versions, module_files
from sitebuild import ROOT, article, build_site, write_content
from thai_core.memo import pass_version
from thai_speedups.content_cache import content_cache_version
from thai_speedups.incremental_writer import describe, render_key, site_key

PACKAGE = "pelican.plugins.thai_search"
# What a segmentation cache entry is made with: extract.py (the body text),
# segment.py and the modules the text pipeline imports.
PIPELINE = {"extract", "segment", "normalize", "tokens", "variants", "positions",
            "thai_chars", "term_keys", "newmm"}


@pytest.fixture
def edit(monkeypatch):
    """edit("x.py"): from now on, every read of a file named x.py sees it changed."""
    read = Path.read_bytes

    def edited(name):
        def read_edited(path):
            return read(path) + (b"\n# edited\n" if path.name == name else b"")
        monkeypatch.setattr(Path, "read_bytes", read_edited)
    return edited


def test_the_segmentation_key_covers_every_module_of_the_pipeline():
    found = {name.rpartition(".")[2] for name in module_files(CACHED_BY, [PACKAGE])}
    assert PIPELINE <= found


@pytest.mark.parametrize("module", ["thai_chars.py", "term_keys.py", "normalize.py", "newmm.py"])
def test_an_edit_to_an_imported_module_changes_the_segmentation_key(edit, module):
    before = Segmenter().fingerprint
    edit(module)
    assert Segmenter().fingerprint != before


@pytest.mark.parametrize("module", ["contract.py", "index_writer.py"])
def test_a_new_index_format_keeps_the_segmentation_cache(edit, module):
    """The file format (contract.py, the writer) is not what segmentation
    makes: a new format rewrites the index from the cache, in minutes,
    instead of segmenting the archive again."""
    assert module.removesuffix(".py") not in {
        name.rpartition(".")[2] for name in module_files(CACHED_BY, [PACKAGE])}
    before = Segmenter().fingerprint
    edit(module)
    assert Segmenter().fingerprint == before


def _marks_store_name(tmp_path) -> str:
    """The file name (with its version) of the English-marking memo a build opens."""
    thai_lang.configure(SimpleNamespace(settings={"CACHE_PATH": str(tmp_path)}))
    try:
        return thai_lang._memo.store.path.name
    finally:
        thai_lang.close_memo(None)


def test_an_edit_to_thai_chars_changes_the_english_marking_memo(tmp_path, edit):
    """latin.py tells Thai from Latin with thai_chars.SPELLING."""
    before = _marks_store_name(tmp_path)
    assert _marks_store_name(tmp_path) == before  # the same code: the same memo
    edit("thai_chars.py")
    assert _marks_store_name(tmp_path) != before


def _installed_as(root: Path, library: str, version: str) -> Path:
    """A folder whose dist-info says `library` is installed at `version`.
    First on the path, it is what importlib.metadata reports, as after an
    upgrade (the library's code stays the one installed)."""
    info = root / f"{library}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {library}\nVersion: {version}\n", encoding="utf-8")
    # Its plugins too (Markdown finds its extensions by entry point).
    entry_points = importlib.metadata.distribution(library).read_text("entry_points.txt")
    if entry_points:
        (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")
    return root


SETTINGS = {"THEME": str(ROOT / "theme"), "PLUGIN_PATHS": [str(ROOT / "plugins")]}
KEYS = {
    "segmentation cache": lambda: Segmenter().fingerprint,
    "sanitizer memo": lambda: pass_version(sanitize),
    "English marking memo": lambda: pass_version(latin),
    "render keys": lambda: site_key(SETTINGS, {}),
    "Pelican's content cache": lambda: content_cache_version(SETTINGS),
}
MADE_WITH = {
    "pythainlp": {"segmentation cache"},
    "beautifulsoup4": {"segmentation cache", "sanitizer memo", "English marking memo"},
    "pelican": {"render keys", "Pelican's content cache"},
    "jinja2": {"render keys"},
    "markupsafe": {"render keys"},
    "markdown": {"render keys", "Pelican's content cache"},
    "pygments": {"Pelican's content cache"},
    "pillow": set(),  # no cached text is made with it (image caches go by content)
}


def test_library_versions_name_python_and_each_library():
    line = library_versions(["pythainlp", "no-such-library", "beautifulsoup4"])
    assert f"python={sys.implementation.name} {sys.version}" in line
    assert f"pythainlp={importlib.metadata.version('pythainlp')}" in line
    assert "no-such-library=not installed" in line
    assert line == library_versions(["beautifulsoup4", "no-such-library", "pythainlp"])


@pytest.mark.parametrize("library", sorted(MADE_WITH))
def test_an_upgraded_library_changes_the_keys_of_what_it_made_and_only_those(
        tmp_path, monkeypatch, library):
    before = {name: key() for name, key in KEYS.items()}
    assert before == {name: key() for name, key in KEYS.items()}  # stable
    monkeypatch.syspath_prepend(str(_installed_as(tmp_path, library, "99.0")))
    assert importlib.metadata.version(library) == "99.0"
    changed = {name for name, key in KEYS.items() if key() != before[name]}
    assert changed == MADE_WITH[library]


def _state(cache: Path, log: str) -> dict:
    """What a build took from its caches, and under which versions."""
    segmented = re.search(r"thai_search: \d+ articles \((\d+) segmented", log)
    pages = re.search(r"thai_speedups: (\d+) unchanged pages not rendered again", log)
    return {
        "segmented": int(segmented[1]),
        "pages rendered": 4 - int(pages[1]),  # 3 articles and a page
        "sanitizer memo": [p.name for p in cache.glob("thai_news/html-*.sqlite")],
        "English marking memo": [p.name for p in cache.glob("thai_lang/marks-*.sqlite")],
        "Pelican's content cache": [p.name for p in cache.glob("ArticlesGenerator-Readers*")],
    }


# Library -> what a build after its upgrade makes again.
REBUILT = {
    "beautifulsoup4": {"segmented", "sanitizer memo", "English marking memo"},
    "pythainlp": {"segmented"},
    "jinja2": {"pages rendered"},
    "markdown": {"pages rendered", "Pelican's content cache"},
}


@pytest.mark.parametrize("library", sorted(REBUILT))
def test_a_build_after_an_upgrade_makes_again_what_the_old_library_made(
        tmp_path, monkeypatch, library):
    content = write_content(tmp_path / "content", {
        f"news/a{i}.md": article(title=f"ข่าวที่ {i} การส่งออก", slug=f"story-{i}",
                                 date=f"2024-03-{10 + i} 09:00",
                                 body=f"ย่อหน้าไทย {i}\n\nThe English passage {i} here.")
        for i in range(3)})
    content.joinpath("pages").mkdir()
    content.joinpath("pages/about.md").write_text("Title: เกี่ยวกับเรา\n\nหน่วยงาน\n",
                                                  encoding="utf-8")
    cache = tmp_path / "cache"
    settings = {"CACHE_PATH": str(cache), "LOAD_CONTENT_CACHE": True}
    first = build_site(content, tmp_path / "out", extra=settings, verbose=True)
    assert first.returncode == 0, first.log
    made = _state(cache, first.log)
    assert made["segmented"] == 3 and made["pages rendered"] == 4
    same = build_site(content, tmp_path / "out", extra=settings, verbose=True)
    assert same.returncode == 0, same.log
    assert _state(cache, same.log) == {**made, "segmented": 0, "pages rendered": 0}
    shutil.copytree(tmp_path / "out", tmp_path / "before")
    monkeypatch.setenv("PYTHONPATH", str(_installed_as(tmp_path / "upgraded", library, "99.0")))
    upgraded = build_site(content, tmp_path / "out", extra=settings, verbose=True)
    assert upgraded.returncode == 0, upgraded.log
    after = _state(cache, upgraded.log)
    again = {"segmented": after["segmented"] == 3, "pages rendered": after["pages rendered"] == 4}
    again.update((name, after[name] != made[name]) for name in made
                 if name not in ("segmented", "pages rendered"))
    assert {name for name, yes in again.items() if yes} == REBUILT[library]
    for name in ("sanitizer memo", "English marking memo", "Pelican's content cache"):
        assert len(after[name]) == 1  # the other version's file is gone
    assert_same_tree(tmp_path / "out", tmp_path / "before")


def test_a_render_key_tells_apart_every_two_descriptions():
    """render_key hashes a page's description (incremental_writer.describe)
    with marshal: equal descriptions give one key, different ones different
    keys, whatever objects hold the values (marshal 3 would tell apart a
    string seen twice from two equal strings)."""
    values = ["", "ab", ["ab"], ["a", "b"], [["a"], "b"], 1, "1", True, None, 1.0,
              ["ข่าว"], ["ขาว"], ["ข่าว", None], [None, "ข่าว"], [[]], [],
              [("title", "ราคายาง"), ("lead", "")], [("title", "ราคายาง", "lead", "")]]
    keys = [render_key("site", describe(v)) for v in values]
    assert len(set(keys)) == len(values)
    assert describe(("a", "b")) == describe(["a", "b"])  # a template reads them alike
    assert render_key("other", describe("ab")) != render_key("site", describe("ab"))
    shared = "ราคายาง" * 3
    assert render_key("site", [shared, shared]) == render_key("site", [shared, "ราคายาง" * 3])
    # A Markup (rendered unescaped), or an int subclass: its plain value, named.
    assert describe([Markup("<b>ข่าว</b>"), IntEnum("N", "one").one]) == \
        [("Markup", "<b>ข่าว</b>"), ("N", 1)]
    assert render_key("site", describe(Markup("ข่าว"))) != render_key("site", "ข่าว")


@pytest.mark.parametrize("module", ["compound_parts.py", "scoring.py", "early_postings.py",
                                    "kept_postings.py", "positions.py"])
def test_an_edit_to_the_code_of_the_postings_changes_the_kept_postings_stamp(edit, module):
    """The postings a build keeps (kept_postings.py) are made after the
    segmentation cache, by code its name does not cover."""
    config = {"fields": {"title": 10, "body": 1}, "compound_parts": {"min_length": 6}}
    before = stamp(["k1", "k2"], ["~c0", "~c1"], config)
    assert stamp(["k1", "k2"], ["~c0", "~c1"], config) == before
    edit(module)
    assert stamp(["k1", "k2"], ["~c0", "~c1"], config) != before
