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
The browser gets both maps in the manifest (text.js).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .contract import KEY_PREFIX
from .normalize import normalize
from .tokens import WORD_CHARS, pieces, thai_term


class TableError(ValueError):
    pass


def form_term(form: str) -> str | None:
    """The single index term a normalized form is, or None for a phrase."""
    parts = pieces(form)
    if len(parts) != 1 or parts[0][1] != form:
        return None
    kind, text = parts[0]
    return thai_term(text) if kind == "thai" else text


@dataclass
class Variants:
    terms: dict[str, str] = field(default_factory=dict)  # term -> key
    phrases: dict[str, str] = field(default_factory=dict)  # normalized phrase -> key
    # The one-term Thai forms as written, abbreviation marks kept (ก.อุตฯ):
    # newmm reads the text with its marks, so the segmenter's dictionary
    # needs them, or it cuts ก.อุตฯ into ก. อุ ตฯ and the form's term and key
    # are never indexed. Not in the manifest (the browser drops the marks).
    thai_forms: set[str] = field(default_factory=set)

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
                    if pieces(form)[0][0] == "thai":
                        out.thai_forms.add(form)
                else:
                    out.phrases[form] = key
        return out

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
