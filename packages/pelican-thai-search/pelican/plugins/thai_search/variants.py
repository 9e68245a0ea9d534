"""Spelling variants and abbreviations: forms that must find each other.

Tables are plain text files that editors extend, one group per line:

    ดิจิทัล = ดิจิตอล
    ครม. = คณะรัฐมนตรี

Every group gets a key term ("~" + its first form). A document is indexed
with the key wherever it has any form, and a query searches for the key
instead of the form, so every form finds every other.

A form that is one term (a Thai word, dots and ฯ dropped as in every term,
or one Latin word) is matched as a whole term, never inside a longer word:
อก. must not match inside ออก. A longer form (with a space, or mixing Thai
and Latin such as โควิด-19) is matched as a phrase in the normalized text.

An abbreviation written with marks whose spelling without them is another
word needs its marks (Variants.decide_marks): อก. is the Ministry of
Industry, อก (chest) a word, so อก. is found only as written, marks and all,
never by the term อก, and the word อก never finds the ministry. Other
abbreviations are found with or without their marks (ครม. = ครม). The
segmenter decides, with its dictionary (segment.py); the browser gets the
maps in the manifest (manifest(), read by query-parser.js).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from .normalize import normalize
from .term_keys import KEY_PREFIX
from .tokens import ABBREVIATION_MARKS, WORD_CHARS, pieces, thai_term


class TableError(ValueError):
    pass


def form_term(form: str) -> str | None:
    """The single index term a normalized form is, or None for a phrase."""
    parts = pieces(form)
    if len(parts) != 1 or parts[0][1] != form:
        return None
    kind, text = parts[0]
    return thai_term(text) if kind == "thai" else text


def is_spelling_of(entry: str, form: str) -> bool:
    """Whether `entry` is `form` with none, some or all of its abbreviation
    marks left out (ธกส. and ธกส are spellings of ธ.ก.ส.; ก.ต. is not one of
    กต., nor ฯพณฯ one of พณ.)."""
    i = 0
    for char in form:
        if i < len(entry) and entry[i] == char:
            i += 1
        elif not ABBREVIATION_MARKS.fullmatch(char):
            return False
    return i == len(entry)


@dataclass
class Variants:
    terms: dict[str, str] = field(default_factory=dict)  # term -> key
    phrases: dict[str, str] = field(default_factory=dict)  # normalized phrase -> key
    # The one-term Thai forms as written, abbreviation marks kept (ก.อุตฯ):
    # newmm reads the text with its marks, so the segmenter's dictionary
    # needs them, or it cuts ก.อุตฯ into ก. อุ ตฯ and the form's term and key
    # are never indexed.
    thai_forms: set[str] = field(default_factory=set)
    # The forms, as written, that are found only with their marks (อก.), and
    # their keys: their terms are not in `terms` (decide_marks).
    marked: dict[str, str] = field(default_factory=dict)
    # Every one-term form (normalized, marks kept) and its key, in table order.
    term_forms: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_groups(cls, groups: list[list[str]]) -> Variants:
        out = cls()
        for group in groups:
            forms = [normalize(f) for f in group]
            forms = [f for f in forms if f]
            if len(forms) < 2:
                continue
            first = form_term(forms[0]) or forms[0].replace(" ", "")
            key = KEY_PREFIX + first
            for form in forms:
                term = form_term(form)
                if term:
                    out.terms[term] = key
                    out.term_forms[form] = key
                    if pieces(form)[0][0] == "thai":
                        out.thai_forms.add(form)
                else:
                    out.phrases[form] = key
        return out

    def decide_marks(self, real_words: Iterable[str], dictionary: Iterable[str]) -> Variants:
        """These variants with the forms that need their marks in `marked`.

        A one-term Thai form written with dots or ฯ needs them when its
        spelling without them is another word: a real word (`real_words`,
        the Royal Institute's dictionary: อก, chest, for อก.), or the term of
        an entry of `dictionary` (newmm's, without the variant forms) or of
        another group's form that is not a spelling of this form (ฯพณฯ gives
        the term พณ, ก.ต. the term กต: so พณ. and กต. need their marks).
        PyThaiNLP's word list also holds abbreviations without their marks
        (กทม, สธ): the same abbreviation, so they decide nothing. Such a form
        is found only as written, its term never stands for it, and so the
        word never finds the group (index and query alike). Every other form
        keeps finding and being found with or without its marks.
        """
        real = set(real_words)
        others: dict[str, set[str]] = {}  # term -> entries with marks that spell it
        for entry in dictionary:
            term = thai_term(entry)
            if term != entry:
                others.setdefault(term, set()).add(entry)
        marked = {}
        for form, key in self.term_forms.items():
            if pieces(form)[0][0] != "thai":
                continue
            term = thai_term(form)
            if term == form:
                continue
            spelled = others.get(term, set()) | {
                f for f, k in self.term_forms.items() if k != key and thai_term(f) == term}
            if term in real or any(not is_spelling_of(e, form) for e in spelled):
                marked[form] = key
        terms = {form_term(f): k for f, k in self.term_forms.items() if f not in marked}
        return replace(self, terms=terms, marked=marked)

    def manifest(self) -> dict[str, dict[str, str]]:
        """The maps the browser reads (query-parser.js): a form's term, or a
        phrase, to its key; and the forms found only with their marks."""
        return {"terms": self.terms, "phrases": self.phrases, "marked": self.marked}

    @cached_property
    def term_starts(self) -> frozenset[str]:
        """Every beginning of a one-term form's term (ก, กอ, กอุ, กอุต, ...)."""
        return frozenset(t[:i] for t in self.terms for i in range(1, len(t) + 1))

    def joined_terms(self, words: list[tuple[str, int]]) -> list[tuple[str, int]]:
        """Runs of three or more neighbouring words, (term, start) each, that
        together spell a one-term form, as (that term, start): newmm may cut
        a form written with other marks (ก.อุต: ก อุ ต) that the browser
        reads whole. Two such words are joined already, as are any two that
        spell a dictionary word (Segmenter.terms_at)."""
        out = []
        for i, (text, start) in enumerate(words):
            if text not in self.term_starts:
                continue
            end = start + len(text)
            for count, (word, at) in enumerate(words[i + 1:], start=2):
                if at != end or text + word not in self.term_starts:
                    break
                text, end = text + word, at + len(word)
                if count >= 3 and text in self.terms:
                    out.append((text, start))
        return out

    def pattern(self) -> re.Pattern | None:
        if not self.phrases:
            return None
        if getattr(self, "_pattern", None) is None:
            self._pattern = re.compile(phrase_regex(self.phrases))
        return self._pattern

    def keys(self, terms: list[str], normalized: str) -> list[str]:
        """Keys for the terms of a text and the phrases in its normalized form."""
        keys = [self.terms[t] for t in terms if t in self.terms]
        pattern = self.pattern()
        if pattern:
            keys.extend(self.phrases[m[0]] for m in pattern.finditer(normalized))
        return keys


def phrase_regex(phrases) -> str:
    """One alternation, longest first; an edge that is a Latin letter or digit
    must not continue a word. text.js builds the same expression."""
    edge = f"[{WORD_CHARS}]"
    parts = []
    for phrase in sorted(phrases, key=lambda p: (-len(p), p)):
        body = re.escape(phrase)
        if re.match(edge, phrase[0]):
            body = f"(?<!{edge}){body}"
        if re.match(edge, phrase[-1]):
            body = f"{body}(?!{edge})"
        parts.append(body)
    return "|".join(parts)


def read_table(path: Path) -> list[list[str]]:
    """Groups from a table file; '#' starts a comment."""
    groups = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        forms = [f.strip() for f in line.split("=")]
        if len(forms) < 2 or not all(forms):
            raise TableError(
                f"{path}:{number}: a group needs two or more forms separated by ' = ' "
                f"(เช่น 'ดิจิทัล = ดิจิตอล'), got {line!r}"
            )
        groups.append(forms)
    return groups


def load_variants(paths: list[Path]) -> Variants:
    groups = []
    for path in paths:
        groups.extend(read_table(path))
    return Variants.from_groups(groups)
