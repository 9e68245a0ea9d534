"""Pair positions (pairs.py): the commonest words, which keep no positions,
kept with their neighbours in the title and the lead."""

from __future__ import annotations

import json
from bisect import bisect_right
from pathlib import Path

import pytest

from pelican.plugins.thai_search.index_files import code_bounds
from pelican.plugins.thai_search.index_writer import Doc, write_index
from pelican.plugins.thai_search.pairs import (
    adjacent_pairs,
    by_field,
    pair_key,
    write_pair_files,
)
from pelican.plugins.thai_search.positions import key_span
from pelican.plugins.thai_search.segment import Segmenter

VECTORS = json.loads((Path(__file__).parent / "vectors" / "pairs.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def plain():
    return Segmenter()


def pairs_of(docs, paired, fields=(0,)):
    """{key: [(field, doc, start), ...]} from adjacent_pairs."""
    found = adjacent_pairs(docs, list(fields), set(paired))
    return {key: [tuple(t[i:i + 3]) for i in range(0, len(t), 3)] for key, t in found.items()
            for t in [t.tolist()]}


def test_a_paired_word_pairs_with_every_term_at_its_boundaries():
    # ราคายางพารา: ยางพารา cut whole, with its parts ยาง and พารา (and a key)
    terms = ["ราคา", "ยางพารา", "ยาง", "พารา", "~ยาง"]
    starts = [0, 4, 4, 7, 4 * 1024 + 3]
    # A pair with a key keeps its span, from ราคา's start to the key's end.
    found = pairs_of([([terms], [starts])], {"ราคา"})
    assert found == {"ราคา ยางพารา": [(0, 0, 0)], "ราคา ยาง": [(0, 0, 0)],
                     "ราคา ~ยาง": [(0, 0, key_span(0, 7))]}
    # what precedes it, too; and each pair once where both keep pairs
    found = pairs_of([([terms], [starts])], {"ยาง", "ราคา"})
    assert found == {"ราคา ยางพารา": [(0, 0, 0)], "ราคา ยาง": [(0, 0, 0)],
                     "ราคา ~ยาง": [(0, 0, key_span(0, 7))], "ยาง พารา": [(0, 0, 4)]}


def test_a_variant_key_keeps_pairs_with_the_spans_of_its_forms():
    # นายกรัฐมนตรีเวียดนาม / นรม.เวียดนาม: the key ~นรม stands for forms of
    # other lengths; its pairs keep [start, end] spans, as its positions do.
    docs = [([["นายกรัฐมนตรี", "~นรม", "เวียดนาม"]], [[0, key_span(0, 12), 12]]),
            ([["เวียดนาม", "นรม", "~นรม"]], [[0, 8, key_span(8, 11)]])]
    assert pairs_of(docs, {"~นรม"}) == {
        "~นรม เวียดนาม": [(0, 0, key_span(0, 20))],
        "เวียดนาม ~นรม": [(0, 1, key_span(0, 11))]}
    written = {}

    def write(raw: bytes) -> str:
        written[f"f{len(written)}"] = json.loads(raw)
        return f"f{len(written) - 1}"

    write_pair_files(adjacent_pairs(docs, [0], {"~นรม"}), [""], 10, write, 16_000)
    assert written["f0"] == {"~นรม เวียดนาม": [[0, [0], [1], [0, 20]]],
                             "เวียดนาม ~นรม": [[0, [1], [1], [0, 11]]]}


def test_a_pair_file_is_written_as_the_shared_vector_says():
    """The browser's side reads the same file (tests/js/pairs.test.js)."""
    case = VECTORS["file"]
    docs = [([[t[0] for t in doc]], [[key_span(t[1], t[2]) if len(t) == 3 else t[1]
                                       for t in doc]]) for doc in case["docs"]]
    written = {}

    def write(raw: bytes) -> str:
        written["f"] = json.loads(raw)
        return "f"

    write_pair_files(adjacent_pairs(docs, [0], set(case["paired"])), [""], 10, write, 16_000)
    assert written["f"] == case["file"]
    for stands in case["stands"]:
        assert pair_key(stands["first"], stands["second"]) in written["f"]


def test_pairs_need_the_words_side_by_side_in_one_field():
    # ราคา ... ยาง apart in the title; together in the lead (field 1)
    docs = [([["ราคา", "ทอง", "ยาง"], ["ราคา", "ยาง"]], [[0, 4, 9], [0, 4]]),
            ([["ยาง", "ราคา"], []], [[0, 3], []]),
            ([["ราคา", "ยาง"], ["ราคา", "ยาง"]], None)]  # no positions known: none
    assert pairs_of(docs, {"ยาง"}, fields=(0, 1)) == {
        "ราคา ยาง": [(1, 0, 0)], "ยาง ราคา": [(0, 1, 0)]}
    assert pairs_of(docs, {"ยาง"}, fields=(0,)) == {"ยาง ราคา": [(0, 1, 0)]}


def test_a_pairs_occurrences_group_by_field_then_document():
    docs = [([["ราคา", "ยาง", "ราคา", "ยาง"], ["ราคา", "ยาง"]], [[0, 4, 8, 12], [0, 4]]),
            ([["ราคา", "ยาง"], []], [[5, 9], []])]
    triples = adjacent_pairs(docs, [0, 1], {"ยาง"})["ราคา ยาง"]
    assert [(f, ids.tolist(), tfs.tolist(), at.tolist()) for f, (ids, tfs, at)
            in by_field(triples)] == [(0, [0, 1], [2, 1], [0, 8, 5]), (1, [0], [1], [0])]


def test_pair_keys_sort_into_the_piece_the_browser_looks_in():
    # the same vectors as tests/js/pairs.test.js
    bounds = VECTORS["bounds"]
    assert code_bounds(bounds) == VECTORS["codedBounds"]  # as the manifest holds them
    for case in VECTORS["cases"]:
        key = pair_key(case["first"], case["second"])
        assert key == case["key"]
        assert max(0, bisect_right(bounds, key) - 1) == case["piece"], key


def build(folder, texts, plain, **options):
    docs = []
    for i, text in enumerate(texts):
        terms, starts = plain.terms_at(text)
        docs.append(Doc(url=f"n{i}/", title=text, date="2024-01-01", category="ข่าว", text=text,
                        terms=[terms, ["~c0"]], starts=[starts, [0]]))
    return write_index(folder, docs, fields=["title", "facet"], boosts=[10, 0],
                       known_words=set(), variants={"terms": {}, "phrases": {}},
                       piece_bytes=10_000, docs_per_chunk=4, settings={}, common_df=1,
                       **options)


def test_the_index_lists_pair_files_in_the_piece_where_pairs_sort(tmp_path, plain):
    report = {}
    manifest = build(tmp_path, ["ราคายาง", "ราคาทอง", "ยางราคา ราคายาง", "ราคายาง"], plain,
                     positions_max=2, pair_fields=[0], report=report)
    assert manifest["pairFields"] == [0]
    piece = json.loads(next((tmp_path / "t").glob("*.json")).read_text("utf-8"))
    # ราคา (5 times) and ยาง (4) keep no positions, but pairs ("a")
    assert piece["terms"]["ราคา"]["a"] == 1 and "p" not in piece["terms"]["ราคา"]
    assert piece["terms"]["ยาง"]["a"] == 1
    assert "a" not in piece["terms"]["ทอง"]  # it has positions of its own
    files = {}
    for _first, name in piece["q"]:
        files.update(json.loads((tmp_path / "p" / f"{name}.json").read_text("utf-8")))
    # ราคา ยาง occurs 3 times, more than positions_max: 0, it cannot be
    # checked; one space apart still stands together (ราคา ราคา)
    assert files == {"ราคา ทอง": [[0, [1], [1], [0]]], "ยาง ราคา": [[0, [2], [1], [0]]],
                     "ราคา ราคา": [[0, [2], [1], [3]]], "ราคา ยาง": 0}
    assert report["paired words"] == 2 and report["pairs"] == 4


def test_no_pair_fields_no_pairs(tmp_path, plain):
    manifest = build(tmp_path, ["ราคายาง", "ราคาทอง ราคายาง"], plain, positions_max=1)
    assert manifest["pairFields"] == []
    piece = json.loads(next((tmp_path / "t").glob("*.json")).read_text("utf-8"))
    assert "q" not in piece and "a" not in piece["terms"]["ราคา"]


def test_pair_files_split_by_size_and_each_pair_is_in_the_file_the_browser_picks():
    from array import array

    from pelican.plugins.thai_search.pairs import write_pair_files

    bounds = ["", "ก", "ทอง", "ราคา", "ไทย"]
    words = ["กรม", "ทอง", "ทองคำ", "ราคา", "ราคากลาง", "ไทย", "ไทยเบฟ", "2566"]
    pairs = {pair_key(x, y): array("i", [0, i, 0]) for i, (x, y) in
             enumerate((x, y) for x in words for y in ("ไทย", "ยาง", "ราคา"))}
    pairs[pair_key("ไทย", "ไทย")] = array("i", [0, 1, 0, 0, 2, 0])  # 2 > positions_max
    written = {}

    def write(raw):
        name = f"{len(written):012x}"
        written[name] = json.loads(raw)
        return name

    listed = write_pair_files(pairs, bounds, 1, write, file_bytes=60)
    assert sum(map(len, listed.values())) > len(listed)  # some piece has several files
    seen = {}
    for piece, files in listed.items():
        firsts = [first for first, _name in files]
        assert firsts == sorted(firsts)
        for first, name in files:
            assert first == min(written[name])
            for key in written[name]:
                # the piece where the key sorts, then the last file starting at or before it
                assert max(0, bisect_right(bounds, key) - 1) == piece
                assert files[bisect_right(firsts, key) - 1][1] == name
                seen[key] = written[name][key]
    assert seen.keys() == pairs.keys()
    assert seen[pair_key("ไทย", "ไทย")] == 0
    assert seen[pair_key("กรม", "ยาง")] == [[0, [1], [1], [0]]]
