"""Links and images in a Markdown file, with their line numbers. Pure.

Finds inline links and images (`[text](url)`, `![alt](url)`), reference
definitions (`[id]: url`), raw HTML `<a href>` and `<img src alt>`, and the
`Image:` header field. HTML comments, fenced code blocks and code spans are
skipped, and `\\[` (an escaped bracket, as the archive importer writes) is
not a link.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from thai_core.rules.header import split_lines

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_TEXT = r"(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*"
_DEST = r"\(\s*(<[^>]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
_IMAGE = re.compile(rf"(?<!\\)!\[({_TEXT})\]{_DEST}")
_LINK = re.compile(rf"(?<![\\!])\[({_TEXT})\]{_DEST}")
_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?")
_TAG = re.compile(r"<(a|img)\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+)")
INTRASITE = ("{filename}", "{static}", "{attach}")


@dataclass(frozen=True)
class Ref:
    kind: str  # "link" or "image"
    url: str
    line: int
    alt: str | None = None  # images: None when the attribute is absent
    field: str = "body"  # or "Image" for the header field


def _attrs(text: str) -> dict[str, str]:
    return {k.lower(): html.unescape(v[1:-1] if v[:1] in "\"'" else v)
            for k, v in _ATTR.findall(text)}


def _dest(raw: str) -> str:
    return raw[1:-1] if raw.startswith("<") and raw.endswith(">") else raw


def find_refs(text: str, body_line: int, lead_image: tuple[str, int, str] | None = None
              ) -> list[Ref]:
    """Every link and image reference. `lead_image` is (Image value, its
    line, ImageAlt value) from the header, when given."""
    refs = []
    if lead_image and lead_image[0].strip():
        refs.append(Ref("image", lead_image[0].strip(), lead_image[1], lead_image[2], "Image"))
    if not any(mark in text for mark in ("](", "]:", "<a", "<img", "<A", "<IMG")):
        return refs
    if "<!--" in text:  # commented out: not on the page (keep line numbers)
        text = _COMMENT.sub(lambda m: "\n" * m[0].count("\n"), text)
    lines = split_lines(text)
    fence = None
    for number in range(body_line, len(lines) + 1):
        line = lines[number - 1]
        opened = _FENCE.match(line)
        if fence:
            if opened and opened[1][0] == fence[0] and len(opened[1]) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened[1]
            continue
        if "`" in line:
            line = _CODE_SPAN.sub(lambda m: " " * len(m[0]), line)
        for match in _IMAGE.finditer(line):
            refs.append(Ref("image", _dest(match[2]), number, match[1]))
        for match in _LINK.finditer(line):
            refs.append(Ref("link", _dest(match[2]), number))
        ref_def = _REFDEF.match(line)
        if ref_def:
            refs.append(Ref("link", ref_def[1], number))
        for match in _TAG.finditer(line):
            attrs = _attrs(match[2])
            if match[1].lower() == "img" and "src" in attrs:
                refs.append(Ref("image", attrs["src"], number, attrs.get("alt")))
            elif match[1].lower() == "a" and "href" in attrs:
                refs.append(Ref("link", attrs["href"], number))
    return refs


def classify(url: str) -> tuple[str, str]:
    """('intrasite', '{static}' + path) | ('site', '/path') | ('relative', path)
    | ('external', url) | ('other', url). The path has no query or fragment
    and is percent-decoded."""
    url = url.strip()
    for prefix in INTRASITE:
        if url.startswith(prefix):
            return "intrasite", prefix + unquote(urlsplit(url[len(prefix):]).path)
    if url.startswith("{"):
        return "other", url  # {category}, {tag}, {index}, {author}
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") or url.startswith("//"):
        return "external", url
    if parts.scheme or not parts.path:
        return "other", url  # mailto:, tel:, #anchor, ?query
    if parts.path.startswith("/"):
        return "site", unquote(parts.path)
    return "relative", unquote(parts.path)
