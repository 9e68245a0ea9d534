"""A term's postings as a term piece holds them (index_writer.py): delta-
coded document ids with their weights, or for a very common term a bitmap
of its documents with its best documents' exact weights (read by
piece-data.js)."""

from __future__ import annotations

import base64
import heapq
import statistics
from collections.abc import Iterable


def bitmap(ids: Iterable[int], count: int) -> str:
    """Doc ids as a bitmap (bit i of byte j is doc 8j+i), base64."""
    bits = bytearray((count + 7) // 8)
    for i in ids:
        bits[i >> 3] |= 1 << (i & 7)
    return base64.b64encode(bytes(bits)).decode("ascii")


def totals_of(weighted) -> dict[int, float]:
    """Each document's summed weight for a term: its one-word query's score.

    The longest field is taken whole (a C-level dict), the others added: a
    very common term has tens of thousands of body postings.
    """
    longest = max(weighted, key=lambda p: len(p[1]))
    totals = dict(zip(longest[1], longest[2], strict=True))
    for field in weighted:
        if field is not longest:
            for doc, w in zip(field[1], field[2], strict=True):
                totals[doc] = totals.get(doc, 0) + w
    return totals


def ranked(totals: dict[int, float], n: int) -> list[int]:
    """The n best documents, as lunr ranks them (ties go to the newer)."""
    return [d for _w, d in heapq.nlargest(n, ((w, d) for d, w in totals.items()))]


def common_entry(weighted, totals: dict[int, float], count: int,
                  best: int) -> tuple[dict, list[int]]:
    """A very common term: which documents have it, its `best` documents'
    exact weights, and one typical weight for the others; and those best
    documents, best first (a one-word query's ranking).

    Its full posting would be tens of kilobytes; the bitmap is count/8 bytes
    and keeps "every word required" exact. The documents where it weighs
    most (in a title, or often in a short text) keep their postings, so
    they rank as in one lunr index. The others share the median weight of
    the field where it occurs most; theirs is small anyway (low idf).
    """
    best_first = ranked(totals, best)
    top = set(best_first)
    field, _docs, ws = max(weighted, key=lambda p: len(p[1]))
    entry = {"c": bitmap(totals, count), "n": len(totals), "f": field,
             "w": int(statistics.median(ws))}
    if top:
        entry["b"] = []
        for f, docs, ws in weighted:
            weights = dict(zip(docs, ws, strict=True))
            kept = sorted(top & weights.keys())
            if kept:
                entry["b"].append([f, deltas(kept), [weights[d] for d in kept]])
    return entry, best_first


def deltas(ids: list[int]) -> list[int]:
    return [ids[0]] + [b - a for a, b in zip(ids, ids[1:], strict=False)] if ids else []
