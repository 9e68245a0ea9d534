"""The two text pipelines side by side, for differential fuzzing
(tests/test_pipeline_fuzz.py, bench/pipeline_fuzz.py).

The Python pipeline (the plugin's normalize.py, tokens.py, segment.py) runs
here; the JS pipeline (text.js, query-parser.js) runs in one node process
per batch (tests/js/pipeline-batch.mjs). For every text they must agree byte
for byte, compared as UTF-16 code units (what the browser holds):

- normalize: the normalized text;
- pieces: the split into Thai runs and Latin words;
- terms: each piece's index spelling (thai_term; a Latin word as it is) and
  each Latin word's latin_terms;
- query words: the query parser, given the index terms Python wrote for the
  text (the `index_terms` of tests/vectors/text_pipeline.json), reads each
  Thai run as words that spell the run's term exactly, each one of those
  index terms (no prefix), or, for a variant form typed with the marks it
  needs (อก.), searched as its key, an index term; QueryParser#parse of the text gives tokens that
  are index terms, or prefixes of one for an unfinished last word. A word
  longer than TERM_CHARS is exempt: the index leaves it out by design.

Lone surrogates: both normalize() pass them through untouched, and both
piece patterns treat them as separators (search-page queries have them
replaced by U+FFFD first: prepareQuery). JSON carries them as \\udXXX
escapes both ways. A Python str whose surrogate code points stand as a
high-low pair has no UTF-16 form of its own (the browser sees one astral
character); text decoded from UTF-8 never holds one, so cases never do
(no_surrogate_pairs).
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass

from pelican.plugins.thai_search.compound_parts import add_compound_parts
from pelican.plugins.thai_search.normalize import normalize
from pelican.plugins.thai_search.segment import TERM_CHARS, Segmenter, read_word_list
from pelican.plugins.thai_search.tokens import latin_terms, pieces, thai_term
from pelican.plugins.thai_search.variants import load_variants
from sitebuild import ROOT

BATCH_SCRIPT = ROOT / "tests" / "js" / "pipeline-batch.mjs"
TABLES = ROOT / "content" / "search"
SURROGATE_PAIR = re.compile("([\ud800-\udbff])(?=[\udc00-\udfff])")


def project_segmenter() -> Segmenter:
    """The segmenter of the project's own search tables (those of
    tests/vectors/variants.json, which the batch script reads)."""
    return Segmenter(read_word_list(TABLES / "words.txt"),
                     load_variants([TABLES / "variants.txt", TABLES / "abbreviations.txt"]))


def no_surrogate_pairs(text: str) -> str:
    """Text whose lone surrogates stay lone in UTF-16: a space between a
    high and a low surrogate code point."""
    return SURROGATE_PAIR.sub("\\1 ", text)


def utf16(value):
    """Strings as their UTF-16 code units, in nested lists too."""
    if isinstance(value, str):
        return value.encode("utf-16-le", "surrogatepass")
    if isinstance(value, list | tuple):
        return [utf16(v) for v in value]
    return value


def python_side(text: str, segmenter: Segmenter) -> dict:
    """What the Python pipeline makes of a text, and the index terms it
    writes for it (the vocabulary: the text as an archive of one document,
    compound parts split)."""
    normalized = normalize(text)
    found = pieces(normalized)
    doc = [segmenter.terms(text)]
    add_compound_parts(segmenter, [doc])
    return {
        "normalized": normalized,
        "pieces": [list(p) for p in found],
        "terms": [thai_term(t) if k == "thai" else t for k, t in found],
        "latin": [latin_terms(t) for k, t in found if k == "latin"],
        "vocabulary": sorted(set(doc[0])),
    }


def js_side(texts: list[str], vocabularies: list[list[str]] | None = None) -> list[dict]:
    """What the JS pipeline makes of each text, in one node process."""
    vocabularies = vocabularies or [None] * len(texts)
    lines = "".join(json.dumps({"text": t, "vocabulary": v}) + "\n"
                    for t, v in zip(texts, vocabularies, strict=True))
    proc = subprocess.run(["node", str(BATCH_SCRIPT)], input=lines.encode("ascii"),
                          capture_output=True, check=False)
    if proc.returncode:
        raise RuntimeError(f"{BATCH_SCRIPT.name} failed ({proc.returncode}):\n"
                           f"{proc.stderr.decode('utf-8', 'replace')[-3000:]}")
    answers = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    if len(answers) != len(texts):
        raise RuntimeError(f"{BATCH_SCRIPT.name}: {len(answers)} answers for {len(texts)} texts")
    return answers


def token_problems(tokens: list, chains: list, vocabulary: set[str], how: str) -> list[str]:
    """Query tokens that are no index term (a prefix: that begins none)."""
    problems = []
    for term, prefix in tokens:
        if prefix and not any(v.startswith(term) for v in vocabulary):
            problems.append(f"{how} query: prefix {term!r} begins no index term")
        elif not prefix and term not in vocabulary and len(term) <= TERM_CHARS:
            problems.append(f"{how} query: token {term!r} is not an index term")
    terms = {term for term, _ in tokens}
    problems += [f"{how} query: chain {chain!r} is not of its tokens"
                 for chain in chains if not set(chain) <= terms]
    return problems


def query_problems(py: dict, js: dict) -> list[str]:
    """Where the query side does not read the words the index wrote."""
    vocabulary = set(py["vocabulary"])
    problems = []
    for piece, words, searched in js["closed"]["reads"]:  # a piece, or its part beside a phrase
        if "".join(words) != thai_term(piece):
            problems.append(f"query words {words!r} do not spell {thai_term(piece)!r}")
        strange = [s for w, s in zip(words, searched, strict=True)
                   if s not in vocabulary and len(w) <= TERM_CHARS]
        if strange:
            problems.append(f"query words {strange!r} of {piece!r} are not index terms")
    for how in [h for h in ("closed", "open") if h in js]:
        problems += token_problems(js[how]["tokens"], js[how]["chains"], vocabulary, how)
    return problems


def case_problems(py: dict, js: dict) -> list[str]:
    """Every disagreement between the two pipelines on one text."""
    if "error" in js:
        return [f"JS raised: {js['error']}"]
    problems = [f"{step}: Python {py[step]!r} != JS {js[step]!r}"
                for step in ("normalized", "pieces", "terms", "latin")
                if utf16(py[step]) != utf16(js[step])]
    if not problems and "closed" in js:
        problems += query_problems(py, js)
    return problems


@dataclass
class Difference:
    text: str
    problems: list[str]


def python_answers(texts: list[str], segmenter: Segmenter
                   ) -> tuple[list[str], list[dict], list[Difference]]:
    """(the texts Python took, its answers, a Difference for each it raised on)."""
    kept, answers, raised = [], [], []
    for text in texts:
        try:
            answers.append(python_side(text, segmenter))
        except Exception as error:  # noqa: BLE001 - reported as a difference
            raised.append(Difference(text, [f"Python raised: {error!r}"]))
            continue
        kept.append(text)
    return kept, answers, raised


def compared(texts: list[str], python: list[dict], js: list[dict]) -> list[Difference]:
    found = []
    for text, py, answer in zip(texts, python, js, strict=True):
        problems = case_problems(py, answer)
        if problems:
            found.append(Difference(text, problems))
    return found


def differences(texts: list[str], segmenter: Segmenter) -> list[Difference]:
    """The texts on which the pipelines disagree, or either one raises."""
    kept, answers, raised = python_answers(texts, segmenter)
    js = js_side(kept, [a["vocabulary"] for a in answers])
    return raised + compared(kept, answers, js)


def shrink(text: str, segmenter: Segmenter) -> Difference:
    """A shortest text (by greedy removal of ever smaller spans) on which
    the pipelines still disagree; each round is one batch."""
    best = differences([text], segmenter)[0]
    size = max(1, len(text) // 2)
    while size:
        t = best.text
        candidates = dict.fromkeys(t[:i] + t[i + size:] for i in range(0, len(t), size))
        found = differences([c for c in candidates if c and not SURROGATE_PAIR.search(c)],
                            segmenter)
        if found:
            best = min(found, key=lambda d: len(d.text))
            size = min(size, max(1, len(best.text) // 2))
        else:
            size //= 2
    return best
