"""thai_lang: `lang` on English passages of a Thai site (WCAG 3.1.2).

- Article and page content: paragraphs, list items, headings and table
  cells that are mostly Latin text get lang="en" (latin.py).
- Templates: the `lang_attr` filter gives ` lang="en"` for an English title,
  category or tag, e.g. `<h1{{ article.title|lang_attr }}>`.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from pelican import signals

from pelican.plugins.thai_search.options import Count, Number, defaults, load
from thai_core.memo import MemoSlot, pass_version
from thai_core.plugins import order

from . import latin
from .latin import classify, mark_english

SCHEMA = {
    # A passage is English when more than this share of its letters are Latin...
    "latin_share": Number(0.5, above=0, below=1, expected="between 0 and 1"),
    # ...and it has at least this many Latin letters.
    "min_letters": Count(2, least=1),
}

_config: dict = defaults(SCHEMA)


def configure(pelican) -> None:
    """Merge THAI_LANG over the defaults and check it once."""
    config = load("thai_lang", "THAI_LANG", SCHEMA, pelican.settings.get("THAI_LANG"))
    # Both rewrite _content on content_object_init: marking reads the
    # sanitized HTML, so the sanitizer must have run.
    order(pelican, "thai_news", "thai_lang",
          why="English is marked in the HTML that thai_news has sanitized")
    pelican.settings["THAI_LANG"] = config
    _config.clear()
    _config.update(config)
    # Marking is pure: rebuilds take unchanged articles' results from disk.
    _memo.open(Path(pelican.settings["CACHE_PATH"]) / "thai_lang", "marks",
               pass_version(latin))


_memo = MemoSlot()


def close_memo(pelican) -> None:
    _memo.close()


def lang_attr(text) -> Markup:
    """` lang="en"` when `text` is English, else nothing (the page is Thai)."""
    if classify(str(text), **_config) == "en":
        return Markup(' lang="en"')
    return Markup("")


def add_template_filters(generator) -> None:
    generator.env.filters["lang_attr"] = lang_attr


def mark_content(instance) -> None:
    """lang="en" on the English blocks of an article's or page's HTML."""
    content = getattr(instance, "_content", None)
    if not content or "THAI_LANG" not in instance.settings:
        return
    page_lang = instance.settings.get("DEFAULT_LANG", "th")
    instance._content = _memo.memoized(
        (repr((page_lang, sorted(_config.items()))), content),
        lambda: mark_english(content, page_lang=page_lang, **_config), same_as=content)


def register():
    signals.initialized.connect(configure)
    signals.generator_init.connect(add_template_filters)
    signals.content_object_init.connect(mark_content)
    signals.finalized.connect(close_memo)
