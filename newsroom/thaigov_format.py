"""The thaigov corpus text format: parse one file, render one Pelican article.

Pure functions, no file I/O (newsroom.thaigov_import does the files). A file
looks like this (see tests/fixtures/thaigov/ and the corpus README):

    รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-<title>
    (blank lines)
    วันศุกร์ที่ 20 กรกฎาคม 2561          <- the date line, Buddhist era
    20/07/2561                            <- optional numeric date (junk)
    พิมพ์                                 <- optional "print" button (junk)
    <title>                               <- repeated once or more (junk)
    <body lines, one paragraph each>
    ที่มา : https://www.thaigov.go.th/news/contents/details/13982

Decisions taken from the real corpus (63,241 files, 2020-2025):

* Title prefix: 63,097 first lines start with `รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-`;
  the other 144 start with a bare `รัฐบาลไทย-` followed directly by the
  title (104 of them with an empty title). No other `รัฐบาลไทย-<x>-` section
  prefix occurs, and titles themselves contain `-` ("รัฐบาลไทย-ญี่ปุ่น"), so
  only those two exact prefixes are removed, once.
* Junk lines dropped from the body: the date line, a numeric `dd/mm/yyyy`
  date and `...` lines before the first paragraph, every `พิมพ์` line,
  every line equal to the title (pages repeat it up to three times, also
  after a subtitle), lines made only of dots (`.`, `.....`, `…`: the site's
  empty-paragraph spacers, about 10,000 of them) and the `ที่มา` source line.
* No body: a file whose remaining text has no letter or digit once hashtags
  are removed. That covers title-only photo posts and posts whose only text
  is hashtags (`#กระทรวงกลาโหม #กองทัพบก`): an article page showing nothing
  but hashtags is not news, so both are skipped (as two distinct reasons).
  A short real sentence, even a single line, is kept.
* Dates: the first non-empty line after the title must be a Thai date; a
  year before 1990 (the site's placeholder `1 มกราคม 2513` = 1970) is
  rejected as a placeholder.
* Source: the last `ที่มา : <thaigov.go.th URL ending in digits>` line; any
  other `ที่มา` line (a credit such as `ที่มา : กรมควบคุมโรค`) is body text.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass

from thai_core.thai_date import parse_thai_date

TITLE_PREFIXES = ("รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-", "รัฐบาลไทย-")
DEFAULT_CATEGORY = "อื่นๆ"
MIN_YEAR = 1990
PRINT_LINE = "พิมพ์"

# Skip reasons (the summary table groups by these exact strings).
NO_SOURCE = "no source id"
BAD_DATE = "unparsable date"
PLACEHOLDER_DATE = "placeholder date"
NO_TITLE = "no title"
NO_BODY = "no body"
HASHTAGS_ONLY = "no body (hashtags only)"

# Invisible characters trimmed from line ends (str.split() already treats
# NBSP, U+2028 and the other Unicode spaces as whitespace).
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_FILENAME = re.compile(
    r"^(?P<section>.*)_\d+(?:_[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
    r"-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})?\.txt$",
    re.DOTALL,
)
_SOURCE = re.compile(
    r"^ที่มา ?: ?(?P<url>https?://(?:www\.)?thaigov\.go\.th/\S*?/(?P<id>\d+))/?$"
)
_NUMERIC_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")
_DOTS = re.compile(r"^[.…]+$")
_HASHTAG = re.compile(r"#\S+")


class SkipArticle(ValueError):
    """The file is not an importable article; `reason` is a short key."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Article:
    title: str
    date: _dt.date
    category: str
    source_id: str
    source_url: str
    paragraphs: tuple[str, ...]

    @property
    def slug(self) -> str:
        return f"thaigov-{self.source_id}"


def clean_line(text: str) -> str:
    """One line of text: whitespace runs collapsed, invisible ends trimmed."""
    return " ".join(text.split()).strip(_ZERO_WIDTH + " ")


def section_from_filename(name: str) -> str:
    """`ข่าวรอง นรม  รมตนร _3_<uuid>.txt` -> `ข่าวรอง นรม รมตนร`; else อื่นๆ."""
    match = _FILENAME.match(unicodedata.normalize("NFC", name))
    section = clean_line(match["section"]) if match else ""
    return section or DEFAULT_CATEGORY


