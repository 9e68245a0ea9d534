"""The postings a build keeps for the next (thai_search/kept_postings.py):
read back the same, used by the next build's guess only when they are
those of its last list of articles, and never when damaged; patched, they
are the postings of documents added from scratch."""

from __future__ import annotations

import copy
from array import array
from collections import Counter

import pytest
from test_early_postings import CONFIG, TEXTS, _same, _scratch, _step, _value

from pelican.plugins.thai_search.early_postings import Guessing
from pelican.plugins.thai_search.kept_postings import load, postings_path, save, stamp
from pelican.plugins.thai_search.scoring import Postings
from pelican.plugins.thai_search.segment import Segmenter
from pelican.plugins.thai_search.settings import pair_field_ids

KEPT = {**CONFIG, "pair_fields": ["title"]}


@pytest.fixture(scope="module")
def plain():
    return Segmenter()


def _postings() -> Postings:
    postings = Postings(["title", "body", "~"])
    postings.add(0, [["ข่าว"], ["ราคา", "ยาง", "ราคา"], ["~c0"]],
                 [array("i", [0]), array("i", [0, 4, 9]), array("i", [0])])
    postings.add(1, [["ยาง"], [], ["~c1"]])  # no positions: none kept for it
    return postings


def test_kept_postings_read_back_the_same_and_only_with_their_stamp(tmp_path):
    path = postings_path(tmp_path / "segments-x.sqlite")
    assert path.name == "segments-x.sqlite.postings"  # pruned with the cache (Store)
    assert load(path, "a") is None  # none yet
    postings, df = _postings(), Counter({"ข่าว": 1, "ราคา": 1, "ยาง": 2})
    save(path, "a", postings, df)
    read, read_df = load(path, "a")
    assert _same(read, postings) and read_df == df
    assert load(path, "b") is None  # another list of articles, fields or rule
    raw = path.read_bytes()
    for damaged in (raw[:-1], raw + b"x", raw[:40] + bytes([raw[40] ^ 1]) + raw[41:],
                    raw[:-70], b"nothing"):
        path.write_bytes(damaged)
        assert load(path, "a") is None


def test_the_stamp_follows_the_articles_their_categories_the_fields_and_the_rule():
    keys, facets = ["k1", "k2"], ["~c0", "~c1"]
    mark = stamp(keys, facets, KEPT)
    assert mark == stamp(list(keys), list(facets), dict(KEPT))
    assert mark != stamp(keys[::-1], facets, KEPT)
    assert mark != stamp(keys, ["~c0", "~c0"], KEPT)
    assert mark != stamp(keys, facets, {**KEPT, "fields": {"body": 1, "title": 10}})
    assert mark != stamp(keys, facets, {**KEPT, "compound_parts": {}})


@pytest.mark.parametrize(("before", "after"), [
    (["rail", "train", "way", "rubber", "market"],
     ["rail", "train", "way", "plain", "market"]),  # one article edited
    (["rail", "train", "way", "rubber", "market"],  # one whose body had parts (ทางรถไฟ)
     ["plain", "train", "way", "rubber", "market"]),
    (["rail", "train", "way", "rubber", "market"],
     ["rail", "train", "way", "rubber", "market", "ministry"]),  # the newest added
    (["rail", "train", "rail", "rubber", "market", "rail"],  # one text, three articles
     ["rail", "train", "rail", "plain", "market", "rail", "ministry", "ministry"]),
], ids=["edited", "compound-edited", "added", "same-text"])
def test_kept_postings_patched_are_the_postings_added_from_scratch(plain, tmp_path, before,
                                                                     after, caplog):
    values = {k: _value(plain, *TEXTS[k]) for k in TEXTS}
    read = copy.deepcopy(values)
    last, step = _step(before), _step(after)
    order = (last.keys, [last.categories[r[3]] for r in last.rows])
    # What the last build kept: its postings, and its frequencies before parts.
    fields, _starts, _split, postings = _scratch(plain, last, copy.deepcopy(values))
    df = _frequencies(read, last.keys)
    path = tmp_path / "segments.postings"
    save(path, stamp(*order, KEPT), postings, df)
    guessing = Guessing(order, [values[k] for k in last.keys], plain, KEPT, path)
    guessing._thread.join()
    assert guessing._guess.kept  # read, not added
    prepared = guessing.settle(step, values)
    assert prepared is not None, caplog.text
    expected = _scratch(plain, step, read)
    assert _same(prepared.postings, expected[3])
    assert prepared.split == expected[2]
    # The term lists that the index still reads (pairs.py) have their parts.
    for got, want in zip(prepared.fields, expected[0], strict=True):
        assert [got[f] for f in pair_field_ids(KEPT)] == [want[f] for f in pair_field_ids(KEPT)]
    for got, want in zip(prepared.starts, expected[1], strict=True):
        assert [got[f] for f in pair_field_ids(KEPT)] == [want[f] for f in pair_field_ids(KEPT)]
    assert prepared.df == _frequencies(read, step.keys)


def _frequencies(values, keys) -> Counter:
    df = Counter()
    for k in keys:
        df.update(set().union(*values[k][1]))
    return df
