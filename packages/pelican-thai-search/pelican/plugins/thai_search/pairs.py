"""Pair positions: where the commonest words stand next to their neighbours.

The commonest words keep no positions of their own (index_writer.py), so a
glued run that starts or ends with one (เศรษฐกิจไทย) could not be checked.
As Lucene's CommonGrams does, the index keeps instead the positions of each
such word together with the term before it and the term after it, as one
"pair" `x y` (a space between, which no term holds): where x starts, x
ending where y starts in the same field. Every term that ends or starts at
the boundary makes a pair, so a run matches however the build cut the text
(compound joins, parts, names). A pair is kept once: a word that keeps pairs
makes the pairs with what follows it, and with what precedes it unless that
keeps pairs too. A variant key pairs like a word (ประชุมครม, นายกรัฐมนตรี
เวียดนาม: นายกรัฐมนตรี is read as the key ~นรม), but its forms have other
lengths, so a pair with a key keeps its spans, from where its first term
starts to where its second ends (positions.key_span), as a key's own
positions do. Pure functions over the documents' terms and starts
(positions.py); index_writer.py writes the files.
"""

from __future__ import annotations

import json
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import compress
from operator import add

from .contract import KEY_PREFIX, PAIR_SEPARATOR
from .positions import KEY_SPAN, fields_json, key_span


def pair_key(first: str, second: str) -> str:
    return first + PAIR_SEPARATOR + second


def adjacent_pairs(docs: Iterable[tuple[Sequence[Sequence[str]], Sequence[Sequence[int]] | None]],
                   fields: Sequence[int], paired: set[str]) -> dict[str, array]:
    """Pair key -> its occurrences as flat (field, doc id, start) triples,
    documents in id order, then fields, then starts.

    `docs` yields each document's (terms, starts) per field, in doc id order
    (starts None: unknown, no pairs); `paired` holds the words that keep
    pairs. One array per pair: at 63k articles there are over a million.
    """
    out: dict[str, array] = {}
    for doc_id, (field_terms, field_starts) in enumerate(docs):
        if field_starts is None:
            continue
        for f in fields:
            terms = field_terms[f]
            if paired.isdisjoint(terms):
                continue
            for key, starts in _pairs_in(terms, field_starts[f], paired).items():
                at = out.get(key)
                if at is None:
                    out[key] = at = array("i")
                for start in sorted(starts):
                    at.extend((f, doc_id, start))
    return out


def occurrences(triples: array) -> int:
    return len(triples) // 3


def by_field(triples: array) -> list[tuple[int, tuple[array, array, array]]]:
    """A pair's triples as (field, (doc ids, tfs, starts)), as
    positions.fields_json takes a term's."""
    fields: dict[int, tuple[array, array, array]] = {}
    for i in range(0, len(triples), 3):
        f, doc, start = triples[i], triples[i + 1], triples[i + 2]
        ids, tfs, starts = fields.setdefault(f, (array("i"), array("i"), array("i")))
        if ids and ids[-1] == doc:
            tfs[-1] += 1
        else:
            ids.append(doc)
            tfs.append(1)
        starts.append(start)
    return sorted(fields.items())


def is_key_pair(key: str) -> bool:
    """Whether a pair holds a variant key: its positions are then spans."""
    first, _, second = key.partition(PAIR_SEPARATOR)
    return first.startswith(KEY_PREFIX) or second.startswith(KEY_PREFIX)


def _pairs_in(terms: Sequence[str], starts: Sequence[int], paired: set[str]) -> dict[str, set[int]]:
    """One field's pairs: key -> the starts of its first term, or, for a pair
    with a variant key (whose forms have other lengths), its spans from the
    first term's start to the second's end (positions.key_span)."""
    begin, end = list(starts), list(map(add, starts, map(len, terms)))
    for i, term in enumerate(terms):
        if term.startswith(KEY_PREFIX):  # its position is a span
            begin[i], end[i] = starts[i] // KEY_SPAN, starts[i] // KEY_SPAN + starts[i] % KEY_SPAN
    every = range(len(terms))
    hits = list(compress(every, map(paired.__contains__, terms)))
    by_start: dict[int, list[int]] = {}
    by_end: dict[int, list[int]] = {}
    for i in hits:
        by_start.setdefault(begin[i], []).append(i)
        by_end.setdefault(end[i], []).append(i)
    found: dict[str, set[int]] = {}

    def add_pair(x: int, y: int) -> None:
        first, second = terms[x], terms[y]
        at = (key_span(begin[x], end[y]) if first.startswith(KEY_PREFIX)
              or second.startswith(KEY_PREFIX) else begin[x])
        found.setdefault(pair_key(first, second), set()).add(at)

    # What precedes a paired word (unless it keeps pairs itself)...
    for j in compress(every, map(by_start.__contains__, end)):
        if terms[j] not in paired:
            for word in by_start[end[j]]:
                add_pair(j, word)
    # ...and what follows it.
    for j in compress(every, map(by_end.__contains__, begin)):
        for word in by_end[begin[j]]:
            add_pair(word, j)
    return found


def write_pair_files(pairs: dict[str, array], bounds: Sequence[str], positions_max: int,
                     write: Callable[[bytes], str], file_bytes: int) -> dict[int, list[list[str]]]:
    """Write the pairs' positions in files of about `file_bytes`; return, per
    term piece, the files of the pairs that sort in its range, as [first pair,
    file name] (the piece's "q").

    A file is `{pair: positions}` in positions_json's shape (a pair starts
    where its first term does and is as long as its two terms; a pair with a
    variant key has [start, end] pairs, as a key does), or 0 for a
    pair with more than `positions_max` occurrences, which the browser then
    cannot check. Pairs the files lack never occur.
    """
    listed: dict[int, list[list[str]]] = {}
    batch: list[bytes] = []
    first, size, piece = "", 0, -1

    def flush() -> None:
        if batch:
            listed.setdefault(piece, []).append([first, write(b"{" + b",".join(batch) + b"}")])
            batch.clear()

    for key in sorted(pairs):
        triples = pairs[key]
        at = max(0, bisect_right(bounds, key) - 1)  # the piece where key would stand
        if at != piece or size >= file_bytes:
            flush()
            first, size, piece = key, 0, at
        raw = (b"0" if occurrences(triples) > positions_max
               else fields_json(by_field(triples), keys=is_key_pair(key)))
        item = json.dumps(key, ensure_ascii=False).encode() + b":" + raw
        batch.append(item)
        size += len(item) + 1
    flush()
    return listed
