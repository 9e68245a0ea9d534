"""Index terms for a text: newmm for Thai, plus compound parts and joins.

Pure functions around PyThaiNLP; no Pelican import. The dictionary is
PyThaiNLP's default word list merged with the site word list and the Thai
forms of the variant tables (a custom dictionary alone would *replace* the
default one). Entries that contain a space (611 in PyThaiNLP, e.g. "บ่อย ๆ")
are left out: text is split at spaces before segmentation, so they could
never match. The segmenter also decides which variant forms need their
abbreviation marks (Variants.decide_marks), with that dictionary and
PyThaiNLP's copy of the Royal Institute's (real words: อก for อก.).
"""

from __future__ import annotations

import hashlib
import re
from array import array
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import newmm, thai_chars
from .normalize import normalize
from .positions import cut_words, key_span, position_of
from .sources import code_digest, library_versions
from .tokens import latin_terms_at, piece_spans, pieces, thai_term
from .variants import Variants

# A compound word's parts (Segmenter.parts, compound_parts.py) are at least
# PART_MIN code points long.
PART_MIN = 2
# PyThaiNLP's newmm copied the rest of the text at every position, so its
# time grew with the square of a run's length: a run longer than RUN_CHARS
# (a hostile or broken article with no spaces) is segmented in chunks cut
# where a word boundary is possible. newmm.py copies nothing, but the
# chunks stay: they decide the words, which must not change. A term longer
# than TERM_CHARS is never typed into a search box and would only bloat a
# piece, so it is not indexed.
RUN_CHARS = 5_000
TERM_CHARS = 100
# A variant form this long, without marks (a full name: กระทรวงอุตสาหกรรม),
# never stands inside another word by chance, and the query parser reads it
# as one word wherever it is typed: so the segmenter keeps it whole wherever
# it is written, even where newmm would cut across it after a stray letter
# (รกระทรวงอุตสาหกรรม: newmm รก ระ ทรวง อุตสาหกรรม; kept: ร กระทรวงอุตสาหกรรม).
WHOLE_FORM_CHARS = 10
# The modules whose code makes a segmentation cache entry (the body text
# and the terms, thai_search._segment); the fingerprint covers them and every
# module of the package they import, found from their imports.
CACHED_BY = (f"{__package__}.segment", f"{__package__}.extract")
# The libraries that make an entry, whose versions the fingerprint covers
# too: PyThaiNLP (newmm and its word list) and Beautiful Soup (extract.py's
# body text, with Python's html.parser, which Python's version covers).
SEGMENTED_WITH = ("pythainlp", "beautifulsoup4")
_COMBINING = frozenset(c for c in map(chr, range(0x0E00, 0x0E80))
                       if re.fullmatch(f"[{thai_chars.COMBINING}]", c))
_LEADING_VOWELS = frozenset(c for c in map(chr, range(0x0E00, 0x0E80))
                            if re.fullmatch(f"[{thai_chars.LEADING_VOWELS}]", c))


def can_cut(text: str, i: int) -> bool:
    """Whether a word may begin at text[i]: not before a combining mark, not
    after a leading vowel (query-parser.js's isBoundary)."""
    return i in (0, len(text)) or (text[i] not in _COMBINING
                                   and text[i - 1] not in _LEADING_VOWELS)


def chunks(run: str, size: int = RUN_CHARS) -> list[str]:
    """`run` cut into pieces of at most about `size` characters, never inside a
    syllable (not before a combining mark, not after a leading vowel)."""
    out, start = [], 0
    while len(run) - start > size:
        cut = start + size
        while cut > start + size // 2 and not can_cut(run, cut):
            cut -= 1
        out.append(run[start:cut])
        start = cut
    out.append(run[start:])
    return out


def read_word_list(path: Path) -> list[str]:
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word = normalize(line.split("#", 1)[0])
        if word:
            words.append(word)
    return words


def real_words() -> frozenset[str]:
    """Words of the Royal Institute's dictionary (PyThaiNLP's copy), which
    holds no abbreviation without its marks: อก (chest) but not กทม or สธ."""
    from pythainlp.corpus import thai_orst_words

    return frozenset(normalize(w) for w in thai_orst_words())


