"""thai_sitemap: sitemap.xml (and sitemap-N.xml parts past 50,000 URLs)
for the home page, every article (with its last change), page and category.

Written once thai_news has found no content problem, on the same signal:
a build that fails writes no sitemap.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from thai_core.plugins import require

from .sitemap import write_sitemaps

log = logging.getLogger(__name__)


def configure(pelican) -> None:
    require(pelican, "thai_news", by="thai_sitemap",
            why="it checks the content first, and gives the dev_origin of relative sites")


def write_sitemap(generators) -> None:
    settings = generators[0].settings
    base = (settings.get("SITEURL") or settings["THAI_NEWS"]["dev_origin"]).rstrip("/")
    entries = [(f"{base}/", None)]
    for generator in generators:
        for article in getattr(generator, "articles", []):
            stamp = getattr(article, "modified", None) or article.date
            entries.append((f"{base}/{article.url}", stamp.date().isoformat()))
        for page in getattr(generator, "pages", []):
            entries.append((f"{base}/{page.url}", None))
        for category, _ in getattr(generator, "categories", []):
            entries.append((f"{base}/{category.url}", None))
    output = Path(settings["OUTPUT_PATH"])
    output.mkdir(parents=True, exist_ok=True)
    paths = write_sitemaps(output, base, entries)
    log.info("thai_sitemap: sitemap with %d URLs in %d file(s)", len(entries), len(paths))


def register():
    signals.initialized.connect(configure)
    signals.all_generators_finalized.connect(write_sitemap)
