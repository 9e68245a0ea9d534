"""Which passages of a Thai page are English, and marking them lang="en".

WCAG 3.1.2 (Language of Parts): a screen reader reads a passage with the
voice of its `lang`. Pages are `lang="th"`; a paragraph, list item, heading
or table cell whose letters are mostly Latin gets `lang="en"` (and a Thai
one inside such a block gets `lang="th"` back).

Pure functions, no Pelican: `classify(text)` and `mark_english(html)`.
theme/static/js/lang.js mirrors `classify` for text the browser renders;
tests/vectors/lang.json holds cases both must agree on.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from pelican.plugins.thai_search import thai_chars

# Latin letters (Basic Latin, Latin-1 without × ÷, Latin Extended-A/B).
LATIN = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
# Thai letters: consonants, the vowels that are letters, leading vowels and
# ๆ. Combining vowel and tone marks are not counted: they ride on a letter.
THAI = re.compile(f"[{thai_chars.SPELLING}]")
_THAI_RUNS = re.compile(f"[{thai_chars.SPELLING}]+")  # counted by runs: fewer objects

BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6",
          "td", "th", "dt", "dd", "figcaption", "caption")
_SKIP = ("script", "style", "code", "pre")  # not prose: never decides a language
_TAG = re.compile(r"<[^>]*>")
# Any block boundary, for the cheap pre-check before parsing.
_BOUNDARY = re.compile(
    r"</?(?:p|li|h[1-6]|td|th|dt|dd|figcaption|caption|ul|ol|dl|div|table|tr|"
    r"blockquote|figure|section|br|hr)\b[^>]*>", re.IGNORECASE)


def classify(text: str, latin_share: float = 0.5, min_letters: int = 2) -> str | None:
    """'en' when more than `latin_share` of the letters are Latin (and there
    are at least `min_letters` of them), 'th' when there are Thai letters
    otherwise, None when there is nothing to decide by (digits, punctuation)."""
    latin = len(LATIN.findall(text))
    if not latin:  # most text, on a Thai site: never English, and no count needed
        return "th" if THAI.search(text) else None
    thai = sum(map(len, _THAI_RUNS.findall(text)))
    if latin + thai == 0:
        return None
    if latin >= min_letters and latin / (latin + thai) > latin_share:
        return "en"
    return "th" if thai else None


def _may_have_english(html: str, **rule) -> bool:
    """Cheap test: does any block-separated stretch of text look English?"""
    if not LATIN.search(html):
        return False
    return any(classify(_TAG.sub("", part), **rule) == "en" for part in _BOUNDARY.split(html))


def _own_text(block: Tag) -> str:
    """Text of `block` outside nested blocks (they decide for themselves)."""
    parts = []
    for node in block.descendants:
        if type(node) is not NavigableString:  # comments, CDATA: not text
            continue
        parent = node.parent
        inside = False
        while parent is not None and parent is not block:
            if parent.name in BLOCKS or parent.name in _SKIP:
                inside = True
                break
            parent = parent.parent
        if not inside:
            parts.append(str(node))
    return "".join(parts)


def _inherited(block: Tag, page_lang: str) -> str:
    parent = block.parent
    while parent is not None:
        if isinstance(parent, Tag) and parent.get("lang"):
            return parent["lang"].split("-")[0].lower()
        parent = parent.parent
    return page_lang


def mark_english(html: str, page_lang: str = "th", latin_share: float = 0.5,
                 min_letters: int = 2) -> str:
    """`html` with lang="en" on its English blocks (lang="th" on Thai blocks
    inside those). Only attributes are inserted: every other byte of the
    input is kept as it was. Blocks that already have `lang` are left alone."""
    rule = {"latin_share": latin_share, "min_letters": min_letters}
    if not html or not _may_have_english(html, **rule):
        return html
    soup = BeautifulSoup(html, "html.parser")
    inserts = []  # (offset just after the tag name, lang)
    line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
    for block in soup.find_all(BLOCKS):  # document order: parents before children
        if block.get("lang") or block.sourceline is None:
            continue
        lang = classify(_own_text(block), **rule)
        if lang is None or lang == _inherited(block, page_lang):
            continue
        block["lang"] = lang  # so nested blocks inherit it
        start = line_starts[block.sourceline - 1] + block.sourcepos
        inserts.append((start + 1 + len(block.name), lang))
    for offset, lang in sorted(inserts, reverse=True):
        html = f'{html[:offset]} lang="{lang}"{html[offset:]}'
    return html

