"""Related news: for each article, the articles closest to it in content.

Pure (no Pelican): the plugin (thai_related.py) gives each article's terms
as the search segmented them; incremental.py keeps the results from one
build to the next, and numbers the features (`ids`, one int each).

- An article's *features* are its terms and the pairs of neighbouring
  terms (Thai names are runs of common words: เราชนะ is เรา + ชนะ) of its
  title, its meta field (lead and tags) and the first `body_terms` words of
  its body (pairs of the first `pair_terms`).
- A feature's rarity is log2(N / df) in quarter steps (its *level*), so
  that one edit changes the rarity of few features. Only features of at
  least 2 articles, at most `max_df` of them (or `max_df_min`) and at most
  half of them have one, and never a number.
- An article is a vector of its `terms` weightiest features: log(1 + tf)
  times the rarity, tf counting a title occurrence `title_weight` times and
  a meta one `meta_weight` times. Ties go to the feature that sorts first
  (never to its number, which depends on the order builds met it). The
  vector is scaled to length 1.
- The score of two articles is the dot product of their vectors (a
  cosine): rare words and names they share, above all in their titles,
  count most. Candidates are the articles whose vectors share a feature.
- An article's list: the best `most` by score, newer first on a tie, then
  by id; never itself, and never a duplicate (the same title or the same
  start of the body) of itself or of an article listed before.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import mul, neg

from pelican.plugins.thai_search.contract import KEY_PREFIX

# Rarity in steps of a quarter of a bit (log2 N / df).
STEPS = 4
# A body shorter than this many words is no proof of a duplicate (a photo
# post of a few words).
SAME_BODY_MIN = 20
NUMBER = re.compile(r"[\d.,:/-]+")
DEFAULTS = {"most": 5, "least": 3, "keep": 0.5, "terms": 24, "title_weight": 3,
            "meta_weight": 2, "body_terms": 300, "pair_terms": 60, "max_df": 0.005,
            "max_df_min": 50}


@dataclass(frozen=True)
class Doc:
    id: str  # unique in the site (its URL)
    date: float  # a timestamp: newer wins ties
    title: Sequence[str]
    meta: Sequence[str]
    body: Sequence[str]


Feature = str | tuple[str, str]  # a term, or a pair of neighbouring terms
# (feature ids, weights): the weightiest first, of length 1.
Vector = tuple[tuple[int, ...], tuple[float, ...]]
# An article's list: (score, index of the article), best first.
Ranked = list[tuple[float, int]]


def _pairs(terms: Sequence[str]):
    """Neighbouring terms. The search's keys (KEY_PREFIX: a variant group),
    which follow a field's words rather than stand among them, pair with
    nothing."""
    words = [term for term in terms if not term.startswith(KEY_PREFIX)]
    return zip(words, words[1:], strict=False)


def feature_set(doc: Doc, settings: dict) -> set[Feature]:
    """The article's distinct features."""
    body = doc.body[:settings["body_terms"]]
    found = set(doc.title)
    found.update(doc.meta, body, _pairs(doc.title), _pairs(doc.meta),
                 _pairs(body[:settings["pair_terms"]]))
    return found


def counts(doc: Doc, settings: dict) -> Counter:
    """Feature -> tf, the title's counted title_weight times and the meta
    field's meta_weight times."""
    body = doc.body[:settings["body_terms"]]
    found: Counter = Counter(body)
    found.update(_pairs(body[:settings["pair_terms"]]))
    for times, terms in ((settings["title_weight"], doc.title),
                         (settings["meta_weight"], doc.meta)):
        for _ in range(times):
            found.update(terms)
            found.update(_pairs(terms))
    return found


def level(df: int, n: int, cap: float) -> int:
    """A feature's rarity level from its document frequency: 0 (none) for a
    feature of one article, of more than `cap`, or of more than half of them."""
    if not (2 <= df <= cap and 2 * df <= n):
        return 0
    return math.floor(STEPS * math.log2(n / df))  # STEPS at least


def cap(n: int, settings: dict) -> float:
    return max(settings["max_df_min"], settings["max_df"] * n)


def is_number(feature: Feature) -> bool:
    """A number, or a pair of numbers: never a feature with a level."""
    return all(map(NUMBER.fullmatch, (feature,) if isinstance(feature, str) else feature))