@dataclass
class Segmenter:
    site_words: list[str] = field(default_factory=list)
    # As loaded from the tables; the segmenter decides which forms need
    # their marks, and the manifest carries its own variants (manifest()).
    variants: Variants = field(default_factory=Variants)

    def __post_init__(self) -> None:
        if any(thai_term(f) != f for f in self.variants.thai_forms):
            self.variants = self.variants.decide_marks(real_words(), self.base_words)

    @cached_property
    def base_words(self) -> frozenset[str]:
        """PyThaiNLP's default word list and the site word list."""
        from pythainlp.corpus import thai_words

        merged = {normalize(w) for w in thai_words()}
        merged.update(self.site_words)
        return frozenset(w for w in merged if w and " " not in w)

    @cached_property
    def words(self) -> frozenset[str]:
        merged = set(self.base_words)
        merged.update(f for f in self.variants.terms if pieces(f) == [("thai", f)])
        merged.update(self.variants.thai_forms)  # as written: ก.อุตฯ, อก.
        return frozenset(w for w in merged if w and " " not in w)

    @cached_property
    def trie(self) -> dict:
        """The dictionary as newmm.py walks it."""
        return newmm.trie(self.words)

    @cached_property
    def fingerprint(self) -> str:
        """Identifies the configuration, for the segmentation cache."""
        digest = hashlib.sha256()
        digest.update(library_versions(SEGMENTED_WITH).encode())
        # The pipeline's own code too: a change to how text becomes terms
        # (normalizing, tokens, chunking, limits) must not reuse old results.
        digest.update(code_digest(CACHED_BY, [__package__]).encode())
        for word in sorted(self.site_words):
            digest.update(word.encode() + b"\n")
        for form, key in sorted({**self.variants.terms, **self.variants.phrases}.items()):
            digest.update(f"{form}={key}\n".encode())
        for form in sorted(self.variants.thai_forms):
            digest.update(f"{form}\n".encode())
        for form, key in sorted(self.variants.marked.items()):
            digest.update(f"{form}=={key}\n".encode())
        return digest.hexdigest()[:16]

    @cached_property
    def whole_forms(self) -> re.Pattern | None:
        """The variant forms kept whole (WHOLE_FORM_CHARS), longest first."""
        forms = sorted((f for f in self.variants.terms
                        if len(f) >= WHOLE_FORM_CHARS and pieces(f) == [("thai", f)]),
                       key=lambda f: (-len(f), f))
        return re.compile("|".join(map(re.escape, forms))) if forms else None

    def newmm(self, run: str) -> list[str]:
        return [w for chunk in chunks(run) for w in self.segment_chunk(chunk) if w.strip()]

    def segment_chunk(self, text: str) -> list[str]:
        """newmm's words, except that a long variant form stands whole
        where newmm cut across it and a word may begin and end there."""
        words = newmm.segment(text, self.trie)
        if not self.whole_forms or len(text) < WHOLE_FORM_CHARS:
            return words
        found = list(self.whole_forms.finditer(text))
        if not found:  # most text: no cuts to compare with
            return words
        cuts, at = {0}, 0
        for word in words:
            at += len(word)
            cuts.add(at)
        across = [m for m in found
                  if not (m.start() in cuts and m.end() in cuts)
                  and can_cut(text, m.start()) and can_cut(text, m.end())]
        if not across:
            return words
        out, last = [], 0
        for m in across:
            out += newmm.segment(text[last:m.start()], self.trie)
            out.append(m[0])
            last = m.end()
        return out + newmm.segment(text[last:], self.trie)

    def parts(self, word: str) -> list[str]:
        """Fewest dictionary words that spell `word` exactly, or []."""
        n = len(word)
        best: list[list[str] | None] = [None] * (n + 1)
        best[0] = []
        for i in range(n):
            if best[i] is None:
                continue
            for j in newmm.prefix_ends(self.trie, word, i):
                if j - i >= PART_MIN and j - i < n:
                    candidate = best[i] + [word[i:j]]
                    if best[j] is None or len(candidate) < len(best[j]):
                        best[j] = candidate
        return best[n] if best[n] and len(best[n]) > 1 else []

    def thai_terms(self, run: str, marked: list[tuple[str, int, int]] | None = None
                   ) -> list[tuple[str, int]]:
        """(term, start) for a Thai run; a start counts the run's characters
        without abbreviation marks, so a term ends len(term) after it.

        A word written as a variant form that needs its marks (อก.,
        Variants.marked) gives no term, only its key: as (key, start, end)
        in `marked`, when given.
        """
        out: list[tuple[str, int]] = []
        unknown: list[str] = []
        at = unknown_at = 0
        for word in self.newmm(run):
            term = thai_term(word)
            if not term:
                continue
            key = self.variants.marked.get(word)
            if key is not None:
                if marked is not None:
                    marked.append((key, at, at + len(term)))
                if len(unknown) > 1:
                    out.append(("".join(unknown), unknown_at))
                unknown = []
                at += len(term)
                continue
            out.append((term, at))
            if word in self.words:
                if len(unknown) > 1:
                    out.append(("".join(unknown), unknown_at))
                unknown = []
            else:
                if not unknown:
                    unknown_at = at
                unknown.append(term)
            at += len(term)
        if len(unknown) > 1:  # a name no dictionary knows, split in chunks
            out.append(("".join(unknown), unknown_at))
        return [(t, a) for t, a in out if len(t) <= TERM_CHARS]

    def terms(self, text: str) -> list[str]:
        """All index terms of a text, with repeats (term frequency counts)."""
        return self.terms_at(text)[0]

    def terms_at(self, text: str) -> tuple[list[str], array]:
        """All index terms of a text, with repeats, and where each stands.

        Positions count characters of the field's pieces (Thai runs without
        abbreviation marks, Latin words), so that a term ends len(term) after
        its start: docs/search-index.md. Pieces separated by one space stand
        together (Thai writers space phrases at will); any other separator
        leaves a gap of one, so words across it never stand together. A
        variant key's position is key_span(start, end), since its form's
        length is not the key's; a form that needs its marks (อก.) gives its
        key alone, where newmm cut it as written. Two neighbouring words whose concatenation
        is a dictionary word are also indexed joined (where newmm cut a
        compound, or a writer spaced it), so that the word finds them; and
        three or more that spell a variant form (Variants.joined_terms).
        """
        normalized = normalize(text)
        terms: list[str] = []
        starts: list[int] = []
        spans: list[tuple[int, int, int, str]] = []  # (text start, end, position, kind+text)
        words: list[tuple[str, int]] = []  # Thai dictionary-scale words, for joins
        at, end = 0, None
        for kind, piece, start, stop in piece_spans(normalized):
            if end is not None:
                at += 0 if normalized[end:start] in ("", " ") else 1
            end = stop
            spans.append((start, stop, at, piece if kind == "thai" else None))
            if kind == "thai":
                marked: list[tuple[str, int, int]] = []
                found = self.thai_terms(piece, marked)
                for term, offset in found:
                    terms.append(term)
                    starts.append(at + offset)
                for key, first, last in marked:  # อก.: ~กอุต, never อก
                    terms.append(key)
                    starts.append(key_span(at + first, at + last))
                words.extend((t, at + o) for t, o in cut_words(found))
                at += len(thai_term(piece))
            else:
                if len(piece) <= TERM_CHARS:
                    for term, offset in latin_terms_at(piece):
                        terms.append(term)
                        starts.append(at + offset)
                at += len(piece)
        for (a, a_at), (b, b_at) in zip(words, words[1:], strict=False):
            if a_at + len(a) == b_at and a + b in self.words and len(a + b) <= TERM_CHARS:
                terms.append(a + b)
                starts.append(a_at)
        for term, start in self.variants.joined_terms(words):  # ก. อุ ต: กอุต
            terms.append(term)
            starts.append(start)
        for i, term in enumerate(list(terms)):
            key = self.variants.terms.get(term)
            if key:
                terms.append(key)
                starts.append(key_span(starts[i], starts[i] + len(term)))
        pattern = self.variants.pattern()
        if pattern:
            for m in pattern.finditer(normalized):
                first = position_of(spans, m.start(), True)
                last = position_of(spans, m.end(), False)
                terms.append(self.variants.phrases[m[0]])
                starts.append(key_span(first, max(first, last)))
        return terms, array("i", starts)
