"""thai_speedups: build speed-ups that change no output byte.

- An incremental writer that renders again only the pages whose inputs
  changed (incremental_writer.py).
- Linear-time period archives, category and tag pages, and category, tag
  and author membership, in place of Pelican's quadratic ones
  (linear_time.py).
- Frozen URLs: each article's `url` and `save_as` computed once, after its
  slug, date and category are final.
- Pelican's content cache made versioned, kill-safe and checked
  (content_cache.py); always on.
- The theme's `{% once %}` tag, which renders an article's card once a
  build however many list pages show it (rendered_once.py); the tag is
  always there, and renders every time when turned off.

Each can be turned off in THAI_SPEEDUPS; tests/test_incremental_build.py
builds with and without them and compares the output. Figures:
docs/build-performance.md.
"""

from __future__ import annotations

from pelican import signals

from pelican.plugins.thai_search.options import Flag, load
from thai_core.plugins import require

from .content_cache import use_safe_content_cache
from .incremental_writer import save_render_keys, writer_class
from .linear_time import fast_membership, use_linear_group_pages, use_linear_period_archives
from .rendered_once import add_rendered_once

SCHEMA = {
    "incremental_writer": Flag(True),
    "linear_time": Flag(True),
    "frozen_urls": Flag(True),
    "rendered_once": Flag(True),
}


def _config(settings) -> dict:
    return settings["THAI_SPEEDUPS"]


def configure(pelican) -> None:
    pelican.settings["THAI_SPEEDUPS"] = load("thai_speedups", "THAI_SPEEDUPS", SCHEMA,
                                             pelican.settings.get("THAI_SPEEDUPS"))
    require(pelican, "thai_news", by="thai_speedups",
            why="URLs are frozen once thai_news has given the slugs")
    use_safe_content_cache(pelican.settings)


def add_template_tags(generator) -> None:
    add_rendered_once(generator, _config(generator.settings)["rendered_once"])


def speed_up_generator(generator) -> None:
    if _config(generator.settings)["linear_time"]:
        use_linear_period_archives(generator)
        use_linear_group_pages(generator)


def freeze_urls(generator) -> None:
    """Keep each article's URL and output path once its slug, date and
    category are final (after thai_news's taxonomy slugs, on the same signal).

    Pelican formats `url` and `save_as` from the settings again on every
    access (a metadata copy and two strftime calls), and templates, feeds,
    the sitemap, the search index and the render keys ask about ten times
    per article. A value Pelican finds in `override_url` /
    `override_save_as` (where it keeps `url:` and `save_as:` metadata) is
    returned as is.
    """
    if not _config(generator.settings)["frozen_urls"]:
        return
    for article in (*generator.articles, *generator.translations,
                    *generator.drafts, *generator.hidden_articles):
        article.override_url = article.url
        article.override_save_as = article.save_as


def speed_up_membership(generator) -> None:
    if _config(generator.settings)["linear_time"]:
        fast_membership(generator)


def choose_writer(pelican):
    return writer_class(pelican) if _config(pelican.settings)["incremental_writer"] else None


def register():
    signals.initialized.connect(configure)
    signals.generator_init.connect(add_template_tags)
    signals.article_generator_init.connect(speed_up_generator)
    signals.article_generator_pretaxonomy.connect(freeze_urls)
    signals.article_generator_finalized.connect(speed_up_membership)
    signals.get_writer.connect(choose_writer)
    signals.finalized.connect(save_render_keys)
