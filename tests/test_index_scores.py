"""The split index scores exactly like one unsplit lunr index.

The split side is the real browser engine (engine.js) reading the pieces
that index_writer.py wrote; the reference is one lunr.py index of the same
terms, loaded by lunr.js. Both run in node, so lunr.js does all scoring.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import lunr
import pytest

from pelican.plugins.thai_search.compound_parts import add_compound_parts
from pelican.plugins.thai_search.index_writer import Doc, write_index
from pelican.plugins.thai_search.segment import Segmenter, read_word_list
from pelican.plugins.thai_search.variants import load_variants
from sitebuild import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "search_site"
FIELDS = {"title": 10, "meta": 3, "body": 1}
# query -> the lunr clauses it must become: (term, is_prefix)
QUERIES = {
    "ทุเรียน": [("ทุเรียน", False)],
    # glued: the words must stand together, the last one may go on
    "ส่งออกทุเรียน": [("ส่งออก", False), ("ทุเรียน", True)],
    "ราคายาง": [("ราคา", False), ("ยาง", True)],  # road-repair has both words apart
    "ภัยแล้ง": [("ภัยแล้ง", False)],
    "อุตสา": [("อุตสา", True)],
    "เกษตรก": [("เกษตรก", True)],
    "ครม.": [("~ครม", False)],
    "คณะรัฐมนตรี ประกาศ": [("~ครม", False), ("ประกาศ", False)],
    "โควิด": [("~โควิด", False)],
    "ประชาชน": [("ประชาชน", False)],
    "การ": [("การ", False)],
}


# Variant forms as typed: searched as optional clauses besides their key,
# so that the articles with the form typed rank first (engine.js).
LITERALS = {"ครม.": ["ครม"], "คณะรัฐมนตรี ประกาศ": ["คณะรัฐมนตรี"], "โควิด": ["โควิด"]}

# Queries where word order applies: lunr alone does not know it.
GLUED = {"ส่งออกทุเรียน", "ราคายาง"}


def fixture_docs(segmenter):
    docs = []
    for path in sorted((FIXTURE / "news").glob("*.md")):
        header, body = path.read_text("utf-8").split("\n\n", 1)
        meta = dict(line.split(": ", 1) for line in header.splitlines())
        texts = {"title": meta["Title"], "meta": f"{meta.get('Tags', '')} {meta['Category']}",
                 "body": re.sub(r"<[^>]+>", " ", body)}
        found = [segmenter.terms_at(texts[f]) for f in FIELDS]
        docs.append((meta["Date"], Doc(
            url=f"{meta['Slug']}/", title=meta["Title"], date=meta["Date"][:10],
            category=meta["Category"], text=texts["body"],
            terms=[terms for terms, _ in found] + [["~c0"]],
            starts=[starts for _, starts in found] + [[0]])))
    docs = [doc for _, doc in sorted(docs, key=lambda d: d[0])]
    # As the build does: compound words' parts too, where the compound stands.
    add_compound_parts(segmenter, [d.terms[:-1] for d in docs], [d.starts[:-1] for d in docs])
    return docs


def run_compare(tmp, docs, variants, queries, common_df=None, common_best=256, page_df=None):
    # Tiny pieces, so that queries and prefixes span several of them.
    write_index(tmp / "split", docs, fields=[*FIELDS, "facet"], boosts=[*FIELDS.values(), 0],
                known_words={"ตา", "วัด"}, variants=variants.manifest(),
                piece_bytes=300, docs_per_chunk=4, common_df=common_df,
                common_best=common_best, page_df=page_df, pieces_per_group=4,
                chunks_per_group=2, prefix_max_pieces=50,
                settings={"pageSize": 20,
                          "facetField": "facet", "commonLimit": 1000})
    builder = lunr.builder.Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("id")
    for name, boost in FIELDS.items():
        builder.field(name, boost=boost)
    for doc_id, doc in enumerate(docs):
        builder.add({"id": str(doc_id), **dict(zip(FIELDS, doc.terms, strict=False))})
    (tmp / "unsplit.json").write_text(json.dumps(builder.build().serialize()), "utf-8")
    rows = [{"query": q, "clauses": c, "optional": LITERALS.get(q, [])} for q, c in queries.items()]
    (tmp / "queries.json").write_text(json.dumps(rows, ensure_ascii=False), "utf-8")
    result = subprocess.run(
        ["node", str(ROOT / "tests/js/score-compare.mjs"), str(tmp / "split"),
         str(tmp / "unsplit.json"), str(tmp / "queries.json")],
        capture_output=True, text=True, timeout=120, check=True)
    return {r["query"]: r for r in json.loads(result.stdout)}


@pytest.fixture(scope="module")
def fixture_index():
    tables = FIXTURE / "search"
    segmenter = Segmenter(read_word_list(tables / "words.txt"),
                          load_variants([tables / "variants.txt", tables / "abbreviations.txt"]))
    return fixture_docs(segmenter), segmenter.variants  # forms that need their marks decided


@pytest.fixture(scope="module")
def compared(tmp_path_factory, fixture_index):
    if not shutil.which("node"):
        pytest.fail("node is required")
    tmp = tmp_path_factory.mktemp("scores")
    docs, variants = fixture_index
    rows = run_compare(tmp, docs, variants, QUERIES)
    return rows, len(list((tmp / "split" / "t").glob("*.json")))


def test_fixture_is_split_into_many_pieces(compared):
    assert compared[1] > 20


@pytest.mark.parametrize("query", list(QUERIES))
def test_same_ranking_and_scores_as_unsplit_lunr(compared, query):
    row = compared[0][query]
    assert row["tokens"] == [list(c) for c in QUERIES[query]]
    assert row["unsplit"] and row["total"], "the reference must find something"
    if query in GLUED:  # word order keeps some of lunr's results, scored as lunr scores them
        reference = dict(row["unsplit"])
        assert row["split"] and {d for d, _ in row["split"]} <= set(reference)
        if query == "ราคายาง":
            assert len(row["split"]) < len(row["unsplit"])
        for d, score in row["split"]:
            assert score == pytest.approx(reference[d], abs=2e-3)
        assert [d for d, _ in row["split"]] == [d for d, _ in row["unsplit"] if d in
                                                 {d for d, _ in row["split"]}] or _tied(row)
        return
    assert [d for d, _ in row["split"]] == [d for d, _ in row["unsplit"]] or _tied(row)
    for (_, a), (_, b) in zip(row["split"], row["unsplit"], strict=True):
        assert a == pytest.approx(b, abs=2e-3)


def test_spaced_words_are_measured_for_closeness_and_keep_lunrs_scores(compared):
    """Closeness only reorders: the scores above are lunr's before it."""
    row = compared[0]["คณะรัฐมนตรี ประกาศ"]
    assert row["reordered"]
    assert not compared[0]["ทุเรียน"]["reordered"]


