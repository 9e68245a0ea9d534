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
from bisect import bisect_left
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from itertools import repeat

K1 = 1.2
B = 0.75


def idf(documents_with_term: int, document_count: int) -> float:
    """lunr.idf; documents_with_term counts each field separately, as lunr does."""
    x = (document_count - documents_with_term + 0.5) / (documents_with_term + 0.5)
    return math.log(1 + abs(x))


def length_norm(field_length: int, average_length: float) -> float:
    """BM25's length normalisation of one field, times K1 (as lunr.js computes it)."""
    return K1 * (1 - B + B * (field_length / average_length))


def weight(idf_value: float, tf: int, field_length: int, average_length: float,
           field_boost: float = 1) -> int:
    """The lunr weight times 1000, as an int (lunr keeps three decimals).

    Postings.weighted repeats this expression inline, per posting (a call
    each would cost seconds at 63k articles); a test keeps the two equal.
    """
    score = idf_value * ((K1 + 1) * tf) / (length_norm(field_length, average_length) + tf)
    score *= field_boost
    return math.floor(score * 1000 + 0.5)  # Math.round in JS rounds .5 up


class Postings:
    """term -> per field: parallel arrays of doc ids and term frequencies.

    Built one document at a time with C-level loops (`map` into `deque`):
    an archive has tens of millions of (term, document, field) postings,
    too many for a Python statement each (docs/build-performance.md).
    """

    def __init__(self, fields: Sequence[str]):
        self.fields = list(fields)
        self._docs: list[dict[str, array]] = [{} for _ in self.fields]
        self._tfs: list[dict[str, array]] = [{} for _ in self.fields]
        self.lengths: list[list[int]] = [[] for _ in self.fields]
        # term -> per field: each document's positions, in the order of its
        # occurrences, documents in id order (its tf says how many are its)
        self._pos: list[dict[str, array]] = [{} for _ in self.fields]
        self.document_count = 0
        self._norm_cache: dict[tuple, list[float]] = {}

    def add(self, doc_id: int, field_terms: Iterable[Sequence[str]],
            field_starts: Sequence[Sequence[int]] | None = None) -> None:
        """Add one document; doc ids must be added in increasing order.
        `field_starts` holds where each term stands (positions.py), parallel
        to the terms; without it no positions are kept."""
        self.document_count += 1
        for f, terms in enumerate(field_terms):
            self.lengths[f].append(len(terms))
            counts = Counter(terms)
            docs, tfs = self._docs[f], self._tfs[f]
            # set.difference(dict) walks the small side; keys() - keys() would
            # walk the whole vocabulary.
            for term in set(counts).difference(docs):
                docs[term], tfs[term] = array("i"), array("i")
            deque(map(array.append, map(docs.__getitem__, counts), repeat(doc_id)), 0)
            deque(map(array.append, map(tfs.__getitem__, counts), counts.values()), 0)
            if field_starts is not None:
                where = self._pos[f]
                for term in set(counts).difference(where):
                    where[term] = array("i")
                deque(map(array.append, map(where.__getitem__, terms), field_starts[f]), 0)

    def replace(self, doc_id: int, old_terms: Sequence[Sequence[str]],
                new_terms: Sequence[Sequence[str]],
                new_starts: Sequence[Sequence[int]] | None = None) -> None:
        """Make document `doc_id` hold `new_terms` (and positions) instead of
        `old_terms`, what it was added with: the postings are then those of
        documents added from scratch with the new terms. Each of its terms
        costs a search and a move in that term's arrays (early_postings.py)."""
        for f, terms in enumerate(old_terms):
            self._take_out(f, doc_id, set(terms))
        for f, terms in enumerate(new_terms):
            self._put_in(f, doc_id, terms, new_starts[f] if new_starts is not None else None)
            self.lengths[f][doc_id] = len(terms)
        self._norm_cache.clear()

    def _take_out(self, f: int, doc_id: int, terms: set[str]) -> None:
        docs, tfs, where = self._docs[f], self._tfs[f], self._pos[f]
        for term in terms:
            ids, counts = docs[term], tfs[term]
            i = bisect_left(ids, doc_id)
            if i == len(ids) or ids[i] != doc_id:
                raise ValueError(f"thai_search: document {doc_id} has no posting of {term!r} "
                                 "to take out: the postings are not those of its terms")
            positions = where.get(term)
            if positions is not None:
                at = _before(counts, i, len(positions))
                del positions[at:at + counts[i]]
            del ids[i], counts[i]
            if not ids:
                del docs[term], tfs[term]
                where.pop(term, None)

    def _put_in(self, f: int, doc_id: int, terms: Sequence[str],
                starts: Sequence[int] | None) -> None:
        docs, tfs, where = self._docs[f], self._tfs[f], self._pos[f]
        at_of: dict[str, list[int]] = {}
        if starts is not None:
            for term, start in zip(terms, starts, strict=True):
                at_of.setdefault(term, []).append(start)
        for term, count in Counter(terms).items():
            if term not in docs:
                docs[term], tfs[term] = array("i"), array("i")
            ids, counts = docs[term], tfs[term]
            i = bisect_left(ids, doc_id)
            if starts is not None:
                positions = where.setdefault(term, array("i"))
                at = _before(counts, i, len(positions))
                positions[at:at] = array("i", at_of[term])
            ids.insert(i, doc_id)
            counts.insert(i, count)

    def tables(self, f: int) -> tuple[dict[str, array], dict[str, array], dict[str, array]]:
        """Field f's term -> doc ids, term -> tfs and term -> positions
        (kept_postings.py writes and reads them)."""
        return self._docs[f], self._tfs[f], self._pos[f]

    def vocabulary(self) -> set[str]:
        """Every indexed term."""
        return set().union(*self._docs)

    def averages(self) -> list[float]:
        n = max(self.document_count, 1)
        return [sum(lengths) / n or 1.0 for lengths in self.lengths]

    def weighted(self, term: str, boosts: Sequence[float], averages: Sequence[float]):
        """[(field, doc ids, weights x1000), ...] for one term, non-empty fields only.

        Doc ids are 0..N-1 in the order documents were added. The weights are
        `weight()`'s: the same float operations in the same order, inline.
        """
        found = [(f, d[term]) for f, d in enumerate(self._docs) if term in d]
        value = idf(sum(len(docs) for _f, docs in found), self.document_count)
        tf_scale = K1 + 1
        out = []
        for f, docs in found:
            norms, boost = self._norms(f, averages[f]), boosts[f]
            ws = [math.floor(value * (tf_scale * tf) / (norms[d] + tf) * boost * 1000 + 0.5)
                  for d, tf in zip(docs, self._tfs[f][term], strict=True)]
            out.append((f, docs, ws))
        return out

    def in_documents(self, term: str, n: int) -> bool:
        """Whether the term is in n documents or more, in any field (a
        field's own count decides most: a union of tens of thousands of
        ids is left for the terms it does not)."""
        found = [docs[term] for docs in self._docs if term in docs]
        if max(map(len, found), default=0) >= n:
            return True
        return len(set().union(*found)) >= n

    def most_placed(self, fields: Iterable[int], limit: int) -> list[str]:
        """The terms with more than `limit` positions in these fields."""
        counts: Counter[str] = Counter()
        for f in fields:
            counts.update({term: len(at) for term, at in self._pos[f].items()})
        return [term for term, n in counts.items() if n > limit]

    def occurrences(self, term: str, fields: Iterable[int]) -> int:
        """How many positions a term has in these fields."""
        return sum(len(self._pos[f].get(term, ())) for f in fields)

    def positions(self, term: str, f: int) -> tuple[array, array, array] | None:
        """(doc ids, tfs, positions) of a term in field f, or None: each
        document's positions follow the previous one's, tf of them."""
        where = self._pos[f].get(term)
        if where is None:
            return None
        return self._docs[f][term], self._tfs[f][term], where

    def _norms(self, f: int, average: float) -> list[float]:
        """length_norm of each document's field f."""
        key = (f, average, self.document_count)
        if key not in self._norm_cache:
            self._norm_cache[key] = [length_norm(n, average) for n in self.lengths[f]]
        return self._norm_cache[key]


def _before(counts: array, i: int, total: int) -> int:
    """How many positions the documents before the i-th hold (`total`: all
    of them): summed from the nearer end, since an edit is most often
    near the newest."""
    return sum(counts[:i]) if 2 * i <= len(counts) else total - sum(counts[i:])
