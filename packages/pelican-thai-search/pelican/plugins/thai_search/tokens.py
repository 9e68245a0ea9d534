"""Splitting normalized text into pieces, and the spelling of index terms.

Shared with the browser (static/js/search/text.js): the same regular
expressions, in the same order. Thai runs are then segmented differently on
each side: by newmm at build time (segment.py) and against the index's own
vocabulary at query time, so that query words are the index's words.
"""

from __future__ import annotations

import re

from . import thai_chars

# Thai letters, vowels and tone marks (not digits, ๆ, ฿ or ๏๚๛), with
# abbreviation dots and ฯ inside or at the end: ครม. ธ.ก.ส. ก.อุตฯ
THAI_CHARS = thai_chars.WORD
THAI_RUN = f"[{THAI_CHARS}]+(?:\\.[{THAI_CHARS}]+)*\\.?"
# Latin letters and digits, joined by - . @ _ / (covid-19, 4.0, e-mail,
# line@, 1/2567); a trailing @ stays (Line@).
WORD_CHARS = "a-z0-9\u00df-\u00f6\u00f8-\u024f"
LATIN_WORD = f"[{WORD_CHARS}]+(?:[-.@_/][{WORD_CHARS}]+)*@?"
PIECE = re.compile(f"({THAI_RUN})|({LATIN_WORD})")
CONNECTOR = re.compile("[-.@_/]")
CONNECTED_PART = re.compile("[^-.@_/]+")
# Abbreviation marks are not part of a term: ครม. = ครม, ธ.ก.ส. = ธกส.
ABBREVIATION_MARKS = re.compile(f"[.{thai_chars.PAIYANNOI}]")


def pieces(normalized: str) -> list[tuple[str, str]]:
    """[("thai" | "latin", text), ...] in order; everything else is a separator."""
    return [("thai", m[1]) if m[1] else ("latin", m[2]) for m in PIECE.finditer(normalized)]


def piece_spans(normalized: str) -> list[tuple[str, str, int, int]]:
    """pieces() with each piece's start and end in the normalized text."""
    return [("thai" if m[1] else "latin", m[0], m.start(), m.end())
            for m in PIECE.finditer(normalized)]


def thai_term(word: str) -> str:
    """The index spelling of a Thai word: abbreviation marks removed."""
    return ABBREVIATION_MARKS.sub("", word)


def latin_terms(word: str) -> list[str]:
    """A Latin/digit word and, when it is joined, its parts: covid-19 -> covid-19, covid, 19.

    A handle before an @ keeps its @ too (line@thaigov -> line@), as typed in news.
    """
    return [term for term, _start in latin_terms_at(word)]


def latin_terms_at(word: str) -> list[tuple[str, int]]:
    """latin_terms with where each term starts in the word (a term is spelled
    as it stands there, so it ends len(term) later)."""
    terms = {word: 0}
    bare = word.rstrip("@")
    terms.setdefault(bare, 0)
    if "@" in bare:
        terms.setdefault(bare[: bare.index("@") + 1], 0)
    parts = [(m[0], m.start()) for m in CONNECTED_PART.finditer(bare)]
    if len(parts) > 1:
        for part, start in parts:
            terms.setdefault(part, start)
    return list(terms.items())
