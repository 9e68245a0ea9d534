"""The commonest completions of the prefixes too wide to expand in the browser.

The browser reads an unfinished word as the start of longer index terms by
loading the pieces that hold every term with that beginning. A short or
common beginning (ประช, กระท at 63k articles) spans dozens of pieces: too
many to fetch. For each such prefix the index lists its commonest
completions, as many as sit in `max_pieces` pieces, in the piece where the
prefix itself would stand; the browser loads that piece, then the pieces of
the listed terms (docs/search-index.md, "Unfinished words").

Pure functions: the same piece arithmetic as pieces.js (pieceOf).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from .contract import KEY_PREFIX

# What follows every other character: a prefix's last entry sorts before
# prefix + END (pieces.js uses the same).
END = "\uffff"


def piece_of(bounds: Sequence[str], entry: str) -> int:
    """The piece that holds (or would hold) entry: the last whose bound is <= entry."""
    return max(0, bisect_right(bounds, entry) - 1)


def wide_prefixes(entries: Sequence[str], bounds: Sequence[str], df: dict[str, int], *,
                  max_pieces: int, min_length: int, top: int) -> dict[int, dict[str, list[str]]]:
    """Piece number -> {prefix: its commonest completions} for every wide prefix.

    `entries` is the sorted vocabulary, `bounds` each piece's first entry (a
    separator), `df` the number of documents of each indexed term. A prefix
    of min_length characters or more is wide when the pieces from the one it
    would stand in to the one of its last completion number more than
    max_pieces. Its list holds at most `top` indexed terms that start with
    it, commonest first (ties in sort order), from at most max_pieces pieces.
    Terms of the index's own (starting "~") are never completions.
    """
    found: dict[int, dict[str, list[str]]] = {}
    # Runs of entries that share a prefix one character shorter and were wide.
    runs = [(0, len(entries))]
    length = 1
    while runs:
        deeper = []
        for start, end in runs:
            i = start
            while i < end:
                if len(entries[i]) < length:  # the shorter prefix itself
                    i += 1
                    continue
                prefix = entries[i][:length]
                j = i + 1
                while j < end and entries[j].startswith(prefix):
                    j += 1
                first = piece_of(bounds, prefix)
                if (not prefix.startswith(KEY_PREFIX)  # the index's own terms: never typed
                        and piece_of(bounds, prefix + END) - first + 1 > max_pieces):
                    deeper.append((i, j))
                    if length >= min_length:
                        found.setdefault(first, {})[prefix] = _commonest(
                            entries[i:j], bounds, df, max_pieces, top)
                i = j
        runs = deeper
        length += 1
    return found


def _commonest(run: Sequence[str], bounds: Sequence[str], df: dict[str, int],
               max_pieces: int, top: int) -> list[str]:
    chosen, pieces = [], set()
    for term in sorted((t for t in run if t in df), key=lambda t: (-df[t], t)):
        piece = piece_of(bounds, term)
        if piece not in pieces and len(pieces) == max_pieces:
            continue
        pieces.add(piece)
        chosen.append(term)
        if len(chosen) == top:
            break
    return chosen