def vector(doc: Doc, ids: dict, levels, settings: dict) -> Vector:
    """The article's `terms` weightiest features, scaled to length 1.
    `ids` numbers every feature of the article; `levels[id]` is its level."""
    tf = counts(doc, settings)
    found = list(tf)
    numbers = list(map(ids.__getitem__, found))
    ranks = list(map(levels.__getitem__, numbers))
    keep = list(compress(range(len(found)), ranks))
    weights = map(mul, map(math.log1p, map(tf.__getitem__, map(found.__getitem__, keep))),
                  map(STEPS.__rtruediv__, map(ranks.__getitem__, keep)))
    # Ties by the feature itself: a term sorts before a pair.
    kinds = map(isinstance, map(found.__getitem__, keep), repeat(tuple))
    best = sorted(zip(map(neg, weights), kinds, map(found.__getitem__, keep), keep,
                      strict=True))[:settings["terms"]]
    if not best:
        return (), ()
    norm = math.hypot(*(w for w, *_ in best))
    return (tuple(numbers[at] for *_, at in best), tuple(-w / norm for w, *_ in best))


def postings(vectors: Sequence[Vector], only: set[int] | None = None
             ) -> dict[int, list[tuple[int, float]]]:
    """Feature id -> [(article, weight)] of the vectors that hold it, in
    article order; with `only`, for those features alone."""
    found: dict[int, list[tuple[int, float]]] = {}
    for i, (features, weights) in enumerate(vectors):
        if only is not None and only.isdisjoint(features):
            continue
        for feature, weight in zip(features, weights, strict=True):
            if only is None or feature in only:
                found.setdefault(feature, []).append((i, weight))
    return found


def score(a: Vector, b: Vector) -> float:
    """a's score of b, summed in a's order as ranked() sums it (the same float)."""
    other = dict(zip(*b, strict=True))
    total = 0.0
    for feature, weight in zip(*a, strict=True):
        if feature in other:
            total = total + weight * other[feature]
    return total


def duplicates(a: Doc, b: Doc, settings: dict) -> bool:
    """The same title, or the same start of the body: one story published twice."""
    if a.title and list(a.title) == list(b.title):
        return True
    limit = settings["body_terms"]
    head = a.body[:limit]
    return len(head) >= SAME_BODY_MIN and list(head) == list(b.body[:limit])


def ranked(i: int, docs: Sequence[Doc], vectors: Sequence[Vector],
           index: dict[int, list[tuple[int, float]]], settings: dict) -> Ranked:
    """Article i's list: its best `most` candidates, with their scores."""
    totals: dict[int, float] = {}
    get = totals.get
    for feature, weight in zip(*vectors[i], strict=True):
        for j, other in index[feature]:
            totals[j] = get(j, 0.0) + weight * other
    totals.pop(i, None)
    if not totals:
        return []
    most = settings["most"]
    # The candidates at or above the (3 × most)th best score, ties included,
    # are ranked first; all of them when duplicates leave too few.
    scores = sorted(totals.values(), reverse=True)
    floor = scores[min(3 * most, len(scores)) - 1]
    chosen = _choose(i, [j for j, s in totals.items() if s >= floor], totals, docs, settings)
    if len(chosen) < most and floor > scores[-1]:
        chosen = _choose(i, list(totals), totals, docs, settings)
    return chosen


def _choose(i: int, candidates: list[int], totals: dict[int, float], docs: Sequence[Doc],
            settings: dict) -> Ranked:
    order = sorted(candidates, key=lambda j: (-totals[j], -docs[j].date, docs[j].id))
    chosen: list[int] = []
    for j in order:
        if duplicates(docs[i], docs[j], settings) or any(
                duplicates(docs[k], docs[j], settings) for k in chosen):
            continue
        chosen.append(j)
        if len(chosen) == settings["most"]:
            break
    return [(totals[j], j) for j in chosen]


def shown(found: Ranked, settings: dict) -> list[int]:
    """The articles a page lists: the first `least`, then those whose score
    is at least `keep` times the best one's."""
    if not found:
        return []
    bar = settings["keep"] * found[0][0]
    return [j for n, (s, j) in enumerate(found) if n < settings["least"] or s >= bar]
