"""THAI_NEWS settings: the defaults, merged with pelicanconf.py and checked once.

Pure (no Pelican import), so the plugin and the content checker
(newsroom.check) read the same thresholds.
"""

from __future__ import annotations

from .slugs import taxonomy_slug

DEFAULTS = {
    # Thai category name (whitespace folded) -> ASCII slug.
    "category_slugs": {},
    # Characters in a lead shown in lists, feeds and share previews.
    "lead_length": 220,
    # Output path (under OUTPUT_PATH) -> path under node_modules.
    "vendor_assets": {},
    # Where npm installed the packages (absolute, or relative to the cwd).
    "node_modules": "node_modules",
    # Used for absolute URLs in sitemap.xml when SITEURL is relative.
    "dev_origin": "http://localhost:8000",
    # Content checks (invoke check and the build share them).
    # A Date later than now + this many hours is an error (scheduled by mistake).
    "future_date_margin_hours": 24,
    # Longest Title and Summary, in characters (longer is a warning).
    "title_max_length": 150,
    "summary_max_length": 300,
    # Largest photo an editor may add (bytes of the file, width x height).
    "image_max_bytes": 20_000_000,
    "image_max_pixels": 50_000_000,
    # Rebuild speed: linear-time archive lists, and an incremental writer
    # that re-renders only changed pages (incremental_writer.py).
    "linear_time": True,
    "incremental_writer": True,
    # Hostile files (reader.py): a larger source file is refused with a clear
    # message, and so is one whose Markdown takes longer to render (0: no limit).
    "max_file_bytes": 10_000_000,
    "render_seconds": 60,
}

_POSITIVE_INTS = ("lead_length", "future_date_margin_hours", "title_max_length",
                  "summary_max_length", "image_max_bytes", "image_max_pixels")


def merge_settings(given: dict | None) -> dict:
    """THAI_NEWS from pelicanconf.py over DEFAULTS; ValueError when invalid."""
    given = dict(given or {})
    unknown = set(given) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"thai_news: unknown THAI_NEWS keys: {', '.join(sorted(unknown))}")
    config = {**DEFAULTS, **given}
    for name, slug in config["category_slugs"].items():
        if taxonomy_slug(slug) != slug:
            raise ValueError(f"thai_news: category slug {slug!r} for {name!r} is not ASCII")
    for key in _POSITIVE_INTS:
        value = config[key]
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"thai_news: THAI_NEWS[{key!r}] must be a whole number >= 0")
    for key in ("max_file_bytes", "render_seconds"):
        value = config[key]
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise ValueError(f"thai_news: THAI_NEWS[{key!r}] must be a number >= 0")
    if config["lead_length"] < 40:
        raise ValueError("thai_news: THAI_NEWS['lead_length'] must be an int >= 40")
    return config
