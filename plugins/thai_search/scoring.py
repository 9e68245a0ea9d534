"""Lunr's BM25 field weights, computed once over the whole archive.

These mirror lunr.js 2.3.9 (Builder#createFieldVectors and lunr.idf) step by
step, so that a query over a few index pieces scores every document exactly
as one unsplit lunr index would: the weights use global document
frequencies and global average field lengths, and lunr.js divides only by
the query vector's magnitude, so a document needs only the entries of the
terms being searched.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence

K1 = 1.2
B = 0.75


def idf(documents_with_term: int, document_count: int) -> float:
    """lunr.idf; documents_with_term counts each field separately, as lunr does."""
    x = (document_count - documents_with_term + 0.5) / (documents_with_term + 0.5)
    return math.log(1 + abs(x))


def weight(idf_value: float, tf: int, field_length: int, average_length: float,
           field_boost: float = 1, doc_boost: float = 1) -> int:
    """The lunr weight times 1000, as an int (lunr keeps three decimals)."""
    score = idf_value * ((K1 + 1) * tf) / (
        K1 * (1 - B + B * (field_length / average_length)) + tf
    )
    score *= field_boost
    score *= doc_boost
    return math.floor(score * 1000 + 0.5)  # Math.round in JS rounds .5 up


class Postings:
    """term -> per field: parallel lists of doc ids and term frequencies."""

    def __init__(self, fields: Sequence[str]):
        self.fields = list(fields)
        self.terms: dict[str, list[tuple[array, array]]] = {}
        self.lengths: list[list[int]] = [[] for _ in self.fields]
        self.document_count = 0

    def add(self, doc_id: int, field_terms: Iterable[Sequence[str]]) -> None:
        """Add one document; doc ids must be added in increasing order."""
        self.document_count += 1
        for f, terms in enumerate(field_terms):
            self.lengths[f].append(len(terms))
            for term, tf in Counter(terms).items():
                entry = self.terms.get(term)
                if entry is None:
                    # compact int arrays: ~45 M postings at 63k articles
                    entry = self.terms[term] = [(array("i"), array("i")) for _ in self.fields]
                entry[f][0].append(doc_id)
                entry[f][1].append(tf)

    def averages(self) -> list[float]:
        n = max(self.document_count, 1)
        return [sum(lengths) / n or 1.0 for lengths in self.lengths]

    def weighted(self, term: str, boosts: Sequence[float], averages: Sequence[float]):
        """[(field, doc ids, weights x1000), ...] for one term, non-empty fields only.

        Doc ids are 0..N-1 in the order documents were added.
        """
        entry = self.terms[term]
        value = idf(sum(len(docs) for docs, _ in entry), self.document_count)
        out = []
        for f, (docs, tfs) in enumerate(entry):
            if docs:
                lengths = self.lengths[f]
                ws = [weight(value, tf, lengths[d], averages[f], boosts[f])
                      for d, tf in zip(docs, tfs, strict=True)]
                out.append((f, docs, ws))
        return out