def _tied(row) -> bool:
    """Equal scores may be listed in another order by lunr; ours breaks ties by recency."""
    ours = sorted(row["split"], key=lambda r: (-round(r[1], 6), r[0]))
    theirs = sorted(row["unsplit"], key=lambda r: (-round(r[1], 6), r[0]))
    return [d for d, _ in ours] == [d for d, _ in theirs]


@pytest.mark.parametrize("best", [256, 1])
def test_with_very_common_terms_every_query_finds_what_unsplit_lunr_finds(
        tmp_path, fixture_index, best):
    """Prefixes whose terms are partly or all very common included: a
    document needs one of a token's terms, not every one. With every
    document among a term's best, the ranking is lunr's too."""
    docs, variants = fixture_index
    queries = {**QUERIES, "เกษต": [("เกษต", True)],  # เกษตร (1 document), เกษตรกร (3: common)
               "ช่ว": [("ช่ว", True)]}  # ช่วย (2), ช่วง (3: common)
    rows = run_compare(tmp_path, docs, variants, queries, common_df=3, common_best=best)
    for query, row in rows.items():
        if query in GLUED:  # word order keeps some of them
            assert {d for d, _ in row["split"]} <= {d for d, _ in row["unsplit"]}, query
            assert row["split"] and row["total"] == len(row["split"]), query
            continue
        assert sorted(d for d, _ in row["split"]) == sorted(d for d, _ in row["unsplit"]), query
        assert row["total"] == len(row["unsplit"]), query
        if best == 256:
            assert [d for d, _ in row["split"]] == [d for d, _ in row["unsplit"]] or _tied(row)


