"""Responsive <img> markup. Pure: no Pelican, no Pillow.

`rewrite_images` replaces each <img> whose src the caller can resolve with
one carrying src (the largest copy), srcset, sizes, width and height (so
the browser reserves the space: no layout shift), lazy loading, and every
other attribute the author wrote (alt, title, class).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
REPLACED = ("src", "srcset", "sizes", "width", "height")


@dataclass(frozen=True)
class Picture:
    src: str
    srcset: str  # "" when there is one size only
    sizes: str
    width: int  # 0 when unknown (e.g. SVG)
    height: int
    alt: str = ""

    def attributes(self) -> list[tuple[str, str]]:
        attrs = [("src", self.src)]
        if self.srcset:
            attrs += [("srcset", self.srcset), ("sizes", self.sizes)]
        if self.width and self.height:
            attrs += [("width", str(self.width)), ("height", str(self.height))]
        return attrs


class _Tag(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.attrs = attrs

    handle_startendtag = handle_starttag


def tag_attributes(tag: str) -> list[tuple[str, str | None]]:
    """Attributes of one start tag, values unescaped, in order."""
    parser = _Tag()
    parser.feed(tag)
    parser.close()
    return parser.attrs


def render_tag(attrs: list[tuple[str, str | None]]) -> str:
    parts = [name if value is None else f'{name}="{html.escape(value, quote=True)}"'
             for name, value in attrs]
    return "<img " + " ".join(parts) + ">"


def rewrite_images(content: str, resolve: Callable[[str], Picture | None]) -> str:
    """Every <img src> that `resolve` knows becomes responsive."""
    if "<img" not in content and "<IMG" not in content:
        return content

    def replace(match: re.Match) -> str:
        attrs = tag_attributes(match[0])
        src = dict(attrs).get("src")
        picture = resolve(src) if src else None
        if picture is None:
            return match[0]
        kept = [(n, v) for n, v in attrs if n not in REPLACED]
        names = {n for n, _ in kept}
        extra = [(n, v) for n, v in (("loading", "lazy"), ("decoding", "async"))
                 if n not in names]
        return render_tag(picture.attributes() + kept + extra)

    return _IMG.sub(replace, content)
