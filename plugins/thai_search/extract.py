"""Plain text from rendered article HTML, for indexing and snippets."""

from __future__ import annotations

from bs4 import BeautifulSoup

DROP = ("script", "style", "nav", "noscript", "template", "iframe", "svg", "button", "form")


def html_text(html: str) -> str:
    """Visible text: markup, scripts and navigation dropped, blocks spaced."""
    soup = BeautifulSoup(html or "", "html.parser")
    for tag in soup(DROP):
        tag.decompose()
    return " ".join(soup.get_text(" ").split())
