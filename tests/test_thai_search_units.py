"""Unit tests: word list, variant tables, segmentation rules, index pieces."""

from __future__ import annotations

import json
import re

import pytest

from pelican.plugins.thai_search.completions import piece_of, wide_prefixes
from pelican.plugins.thai_search.compound_parts import add_compound_parts
from pelican.plugins.thai_search.extract import html_text
from pelican.plugins.thai_search.index_files import (
    PieceWriter,
    cut_points,
    decode_bounds,
    separator,
    write_groups,
)
from pelican.plugins.thai_search.index_writer import FORMAT_VERSION, Doc, write_index
from pelican.plugins.thai_search.positions import cut_words, key_span
from pelican.plugins.thai_search.scoring import Postings, idf, weight
from pelican.plugins.thai_search.segment import Segmenter, read_word_list
from pelican.plugins.thai_search.text_files import decode_text
from pelican.plugins.thai_search.variants import TableError, Variants, is_spelling_of, read_table


@pytest.fixture(scope="module")
def plain():
    return Segmenter()


def test_word_list_extends_the_default_dictionary(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("# names\nชูชัยบุรีศรีอัมพวา\n  รถไฟทางคู่  # a comment\n\n", "utf-8")
    assert read_word_list(words) == ["ชูชัยบุรีศรีอัมพวา", "รถไฟทางคู่"]
    seg = Segmenter(read_word_list(words))
    assert "ชูชัยบุรีศรีอัมพวา" in seg.words
    assert "กระทรวง" in seg.words  # merged, not replaced
    assert "ชูชัยบุรีศรีอัมพวา" in seg.terms("โรงแรมชูชัยบุรีศรีอัมพวา")
    assert seg.fingerprint != Segmenter().fingerprint


def test_dictionary_words_with_a_space_are_dropped(plain):
    assert not any(" " in w for w in plain.words)
    assert plain.terms("บ่อย ๆ") == plain.terms("บ่อยๆ") == ["บ่อย"]


def test_compounds_are_indexed_with_their_parts(plain):
    docs = [[plain.terms("กระทรวงอุตสาหกรรม")], [plain.terms("ทางรถไฟสายใหม่")],
            [plain.terms("รถไฟ ทาง")], [plain.terms("จังหวัดสมุทรสงคราม")],
            [plain.terms("จังหวัดน่าน")], [plain.terms("ไข้ หวัด")]] + [
            [plain.terms("ประชาชนในจังหวัด")] for _ in range(30)]
    assert plain.terms("จังหวัด") == ["จังหวัด"]  # segmentation alone never splits
    add_compound_parts(plain, docs)
    # Long compounds always keep their parts.
    assert {"กระทรวง", "อุตสาหกรรม"} <= set(docs[0][0])
    # Shorter ones when the archive uses each part as a word of its own...
    assert "รถไฟ" in docs[1][0]
    # ...but a chance spelling inside a word is not a part: หวัด (a cold) is
    # rare on its own next to the 32 documents with จังหวัด.
    assert "หวัด" not in docs[3][0] and "วัด" not in docs[3][0]


def test_unknown_names_are_also_indexed_whole(plain):
    terms = plain.terms("นายสุรพล ชามาตย์")
    assert "ชามาตย์" in terms or {"ชา", "มาตย์"} <= set(terms)


def test_latin_numbers_and_abbreviations(plain):
    assert plain.terms("COVID-19") == ["covid-19", "covid", "19"]
    assert plain.terms("Line@") == ["line@", "line"]
    assert plain.terms("๒๕๖๖") == ["2566"]
    assert "ธกส" in plain.terms("ธ.ก.ส.")


def test_variant_table_groups(tmp_path):
    table = tmp_path / "variants.txt"
    table.write_text("# c\nดิจิทัล = ดิจิตอล\nครม. = คณะรัฐมนตรี\nโควิด 19 = COVID-19\n", "utf-8")
    variants = Variants.from_groups(read_table(table))
    assert variants.terms == {"ดิจิทัล": "~ดิจิทัล", "ดิจิตอล": "~ดิจิทัล",
                              "ครม": "~ครม", "คณะรัฐมนตรี": "~ครม", "covid-19": "~โควิด19"}
    assert variants.phrases == {"โควิด 19": "~โควิด19"}  # a space: matched as a phrase
    seg = Segmenter(variants=variants)
    assert "~ครม" in seg.terms("ที่ประชุมคณะรัฐมนตรี")
    assert "~โควิด19" in seg.terms("ผู้ป่วยโควิด 19 รายใหม่")
    # A one-word form never matches inside a longer word.
    assert "~ครม" not in Segmenter(variants=Variants.from_groups([["อก.", "กระทรวงอุตสาหกรรม"]])
                                   ).terms("ส่งออก")


def test_a_variant_form_is_indexed_however_newmm_would_cut_it():
    """Found by tests/test_pipeline_fuzz.py: the browser reads ก.อุตฯ and
    ก.อุต as the form กอุต, so the index must have it (and its key) too."""
    seg = Segmenter(variants=Variants.from_groups([["ก.อุตฯ", "อก.", "กระทรวงอุตสาหกรรม"]]))
    assert seg.newmm("ผู้บริหารก.อุตฯ") == ["ผู้บริหาร", "ก.อุตฯ"]  # as written, in the dictionary
    assert "~กอุต" in seg.terms("ผู้บริหาร ก.อุตฯ ลงนาม")
    assert {"กอุต", "~กอุต"} <= set(seg.terms("ก.อุต ร่วมกับ"))  # ก. อุ ต, joined
    assert "~กอุต" not in seg.terms("การส่งออก.")  # never inside a longer word


def test_a_long_variant_form_stands_whole_where_newmm_cuts_across_it():
    """Found by bench/pipeline_fuzz.py: after a stray letter newmm reads
    รกระทรวงอุตสาหกรรม as รก ระ ทรวง อุตสาหกรรม, the browser as ร and the
    ministry. A full name is kept whole, as the browser reads it; where
    newmm already cuts at its ends, or a word cannot begin there, nothing
    changes."""
    seg = Segmenter(variants=Variants.from_groups([["อก.", "กระทรวงอุตสาหกรรม"]]))
    assert seg.newmm("รกระทรวงอุตสาหกรรม") == ["ร", "กระทรวงอุตสาหกรรม"]
    assert seg.terms("รกระทรวงอุตสาหกรรม") == ["ร", "กระทรวงอุตสาหกรรม", "~อก"]
    assert seg.newmm("ที่กระทรวงอุตสาหกรรมวันนี้") == ["ที่", "กระทรวงอุตสาหกรรม", "วันนี้"]
    assert seg.newmm("เกระทรวงอุตสาหกรรม") == Segmenter().newmm("เกระทรวงอุตสาหกรรม")  # after เ
    short = Segmenter(variants=Variants.from_groups([["ครม.", "คณะรัฐมนตรี"], ["ททท.", "ททท"]]))
    assert short.newmm("นครมหาชัย") == Segmenter().newmm("นครมหาชัย")  # short forms: as newmm


def test_a_form_whose_spelling_without_marks_is_another_word_needs_its_marks():
    """อก. (the Ministry of Industry) without its dot is อก, chest: the word
    must not find the ministry, nor the ministry the word. ฯพณฯ (His
    Excellency) gives the term พณ, so พณ. needs its dot too. กทม is in
    PyThaiNLP's word list, but as the same abbreviation: it keeps finding."""
    groups = [["ก.อุตฯ", "อก.", "กระทรวงอุตสาหกรรม"], ["กทม.", "กรุงเทพมหานคร"],
              ["พณ.", "กระทรวงพาณิชย์"], ["ครม.", "คณะรัฐมนตรี"]]
    seg = Segmenter(variants=Variants.from_groups(groups))
    assert seg.variants.marked == {"อก.": "~กอุต", "พณ.": "~พณ"}
    assert {"กอุต", "กทม", "ครม"} <= seg.variants.terms.keys()
    assert not {"อก", "พณ"} & seg.variants.terms.keys()
    assert seg.variants.manifest() == {"terms": seg.variants.terms,
                                       "phrases": seg.variants.phrases,
                                       "marked": seg.variants.marked}
    # The form written with its dot: its key alone, where อก stands (9 to 11).
    terms, starts = seg.terms_at("ผู้บริหาร อก. ลงนาม")
    assert "อก" not in terms
    assert starts[terms.index("~กอุต")] == key_span(9, 11)
    assert starts[terms.index("ลงนาม")] == 11  # the dot is no character of positions
    for text in ("ผู้ป่วยปวดอก", "ฯพณฯ นายกรัฐมนตรี"):  # the words: no ministry
        assert not {"~กอุต", "~พณ"} & set(seg.terms(text)), text
    assert "อก" in seg.terms("ผู้ป่วยปวดอก")
    for text in ("กทม", "กทม.", "ครม", "ครม.", "ก.อุตฯ"):  # with or without dots
        assert {"~กทม", "~ครม", "~กอุต"} & set(seg.terms(text)), text
    # An index term that is not this form decides too; spellings of it do not.
    ministry = Variants.from_groups([["กต.", "กระทรวงการต่างประเทศ"], ["ธ.ก.ส.", "ธนาคาร"]])
    assert ministry.decide_marks(set(), ["ก.ต.", "ธกส.", "ธ.ก.ส"]).marked == {"กต.": "~กต"}
    assert ministry.decide_marks({"กต"}, []).marked == {"กต.": "~กต"}  # a real word
    assert ministry.decide_marks(set(), ["กต", "กต.", "ธกส"]).marked == {}


def test_spellings_of_a_form_leave_out_marks_only():
    assert is_spelling_of("ธกส", "ธ.ก.ส.") and is_spelling_of("ธ.ก.ส", "ธ.ก.ส.")
    assert is_spelling_of("ก.อุตฯ", "ก.อุตฯ") and is_spelling_of("กอุต", "ก.อุตฯ")
    assert not is_spelling_of("ก.ต.", "กต.") and not is_spelling_of("ฯพณฯ", "พณ.")
    assert not is_spelling_of("กต", "กต.ช") and not is_spelling_of("กตช.", "กต.")


def test_cut_words_leave_a_gap_for_a_word_without_a_term():
    """A form that needs its marks gives no term: the words after it are
    still newmm's words (for joins), the joined names still left out."""
    assert cut_words([("ผู้บริหาร", 0), ("ลงนาม", 11)]) == [("ผู้บริหาร", 0), ("ลงนาม", 11)]
    assert cut_words([("ชา", 0), ("มาตย์", 2), ("ชามาตย์", 0), ("ข่าว", 7)]) == [
        ("ชา", 0), ("มาตย์", 2), ("ข่าว", 7)]


def test_bad_variant_table_names_file_and_line(tmp_path):
    table = tmp_path / "variants.txt"
    table.write_text("ดิจิทัล = ดิจิตอล\nเว็บไซต์\n", "utf-8")
    with pytest.raises(TableError, match=r"variants.txt:2: .*' = '"):
        read_table(table)


def test_html_text_drops_markup_scripts_and_navigation():
    html = ("<nav>เมนู</nav><p>ข่าว<b>สำคัญ</b></p><script>alert(1)</script>"
            "<style>p{}</style><ul><li>หนึ่ง</li><li>สอง</li></ul>")
    assert html_text(html) == "ข่าว สำคัญ หนึ่ง สอง"


def test_lunr_weight_formula():
    assert idf(1, 10) == pytest.approx(1.9924301646902063)
    # tf=1, average length: idf * 2.2 / 2.2 = idf, times 1000, rounded half up
    assert weight(1.0, 1, 10, 10.0) == 1000
    assert weight(0.0005, 1, 10, 10.0, field_boost=1) == 1


def test_postings_weigh_every_posting_with_the_lunr_formula():
    """Postings computes weights inline; each must equal weight() exactly."""
    docs = [[["ข่าว", "ข่าว", "ขาว"], ["ข่าว"] * 7 + ["ทาง"] * i]
            for i in range(12)] + [[[], ["ข่าว"]], [["ทาง"], []]]
    postings = Postings(["title", "body"])
    for doc_id, fields in enumerate(docs):
        postings.add(doc_id, fields)
    averages = postings.averages()
    assert postings.vocabulary() == {"ข่าว", "ขาว", "ทาง"}
    for term in postings.vocabulary():
        df = sum(term in field for fields in docs for field in fields)
        checked = 0
        for f, ids, ws in postings.weighted(term, [10, 1], averages):
            for doc_id, w in zip(ids, ws, strict=True):
                field = docs[doc_id][f]
                assert w == weight(idf(df, len(docs)), field.count(term), len(field),
                                   averages[f], field_boost=[10, 1][f])
                checked += 1
        assert checked == df


def test_a_compound_adds_its_parts_once_per_occurrence(plain):
    docs = [[["กระทรวงอุตสาหกรรม", "ข่าว", "กระทรวงอุตสาหกรรม"]]]
    add_compound_parts(plain, docs)
    assert docs[0][0].count("กระทรวง") == docs[0][0].count("อุตสาหกรรม") == 2
    assert docs[0][0].count("กระทรวงอุตสาหกรรม") == 2


def test_the_compound_parts_rule_is_a_setting(plain):
    def parts_of(**rule):
        docs = [[["กระทรวงอุตสาหกรรม", "ทางรถไฟ"]], [["รถไฟ"]]]
        add_compound_parts(plain, docs, **rule)
        return set(docs[0][0]) - {"กระทรวงอุตสาหกรรม", "ทางรถไฟ"}

    # default: the long word always; ทางรถไฟ (7) only if its parts are words
    # of their own often enough (ทาง is on no page here)
    assert parts_of() == {"กระทรวง", "อุตสาหกรรม"}
    assert parts_of(min_length=4, always_length=4, part_ratio=0) == {
        "กระทรวง", "อุตสาหกรรม", "ทาง", "รถไฟ"}
    assert parts_of(min_length=20, always_length=20, part_ratio=0) == set()


def test_pieces_cut_where_prefixes_change():
    entries = ["กา", "กาก", "กาง", "กิน", "กิ่ง", "ขา", "ขาว"]
    runs = cut_points(entries, [10] * len(entries), 35)
    assert runs[0] == (0, 3)  # กา… stays together
    assert [entries[a:b] for a, b in runs][-1][-1] == "ขาว"


@pytest.mark.parametrize(("before", "first", "bound"), [
    ("กา", "ขาว", "ข"),
    ("การค้า", "การบิน", "การบ"),
    ("ข่าว", "ข่าวสาร", "ข่าวส"),  # a whole word before: one more character
    ("ทาง", "ทางคู่", "ทางค"),
])
def test_a_piece_bound_is_the_shortest_start_that_sorts_after_the_previous_piece(
        before, first, bound):
    assert separator(before, first) == bound
    assert before < bound <= first and first.startswith(bound)


def test_round_trip_and_content_addressed_names(tmp_path):
    docs = [Doc(url=f"n/{i}/", title=f"t{i}", date=f"2024-01-0{i + 1}", category="c",
                text="x", terms=[["ข่าว", "ข่าว"] if i else ["ขาว"], [], ["ข่าว"], ["~c0"]])
            for i in range(3)]
    kwargs = dict(fields=["title", "meta", "body", "facet"], boosts=[10, 3, 1, 0],
                  known_words={"ตา"}, variants={"terms": {}, "phrases": {}}, piece_bytes=50,
                  docs_per_chunk=2, settings={}, pieces_per_group=2,
                  chunks_per_group=1)
    manifest = write_index(tmp_path, docs, **kwargs)
    files = {p.name for p in tmp_path.rglob("*") if p.is_file()}

    def load(folder, name):
        return json.loads((tmp_path / folder / f"{name}.json").read_text("utf-8"))

    terms, words = {}, set()
    pieces = manifest["pieces"]
    bounds = decode_bounds(pieces["codedBounds"])
    assert len(pieces["groups"]) > 1 and len(bounds) == pieces["count"]
    for p, bound in enumerate(bounds):
        # Piece p of group g is t/<p>-<version of g>: named from the manifest alone.
        piece = load("t", f"{p}-{pieces['groups'][p // pieces['perGroup']]}")
        entries = sorted([*piece["terms"], *piece["words"]])
        assert entries[0].startswith(bound) and (p == 0 or bound)
        if p + 1 < pieces["count"]:  # the next bound sorts after every entry here
            assert entries[-1] < bounds[p + 1]
        terms.update(piece["terms"])
        words.update(piece["words"])
    assert words == {"ตา"}
    assert set(terms) == {"ข่าว", "ขาว", "~c0"}
    title = next(p for p in terms["ข่าว"] if p[0] == 0)
    assert title[1] == [1, 1]  # doc ids 1 and 2, delta-coded
    assert manifest["docCount"] == 3 and manifest["years"] == [[2024, 0, 2]]
    # Chunk c of group g is d/<c>-<version of g>: named from the manifest alone.
    versions = manifest["docs"]["groups"]
    assert len(versions) == 2 and all(re.fullmatch(r"[0-9a-f]{12}", v) for v in versions)
    chunk = load("d", f"1-{versions[1]}")
    assert chunk["docs"][0][:4] == ["n/2/", "t2", "2024-01-03", 0]
    # A row names its snippet text, x/<name>.txt (text_files.py).
    assert decode_text((tmp_path / "x" / f"{chunk['docs'][0][4]}.txt").read_bytes()) == "x"
    # Same input: same file names; nothing left over from earlier builds.
    assert write_index(tmp_path, docs, **kwargs) == manifest
    assert {p.name for p in tmp_path.rglob("*") if p.is_file()} == files
    # A new article changes only the last group's version (and its chunks' names).
    more = [*docs, Doc(url="n/3/", title="t3", date="2024-01-04", category="c", text="y",
                        terms=[["ข่าว"], [], [], ["~c0"]])]
    grown = write_index(tmp_path, more, **kwargs)["docs"]["groups"]
    assert grown[0] == versions[0] and grown[1] != versions[1]
    assert (tmp_path / "d" / f"0-{versions[0]}.json").exists()
    assert not (tmp_path / "d" / f"1-{versions[1]}.json").exists()  # pruned


def positioned(seg, text):
    terms, starts = seg.terms_at(text)
    return list(zip(terms, starts, strict=True))


def test_positions_count_characters_so_glued_words_meet(plain):
    # A term ends len(term) after its start; one space joins, other separators cut.
    found = positioned(plain, "ราคา ยางพารา, ตลาด")
    assert ("ราคา", 0) in found and ("ยางพารา", 4) in found
    assert ("ตลาด", 12) in found  # the comma leaves a gap of one (4 + 7 + 1)
    # Abbreviation marks do not count: ครม. ends where เห็นชอบ starts.
    assert positioned(plain, "ครม.เห็นชอบ")[:2] == [("ครม", 0), ("เห็นชอบ", 3)]
    assert positioned(plain, "COVID-19") == [("covid-19", 0), ("covid", 0), ("19", 6)]


def test_neighbouring_words_that_spell_a_dictionary_word_are_also_indexed_joined(plain):
    found = positioned(plain, "กระทรวง อุตสาหกรรม")
    assert ("กระทรวงอุตสาหกรรม", 0) in found
    assert ("กระทรวงอุตสาหกรรม", 0) not in positioned(plain, "กระทรวง, อุตสาหกรรม")


def test_variant_keys_keep_where_their_form_starts_and_ends():
    from pelican.plugins.thai_search.positions import KEY_SPAN
    seg = Segmenter(variants=Variants.from_groups([["ครม.", "คณะรัฐมนตรี"],
                                                   ["โควิด 19", "covid-19"]]))
    spans = {t: (p // KEY_SPAN, p // KEY_SPAN + p % KEY_SPAN)
             for t, p in positioned(seg, "มติคณะรัฐมนตรี ผู้ป่วยโควิด 19 ราย") if t.startswith("~")}
    assert spans == {"~ครม": (3, 14), "~โควิด19": (21, 28)}


def test_compound_parts_stand_where_the_compound_does(plain):
    texts = ["ประชุมกระทรวงอุตสาหกรรม"] + ["อุตสาหกรรม กระทรวง"] * 3
    docs, starts = [], []
    for text in texts:
        terms, at = plain.terms_at(text)
        docs.append([terms])
        starts.append([at])
    add_compound_parts(plain, docs, starts)
    found = list(zip(docs[0][0], starts[0][0], strict=True))
    assert ("กระทรวงอุตสาหกรรม", 6) in found
    assert ("กระทรวง", 6) in found and ("อุตสาหกรรม", 13) in found


def test_positions_are_written_beside_the_pieces_for_word_order(tmp_path, plain):
    docs = []
    for i, text in enumerate(["ราคายางพุ่ง", "ราคาทอง ยางรถ"]):
        terms, starts = plain.terms_at(text)
        docs.append(Doc(url=f"n{i}/", title=text, date="2024-01-01", category="ข่าว", text=text,
                        terms=[terms, ["~c0"]], starts=[starts, [0]]))
    manifest = write_index(tmp_path, docs, fields=["title", "facet"], boosts=[10, 0],
                           known_words=set(), variants={"terms": {}, "phrases": {}},
                           piece_bytes=10_000, docs_per_chunk=4, settings={})
    assert manifest["version"] == FORMAT_VERSION
    piece = json.loads(next((tmp_path / "t").glob("*.json")).read_text("utf-8"))
    where = json.loads((tmp_path / "p" / f"{piece['p']}.json").read_text("utf-8"))
    # [field, doc id deltas, tfs, positions]: ยาง at 4 in doc 0, and at 7 in
    # doc 1 (ราคาทอง, then one space)
    assert where["ยาง"] == [[0, [0, 1], [1, 1], [4, 7]]]
    assert "~c0" not in where  # the facet keeps no positions
    assert isinstance(piece["terms"]["ยาง"], list)  # the piece itself has no positions


def test_a_very_common_term_has_a_positions_file_of_its_own_unless_too_common(tmp_path, plain):
    def build(folder, positions_max):
        docs = []
        for i, text in enumerate(["ราคายาง", "ราคายาง ราคายาง"]):
            terms, starts = plain.terms_at(text)
            docs.append(Doc(url=f"n{i}/", title=text, date="2024-01-01", category="ข่าว",
                            text=text, terms=[terms, ["~c0"]], starts=[starts, [0]]))
        write_index(folder, docs, fields=["title", "facet"], boosts=[10, 0], known_words=set(),
                    variants={"terms": {}, "phrases": {}}, piece_bytes=10_000,
                    docs_per_chunk=4, settings={}, common_df=1, positions_max=positions_max)
        piece = json.loads(next((folder / "t").glob("*.json")).read_text("utf-8"))
        return piece["terms"]["ราคา"]

    entry = build(tmp_path / "a", 3)  # ราคา occurs 3 times
    where = json.loads((tmp_path / "a" / "p" / f"{entry['p']}.json").read_text("utf-8"))
    assert where == {"ราคา": [[0, [0, 1], [1, 2], [0, 0, 7]]]}
    assert "p" not in build(tmp_path / "b", 2)  # over positions_max: none kept


def test_words_never_stand_together_across_blocks(plain):
    from pelican.plugins.thai_search.extract import BLOCK_BREAK, html_blocks

    blocks = html_blocks("<p>ราคา</p><p>ยาง<b>พารา</b></p><ul><li>ถนน</li><li>พัง</li></ul>")
    assert blocks == ["ราคา", "ยาง พารา", "ถนน", "พัง"]
    found = positioned(plain, BLOCK_BREAK.join(blocks))
    assert found[:2] == [("ราคา", 0), ("ยาง", 5)]  # a gap of one after ราคา's 4
    assert ("พารา", 8) in found  # inline markup is one space: together


def test_normalize_skips_only_steps_that_would_change_nothing():
    """normalize() replaces sara am and digits only where it found one: the
    same text as every step applied unconditionally."""
    import random
    import unicodedata

    from pelican.plugins.thai_search import normalize as n

    def every_step(text):
        text = unicodedata.normalize("NFC", text)
        text = n.ZERO_WIDTH.sub("", text)
        text = n.DECOMPOSED_SARA_AM.sub(f"\\1\\2{n.SARA_AM}", text)
        text = text.translate(n.THAI_DIGITS).lower()
        return n.WHITESPACE.sub(" ", text).strip(" ")

    rng = random.Random(9)
    alphabet = ["ก", "น", "\u0e4d", "\u0e32", "\u0e33", "\u0e48", "\u0e49", "๑", "๙", "5",
                "A", " ", "\u200b", "\xa0", "ข่าว"]
    for _ in range(3000):
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 10)))
        assert n.normalize(text) == every_step(text), repr(text)


