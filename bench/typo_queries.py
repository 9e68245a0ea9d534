"""Misspelled and wrong-layout queries, judged by rule over the articles of
the site being measured (bench/search_quality.py, issue #14).

Nothing is picked by hand. The words: the 100 commonest content words of
the site (four letters or more, in at most a tenth of the articles, in the
dictionary). Each typo class is applied mechanically where it applies, once
per word, at the first place it can:

- typo-vowel: a vowel's length (ุ/ู, ิ/ี, ึ/ื) swapped;
- typo-tone: a tone mark dropped;
- typo-letter: a same-sound letter swapped (ศ/ษ/ส, ท/ธ, น/ณ, พ/ภ, ...);
- typo-ai: ใ/ไ swapped;
- typo-karan: the karan dropped;
- typo-am: ำ typed ัม;
- typo-dropped: a letter dropped from a word of six letters or more (not
  the first);
- typo-neighbour: a consonant replaced by the one on a neighbouring key
  of the Kedmanee layout (pythainlp's thai_keyboard_dist 1).

A typo whose result is a dictionary word or a word of the site is reported
apart (`typo-real`): the search never corrects a real word, by design
(precision first: เชื่อ is not เชื้อ), so those measure the other side of
that rule. Relevant: the articles whose text has the intended word.

- layout: each word typed with the English layout on (pythainlp's
  thai_to_eng), and 20 Latin words of the site typed with the Thai layout
  on (eng_to_thai). Relevant: the articles with the word.
"""

from __future__ import annotations

from collections import Counter

from pelican.plugins.thai_search.normalize import normalize
from pelican.plugins.thai_search.tokens import pieces, thai_term

WORDS = 100
LATIN_WORDS = 20
COMMON = 0.1

VOWELS = {"ุ": "ู", "ู": "ุ", "ิ": "ี", "ี": "ิ", "ึ": "ื", "ื": "ึ"}
TONES = "่้๊๋"
LETTERS = {"ศ": "ส", "ษ": "ส", "ส": "ศ", "ท": "ธ", "ธ": "ท", "ณ": "น", "น": "ณ", "พ": "ภ",
           "ภ": "พ", "ค": "ฆ", "ช": "ฌ", "ย": "ญ", "ต": "ฏ", "ด": "ฎ", "ถ": "ฐ"}
CONSONANTS = [chr(c) for c in range(0x0E01, 0x0E2F)]


def _first(word: str, test, change) -> str | None:
    for i, c in enumerate(word):
        if test(c):
            return word[:i] + change(c) + word[i + 1:]
    return None


def typos(word: str, neighbour) -> dict[str, str]:
    """Each class's typo of a word, where the class applies."""
    out = {
        "typo-vowel": _first(word, lambda c: c in VOWELS, VOWELS.get),
        "typo-tone": _first(word, lambda c: c in TONES, lambda c: ""),
        "typo-letter": _first(word, lambda c: c in LETTERS, LETTERS.get),
        "typo-ai": _first(word, lambda c: c in "ใไ", lambda c: "ไ" if c == "ใ" else "ใ"),
        "typo-karan": _first(word, lambda c: c == "์", lambda c: ""),
        "typo-am": _first(word, lambda c: c == "ำ", lambda c: "ัม"),
        "typo-neighbour": _first(word[1:], lambda c: neighbour(c) is not None, neighbour),
    }
    if out["typo-neighbour"] is not None:
        out["typo-neighbour"] = word[0] + out["typo-neighbour"]
    if len(word) >= 6:
        middle = len(word) // 2
        out["typo-dropped"] = word[:middle] + word[middle + 1:]
    return {kind: typo for kind, typo in out.items() if typo and typo != word}


def generate(articles: dict[str, tuple[str, str]], segmenter) -> list[dict]:
    from pythainlp.util import eng_to_thai, thai_keyboard_dist, thai_to_eng

    texts = {s: normalize(t) for s, (_, t) in articles.items()}
    df: Counter[str] = Counter()
    latin: Counter[str] = Counter()
    for text in texts.values():
        words = set()
        for kind, piece in pieces(text):
            if kind == "thai":
                words.update(thai_term(w) for w in segmenter.newmm(piece))
            elif piece.isalpha() and len(piece) >= 3:
                latin[piece] += 1
        df.update(words)
    dictionary = segmenter.words
    limit = COMMON * len(texts)
    common = [w for w, n in sorted(df.items(), key=lambda wn: (-wn[1], wn[0]))
              if len(w) >= 4 and n <= limit and w in dictionary][:WORDS]

    def neighbour(c: str) -> str | None:
        if c not in CONSONANTS:
            return None
        near = [o for o in CONSONANTS if o != c and thai_keyboard_dist(c, o) == 1.0]
        return near[0] if near else None

    def relevant(word: str) -> list[str]:
        return sorted(s for s, t in texts.items() if word in t)

    queries = []
    for word in common:
        found = relevant(word)
        for kind, typo in typos(word, neighbour).items():
            real = typo in dictionary or typo in df
            queries.append({"type": "typo-real" if real else kind, "query": typo,
                            "relevant": found})
        queries.append({"type": "layout", "query": thai_to_eng(word), "relevant": found})
    for word, _n in latin.most_common(LATIN_WORDS):
        queries.append({"type": "layout", "query": eng_to_thai(word),
                        "relevant": sorted(s for s, t in texts.items() if word in t)})
    return queries
