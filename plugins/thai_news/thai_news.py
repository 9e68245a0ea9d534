"""thai_news: Pelican glue for a Thai news site.

- Validates every article on reading and fails the build with the file,
  line, field and a fix for each problem (see reader.py); a file too large
  or too slow to render is such a problem too.
- Sanitizes the rendered HTML of every article and page with an allowlist
  (sanitize.py) and warns, naming the file, when anything was removed.
- ASCII slugs: a fallback for articles without `Slug`, and category and tag
  slugs from THAI_NEWS["category_slugs"] or a deterministic romanization.
- Buddhist-era date filters for templates, plain-text leads, and the
  previous/next article within a category.

The sitemap, the build speed-ups and the npm assets are plugins of their
own (thai_sitemap, thai_speedups, thai_assets); the rules, slugs and dates
live in thai_core, which the content checker (newsroom.check) shares.
"""

from __future__ import annotations

import html
import logging
import re
from collections import Counter
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator

from thai_core import thai_date
from thai_core.memo import MemoSlot, pass_version
from thai_core.plugins import order
from thai_core.problems import ContentError, Problem, record, relative, sort_key, take_all
from thai_core.rules import parse_header
from thai_core.rules.urls import Entry, duplicate_slug_problems
from thai_core.slugs import article_slug, taxonomy_slug

from . import sanitize
from .lead import html_to_text, lead_from_html
from .reader import ValidatingMarkdownReader
from .sanitize import SCRIPT_GLOBALS, describe, sanitize_html
from .settings import merge_settings

log = logging.getLogger(__name__)


def _config(settings) -> dict:
    return settings["THAI_NEWS"]


def configure(pelican) -> None:
    """Merge THAI_NEWS over the defaults and check it once."""
    pelican.settings["THAI_NEWS"] = merge_settings(pelican.settings.get("THAI_NEWS"))
    order(pelican, "thai_news", "thai_search",
          why="content problems stop the build before minutes of segmentation")
    take_all()  # forget problems from an earlier build in this process
    _taxonomy_slug.cache_clear()
    _memo.open(Path(pelican.settings["CACHE_PATH"]) / "thai_news", "html",
               pass_version(sanitize))


_memo = MemoSlot()


def close_memo(pelican) -> None:
    _memo.close()


def use_validating_reader(readers) -> None:
    for ext in ValidatingMarkdownReader.file_extensions:
        readers.reader_classes[ext] = ValidatingMarkdownReader


def add_template_filters(generator) -> None:
    generator.env.filters.update(
        thai_date=thai_date.format_long,
        thai_date_short=thai_date.format_short,
        thai_month=thai_date.format_month,
        thai_month_name=thai_date.month_name,
        be_year=lambda value: value + thai_date.BE_OFFSET if isinstance(value, int)
        else thai_date.be_year(value),
    )


@cache
def _theme_ids(theme: str) -> frozenset[str]:
    """Literal ids in the theme's templates: article HTML must not reuse them."""
    found = set(SCRIPT_GLOBALS)
    for path in Path(theme, "templates").rglob("*.html"):
        found.update(re.findall(r'\bid="([^"{}]+)"', path.read_text(encoding="utf-8")))
    return frozenset(found)


def _sanitized(html: str, options: dict) -> tuple[str, dict]:
    """sanitize_html's (HTML, removals), from the memo when seen before."""
    def compute():
        cleaned = sanitize_html(html, **options)
        return cleaned.html, dict(cleaned.removed)

    stable = repr((options["site_host"], sorted(options["reserved_ids"])))
    return _memo.memoized((stable, html), compute, same_as=(html, {}))


def sanitize_content(instance) -> None:
    """Allowlist-clean the rendered body and summary; warn naming the file."""
    settings = instance.settings
    options = {"site_host": urlsplit(settings.get("SITEURL") or "").hostname,
               "reserved_ids": _theme_ids(settings["THEME"])}
    removed = Counter()
    html, body_removed = _sanitized(instance._content or "", options)
    instance._content = html
    removed.update(body_removed)
    if instance.metadata.get("summary"):
        html, summary_removed = _sanitized(instance.metadata["summary"], options)
        instance.metadata["summary"] = html
        if hasattr(instance, "_summary"):
            instance._summary = html
        removed.update(summary_removed)
    if removed:
        log.warning("thai_news: %s: removed from the HTML: %s",
                    relative(instance.source_path, settings["PATH"]), describe(removed))


