"""Allowlist sanitizer for article HTML rendered from editors' Markdown.

Markdown passes raw HTML through and its attribute lists (`{: onclick=...}`)
add any attribute, so the rendered HTML is cleaned before it is published:
only the elements and attributes that normal Markdown output uses are kept
(headings, paragraphs, lists, links, images, tables, code, footnotes).

- script, style, iframe, object, embed, form controls, svg, math... are
  removed with their content; unknown elements are unwrapped (text kept);
- on* event handlers, style, srcset and every other attribute not listed
  are removed; table alignment (`style="text-align: ..."`) becomes a class;
- links and images keep only http(s), mailto, tel and relative URLs
  (data: only for images), after removing the control characters and
  spaces browsers ignore inside a URL (`java&#x09;script:`);
- images from another site become plain links (no third-party requests);
- ids the theme itself uses (DOM clobbering) are removed;
- bidirectional override characters (U+202A-E, U+2066-9) are removed, and
  so are the control characters XML 1.0 cannot carry (U+0000-U+001F but tab
  and line breaks: a vertical tab pasted from Word), which would stop the
  Atom feed's writer.

Pure functions, no Pelican import. Each removal is reported as a short
description so the build can warn the editor.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.dammit import EntitySubstitution
from bs4.element import CData, Comment, Declaration, Doctype, ProcessingInstruction
from bs4.formatter import HTMLFormatter

# Removed together with everything inside them.
DROP = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "param",
    "form", "input", "button", "select", "option", "optgroup", "textarea", "datalist",
    "output", "link", "meta", "base", "title", "head", "noscript", "template", "slot",
    "svg", "math", "audio", "video", "source", "track", "canvas", "portal", "dialog",
    "noembed", "noframes", "xmp", "plaintext", "listing",
})
GLOBAL_ATTRS = frozenset({"id", "class", "title", "lang", "dir"})
TAG_ATTRS: dict[str, frozenset[str]] = {
    name: frozenset(attrs) for name, attrs in {
        "a": {"href", "hreflang"},
        "img": {"src", "alt", "width", "height", "loading"},
        "th": {"colspan", "rowspan", "scope", "align"},
        "td": {"colspan", "rowspan", "align"},
        "col": {"span"}, "colgroup": {"span"},
        "ol": {"start", "reversed", "type"}, "li": {"value"},
        "time": {"datetime"}, "blockquote": {"cite"}, "q": {"cite"},
        "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
        "details": {"open"},
    }.items()
}
ALLOWED = frozenset(TAG_ATTRS) | frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "dl", "dt", "dd", "pre",
    "code", "em", "strong", "b", "i", "u", "s", "sub", "sup", "mark", "small", "cite",
    "kbd", "samp", "var", "abbr", "dfn", "span", "div", "section", "figure", "figcaption",
    "table", "thead", "tbody", "tfoot", "tr", "caption", "summary", "wbr", "bdi",
})
URL_ATTRS = frozenset({"href", "src", "cite"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# What feedgenerator refuses ("Control characters are not supported in XML 1.0").
XML_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Browsers drop ASCII tab and newline anywhere in a URL and C0 controls and
# spaces around it, so "java\tscript:" is "javascript:".
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_ALIGN = re.compile(r"^\s*text-align\s*:\s*(left|center|right)\s*;?\s*$", re.IGNORECASE)
# Only &, < and > (and " in attributes) escaped; HTML5 void elements (<br>).
# Script globals an element id must not shadow (window.lunr).
SCRIPT_GLOBALS = frozenset({"lunr"})
_FORMATTER = HTMLFormatter(entity_substitution=EntitySubstitution.substitute_xml,
                           void_element_close_prefix="")
_DATA_IMAGE = re.compile(r"^data:image/(png|jpe?g|gif|webp|avif)[;,]", re.IGNORECASE)


@dataclass
class Cleaned:
    html: str
    removed: Counter = field(default_factory=Counter)  # what -> how many times


def describe(removed: Counter) -> str:
    """'2× <script>, 1× on* event handler' (most frequent first)."""
    return ", ".join(f"{n}× {what}" for what, n in removed.most_common())


def strip_bidi_controls(text: str) -> str:
    """Text without explicit bidi embeddings, overrides and isolates."""
    return BIDI_CONTROLS.sub("", text)


def strip_xml_controls(text: str) -> str:
    """Text without the control characters XML 1.0 cannot carry."""
    return XML_CONTROLS.sub("", text)


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see (lower case), or None for a relative URL."""
    match = _SCHEME.match(_URL_IGNORED.sub("", value))
    return match.group(1).lower() if match else None


