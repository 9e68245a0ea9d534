"""Cache keys cover all the code behind a cached result: the segmentation
cache's fingerprint and the HTML-pass memos' versions are hashes of their
modules and of every module of the project those import (sources.py), so an
edit to thai_chars.py, say, is never answered with stale results."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

import thai_lang.thai_lang as thai_lang
from pelican.plugins.thai_search.segment import CACHED_BY, Segmenter
from pelican.plugins.thai_search.sources import module_files

PACKAGE = "pelican.plugins.thai_search"
# What a segmentation cache entry is made with: extract.py (the body text),
# segment.py and the modules the text pipeline imports.
PIPELINE = {"extract", "segment", "normalize", "tokens", "variants", "positions",
            "thai_chars", "contract"}


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


@pytest.mark.parametrize("module", ["thai_chars.py", "contract.py", "normalize.py"])
def test_an_edit_to_an_imported_module_changes_the_segmentation_key(edit, module):
    before = Segmenter().fingerprint
    edit(module)
    assert Segmenter().fingerprint != before


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
