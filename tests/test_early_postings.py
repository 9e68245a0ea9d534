"""A rebuild's postings guessed from the last build's articles and patched
(thai_search/early_postings.py): patched, they are the postings and
compound parts of documents added from scratch; when the guess cannot be
patched it says so, and leaves the cache's term lists as they were.

Pelican logs a message once per process (its LimitFilter): each case
below that looks for a message in the log looks for a different one."""

from __future__ import annotations

import copy
import logging
from array import array
from types import SimpleNamespace

import pytest

from pelican.plugins.thai_search import early_postings
from pelican.plugins.thai_search.compound_parts import add_compound_parts
from pelican.plugins.thai_search.contract import FACET_FIELD
from pelican.plugins.thai_search.early_postings import (
    Guessing,
    documents,
    load_order,
    order_path,
    save_order,
)
from pelican.plugins.thai_search.safe_files import write_checked
from pelican.plugins.thai_search.scoring import Postings
from pelican.plugins.thai_search.segment import Segmenter

CONFIG = {"fields": {"title": 10, "body": 1},
          "compound_parts": {"min_length": 6, "always_length": 10, "part_ratio": 0.05}}
TEXTS = {"rail": ("ทางรถไฟ", "ทางรถไฟสายใหม่ เปิดใช้ทางรถไฟ"),
         "train": ("รถไฟ", "รถไฟขบวนใหม่"),
         "way": ("ทาง", "ทางเดินริมน้ำ"),
         "rubber": ("ราคายาง", "ราคายางพาราวันนี้ ยางพารา"),
         "market": ("ตลาด", "ตลาดนัดชุมชน ราคา ยาง"),
         "ministry": ("ข่าว", "กระทรวงอุตสาหกรรมแถลงข่าว"),
         "plain": ("ข่าว", "ข่าวประจำวัน")}


@pytest.fixture(scope="module")
def plain():
    return Segmenter()


def _value(segmenter, title: str, body: str):
    """A segmentation cache value as index_step.Found keeps it: body text,
    terms and positions per field."""
    fields = [segmenter.terms_at(title), segmenter.terms_at(body)]
    return body, [list(t) for t, _ in fields], [s for _, s in fields]


def _step(names: list[str], categories: list[str] | None = None):
    categories = categories or ["ข่าว"] * len(names)
    terms = {c: f"~c{i}" for i, c in enumerate(sorted(set(categories)))}
    return SimpleNamespace(keys=list(names), categories=terms,
                           rows=[(f"/{n}", n, "2024-01-01", c)
                                 for n, c in zip(names, categories, strict=True)])


def _scratch(segmenter, step, values):
    """The documents and postings as a build adds them from scratch."""
    fields, starts = documents(step.keys, [copy.deepcopy(values[k]) for k in step.keys])
    split = add_compound_parts(segmenter, fields, starts, **CONFIG["compound_parts"])
    postings = Postings([*CONFIG["fields"], FACET_FIELD])
    for d, row in enumerate(step.rows):
        postings.add(d, [*fields[d], [step.categories[row[3]]]],
                     [*starts[d], array("i", [0])])
    return fields, starts, split, postings


def _same(a: Postings, b: Postings) -> bool:
    return (a._docs, a._tfs, a._pos, a.lengths, a.document_count) == \
        (b._docs, b._tfs, b._pos, b.lengths, b.document_count)


def _guessed(segmenter, before):
    """The cache's values, a copy of them as read, and the guess (waited for)."""
    values = {k: _value(segmenter, *TEXTS[k]) for k in TEXTS}
    read = copy.deepcopy(values)
    order = (before.keys, [before.categories[r[3]] for r in before.rows])
    guessing = Guessing(order, [values[k] for k in before.keys], segmenter, CONFIG)
    guessing._thread.join()
    return values, read, guessing


