"""Plain text from rendered article HTML, for indexing and snippets."""

from __future__ import annotations

from bs4 import BeautifulSoup

DROP = ("script", "style", "nav", "noscript", "template", "iframe", "svg", "button", "form")
# Elements that end a block of text: words on either side never stand
# together (positions.py), though the snippet text shows them one space apart.
BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "th",
          "dt", "dd", "figcaption", "caption", "div", "tr", "br", "hr", "table", "ul", "ol")
# Between blocks in the text that is indexed: not a letter, digit or space,
# so positions leave a gap there. Never shown to readers.
BLOCK_BREAK = " \u00b6 "
_MARK = "\ue000"


def html_blocks(html: str) -> list[str]:
    """Visible text, block by block: markup, scripts and navigation dropped."""
    soup = BeautifulSoup(html or "", "html.parser")
    for tag in soup(DROP):
        tag.decompose()
    # A mark as the first and the last child of each block: in the text, the
    # same place as one before and one after it, without insert_before's
    # search of the parent's children (quadratic in a long body's blocks).
    for tag in soup(BLOCKS):
        tag.insert(0, _MARK)
        tag.append(_MARK)
    blocks = (" ".join(block.split()) for block in soup.get_text(" ").split(_MARK))
    return [block for block in blocks if block]


def html_text(html: str) -> str:
    """Visible text, blocks spaced: for snippets."""
    return " ".join(html_blocks(html))
