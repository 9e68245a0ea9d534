"""The terms' entries computed on two cores (thai_search/term_entries.py)
give the very index that one core gives: every file, byte for byte."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from pelican.plugins.thai_search import index_process
from pelican.plugins.thai_search.index_writer import Doc, write_index
from pelican.plugins.thai_search.segment import Segmenter
from pelican.plugins.thai_search.term_entries import Rules, term_entries

WORDS = ("ราคา ยาง พารา เกษตรกร ชาวสวน กระทรวง เกษตร และ สหกรณ์ ประชุม คณะรัฐมนตรี "
         "นายกรัฐมนตรี ประเทศไทย ส่งออก ทุเรียน จังหวัด สงขลา ท่องเที่ยว เมือง รอง ที่ การ "
         "ใน มี ให้ ได้ โครงการ งบประมาณ ปี 2567 COVID-19 ASEAN").split()


@pytest.fixture(scope="module")
def docs():
    """120 documents of three fields, words drawn with a skew (some in most
    documents: bitmaps, own positions files, pairs; some in a few)."""
    segmenter = Segmenter()
    draw = random.Random(7)
    weights = [1 / (i + 1) for i in range(len(WORDS))]
    out = []
    for i in range(120):
        fields = []
        for size in (4, 10, 60):
            text = "".join(draw.choices(WORDS, weights, k=size))
            fields.append(segmenter.terms_at(text))
        out.append(Doc(url=f"n{i}/", title=f"ข่าว {i}", date=f"2024-01-{1 + i % 28:02d}",
                       category=["ข่าว", "ประกาศ"][i % 2], text=f"ข่าวที่ {i}",
                       terms=[*(t for t, _ in fields), [f"~c{i % 2}"]],
                       starts=[*(s for _, s in fields), [0]]))
    return out


OPTIONS = {"fields": ["title", "meta", "body", "facet"], "boosts": [10, 3, 1, 0],
           "known_words": {"มังคุด"}, "variants": {"terms": {}, "phrases": {}},
           "piece_bytes": 4_000, "docs_per_chunk": 8, "settings": {}, "common_df": 40,
           "page_df": 10, "positions_max": 150, "pair_fields": [0, 1]}


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.skipif(not index_process.available(), reason="two cores need Linux (prctl)")
def test_two_processes_write_the_index_one_writes(tmp_path, docs):
    one = write_index(tmp_path / "one", docs, **OPTIONS, processes=1)
    two = write_index(tmp_path / "two", docs, **OPTIONS, processes=2)
    assert one == two
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    # The fixture makes every kind of entry: bitmaps with files of their own,
    # words with pairs instead of positions, and plain postings.
    rules = Rules(OPTIONS["fields"], OPTIONS["boosts"], 40, 256, 10, 10, 150, [0, 1])
    entries = term_entries(docs, rules, processes=2)
    assert any(e.own for e in entries.values())
    assert any(b'"a":1' in e.raw for e in entries.values())  # keeps pairs
    assert any(e.place for e in entries.values())
    assert entries == term_entries(docs, rules, processes=1)


def test_an_index_that_consumes_its_documents_is_the_same_index(tmp_path, docs):
    """write_index(consume=True) lets go of the documents' terms and starts
    once it has their postings and pairs: the very same files."""
    from dataclasses import replace

    kept = write_index(tmp_path / "kept", docs, **OPTIONS)
    own = [replace(d, terms=[list(t) for t in d.terms], starts=[list(s) for s in d.starts])
           for d in docs]
    consumed = write_index(tmp_path / "consumed", own, **OPTIONS, consume=True)
    assert kept == consumed
    assert _files(tmp_path / "kept") == _files(tmp_path / "consumed")
    assert all(d.terms is None and d.starts is None for d in own)
    assert all(d.terms is not None for d in docs)


@pytest.mark.skipif(not index_process.available(), reason="two cores need Linux (prctl)")
def test_a_failing_second_share_fails_with_its_error(docs, monkeypatch, capfd):
    from pelican.plugins.thai_search import term_entries as module

    real = module._entries

    parent = os.getpid()

    def second_fails(postings, terms, *rest):
        if os.getpid() != parent:  # the forked half
            raise MemoryError("no room for the second share")
        return real(postings, terms, *rest)

    monkeypatch.setattr(module, "_entries", second_fails)
    rules = Rules(OPTIONS["fields"], OPTIONS["boosts"], 40, 256, 10, 10, 150, [0, 1])
    with pytest.raises(RuntimeError, match=r"half of the index's terms failed \(exit code 1\)"):
        term_entries(docs, rules, processes=2)
    assert "MemoryError: no room for the second share" in capfd.readouterr().err