@pytest.mark.parametrize(("before", "after"), [
    (["rail", "train", "way", "rubber", "market"],
     ["rail", "train", "way", "plain", "market"]),  # one article edited
    (["rail", "train", "way", "rubber", "market"],
     ["rail", "train", "way", "rubber", "market", "plain"]),  # the newest added
    (["rail", "train", "way", "rubber", "market"],
     ["rail", "train", "way", "ministry", "market"]),  # a word split only where edited
    (["rail", "train", "rail", "rubber", "market", "rail"],  # one text, three articles
     ["rail", "train", "rail", "plain", "market", "rail", "ministry", "ministry"]),
], ids=["edited", "added", "new-compound", "same-text"])
def test_patched_postings_are_the_postings_added_from_scratch(plain, before, after, caplog):
    values, read, found = _guessed(plain, _step(before))
    step = _step(after)
    expected = _scratch(plain, step, read)
    prepared = found.settle(step, values)
    assert prepared is not None, caplog.text
    assert (prepared.fields, prepared.starts, prepared.split) == expected[:3]
    assert _same(prepared.postings, expected[3])


@pytest.mark.parametrize(("after", "categories", "why"), [
    # ทาง no longer stands alone: ทางรถไฟ, in an unchanged article, is not split
    (["rail", "train", "plain", "rubber", "market"], None, "the compounds to split changed"),
    (["rail", "train", "way", "rubber"], None, "articles were removed"),
    (["rail", "way", "train", "rubber", "market"], None, "an article moved"),
    (["rail", "train", "way", "rubber", "market"], ["ข่าว"] * 4 + ["กีฬา"],
     "an article changed only its category"),
], ids=["plan", "removed", "moved", "category"])
def test_a_guess_that_cannot_be_patched_leaves_the_terms_as_read(plain, after, categories,
                                                                  why, caplog):
    caplog.set_level(logging.INFO)
    before = _step(["rail", "train", "way", "rubber", "market"])
    values, read, found = _guessed(plain, before)
    assert values["rail"] != read["rail"]  # ทางรถไฟ's parts were added
    assert found.settle(_step(after, categories), values) is None
    assert why in caplog.text
    assert values == read  # the parts taken off again, terms and positions


def test_too_many_changed_articles_are_added_again(plain, caplog):
    caplog.set_level(logging.INFO)
    names = [f"n{i}" for i in range(200)]
    values = {n: _value(plain, "ข่าว", f"ทางรถไฟที่ {i}") for i, n in enumerate(names)}
    read = copy.deepcopy(values)
    found = Guessing((names, ["~c0"] * 200), [values[n] for n in names], plain, CONFIG)
    edited = [f"e{i}" for i in range(65)]  # more than PATCH_MIN, and than 1 in 50
    values.update({e: _value(plain, "แก้", f"แก้ไข {i}") for i, e in enumerate(edited)})
    assert found.settle(_step(edited + names[65:]), values) is None
    assert "65 articles changed or moved" in caplog.text
    assert {n: values[n] for n in names} == read


def test_a_guess_that_fails_leaves_the_index_to_be_written_from_scratch(plain, caplog,
                                                                        monkeypatch):
    calls = []

    def failing(*args):
        calls.append(args)
        if len(calls) == 3:
            raise MemoryError("no room")
        early_postings_add_parts(*args)

    early_postings_add_parts = early_postings.add_parts
    monkeypatch.setattr(early_postings, "add_parts", failing)
    before = _step(["rail", "train", "way", "rubber", "market"])
    values, read, found = _guessed(plain, before)
    assert found.settle(_step(["rail", "train", "way", "plain", "market"]), values) is None
    assert "adding the postings while Pelican read failed (MemoryError: no room)" in caplog.text
    assert values == read


def test_the_order_is_kept_beside_the_cache_and_a_damaged_one_is_ignored(tmp_path):
    step = _step(["rail", "train"], ["ข่าว", "กีฬา"])
    step.cache = tmp_path / "segments-x.sqlite"
    assert load_order(step.cache) is None  # none yet
    save_order(step)
    assert load_order(step.cache) == (["rail", "train"], ["~c1", "~c0"])
    raw = order_path(step.cache).read_bytes()
    order_path(step.cache).write_bytes(raw.replace(b"rail", b"ruin"))
    assert load_order(step.cache) is None
    write_checked(order_path(step.cache), b'{"keys": ["a"], "facets": []}')
    assert load_order(step.cache) is None
