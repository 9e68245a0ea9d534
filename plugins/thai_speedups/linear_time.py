"""Linear-time replacements for Pelican's quadratic list scans.

Pelican 4.12 finds each category's, tag's and author's articles in date
order with `[a for a in self.dates if a in articles]`, and each year's and
month's articles with `[a for a in articles if a in dates]`: list
membership, O(articles²), which dominated the rebuild of the whole archive
(docs/build-performance.md). The lists built here are the same lists, in
the same order, in linear time:

- `MemberList` is a list whose `in` is a set lookup by identity (articles
  have no __eq__, so list membership is identity too);
- `build_period_archives` computes the same `period_archives` mapping as
  ArticlesGenerator._build_period_archives;
- `use_linear_group_pages` writes the tag and category pages with the same
  arguments as ArticlesGenerator.generate_tags and generate_categories,
  each group's `dates` found in one pass over the site's (Pelican scans
  all 63k articles for each of 80 groups: 6 s of a rebuild).
"""

from __future__ import annotations

import calendar
import logging
from collections import defaultdict
from itertools import groupby
from operator import attrgetter

from pelican.writers import FileOverwriteFailedError

log = logging.getLogger(__name__)


class MemberList(list):
    """A list with O(1) membership by identity; same items, same order."""

    def __init__(self, items=()):
        super().__init__(items)
        self._ids = {id(item) for item in self}

    def __contains__(self, item) -> bool:
        if len(self._ids) != len(self):  # mutated since: index again
            self._ids = {id(x) for x in self}
        return id(item) in self._ids


def fast_membership(generator) -> None:
    """Swap the article lists of categories, tags and authors for MemberLists."""
    for name in ("categories", "authors"):
        groups = getattr(generator, name, None)
        if isinstance(groups, list):
            groups[:] = [(key, MemberList(articles)) for key, articles in groups]
    tags = getattr(generator, "tags", None)
    if isinstance(tags, dict):
        for tag in list(tags):
            tags[tag] = MemberList(tags[tag])


_GRANULARITY = {
    "year": ("YEAR_ARCHIVE_SAVE_AS", "YEAR_ARCHIVE_URL", attrgetter("date.year")),
    "month": ("MONTH_ARCHIVE_SAVE_AS", "MONTH_ARCHIVE_URL",
              attrgetter("date.year", "date.month")),
    "day": ("DAY_ARCHIVE_SAVE_AS", "DAY_ARCHIVE_URL",
            attrgetter("date.year", "date.month", "date.day")),
}


def build_period_archives(sorted_articles, articles, settings) -> dict:
    """Pelican's per-year/month/day archive groups, in linear time."""
    period_archives = defaultdict(list)
    order = {id(article): i for i, article in enumerate(articles)}
    for granularity, (save_as_key, url_key, key_func) in _GRANULARITY.items():
        save_as_fmt, url_fmt = settings[save_as_key], settings[url_key]
        if not save_as_fmt:
            continue
        for period, group in groupby(sorted_articles, key=key_func):
            dates = list(group)
            d = dates[0].date
            archive = {
                "dates": dates,
                # `articles` order, restricted to this period
                "articles": sorted((a for a in dates if id(a) in order),
                                   key=lambda a: order[id(a)]),
                "save_as": save_as_fmt.format(date=d),
                "url": url_fmt.format(date=d),
            }
            if granularity == "year":
                archive["period"] = (period,)
                archive["period_num"] = (period,)
            else:
                month_name = calendar.month_name[period[1]]
                archive["period"] = ((period[0], month_name) if granularity == "month"
                                     else (period[0], month_name, period[2]))
                archive["period_num"] = tuple(period)
            period_archives[granularity].append(archive)
    return period_archives


def use_linear_period_archives(generator) -> None:
    """On one ArticlesGenerator instance, not on Pelican's class."""
    generator._build_period_archives = build_period_archives


def dates_by_group(dates: list, groups: list) -> list[list]:
    """For each (group, articles) of `groups`, Pelican's
    `[a for a in dates if a in articles]`, in one pass over `dates`."""
    holding: dict[int, set[int]] = {}  # id(article) -> the groups that list it
    for g, (_group, articles) in enumerate(groups):
        for article in articles:
            holding.setdefault(id(article), set()).add(g)
    found: list[list] = [[] for _ in groups]
    for article in dates:
        for g in holding.get(id(article), ()):
            found[g].append(article)
    return found


def _write_group_pages(generator, write, groups: list, name: str) -> None:
    """What generate_tags ("tag") and generate_categories ("category") write."""
    template = generator.get_template(name)
    for (group, articles), dates in zip(groups, dates_by_group(generator.dates, groups),
                                        strict=True):
        try:
            write(group.save_as, template, generator.context, url=group.url, articles=articles,
                  dates=dates, template_name=name, blog=True, page_name=group.page_name,
                  all_articles=generator.articles, **{name: group})
        except FileOverwriteFailedError:
            if group.slug:
                log.error('thai_speedups: failed to write the %s page for "%s"', name, group)
                raise
            log.info('thai_speedups: %s "%s" has an invalid slug; its page is not written',
                     name, group, extra={"limit_msg": f"Further {name}s with invalid slugs."})


def use_linear_group_pages(generator) -> None:
    """On one ArticlesGenerator instance, not on Pelican's class."""
    generator.generate_tags = lambda write: _write_group_pages(
        generator, write, list(generator.tags.items()), "tag")
    generator.generate_categories = lambda write: _write_group_pages(
        generator, write, list(generator.categories), "category")
