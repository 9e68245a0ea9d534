"""Differential fuzzing of the two text pipelines: Python (index) and JS
(query) must agree byte for byte on normalize, pieces, terms and query
words for generated text, not only on the cases someone wrote
(tests/pipelines.py says what is compared; tests/vectors/text_pipeline.json
holds the cases fuzzing found).

A few thousand cases, in one node process; a new seed every run (a fixed
one under CI: pipeline_cases.CI_SEED). A failure
prints its seed and a shrunk case:

    PIPELINE_FUZZ_SEED=<seed> .venv/bin/python -m pytest tests/test_pipeline_fuzz.py

replays it. The long run is bench/pipeline_fuzz.py.
"""

from __future__ import annotations

import pytest

from pipeline_cases import (
    archive_lines,
    draw,
    fixture_lines,
    fuzz_seed,
    marks_and_invisibles,
    thai_latin_digits,
    thai_words,
)
from pipelines import (
    case_problems,
    differences,
    js_side,
    project_segmenter,
    python_side,
    shrink,
)

CASES_PER_KIND = 1000


@pytest.fixture(scope="module")
def segmenter():
    return project_segmenter()


def report(found, segmenter, seed: int, cases: int, kind: str) -> str:
    lines = [f"{len(found)} of {cases} texts differ between the Python and JS pipelines "
             f"(seed {seed}; replay: PIPELINE_FUZZ_SEED={seed} .venv/bin/python -m pytest "
             f"tests/test_pipeline_fuzz.py -k {kind})"]
    for difference in found[:3]:
        small = shrink(difference.text, segmenter)
        lines += [f"- {difference.text!r}", f"  shrunk to {small.text!r}:",
                  *(f"    {p}" for p in small.problems[:4])]
    return "\n".join(lines)


@pytest.mark.parametrize("kind", ["thai-latin-digits", "marks-and-invisibles", "archive-lines"])
def test_pipelines_agree_on_generated_text(kind, segmenter):
    seed = fuzz_seed()
    words = thai_words()
    strategy = {"thai-latin-digits": lambda: thai_latin_digits(words),
                "marks-and-invisibles": lambda: marks_and_invisibles(words),
                "archive-lines": lambda: archive_lines(fixture_lines())}[kind]()
    cases = draw(strategy, CASES_PER_KIND, seed)
    found = differences(cases, segmenter)
    if found:
        pytest.fail(report(found, segmenter, seed, len(cases), kind), pytrace=False)


def test_the_comparison_sees_a_difference(segmenter):
    """The checker is not vacuous: one text's Python answer against another's JS answer."""
    python = python_side("ข่าว COVID-19", segmenter)
    js = js_side(["ข่าว covid-20"], [python["vocabulary"]])[0]
    assert case_problems(python, js)
    assert not case_problems(python, js_side(["ข่าว COVID-19"], [python["vocabulary"]])[0])


# Texts on which the pipelines once differed (bench/pipeline_fuzz.py found them).
FOUND = ["รกระทรวงอุตสาหกรรม ร", "ถูกถูกอก",
         "นายสุทธิพงษ์ ... ล้วนเป็นสุดยอดผลงานผ้าไทยลายขิดนารีรัตนราชกัญญา เพื่อให้ถูกอก"]


@pytest.mark.parametrize("text", FOUND)
def test_texts_fuzzing_found_agree(text, segmenter):
    assert differences([text], segmenter) == []


LONE = ["\ud800", "\udbff", "\udc00", "\udfff"]


@pytest.mark.parametrize("surrogate", LONE, ids=[f"U+{ord(s):04X}" for s in LONE])
def test_lone_surrogates_pass_through_both_pipelines_as_separators(surrogate, segmenter):
    """A lone surrogate is kept by both normalize() and separates pieces;
    JSON carries it both ways as an escape (the search page replaces it
    with U+FFFD before searching: prepareQuery)."""
    text = f"ข่าว{surrogate}ABC\u200b{surrogate}๒"
    python = python_side(text, segmenter)
    assert python["normalized"] == f"ข่าว{surrogate}abc{surrogate}2"
    assert python["pieces"] == [["thai", "ข่าว"], ["latin", "abc"], ["latin", "2"]]
    js = js_side([text], [python["vocabulary"]])[0]
    assert js["normalized"] == python["normalized"]  # the same code point, not U+FFFD
    assert js["pieces"] == python["pieces"]
    assert not case_problems(python, js)


def test_a_removed_invisible_character_between_surrogates_makes_a_pair_on_both_sides(segmenter):
    """Normalizing can bring a high and a low surrogate together; in UTF-16
    that is one astral character on both sides (compared as code units)."""
    text = "\ud83d\u200b\ude00 ข่าว"
    python = python_side(text, segmenter)
    js = js_side([text], [python["vocabulary"]])[0]
    assert js["normalized"] == "\U0001f600 ข่าว"  # JSON brings the pair back as one character
    assert not case_problems(python, js)
