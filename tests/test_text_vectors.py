"""The shared text-pipeline vectors, Python side (tests/js/text.test.js is the
JS side of the same file)."""

import json

import pytest

from pelican.plugins.thai_search.compound_parts import add_compound_parts
from pelican.plugins.thai_search.normalize import normalize
from pelican.plugins.thai_search.segment import Segmenter, read_word_list
from pelican.plugins.thai_search.tokens import latin_terms, pieces, thai_term
from pelican.plugins.thai_search.variants import load_variants
from sitebuild import ROOT

DATA = json.loads((ROOT / "tests" / "vectors" / "text_pipeline.json").read_text("utf-8"))
VECTORS = DATA["vectors"]
TABLES = ROOT / "content" / "search"


@pytest.fixture(scope="module")
def segmenter():
    return Segmenter(read_word_list(TABLES / "words.txt"),
                     load_variants([TABLES / "variants.txt", TABLES / "abbreviations.txt"]))


def index_terms(segmenter):
    """Each vector as one document of a small archive, compounds split."""
    docs = [[segmenter.terms(v["input"])] for v in VECTORS]
    add_compound_parts(segmenter, docs)
    return {v["input"]: sorted(set(d[0])) for v, d in zip(VECTORS, docs, strict=True)}


@pytest.mark.parametrize("vector", VECTORS, ids=[v["input"][:20] for v in VECTORS])
def test_vector(vector, segmenter):
    normalized = normalize(vector["input"])
    assert normalized == vector["normalized"]
    found = pieces(normalized)
    assert [list(p) for p in found] == vector["pieces"]
    assert [thai_term(t) if k == "thai" else t for k, t in found] == vector["terms"]
    assert {t: latin_terms(t) for k, t in found if k == "latin"} == vector["latin_terms"]
    assert index_terms(segmenter)[vector["input"]] == vector["index_terms"]


@pytest.mark.parametrize("case", DATA["queries"], ids=[q["query"] for q in DATA["queries"]])
def test_query_tokens_are_index_words(case):
    vocabulary = {t for v in VECTORS for t in v["index_terms"]} | set(DATA["known_words"])
    for term, prefix in case["tokens"]:
        if prefix:  # the start of a longer word, or a glued run's last word
            assert any(v.startswith(term) for v in vocabulary), term
        else:
            # Thai words come from the vocabulary; Latin words are taken as typed.
            is_thai = any("\u0e00" <= ch <= "\u0e7f" for ch in term)
            assert term in vocabulary or not is_thai, term
    # A chain is a run of the query's own words, in order.
    for chain in case["chains"]:
        assert len(chain) > 1 and set(chain) <= {term for term, _ in case["tokens"]}, chain


def test_vectors_cover_the_normalization_rules():
    inputs = "".join(v["input"] for v in VECTORS)
    for needed in ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",  # zero width
                   "\u0e4d\u0e32", "๒", "\u00a0", "\x85", "\x1c", "e\u0301"):
        assert needed in inputs, repr(needed)
    assert any(v["input"] != v["input"].lower() for v in VECTORS)


def test_tone_and_vowel_marks_are_kept():
    assert normalize("ข่าว") != normalize("ขาว")
    assert normalize("เสือ") != normalize("เสื้อ")


def test_variants_vector_matches_the_tables(segmenter):
    """tests/vectors/variants.json is the manifest's variant map for the
    project's tables, with the forms that need their marks as the
    segmenter decided them; the JS query vectors use it."""
    stored = json.loads((ROOT / "tests" / "vectors" / "variants.json").read_text("utf-8"))
    assert stored == segmenter.variants.manifest()
    # The table's header names the forms that need their dots, for editors.
    header = [line for line in (TABLES / "abbreviations.txt").read_text("utf-8").splitlines()
              if line.startswith("#")]
    named = {f for f in segmenter.variants.marked if any(f in line for line in header)}
    assert named == set(segmenter.variants.marked)
