"""thai_related: related news (ข่าวที่เกี่ยวข้อง) on every article page.

The search package sends every article's terms, as it segmented them, once
a build, before any page is written (its `segmented` signal). This plugin
ranks each article's closest articles in content from them (related.py),
keeping the lists between builds so that an edit ranks again only the
lists it can change (incremental.py), and gives each article
`related_news`: the articles its page lists, best first (an empty list when
none shares a rare word with it). The theme shows them as links inside
`#related-news` (theme/templates/partials/related-news.html).

What the lists were made from is kept in CACHE_PATH/thai_related/
lists.marshal (incremental.py), written under a temporary name and renamed
(kill point thai_related.lists), ended by its SHA-256; a damaged file is
reported and every list ranked again. Settings: THAI_RELATED (SCHEMA).
"""

from __future__ import annotations

import logging
import marshal
import os
import time
from pathlib import Path

from pelican import signals

from pelican.plugins.thai_search.hooks import segmented
from pelican.plugins.thai_search.options import Count, Number, SettingsError, load
from pelican.plugins.thai_search.safe_files import read_checked, write_checked
from pelican.plugins.thai_search.sources import code_digest
from pelican.plugins.thai_search.store import digest
from thai_core.plugins import require

from . import related
from .incremental import update

log = logging.getLogger(__name__)

D = related.DEFAULTS
SCHEMA = {
    # Articles a page lists: at most `most`; the first `least` always, the
    # others when their score is at least `keep` times the best one's.
    "most": Count(D["most"], least=1),
    "least": Count(D["least"], least=0),
    "keep": Number(D["keep"], least=0, most=1),
    # Features (terms, and pairs of neighbouring terms) in an article's
    # vector, and how much the title and the lead and tags (the search's
    # meta field) count against the body, of which only the first
    # body_terms words count.
    "terms": Count(D["terms"], least=1),
    "title_weight": Count(D["title_weight"], least=0),
    "meta_weight": Count(D["meta_weight"], least=0),
    "body_terms": Count(D["body_terms"], least=0),
    # Pairs of neighbouring terms count as terms of their own: those of the
    # title and the meta field, and of the first pair_terms body words.
    "pair_terms": Count(D["pair_terms"], least=0),
    # A feature of more articles than this share of them (and than
    # max_df_min) is too common to tell stories apart: in no vector.
    "max_df": Number(D["max_df"], above=0, most=1),
    "max_df_min": Count(D["max_df_min"], least=2),
    # Processes that rank a build's lists from scratch; 0 means one per core.
    "processes": Count(0),
}
STATE = "lists.marshal"


def configure(pelican) -> None:
    config = load("thai_related", "THAI_RELATED", SCHEMA, pelican.settings.get("THAI_RELATED"))
    if config["least"] > config["most"]:
        raise SettingsError(f"thai_related: THAI_RELATED['least'] ({config['least']}) must "
                            f"not be more than THAI_RELATED['most'] ({config['most']})")
    pelican.settings["THAI_RELATED"] = config
    require(pelican, "thai_search", by="thai_related",
            why="it ranks articles by the terms the search segmented")


class _Article:
    """An article as related.py reads it (related.Doc's fields), its terms
    taken from the search's only when first asked for: a rebuild after an
    edit ranks again the lists of a few articles, and reads only theirs and
    their candidates' (the search reads the rest from its cache on demand)."""

    __slots__ = ("id", "date", "_make", "_doc")

    def __init__(self, id: str, date: float, make):
        self.id, self.date, self._make, self._doc = id, date, make, None

    def fill(self, parts) -> None:
        if self._doc is None:
            self._doc = self._make(parts)

    def _terms(self) -> related.Doc:
        if self._doc is None:
            self._doc = self._make()
        return self._doc

    title = property(lambda self: self._terms().title)
    meta = property(lambda self: self._terms().meta)
    body = property(lambda self: self._terms().body)


def _docs(articles, fields: list[str], terms, segment) -> list[_Article]:
    """The articles as related.py reads them. The meta field holds the lead,
    the tags and the category: the category's own terms are left out (a
    whole category is no story). `terms` is the search's sequence, read
    only where an article's terms are asked for."""
    def field(name: str) -> int | None:
        return fields.index(name) if name in fields else None

    title, meta, body = field("title"), field("meta"), field("body")
    names = {article.category.name for article in articles}
    categories = {name: frozenset(segment(name)) for name in sorted(names)}

    def maker(i: int, url: str, date: float, drop: frozenset):
        def make(parts=None) -> related.Doc:
            parts = terms[i] if parts is None else parts
            return related.Doc(
                url, date, parts[title] if title is not None else (),
                [t for t in parts[meta] if t not in drop] if meta is not None else (),
                parts[body] if body is not None else ())
        return make

    found = []
    for i, article in enumerate(articles):
        url, date = article.url, article.date.timestamp()
        found.append(_Article(url, date, maker(i, url, date,
                                               categories[article.category.name])))
    return found


def _load(path: Path) -> dict | None:
    try:
        state = marshal.loads(read_checked(path))
        if not isinstance(state, dict):
            raise ValueError("not a table of lists")
        return state
    except FileNotFoundError:
        return None
    except (OSError, ValueError, EOFError, TypeError) as error:
        log.warning("thai_related: lists file %s is damaged (%s); every list is ranked "
                    "again", path, error)
        path.unlink(missing_ok=True)
        return None


def link_related(sender, *, articles, fields, terms, keys, fingerprint, segment, **_) -> None:
    """`related_news` for every article, before the pages are written."""
    config = sender.settings.get("THAI_RELATED")
    if config is None:  # not configured by this build: thai_related is not in PLUGINS
        return
    started = time.perf_counter()
    settings = {k: config[k] for k in related.DEFAULTS}
    version = digest(repr(sorted(settings.items())), repr(fields), fingerprint,
                     code_digest([__package__ + ".incremental"], [__package__]))
    path = Path(sender.settings["CACHE_PATH"]) / "thai_related" / STATE
    state = _load(path)
    docs = _docs(articles, list(fields), terms, segment)

    def read_all() -> None:  # many to read: every article's terms, in batches, once
        if not read:
            read.append(True)
            for doc, parts in zip(docs, terms, strict=True):
                doc.fill(parts)

    read: list[bool] = []

    lists, state, counts = update(state, version, docs, keys, settings,
                                  config["processes"] or os.cpu_count() or 1, read_all)
    for article, found in zip(articles, lists, strict=True):
        article.related_news = [articles[j] for j in related.shown(found, settings)]
    if not counts["same"]:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_checked(path, marshal.dumps(state), kill_at="thai_related.lists")
    log.info("thai_related: %d articles (%d changed, %d rarity levels moved); %d lists "
             "ranked in %.1f s", counts["articles"], counts["changed"], counts["levels"],
             counts["ranked"], time.perf_counter() - started)


def register():
    signals.initialized.connect(configure)
    segmented.connect(link_related)