def is_safe_url(value: str, *, image: bool = False) -> bool:
    scheme = url_scheme(value)
    if scheme is None or scheme in SAFE_SCHEMES:
        return True
    return image and scheme == "data" and bool(_DATA_IMAGE.match(_URL_IGNORED.sub("", value)))


def url_host(value: str) -> str | None:
    """The host of an absolute or protocol-relative URL ('\\' counts as '/')."""
    compact = _URL_IGNORED.sub("", value).replace("\\", "/")
    if url_scheme(compact) not in (None, "http", "https"):
        return None
    return urlsplit(compact).hostname


def sanitize_html(html: str, *, site_host: str | None = None,
                  reserved_ids: frozenset[str] = SCRIPT_GLOBALS) -> Cleaned:
    """Clean rendered article HTML; see the module docstring for the rules.

    `site_host` is the site's own host name: images on any other host become
    links. `reserved_ids` are ids the page itself uses.
    """
    cleaned = Cleaned("")
    removed = cleaned.removed
    soup = BeautifulSoup(html or "", "html.parser")
    for node in list(soup.descendants):
        if isinstance(node, Comment | Doctype | Declaration | ProcessingInstruction | CData):
            node.extract()
        elif isinstance(node, NavigableString):
            text = str(node)
            bidi, control = BIDI_CONTROLS.findall(text), XML_CONTROLS.findall(text)
            if bidi or control:
                removed.update({"bidi control character": len(bidi),
                                "control character": len(control)})
                node.replace_with(strip_xml_controls(strip_bidi_controls(text)))
    for tag in soup.find_all(True):
        if tag.decomposed or tag.parent is None:
            continue
        name = tag.name.lower()
        if name in DROP:
            removed[f"<{name}>"] += 1
            tag.decompose()
        elif name not in ALLOWED:
            removed[f"<{name}> (text kept)"] += 1
            tag.unwrap()
        else:
            _clean_attributes(tag, name, removed, reserved_ids)
            if name == "img":
                _check_image(soup, tag, removed, site_host)
    cleaned.html = soup.decode(formatter=_FORMATTER)
    for what in [w for w, n in removed.items() if not n]:
        del removed[what]
    return cleaned


def _clean_attributes(tag: Tag, name: str, removed: Counter,
                      reserved_ids: frozenset[str]) -> None:
    allowed = GLOBAL_ATTRS | TAG_ATTRS.get(name, frozenset())
    for attr, value in list(tag.attrs.items()):
        key = attr.lower()
        text = " ".join(value) if isinstance(value, list) else str(value)
        if key == "style" and name in ("th", "td") and (align := _ALIGN.match(text)):
            del tag[attr]
            tag["class"] = [*tag.get("class", []), f"align-{align.group(1).lower()}"]
        elif key not in allowed:
            removed["on* event handler" if key.startswith("on") else f"{key} attribute"] += 1
            del tag[attr]
        elif key in URL_ATTRS and not is_safe_url(text, image=name == "img"):
            removed[f"{url_scheme(text)}: URL"] += 1
            del tag[attr]
        elif key == "id" and text in reserved_ids:
            removed[f"id '{text}' used by the page"] += 1
            del tag[attr]
        elif BIDI_CONTROLS.search(text) or XML_CONTROLS.search(text):
            removed.update({"control character": len(XML_CONTROLS.findall(text))})
            tag[attr] = strip_xml_controls(strip_bidi_controls(text))


def _check_image(soup: BeautifulSoup, img: Tag, removed: Counter, site_host: str | None) -> None:
    """An image needs a safe src; one from another site becomes a link to it."""
    src = img.get("src")
    if not src:
        removed["<img> without a safe src"] += 1
        img.decompose()
        return
    host = url_host(src)
    if host is None or host == site_host:
        return
    removed["image from another site (now a link)"] += 1
    link = soup.new_tag("a", href=src)
    link.string = img.get("alt") or img.get("title") or src
    img.replace_with(link)
