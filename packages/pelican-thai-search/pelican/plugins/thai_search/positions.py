"""Where index terms stand: positions in a field, for word order.

A field's position counts the characters of its pieces (Thai runs without
abbreviation marks, Latin words), so a term that starts at p ends at
p + len(term): a query's glued words stand together where each one ends
where the next starts, however the build cut the text. Pieces separated
by one space stand together; any other separator leaves a gap of one.
Pure functions; segment.py computes positions, index_writer.py writes them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from .term_keys import KEY_PREFIX
from .tokens import ABBREVIATION_MARKS

# A variant key stands for forms of other lengths: its position holds its
# start and its end, start * KEY_SPAN + length (a form is at most TERM_CHARS),
# in a 32-bit int: a key past KEY_START_MAX (a field of over 2 million
# characters, only in a broken or hostile file) is kept there.
KEY_SPAN = 1024
KEY_START_MAX = 2**31 // KEY_SPAN - 1


def key_span(start: int, end: int) -> int:
    return min(start, KEY_START_MAX) * KEY_SPAN + min(end - start, KEY_SPAN - 1)


def position_of(spans: list[tuple[int, int, int, str | None]], offset: int,
              starting: bool) -> int:
    """The position of a character offset of the normalized text: where the
    piece at or after it starts (starting), or where the piece before it ends.
    A span is (start, end in the text, position, the text if Thai else None)."""
    found = 0
    for start, stop, at, thai in spans:
        if starting and offset < stop:
            return at + _length(thai, max(offset, start) - start)
        if not starting:
            if offset <= start:
                break
            found = at + _length(thai, min(offset, stop) - start)
    if starting and spans:
        start, stop, at, thai = spans[-1]
        return at + _length(thai, stop - start)
    return found


def _length(thai: str | None, n: int) -> int:
    """Characters of a piece's first n that count in positions (a Thai run's
    abbreviation marks do not)."""
    return n - len(ABBREVIATION_MARKS.findall(thai[:n])) if thai is not None else n


def cut_words(found: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The words newmm cut a run into, in order: not the joined unknown names
    that thai_terms appends after their chunks (they start before the end
    of the word they follow). A word that gave no term (a form that needs
    its marks, a word too long to index) leaves a gap."""
    out, at = [], 0
    for term, offset in found:
        if offset >= at:
            out.append((term, offset))
            at = offset + len(term)
    return out


def positions_json(postings, term: str, fields: Iterable[int]) -> bytes | None:
    """A term's positions (scoring.Postings) as JSON, or None:
    [[field, doc id deltas, tfs, positions], ...], each document's positions
    following the previous one's. A variant key's are [start, end] pairs,
    flat; every other term ends len(term) after its start."""
    return fields_json(((f, postings.positions(term, f)) for f in fields),
                       keys=term.startswith(KEY_PREFIX))


def fields_json(found: Iterable[tuple[int, tuple | None]], keys: bool = False) -> bytes | None:
    """(field, (doc ids, tfs, positions) or None) as positions_json writes them;
    `keys`: the positions are variant keys' spans (positions.key_span)."""
    out = []
    for f, where in found:
        if where is None:
            continue
        ids, tfs, at = where
        flat = at.tolist()
        if keys:
            flat = [v for span in flat
                    for v in (span // KEY_SPAN, span // KEY_SPAN + span % KEY_SPAN)]
        ids = ids.tolist()
        deltas = [ids[0]] + [b - a for a, b in zip(ids, ids[1:], strict=False)]
        out.append([f, deltas, tfs.tolist(), flat])
    if not out:
        return None
    return json.dumps(out, separators=(",", ":")).encode()
