"""Queries for word order and unfinished words, judged by rule over the
articles of the site being measured (bench/search_quality.py).

Every rule reads the articles' normalized text; nothing is picked by hand:

Words are content words: three letters or more, in three articles or more
and in at most a tenth of them.

- glued-together: two neighbouring words of some article, typed glued
  (w1w2, not itself a dictionary word), in two articles or more. Relevant: the articles whose text
  has w1w2 or "w1 w2".
- glued-never: two words that some article has both of, each in three
  articles or more, that no article has together (neither w1w2 nor
  "w1 w2"). Must find nothing.
- quoted: a glued-together pair, typed "w1 w2" in quotes. Relevant as
  glued-together.
- glued-common: two neighbouring words of a title (three letters or more,
  w1w2 no dictionary word) in the titles of two articles or more, one of
  them in more than a tenth of all articles, neither among the 20 in most
  articles (function words): a recurring headline phrase such as
  เศรษฐกิจไทย. At archive scale such a word is among the commonest,
  whose positions the index does not keep. Relevant as glued-together.
- prefix-2, prefix-3+: the first letters (2, or 3 and more, at a letter
  boundary) of one of 30 common words of the site, that are not a word
  themselves. Relevant: the articles that have the whole word.

Picks are spread evenly over the sorted candidates, so a run is repeatable.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from pelican.plugins.thai_search.normalize import normalize
from pelican.plugins.thai_search.tokens import pieces, thai_term

PAIRS = 30
WORDS = 30
COMMON = 0.1
FUNCTION_WORDS = 20


def _spread(items: list, n: int) -> list:
    if len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


# Marks that attach to the letter before, and leading vowels (as segment.py).
COMBINING = frozenset("\u0e31" + "".join(map(chr, range(0x0E34, 0x0E3B)))
                      + "".join(map(chr, range(0x0E47, 0x0E4F))))
LEADING = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")


def _boundary(word: str, i: int) -> bool:
    return word[i] not in COMBINING and word[i - 1] not in LEADING


def generate(articles: dict[str, tuple[str, str]], blocks: dict[str, list[str]],
             segmenter) -> list[dict]:
    """Queries with their judgments: [{type, query, relevant}]. `blocks` holds
    each article's normalized blocks (make_queries.read_blocks): words stand
    together only inside one."""
    texts = {s: normalize(t) for s, (_, t) in articles.items()}
    words = segmenter.words
    runs: dict[str, list[list[str]]] = {}
    df: Counter[str] = Counter()
    for slug, text in texts.items():
        runs[slug] = [[thai_term(w) for w in segmenter.newmm(p)]
                      for kind, p in pieces(text) if kind == "thai"]
        df.update({w for run in runs[slug] for w in run})

    def together(w1: str, w2: str) -> list[str]:
        return sorted(s for s, bs in blocks.items()
                      if any(w1 + w2 in b or f"{w1} {w2}" in b for b in bs))

    # Content words: three letters or more, in three articles or more, and
    # in at most COMMON of them (readers do not glue function words).
    content = {w for w, n in df.items() if len(w) >= 3 and 3 <= n <= COMMON * len(texts)}
    pairs: Counter[tuple[str, str]] = Counter()
    for slug in sorted(runs):
        seen = set()
        for run in runs[slug]:
            for a, b in zip(run, run[1:], strict=False):
                if a in content and b in content and a + b not in words:
                    seen.add((a, b))
        pairs.update(seen)
    glued = _spread(sorted(p for p, n in pairs.items() if n >= 2), PAIRS)
    queries = []
    for a, b in glued:
        relevant = together(a, b)
        queries.append({"type": "glued-together", "query": a + b, "relevant": relevant})
        queries.append({"type": "quoted", "query": f'"{a} {b}"', "relevant": relevant})

    # Recurring headline phrases with a very common word.
    title_pairs: Counter[tuple[str, str]] = Counter()
    function_words = {w for w, _n in df.most_common(FUNCTION_WORDS)}
    for slug in sorted(articles):
        seen = set()
        # The text starts with the title and a space: its Thai runs come first.
        in_title = sum(kind == "thai" for kind, _ in pieces(normalize(articles[slug][0])))
        for run in runs[slug][:in_title]:
            for a, b in zip(run, run[1:], strict=False):
                if (len(a) >= 3 and len(b) >= 3 and a + b not in words
                        and not {a, b} & function_words
                        and max(df[a], df[b]) > COMMON * len(texts)):
                    seen.add((a, b))
        title_pairs.update(seen)
    # (A pair the text rule cannot see, across an abbreviation's mark, is left out.)
    for a, b in _spread(sorted(p for p, n in title_pairs.items() if n >= 2), PAIRS):
        relevant = together(a, b)
        if relevant:
            queries.append({"type": "glued-common", "query": a + b, "relevant": relevant})

    # Never together: words of the same articles, in no article side by side.
    docs_of = defaultdict(set)
    for slug, article_runs in runs.items():
        for run in article_runs:
            for w in run:
                if w in content:
                    docs_of[w].add(slug)
    everything = "\n".join(b for bs in blocks.values() for b in bs)
    frequent = sorted(content, key=lambda w: (-df[w], w))[:60]
    never = [(x, y) for x in frequent for y in frequent
             if x != y and x + y not in words and docs_of[x] & docs_of[y]
             and x + y not in everything and f"{x} {y}" not in everything]
    for a, b in _spread(never, PAIRS):
        queries.append({"type": "glued-never", "query": a + b, "relevant": []})

    common = [w for w in sorted(content, key=lambda w: (-df[w], w))
              if len(w) >= 5 and w in words][:WORDS]
    for word in common:
        relevant = sorted(s for s, t in texts.items() if word in t)
        for n in range(2, len(word)):
            start = word[:n]
            if not _boundary(word, n) or start in words or start in df:
                continue
            kind = "prefix-2" if n == 2 else "prefix-3+"
            queries.append({"type": kind, "query": start, "relevant": relevant})
    return queries