def strip_title_prefix(first_line: str) -> str:
    for prefix in TITLE_PREFIXES:
        if first_line.startswith(prefix):
            return first_line[len(prefix):]
    return first_line


def _find_source(lines: list[str]) -> int:
    """Index of the last source line, or -1."""
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].startswith("ที่มา") and _SOURCE.match(lines[i]):
            return i
    return -1


def _is_junk(line: str, title: str) -> bool:
    return line == title or line == PRINT_LINE or bool(_DOTS.match(line))


def _has_text(paragraphs: list[str]) -> bool:
    text = _HASHTAG.sub("", " ".join(paragraphs))
    return any(ch.isalnum() for ch in text)


def parse_article(text: str, filename: str) -> Article:
    """Parse the decoded text of one corpus file; raise SkipArticle if junk."""
    text = _CONTROL.sub("", unicodedata.normalize("NFC", text))
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title = clean_line(strip_title_prefix(clean_line(raw[0])))
    lines = [line for line in map(clean_line, raw[1:]) if line]

    src = _find_source(lines)
    if src < 0:
        raise SkipArticle(NO_SOURCE, "no 'ที่มา : <thaigov.go.th URL>' line")
    source = _SOURCE.match(lines.pop(src))

    date_line = lines.pop(0) if lines else ""
    date = parse_thai_date(date_line)
    if date is None:
        raise SkipArticle(BAD_DATE, repr(date_line[:60]))
    if date.year < MIN_YEAR:
        raise SkipArticle(PLACEHOLDER_DATE, f"{date_line} (year {date.year})")
    if not title:
        raise SkipArticle(NO_TITLE)

    start = 0  # the header zone: numeric date, print button, title repeats
    while start < len(lines) and (
        _is_junk(lines[start], title) or _NUMERIC_DATE.match(lines[start])
    ):
        start += 1
    paragraphs = [line for line in lines[start:] if not _is_junk(line, title)]
    if not _has_text(paragraphs):
        raise SkipArticle(HASHTAGS_ONLY if paragraphs else NO_BODY)
    return Article(
        title=title,
        date=date,
        category=section_from_filename(filename),
        source_id=source["id"],
        source_url=source["url"],
        paragraphs=tuple(paragraphs),
    )


# Markdown escaping. Inline: HTML specials become entities, the characters
# Python-Markdown (with `extra`) reads as markup get a backslash. At the start
# of a paragraph: block markers (`#` heading, `-`/`+`/`*` list or rule, `1.` or
# `๑.` ordered list; Markdown's \d matches Thai digits too) get a backslash;
# markers that have no backslash escape in core Markdown (`=` setext, `|`
# table, `:` definition list, `~` fence) become numeric character references.
_INLINE = {
    "&": "&amp;", "<": "&lt;", ">": "&gt;",
    "\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_",
    "[": "\\[", "]": "\\]", "{": "\\{", "}": "\\}",
}
# A regex finds the rare specials; str.translate with a dict is ~20x slower
# on Thai text.
_INLINE_RE = re.compile("[" + re.escape("".join(_INLINE)) + "]")
_ORDERED = re.compile(r"^(\d+)\.")


def escape_markdown(paragraph: str) -> str:
    """Markdown source that renders as exactly this text, in one <p>."""
    out = _INLINE_RE.sub(lambda m: _INLINE[m[0]], paragraph)
    first = out[:1]
    if first in ("#", "-", "+"):
        return "\\" + out
    if first in ("=", "|", ":", "~"):
        return f"&#{ord(first)};{out[1:]}"
    return _ORDERED.sub(r"\1\\.", out, count=1)


def metadata_value(value: str) -> str:
    """A single-line metadata value."""
    return clean_line(value)


def render_article(article: Article) -> str:
    """The Pelican Markdown file for an article."""
    header = [
        f"Title: {metadata_value(article.title)}",
        f"Date: {article.date.isoformat()}",
        f"Category: {metadata_value(article.category)}",
        f"Slug: {article.slug}",
        f"Source: {metadata_value(article.source_url)}",
    ]
    body = "\n\n".join(escape_markdown(p) for p in article.paragraphs)
    return "\n".join(header) + "\n\n" + body + "\n"
