"""THAI_NEWS settings: the schema, merged with pelicanconf.py and checked once.

Pure (no Pelican import), so the plugin and the content checker
(newsroom.check) read the same thresholds.
"""

from __future__ import annotations

from pelican.plugins.thai_search.options import Count, Dict, Number, SettingsError, Text, load
from thai_core.slugs import taxonomy_slug

SCHEMA = {
    # Thai category name (whitespace folded) -> ASCII slug.
    "category_slugs": Dict({}, Text("", empty=False), expected="a dict of Thai name -> slug"),
    # Characters in a lead shown in lists, feeds and share previews.
    "lead_length": Count(220, least=40),
    # Used for absolute URLs (sitemap.xml, share tags) when SITEURL is relative.
    "dev_origin": Text("http://localhost:8000", empty=False),
    # Content checks (invoke check and the build share them).
    # A Date later than now + this many hours is an error (scheduled by mistake).
    "future_date_margin_hours": Count(24),
    # Longest Title and Summary, in characters (longer is a warning).
    "title_max_length": Count(150),
    "summary_max_length": Count(300),
    # Largest photo an editor may add (bytes of the file, width x height).
    "image_max_bytes": Count(20_000_000),
    "image_max_pixels": Count(50_000_000),
    # Hostile files (reader.py): a larger source file is refused with a clear
    # message, and so is one whose Markdown takes longer to render (0: no limit).
    "max_file_bytes": Number(10_000_000, least=0),
    "render_seconds": Number(60, least=0),
}


def merge_settings(given: dict | None) -> dict:
    """THAI_NEWS from pelicanconf.py over the defaults; SettingsError (a
    ValueError) naming the key when invalid."""
    config = load("thai_news", "THAI_NEWS", SCHEMA, given)
    for name, slug in config["category_slugs"].items():
        if taxonomy_slug(slug) != slug:
            raise SettingsError(f"thai_news: category slug {slug!r} for {name!r} is not ASCII")
    return config
