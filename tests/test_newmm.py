"""newmm.py cuts text exactly as PyThaiNLP's newmm does.

The segmenter runs the package's own newmm (faster, docs/build-performance.md);
the index must not change. These compare the two on every Thai run of the
site's and the fixtures' articles and on generated text that exercises every
path of the algorithm: unknown words, non-Thai text inside a run, a graph
past its size limit, clusters at the end of the text. bench/newmm_check.py
does the same on a whole archive.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from pythainlp.tokenize.newmm import segment as pythainlp_segment
from pythainlp.tokenize.tcc_p import tcc_pos_array
from pythainlp.util import dict_trie

from pelican.plugins.thai_search import newmm
from pelican.plugins.thai_search.index_step import make_segmenter
from pelican.plugins.thai_search.normalize import normalize
from pelican.plugins.thai_search.segment import PART_MIN, chunks
from pelican.plugins.thai_search.tokens import PIECE

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from pelicanconf import THAI_SEARCH  # noqa: E402

THAI = [chr(c) for c in range(0x0E01, 0x0E5C) if chr(c).isprintable()]
OTHER = list("abcXYZ-09.,1 \t\n\r()/:'\"") + ["ๆ", "฿", "๑", "\u200b", "é", "中"]


@pytest.fixture(scope="module")
def segmenter():
    return make_segmenter(ROOT / "content", THAI_SEARCH)


@pytest.fixture(scope="module")
def tries(segmenter):
    """(PyThaiNLP's trie, ours) of the site's dictionary."""
    return dict_trie(segmenter.words), segmenter.trie


def generated(words: list[str], count: int, seed: int) -> list[str]:
    """Texts of dictionary words, stray Thai characters (marks and leading
    vowels alone too) and other characters, glued in random order."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 30)):
            roll = rng.random()
            if roll < 0.6:
                parts.append(rng.choice(words))
            elif roll < 0.85:
                parts.append("".join(rng.choices(THAI, k=rng.randint(1, 4))))
            else:
                parts.append("".join(rng.choices(OTHER, k=rng.randint(1, 3))))
        texts.append("".join(parts))
    return texts


def site_runs() -> list[str]:
    """Every Thai run of the site's and the fixtures' articles, in the
    chunks the segmenter cuts."""
    files = [*(ROOT / "content").rglob("*.md"), *(ROOT / "tests" / "fixtures").rglob("*.md"),
             *(ROOT / "tests" / "fixtures" / "thaigov").rglob("*.txt")]
    return [chunk for path in files
            for m in PIECE.finditer(normalize(path.read_text("utf-8"))) if m[1]
            for chunk in chunks(m[1])]


def test_the_same_words_on_every_run_of_the_sites_articles(tries):
    theirs, ours = tries
    runs = site_runs()
    assert len(runs) > 2000
    differ = [r for r in runs if newmm.segment(r, ours) != pythainlp_segment(r, custom_dict=theirs)]
    assert differ == []


def test_the_same_words_on_generated_text(segmenter, tries):
    theirs, ours = tries
    words = sorted(segmenter.words)
    for text in generated(words, 3000, seed=7):
        assert newmm.segment(text, ours) == pythainlp_segment(text, custom_dict=theirs), text


@pytest.mark.parametrize("text", [
    "", "ก", "่", "เ", "เเเ", "ๆๆ", "...", "abc", "12,345.67", " \t ", "\n", "ข่าว\n",
    "ก.อุตฯ", "ธ.ก.ส.", "อก.", "ศบค.", "ครม.เห็นชอบ", "เที่ยวเมืองรอง\r\n",
    "ไทย" * 80,
    "ตากลม" * 40, "กกกกกกกกกกกกกกกกกกกกกกกกกกกก", "ฮฮฮabcฮฮฮ", "ขาวข่าวข้าว",
])
def test_the_same_words_on_edge_cases(tries, text):
    theirs, ours = tries
    assert newmm.segment(text, ours) == pythainlp_segment(text, custom_dict=theirs)


def test_cluster_ends_are_pythainlps(segmenter):
    for text in generated(sorted(segmenter.words), 500, seed=11) + ["เกี่ยว", "แก้ไข\n"]:
        expected = {i for i, flag in enumerate(tcc_pos_array(text)) if flag}
        assert newmm.boundaries(text) | {0} == expected | {0}, text


def test_prefix_ends_are_the_tries_words(segmenter, tries):
    theirs, ours = tries
    for text in generated(sorted(segmenter.words), 300, seed=13):
        for i in range(len(text)):
            assert [text[i:j] for j in newmm.prefix_ends(ours, text, i)] == \
                theirs.prefixes(text, i)


def test_parts_are_the_fewest_dictionary_words(segmenter, tries):
    """Segmenter.parts over our trie gives what it gave over PyThaiNLP's."""
    theirs, _ = tries

    def reference(word):
        n = len(word)
        best = [None] * (n + 1)
        best[0] = []
        for i in range(n):
            if best[i] is None:
                continue
            for prefix in theirs.prefixes(word[i:]):
                j = i + len(prefix)
                if len(prefix) >= PART_MIN and prefix != word:
                    if best[j] is None or len(best[i]) + 1 < len(best[j]):
                        best[j] = best[i] + [prefix]
        return best[n] if best[n] and len(best[n]) > 1 else []

    rng = random.Random(5)
    words = sorted(segmenter.words)
    samples = [w for w in words if len(w) >= 6][::40] + \
        ["".join(rng.choices(words, k=rng.randint(2, 4))) for _ in range(500)]
    assert segmenter.parts("กระทรวงอุตสาหกรรม") == ["กระทรวง", "อุตสาหกรรม"]
    for word in samples:
        assert segmenter.parts(word) == reference(word), word


@pytest.mark.parametrize("words, text", [
    (["a", "aa", "aaa"], "a" * 200),  # every start leaves two ways ahead: the graph's limit
    (["ก", "กก", "กกก"], "ก" * 200 + "ข"),
    (["ตา", "ตาก", "กลม", "ลม"], "ตากลม" * 60),
    (["\tก", "ab ", "ก"], "ab\tก ab"),  # words stripped, as PyThaiNLP's Trie strips them
])
def test_the_same_words_where_the_graph_grows(words, text):
    assert newmm.segment(text, newmm.trie(words)) == pythainlp_segment(
        text, custom_dict=dict_trie(words))
