"""Typos, build side: the key a word shares with its misspellings, the
correction files, and the shared vectors (tests/js/typos.test.js is the
browser side of tests/vectors/typos.json)."""

from __future__ import annotations

import json

from pythainlp.util import eng_to_thai, thai_to_eng

from pelican.plugins.thai_search.correction_files import correction_keys, write_corrections
from pelican.plugins.thai_search.index_files import PieceWriter
from pelican.plugins.thai_search.typos import deletes, lookup_keys, rules, skeleton
from sitebuild import ROOT

VECTORS = json.loads((ROOT / "tests" / "vectors" / "typos.json").read_text("utf-8"))


def test_the_vectors_hold_the_rules_the_build_writes():
    assert VECTORS["rules"] == rules()


def test_vectors_skeleton_and_deletes():
    for word, key in VECTORS["skeleton"]:
        assert skeleton(word) == key, word
    for key, cut in VECTORS["deletes"]:
        assert sorted(deletes(key)) == cut, key


def test_vectors_layout_are_pythainlps():
    for raw, mapped in VECTORS["layout"]:
        thai = any("\u0e01" <= c <= "\u0e5b" for c in raw)
        assert (thai_to_eng(raw) if thai else eng_to_thai(raw)) == mapped, raw


def test_the_key_forgets_slips_but_not_letters():
    # vowel length, tone marks, letters that sound alike, ใ/ไ, karan, ำ/ัม
    for typed, meant in [("สุขภาพ", "สุขภาพ"), ("ขาว", "ข่าว"), ("สึกสา", "ศึกษา"),
                         ("ไจ", "ใจ"), ("ประยุทธ", "ประยุทธ์"), ("กัมลัง", "กำลัง"),
                         ("พิเสษ", "พิเศษ")]:
        assert skeleton(typed) == skeleton(meant), typed
    assert skeleton("กาว") != skeleton("ข่าว")  # another letter is no slip
    assert skeleton("เรือ") != skeleton("เสือ")


def test_a_dropped_or_extra_letter_is_one_deletion_away():
    assert skeleton("สาธารณสุข")[:-1] in lookup_keys("สาธารณสุข")  # สาธารณสุ...
    assert skeleton("กระทรวง") in lookup_keys("กระทรวงง") | {skeleton("กระทรวงง")}
    assert lookup_keys("กระทวง") & lookup_keys("กระทรวง")  # dropped ร
    assert deletes("ขาว") == set()  # short keys: no deletions (too many neighbours)


def test_correction_keys_keep_common_words_commonest_first():
    df = {"ข่าว": 40, "ขาว": 3, "ข้าว": 12, "~ครม": 9, "ก": 5, "เฉพาะกิจ": 1, "2566": 30}
    assert ["เฉพาะกิจ", 1] in correction_keys(df)["เฉพาะกิจ"]  # every word by default
    assert "2566" not in correction_keys(df)  # numbers are never typos
    keyed = correction_keys(df, min_df=2)
    assert keyed["ขาว"] == [["ข่าว", 40], ["ข้าว", 12], ["ขาว", 3]]
    assert not any(term.startswith("~") or term == "ก" or term == "เฉพาะกิจ"
                   for terms in keyed.values() for term, _ in terms)
    assert list(keyed) == sorted(keyed)


def test_correction_files_are_split_and_named_by_the_table(tmp_path):
    df = {f"คำ{chr(0x0e01 + i)}ทดสอบ": i + 2 for i in range(40)}
    name = write_corrections(PieceWriter(tmp_path), df, piece_bytes=600, pieces_per_group=4)
    table = json.loads((tmp_path / "s" / f"{name}.json").read_text("utf-8"))
    pieces = table["pieces"]
    assert pieces["count"] > 1 and len(pieces["bounds"]) == pieces["count"]
    assert table["deleteMin"] == rules()["deleteMin"] and table["layout"]["l"] == "ส"
    merged = {}
    for i in range(pieces["count"]):
        version = pieces["groups"][i // pieces["perGroup"]]
        merged.update(json.loads((tmp_path / "s" / f"{i}-{version}.json").read_text("utf-8")))
    assert merged == correction_keys(df)