@pytest.mark.parametrize("html", [
    "<div><p>ก<br>ข</p><table><tr><td>x</td><td>y<hr>z</td></tr></table></div>ท้าย",
    "<p></p>", "", "<br/><br/>ข้อความ<hr>", "<ul><li>ก<ul><li>ข</li></ul>ค</li></ul>",
    "<p>a<script>x</script>b</p><nav>n</nav><div>d<div>e</div>f</div>",
    "นำ<h2>หัว <i>ข้อ</i></h2>ตาม<blockquote><p>อ้าง</p></blockquote><!-- c --><pre>x  y</pre>",
])
def test_blocks_are_those_of_marks_around_each_block(html):
    """html_blocks marks each block inside it (first and last child); the text
    is what marks before and after it gave (insert_before/insert_after)."""
    from bs4 import BeautifulSoup

    from pelican.plugins.thai_search.extract import _MARK, BLOCKS, DROP, html_blocks

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(DROP):
        tag.decompose()
    for tag in soup(BLOCKS):
        tag.insert_before(_MARK)
        tag.insert_after(_MARK)
    expected = [" ".join(b.split()) for b in soup.get_text(" ").split(_MARK)]
    assert html_blocks(html) == [b for b in expected if b]


def test_a_prefix_too_wide_to_load_lists_its_commonest_completions():
    entries = sorted(["ประชา", "ประชาชน", "ประชุม", "ประชิด", "ประชาคม", "ประจำ", "ปลา", "~ประ"])
    df = {"ประชาชน": 90, "ประชุม": 70, "ประชิด": 2, "ประชาคม": 5, "ประจำ": 40, "ปลา": 9,
          "~ประ": 99}  # ประชา is a known word without documents
    bounds = ["", *entries[1:]]  # one entry per piece
    wide = wide_prefixes(entries, bounds, df, max_pieces=3, min_length=2, top=3)
    listed = {prefix: terms for lists in wide.values() for prefix, terms in lists.items()}
    assert listed["ประช"] == ["ประชาชน", "ประชุม", "ประชาคม"]  # commonest first, at most 3
    assert listed["ประ"] == ["ประชาชน", "ประชุม", "ประจำ"]
    assert "ประชา" not in listed and "ป" not in listed  # narrow enough; too short
    assert not any(p.startswith("~") for p in listed)
    more = wide_prefixes(entries, bounds, df, max_pieces=3, min_length=2, top=5)
    lists = {prefix: terms for found in more.values() for prefix, terms in found.items()}
    assert lists["ประ"] == ["ประชาชน", "ประชุม", "ประจำ"]  # from at most 3 pieces
    # Each list sits in the piece where the browser looks for its prefix.
    for number, lists in wide.items():
        assert all(piece_of(bounds, prefix) == number for prefix in lists)


