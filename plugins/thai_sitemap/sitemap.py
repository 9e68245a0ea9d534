"""sitemap.xml for every published article, page and listing.

A single sitemap file may hold at most 50,000 URLs, fewer than the full
archive, so larger sites get numbered files and a sitemap index.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

from pelican.plugins.thai_search.files import write_if_changed

MAX_URLS = 50_000
_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'
_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _urlset(entries: list[tuple[str, str | None]]) -> str:
    rows = []
    for loc, lastmod in entries:
        mod = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        rows.append(f"<url><loc>{escape(loc)}</loc>{mod}</url>")
    return f"{_HEAD}<urlset {_NS}>\n" + "\n".join(rows) + "\n</urlset>\n"


def write_sitemaps(
    output: Path, base_url: str, entries: Iterable[tuple[str, str | None]]
) -> list[Path]:
    """Write sitemap.xml (and sitemap-N.xml when needed); return the paths.

    `entries` are (absolute URL, ISO date or None).
    """
    entries = list(entries)
    chunks = [entries[i : i + MAX_URLS] for i in range(0, len(entries), MAX_URLS)] or [[]]
    written = []
    if len(chunks) == 1:
        path = output / "sitemap.xml"
        write_if_changed(path, _urlset(chunks[0]))
        return [path]
    index_rows = []
    for number, chunk in enumerate(chunks, start=1):
        path = output / f"sitemap-{number}.xml"
        write_if_changed(path, _urlset(chunk))
        written.append(path)
        index_rows.append(f"<sitemap><loc>{escape(base_url)}/{path.name}</loc></sitemap>")
    index = output / "sitemap.xml"
    write_if_changed(index, f"{_HEAD}<sitemapindex {_NS}>\n" + "\n".join(index_rows)
           + "\n</sitemapindex>\n")
    return [index, *written]
