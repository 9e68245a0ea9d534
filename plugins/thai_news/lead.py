"""Plain-text leads for lists, feeds and share previews.

Pelican truncates summaries by counting space-separated words, which in
Thai (no spaces between words) keeps whole paragraphs. A lead here is the
first paragraph cut by characters at a phrase boundary.
"""

from __future__ import annotations

import html
import re

_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def html_to_text(fragment: str) -> str:
    """Tags removed, entities decoded, whitespace folded."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


def shorten(text: str, limit: int) -> str:
    """Cut text to at most `limit` characters at the last space, adding '…'."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def lead_from_html(content: str, limit: int) -> str:
    """The first non-empty paragraph of rendered content, as short text."""
    for match in _PARAGRAPH.finditer(content):
        text = html_to_text(match.group(1))
        if text:
            return shorten(text, limit)
    return shorten(html_to_text(content), limit)