def test_the_index_lists_completions_in_the_piece_of_their_prefix(tmp_path, plain):
    words = ["ประชาชน"] * 3 + ["ประชุม"] * 2 + ["ประชิด", "ประชาคม", "ประเทศ"]
    docs = [Doc(url=f"n{i}/", title=w, date="2024-01-01", category="ข่าว", text=w,
                terms=[[w], ["~c0"]], starts=[[0], [0]]) for i, w in enumerate(words)]
    manifest = write_index(tmp_path, docs, fields=["title", "facet"], boosts=[10, 0],
                           known_words=set(), variants={"terms": {}, "phrases": {}},
                           piece_bytes=20, docs_per_chunk=4, settings={}, pieces_per_group=100,
                           prefix_max_pieces=2, prefix_top=2)
    assert (manifest["prefixMin"], manifest["prefixMaxPieces"]) == (2, 2)
    pieces = manifest["pieces"]
    number = piece_of(decode_bounds(pieces["codedBounds"]), "ประช")
    piece = json.loads((tmp_path / "t" / f"{number}-{pieces['groups'][0]}.json")
                       .read_text("utf-8"))
    assert piece["c"]["ประช"] == ["ประชาชน", "ประชุม"]


def test_a_tail_joins_the_last_group_and_adds_no_version(tmp_path):
    """The month table is one more file of the last group of result chunks:
    named from the manifest's versions, which do not grow for it."""
    files = [b"a", b"b", b"c"]
    plain = write_groups(PieceWriter(tmp_path / "plain"), "d", files, 2)
    tailed = write_groups(PieceWriter(tmp_path / "tailed"), "d", files, 2, tail=b"m")
    assert len(tailed) == len(plain) == 2
    assert tailed[0] == plain[0] and tailed[1] != plain[1]  # the tail is in the last version
    assert (tmp_path / "tailed" / "d" / f"3-{tailed[1]}.json").read_bytes() == b"m"
    # a full last group: the tail still joins it rather than starting one
    (full,) = write_groups(PieceWriter(tmp_path / "full"), "d", files[:2], 2, tail=b"m")
    assert (tmp_path / "full" / "d" / f"2-{full}.json").read_bytes() == b"m"
    assert write_groups(PieceWriter(tmp_path / "none"), "d", [], 2, tail=b"m") == []


def test_the_month_table_spans_each_month_in_date_order(tmp_path):
    dates = ["2023-01-05", "2023-01-31", "2023-03-01", "2024-02-29"]
    docs = [Doc(url=f"n{i}/", title="ข่าว", date=d, category="ข่าว", text="ข่าว",
                terms=[["ข่าว"], ["~c0"]]) for i, d in enumerate(dates)]
    manifest = write_index(tmp_path, docs, fields=["title", "facet"], boosts=[10, 0],
                           known_words=set(), variants={"terms": {}, "phrases": {}},
                           piece_bytes=10_000, docs_per_chunk=3, settings={})
    assert "months" not in manifest  # the manifest names the table by its last group alone
    version = manifest["docs"]["groups"][-1]
    table = json.loads((tmp_path / "d" / f"2-{version}.json").read_text("utf-8"))
    assert table == {"months": [["2023-01", 0, 1], ["2023-03", 2, 2], ["2024-02", 3, 3]]}
    assert manifest["years"] == [[2023, 0, 2], [2024, 3, 3]]
