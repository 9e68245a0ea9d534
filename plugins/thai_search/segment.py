"""Index terms for a text: newmm for Thai, plus compound parts and joins.

Pure functions around PyThaiNLP; no Pelican import. The dictionary is
PyThaiNLP's default word list merged with the site word list and the Thai
forms of the variant tables (a custom dictionary alone would *replace* the
default one). Entries that contain a space (611 in PyThaiNLP, e.g. "บ่อย ๆ")
are left out: text is split at spaces before segmentation, so they could
never match.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .normalize import normalize
from .tokens import latin_terms, pieces, thai_term
from .variants import Variants

# A word this long (code points) is also indexed by its dictionary parts,
# so กระทรวงอุตสาหกรรม is found by อุตสาหกรรม; shorter ones are not, so
# จังหวัด is not found by หวัด.
COMPOUND_MIN = 8
PART_MIN = 2


def read_word_list(path: Path) -> list[str]:
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word = normalize(line.split("#", 1)[0])
        if word:
            words.append(word)
    return words


@dataclass
class Segmenter:
    site_words: list[str] = field(default_factory=list)
    variants: Variants = field(default_factory=Variants)

    @cached_property
    def words(self) -> frozenset[str]:
        from pythainlp.corpus import thai_words

        merged = {normalize(w) for w in thai_words()}
        merged.update(self.site_words)
        merged.update(f for f in self.variants.terms if pieces(f) == [("thai", f)])
        return frozenset(w for w in merged if w and " " not in w)

    @cached_property
    def trie(self):
        from pythainlp.util import dict_trie

        return dict_trie(self.words)

    @cached_property
    def fingerprint(self) -> str:
        """Identifies the configuration, for the segmentation cache."""
        import pythainlp

        digest = hashlib.sha256()
        digest.update(f"pythainlp={pythainlp.__version__};compound={COMPOUND_MIN}".encode())
        for word in sorted(self.site_words):
            digest.update(word.encode() + b"\n")
        for form, key in sorted({**self.variants.terms, **self.variants.phrases}.items()):
            digest.update(f"{form}={key}\n".encode())
        return digest.hexdigest()[:16]

    def newmm(self, run: str) -> list[str]:
        from pythainlp.tokenize.newmm import segment

        return [w for w in segment(run, custom_dict=self.trie) if w.strip()]

    def parts(self, word: str) -> list[str]:
        """Fewest dictionary words that spell `word` exactly, or []."""
        n = len(word)
        best: list[list[str] | None] = [None] * (n + 1)
        best[0] = []
        for i in range(n):
            if best[i] is None:
                continue
            for prefix in self.trie.prefixes(word[i:]):
                j = i + len(prefix)
                if len(prefix) >= PART_MIN and prefix != word:
                    candidate = best[i] + [prefix]
                    if best[j] is None or len(candidate) < len(best[j]):
                        best[j] = candidate
        return best[n] if best[n] and len(best[n]) > 1 else []

    def thai_terms(self, run: str) -> list[str]:
        terms: list[str] = []
        unknown: list[str] = []
        for word in self.newmm(run):
            term = thai_term(word)
            if not term:
                continue
            terms.append(term)
            if word in self.words:
                if len(unknown) > 1:
                    terms.append("".join(unknown))
                unknown = []
                if len(term) >= COMPOUND_MIN:
                    terms.extend(thai_term(p) for p in self.parts(word))
            else:
                unknown.append(term)
        if len(unknown) > 1:  # a name no dictionary knows, split in chunks
            terms.append("".join(unknown))
        return terms

    def terms(self, text: str) -> list[str]:
        """All index terms of a text, with repeats (term frequency counts)."""
        normalized = normalize(text)
        terms: list[str] = []
        for kind, piece in pieces(normalized):
            if kind == "thai":
                terms.extend(self.thai_terms(piece))
            else:
                terms.extend(latin_terms(piece))
        terms.extend(self.variants.keys(terms, normalized))
        return terms
