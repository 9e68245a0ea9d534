"""Compound words indexed with their dictionary parts too, across the archive.

A word of ALWAYS_SPLIT code points or more that the dictionary spells as two
or more words is always split (กระทรวงอุตสาหกรรม is found by อุตสาหกรรม). A
word of COMPOUND_MIN or more is split only when each part appears as a word
on its own in at least PART_RATIO times as many documents as the compound
(and in one at least), so that a chance spelling inside a word (หวัด in
จังหวัด) never makes the part findable (ทางรถไฟ is found by รถไฟ). The
keyword arguments `min_length`, `always_length` and `part_ratio` replace
them (THAI_SEARCH["compound_parts"]).

Which words are split (the plan) depends on the document frequencies of the
whole archive, so it is decided apart from adding the parts: a rebuild's
index process decides it for the last build's articles before the build
has read its own, and checks it again once it has (early_postings.py).
The segmentation cache holds the terms before their parts are added, so
this module is not part of its fingerprint (segment.py CACHED_BY).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Sequence

from .positions import key_span
from .segment import Segmenter
from .term_keys import KEY_PREFIX
from .tokens import thai_term

COMPOUND_MIN = 6
ALWAYS_SPLIT = 10
PART_RATIO = 0.05

Plan = dict[str, list[str]]  # a compound word -> its parts


def document_frequencies(docs: Iterable[Sequence[Sequence[str]]]) -> Counter[str]:
    """In how many documents each term stands, in any field (`docs`: each
    document's term lists, one per field, before any part is added)."""
    df: Counter[str] = Counter()
    for fields in docs:  # set and Counter loops run in C: 45 M terms at 63k articles
        df.update(doc_terms(fields))
    return df


def doc_terms(fields: Sequence[Sequence[str]]) -> set[str]:
    """The terms a document counts once each in document_frequencies."""
    return set().union(*fields)


class Planner:
    """Decides the plan from document frequencies. A word's dictionary parts
    are looked up once (Segmenter.parts), so a plan decided again for
    slightly different frequencies costs little."""

    def __init__(self, segmenter: Segmenter, *, min_length: int = COMPOUND_MIN,
                 always_length: int = ALWAYS_SPLIT, part_ratio: float = PART_RATIO):
        self.segmenter = segmenter
        self.min_length, self.always_length, self.part_ratio = \
            min_length, always_length, part_ratio
        self._parts: dict[str, list[str]] = {}

    def parts(self, term: str) -> list[str]:
        """The parts of a term that may be split, or []."""
        found = self._parts.get(term)
        if found is None:
            found = []
            if len(term) >= min(self.min_length, self.always_length) \
                    and not term.startswith(KEY_PREFIX) and term in self.segmenter.words:
                found = [thai_term(p) for p in self.segmenter.parts(term)]
            self._parts[term] = found
        return found

    def plan(self, df: Counter[str]) -> Plan:
        """The words to split, with their parts."""
        plan: Plan = {}
        shortest = min(self.min_length, self.always_length)
        for term, count in df.items():
            if len(term) < shortest:
                continue
            parts = self.parts(term)
            if not parts:
                continue
            if len(term) >= self.always_length or len(term) >= self.min_length and all(
                    df.get(p, 0) >= max(1, self.part_ratio * count) for p in parts):
                plan[term] = parts
        return plan


def add_parts(fields: list[list[str]], starts: list[array] | None, plan: Plan,
              keys: dict[str, str]) -> None:
    """Append, in place, the parts of one document's planned compounds to
    each field's terms, and with `starts` (each field's positions, parallel
    to its terms) where they stand. `keys`: the variant key of each form
    (Variants.terms)."""
    for f, terms in enumerate(fields):
        counts = Counter(terms)
        found = counts.keys() & plan.keys()  # walks the smaller side
        if not found:
            continue
        # Each occurrence of a compound adds its parts once, where they
        # stand, and a part's variant key once when the field lacks it.
        extra: list[str] = []
        at: list[int] = []
        if starts is None:
            extra = [p for t in sorted(found) for p in plan[t] * counts[t]]
        else:
            where = starts[f]
            for i in [i for i, t in enumerate(terms) if t in found]:
                offset = where[i]
                for part in plan[terms[i]]:
                    extra.append(part)
                    at.append(offset)
                    offset += len(part)
        for i, part in enumerate(list(extra)):
            if part in keys and keys[part] not in counts:
                extra.append(keys[part])
                if starts is not None:
                    at.append(key_span(at[i], at[i] + len(part)))
        terms.extend(extra)
        if starts is not None:
            starts[f].extend(at)


def add_compound_parts(segmenter: Segmenter, docs: list[list[list[str]]],
                       starts: list[list[array]] | None = None,
                       df: Counter[str] | None = None, **rule) -> int:
    """Index compound words with their parts too, across the whole archive.

    `docs` holds each document's term lists (one per field); parts are
    appended in place, and with `starts` (each field's positions, parallel
    to its terms) their positions too. `df`: document_frequencies(docs),
    if known. `rule`: Planner's keyword arguments. Returns the number of
    words split.
    """
    plan = Planner(segmenter, **rule).plan(document_frequencies(docs) if df is None else df)
    keys = segmenter.variants.terms
    for d, fields in enumerate(docs):
        add_parts(fields, starts[d] if starts is not None else None, plan, keys)
    return len(plan)