COMMON_QUERIES = {"การ": [("การ", False)], "ที่": [("ที่", False)],
                  "การ ส่งออก": [("การ", False), ("ส่งออก", False)],
                  "การ ประกาศ": [("การ", False), ("ประกาศ", False)],
                  "เกษตรกร การ": [("เกษตรกร", False), ("การ", False)],
                  "การ ที่": [("การ", False), ("ที่", False)]}  # bitmaps only: ANDed


def test_very_common_terms_keep_every_word_required(tmp_path, fixture_index):
    """With common terms stored as bitmaps, matches stay exact; and with
    every document among a term's best, so do the scores."""
    docs, variants = fixture_index
    rows = run_compare(tmp_path, docs, variants, COMMON_QUERIES, common_df=3)
    pieces = [json.loads(p.read_text("utf-8")) for p in (tmp_path / "split" / "t").glob("*")]
    common = {t for p in pieces for t, v in p.get("terms", {}).items() if isinstance(v, dict)}
    assert {"การ", "ที่"} <= common
    for query, row in rows.items():
        if not row["total"]:  # no document has every word: lunr finds none either
            assert not row["unsplit"], query
            continue
        assert [d for d, _ in row["split"]] == [d for d, _ in row["unsplit"]] or _tied(row), query
        for (_, a), (_, b) in zip(row["split"], row["unsplit"], strict=True):
            assert a == pytest.approx(b, abs=2e-3), query
    assert rows["การ ที่"]["split"]  # the one document with both


def test_a_common_terms_best_documents_rank_first_and_the_rest_newest_first(
        tmp_path, fixture_index):
    """Beyond its best documents a common term's weight is the typical one:
    matches stay exact, the best rank as in lunr, ties go to the newer."""
    docs, variants = fixture_index
    rows = run_compare(tmp_path, docs, variants, {"การ": [("การ", False)]}, common_df=3,
                       common_best=2)
    split, unsplit = rows["การ"]["split"], rows["การ"]["unsplit"]
    assert sorted(d for d, _ in split) == sorted(d for d, _ in unsplit)
    assert [d for d, _ in split[:2]] == [d for d, _ in unsplit[:2]]
    rest = [d for d, _ in split[2:]]
    assert rest == sorted(rest, reverse=True)


@pytest.mark.parametrize(("word", "settings"), [
    ("การ", {"common_df": 3}),  # a very common term (a bitmap)
    ("ส่งออก", {"page_df": 2}),  # an ordinary term in at least page_df documents
])
def test_a_words_first_page_rows_come_with_its_piece(tmp_path, fixture_index, word, settings):
    """A one-word query for a frequent word shows its first page without
    fetching result chunks: the rows are in the word's piece, the same rows
    as in the chunks, for the documents lunr ranks first."""
    docs, variants = fixture_index
    rows = run_compare(tmp_path, docs, variants, {word: [(word, False)]}, **settings)
    split = tmp_path / "split"
    manifest = json.loads((split / "manifest.json").read_text("utf-8"))
    piece = next(p for p in (json.loads(f.read_text("utf-8")) for f in (split / "t").glob("*"))
                 if word in p["terms"])
    ranked = [d for d, _ in rows[word]["split"]][:10]
    assert len(ranked) > 1 and set(ranked) <= {int(d) for d in piece["rows"]}
    chunks = manifest["docs"]
    for d, row in piece["rows"].items():
        c = int(d) // chunks["perChunk"]
        version = chunks["groups"][c // chunks["perGroup"]]
        chunk = json.loads((split / "d" / f"{c}-{version}.json").read_text("utf-8"))
        assert chunk["docs"][int(d) % chunks["perChunk"]] == row