def prepare_content(instance) -> None:
    """Sanitized HTML, fallback slug and a plain-text lead for each article or page."""
    if not hasattr(instance, "_content") or instance.settings.get("THAI_NEWS") is None:
        return
    sanitize_content(instance)
    if isinstance(instance, Article) and "slug" not in instance.metadata:
        instance.slug = article_slug(Path(instance.source_path).stem)
    limit = _config(instance.settings)["lead_length"]
    instance.lead_given = bool(html_to_text(instance.metadata.get("summary", "")))
    if instance.lead_given:
        instance.lead = html_to_text(instance.metadata["summary"])
    else:
        instance.lead = lead_from_html(instance._content or "", limit)
        # The summary is HTML (feeds): the plain-text lead must be escaped.
        instance.metadata["summary"] = html.escape(instance.lead, quote=False)


@cache
def _taxonomy_slug(name: str, known: tuple) -> str:
    return taxonomy_slug(name, dict(known))


def assign_taxonomy_slugs(generator) -> None:
    """ASCII slugs for categories and tags, before Pelican groups by them."""
    known = tuple(sorted(_config(generator.settings)["category_slugs"].items()))
    # A category written as its slug ('economy') is filed under its Thai name.
    by_slug = {slug: name for name, slug in known}
    for article in (*generator.articles, *generator.translations,
                    *generator.drafts, *generator.hidden_articles):
        category = getattr(article, "category", None)
        if category is not None:
            canonical = by_slug.get(" ".join(category.name.split()).lower())
            if canonical and category.name not in dict(known):
                category.name = canonical
            category.slug = _taxonomy_slug(category.name, known)
        for tag in getattr(article, "tags", []):
            tag.slug = _taxonomy_slug(tag.name, ())


def link_neighbours(generator) -> None:
    """newer_article / older_article within the same category."""
    by_category: dict = {}
    for article in generator.articles:  # newest first
        by_category.setdefault(article.category, []).append(article)
    for articles in by_category.values():
        for i, article in enumerate(articles):
            article.newer_article = articles[i - 1] if i > 0 else None
            article.older_article = articles[i + 1] if i + 1 < len(articles) else None


_CONTENT_LISTS = ("articles", "translations", "drafts", "drafts_translations",
                  "hidden_articles", "hidden_translations", "pages", "hidden_pages",
                  "draft_pages", "draft_translations")


def find_duplicate_slugs(generators) -> None:
    """Two articles (or pages) with one slug: Pelican would publish one and
    hide the other as its 'translation'. Record both, with the shared rule."""
    seen: dict[int, tuple[str, object]] = {}
    for generator in generators:
        kind = "article" if isinstance(generator, ArticlesGenerator) else "page"
        for name in _CONTENT_LISTS:
            for item in getattr(generator, name, None) or []:
                seen[id(item)] = (kind, item)
    counts = Counter((kind, item.slug, item.lang) for kind, item in seen.values())
    entries = []
    for kind, item in seen.values():
        if counts[(kind, item.slug, item.lang)] > 1:
            path = Path(item.source_path)
            header = parse_header(path.read_text(encoding="utf-8-sig"))
            entries.append(Entry(relative(path, item.settings["PATH"]), kind, item.slug,
                                 header.line("slug"), item.lang))
    for problem in duplicate_slug_problems(entries):
        record(problem)


def failed_sources(generators, named: set[str]) -> list[Problem]:
    """A Problem for each file Pelican could not make a page of (it logs
    only 'Could not process <file>' and drops it) that no rule named: no
    article may vanish from the site with the build still passing."""
    problems = []
    for generator in generators[:1]:  # the context is shared
        settings = generator.settings
        for rel, built in generator.context.get("generated_content", {}).items():
            if built is not None:  # a page was made: nothing to name (63k paths resolved, 5 s)
                continue
            shown = relative(Path(settings["PATH"]) / rel, settings["PATH"])
            if shown not in named:
                problems.append(Problem(
                    shown, 1, "file",
                    "Pelican สร้างหน้าจากไฟล์นี้ไม่ได้ ข่าวจะหายจากเว็บ (Pelican could not "
                    "make a page of this file: see 'Could not process' above)",
                    "ตรวจส่วนหัวของไฟล์ทีละบรรทัด หรือให้นักพัฒนาสร้างเว็บด้วย --debug "
                    "เพื่อดูสาเหตุ", "file-unreadable"))
    return problems


def fail_on_problems(generators) -> None:
    find_duplicate_slugs(generators)
    problems = take_all()
    problems = sorted(problems + failed_sources(generators, {p.path for p in problems}),
                      key=sort_key)
    if problems:
        for problem in problems:
            log.error("thai_news: %s", problem)
        raise ContentError(problems)


def register():
    signals.initialized.connect(configure)
    signals.readers_init.connect(use_validating_reader)
    signals.generator_init.connect(add_template_filters)
    signals.content_object_init.connect(prepare_content)
    signals.article_generator_pretaxonomy.connect(assign_taxonomy_slugs)
    signals.article_generator_finalized.connect(link_neighbours)
    signals.all_generators_finalized.connect(fail_on_problems)
    signals.finalized.connect(close_memo)
