"""thai_search: builds the split Thai search index during the Pelican build.

For each published article: title, summary + tags + category, and the body
text extracted from the rendered HTML are normalized, segmented with
PyThaiNLP newmm (default dictionary + the site word list + variant forms)
and written as content-hashed index pieces under OUTPUT_PATH/<output>/.
The browser code (static/js/search/, copied under the theme's static
folder) reads manifest.json; the default search.html (templates/) extends
the site's base.html.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import time
from array import array
from collections.abc import Iterator
from pathlib import Path

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator

from .ahead import Ahead
from .cache import SegmentCache, content_key
from .contract import FACET_FIELD, category_term
from .extract import BLOCK_BREAK, html_blocks, html_text
from .hooks import segmented
from .index_writer import Doc, write_index
from .kill_points import kill_point
from .segment import Segmenter, read_word_list
from .settings import load_settings
from .site_files import add_search_page, add_templates
from .thai_calendar import BE_OFFSET, MONTHS_SHORT
from .variants import load_variants

log = logging.getLogger(__name__)

_state: dict = {}


def configure(pelican) -> None:
    """Check THAI_SEARCH once, load the tables, and add the search page."""
    settings = pelican.settings
    config = load_settings(settings.get("THAI_SEARCH"))
    content = Path(settings["PATH"])
    words_path = content / config["word_list"] if config["word_list"] else None
    tables = [content / t for t in config["variant_tables"]]
    missing = [str(p) for p in [words_path, *tables] if p is not None and not p.is_file()]
    if missing:
        raise FileNotFoundError(f"thai_search: missing table file(s): {', '.join(missing)}")
    words = read_word_list(words_path) if words_path else []
    # The segmenter decides which forms need their marks (Variants.decide_marks).
    segmenter = Segmenter(words, load_variants(tables))
    _state.clear()
    _state.update(config=config, variants=segmenter.variants, segmenter=segmenter)
    settings["THAI_SEARCH"] = config
    add_search_page(settings)
    if _new_ahead(settings):
        # Connected now, after every plugin's register(): an article reaches
        # segment_ahead once every other content_object_init receiver ran.
        signals.content_object_init.connect(segment_ahead)


def _processes(config: dict) -> int:
    return config["processes"] or os.cpu_count() or 1


def _new_ahead(settings) -> bool:
    """Segmentation ahead (ahead.py) for the next build, when it is on."""
    config, segmenter = _state["config"], _state["segmenter"]
    processes = _processes(config)
    if not config["segment_ahead"] or processes <= 1:
        return False
    _state["ahead"] = Ahead(_segment, Path(settings["CACHE_PATH"]) / "thai_search",
                            segmenter.fingerprint, processes,
                            before_fork=lambda: segmenter.trie)
    return True


def segment_ahead(instance) -> None:
    """A published article, as soon as it is read, to the segmentation
    workers (the build finds it in the cache)."""
    ahead = _state.get("ahead")
    if (ahead is None or not isinstance(instance, Article) or instance.status != "published"
            or not getattr(instance, "source_path", None)
            or getattr(instance, "category", None) is None):  # a plugin's own sample object
        return
    fields = list(_state["config"]["fields"])
    texts = _texts(instance, fields)
    ahead.add(content_key(*texts), (texts, fields.index("body") if "body" in fields else None))


def _texts(article, fields: list[str]) -> list[str]:
    """The raw text of each field; the body is still HTML."""
    tags = [t.name for t in getattr(article, "tags", [])]
    if hasattr(article, "lead_given"):  # a plugin that writes leads marks the editor's own
        summary = article.lead if article.lead_given else ""
    else:  # Pelican keeps a Summary: given in the file as metadata; a made-up one is not
        summary = html_text(article.metadata.get("summary") or "")
    # The lead, each tag and the category are blocks: glued query words never
    # stand together across them (positions.py).
    meta = BLOCK_BREAK.join(t for t in [summary, *tags, article.category.name] if t)
    by_field = {"title": article.title, "meta": meta,
                "body": article._content or ""}  # no link rewriting needed for text
    return [by_field.get(f, "") for f in fields]


def _segment(item):
    """Worker: (fields' texts, body field position) -> (body text, terms per
    field, their positions per field as the bytes of an int array)."""
    texts, body_at = item
    segmenter = _state["segmenter"]
    texts = list(texts)
    body = ""
    if body_at is not None:
        blocks = html_blocks(texts[body_at])
        texts[body_at] = BLOCK_BREAK.join(blocks)
        body = " ".join(blocks)  # the snippet text
    found = [segmenter.terms_at(text) for text in texts]
    return (body,
            [terms for terms, _ in found], [starts.tobytes() for _, starts in found])


def _segment_all(items: list, processes: int) -> Iterator:
    """Segment on every core, yielding results in order as they come in;
    fork shares the loaded dictionary with the workers."""
    if processes <= 1 or len(items) < 50:
        yield from map(_segment, items)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(processes) as pool:
        yield from pool.imap(_segment, items, chunksize=32)


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit // 2, limit)
    return text[: cut if cut > 0 else limit]


def build_index(generators) -> None:
    articles_gen = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if articles_gen is None or not _state:
        return
    started = time.perf_counter()
    config, segmenter = _state["config"], _state["segmenter"]
    settings = articles_gen.settings
    fields = list(config["fields"])
    body_at = fields.index("body") if "body" in fields else None
    articles = sorted(articles_gen.articles, key=lambda a: (a.date, a.slug))
    names = sorted({a.category.name for a in articles})
    categories = {name: category_term(i) for i, name in enumerate(names)}

    _ = segmenter.trie  # load the dictionary once, before forking
    ahead = _state.pop("ahead", None)
    early = ahead.finish() if ahead is not None else set()  # now in the cache
    texts = [_texts(a, fields) for a in articles]
    keys = [content_key(*t) for t in texts]
    cache = SegmentCache(Path(settings["CACHE_PATH"]) / "thai_search", segmenter.fingerprint)
    # Each term string is kept once (interned): 63k articles hold ~45 M term
    # occurrences but only ~0.3 M distinct terms. Snippet text is clipped at once.
    pool: dict[str, str] = {}
    found: dict[str, tuple[str, list[list[str]], list[bytes]]] = {}

    def keep(key: str, value) -> None:
        body, terms, starts = value
        found[key] = (_clip(body, config["snippet_chars"]),
                      [list(map(pool.setdefault, field, field)) for field in terms], starts)

    for key, value in cache.iter_many(keys):
        keep(key, value)
    todo = [i for i, key in enumerate(keys) if key not in found]
    ahead_done = len(early.intersection(keys))
    processes = _processes(config)
    batch: dict = {}
    results = _segment_all([(texts[i], body_at) for i in todo], processes)
    for key, value in zip((keys[i] for i in todo), results, strict=True):
        batch[key] = value
        keep(key, value)
        kill_point("thai_search.segment")
        if len(batch) >= 500:  # stored as they come: memory stays flat
            cache.put_many(batch)
            batch.clear()
    cache.put_many(batch)
    del texts, batch
    cache.close()
    pool.clear()
    done = time.perf_counter()
    segmented.send(articles_gen, articles=articles, fields=fields,
                   terms=[found[key][1] for key in keys], keys=keys,
                   fingerprint=segmenter.fingerprint, segment=segmenter.terms)
    handed = time.perf_counter()  # the receivers' time is theirs to report

    # A list per document (add_compound_parts appends to it): copied only
    # for a second article with the very same text.
    field_terms, field_starts, taken = [], [], set()
    for key in keys:
        terms = found[key][1]
        field_terms.append([list(t) for t in terms] if key in taken else terms)
        field_starts.append([array("i", raw) for raw in found[key][2]])
        taken.add(key)
    rule = config["compound_parts"]
    split = segmenter.add_compound_parts(field_terms, field_starts, **rule) if rule else 0
    docs = []
    for article, key, terms, starts in zip(articles, keys, field_terms, field_starts,
                                           strict=True):
        docs.append(Doc(url=article.url, title=article.title,
                        date=article.date.date().isoformat(), category=article.category.name,
                        text=found[key][0],
                        terms=[*terms, [categories[article.category.name]]],
                        starts=[*starts, array("i", [0])]))
    found.clear()
    del field_terms, field_starts
    output = Path(articles_gen.output_path) / config["output"]
    report: dict = {}
    manifest = write_index(
        output, docs,
        fields=[*fields, FACET_FIELD],
        boosts=[*config["fields"].values(), 0],
        known_words=set(segmenter.words),
        variants=_state["variants"].manifest(),
        piece_bytes=config["piece_bytes"],
        docs_per_chunk=config["docs_per_chunk"],
        pieces_per_group=config["pieces_per_group"],
        chunks_per_group=config["chunks_per_group"],
        common_df=max(config["common_min"], math.ceil(config["common_fraction"] * len(docs))),
        common_best=config["common_best"], page_rows=config["page_size"],
        page_df=config["first_page_df"], positions_max=config["positions_max"],
        pair_fields=[list(config["fields"]).index(f) for f in config["pair_fields"]],
        pair_file_bytes=config["pair_file_bytes"], report=report,
        prefix_max_pieces=config["prefix_max_pieces"], prefix_min=config["prefix_min"],
        prefix_top=config["prefix_top"],
        settings={"pageSize": config["page_size"],
                  "commonLimit": config["common_limit"],
                  "facetField": FACET_FIELD,
                  # Result lists show dates as the article pages do.
                  "calendar": {"months": MONTHS_SHORT, "eraOffset": BE_OFFSET}},
    )
    log.info("thai_search: %d articles (%d segmented, %d from cache) in %.1f s; "
             "%d compounds split; %d pieces written in %.1f s; %d articles segmented while "
             "Pelican read", len(docs), len(todo) + ahead_done, len(docs) - len(todo) - ahead_done,
             done - started, split, manifest["pieces"]["count"], time.perf_counter() - handed,
             ahead_done)
    _new_ahead(settings)  # for a next build in this process (pelican --autoreload)
    if report["paired words"]:
        log.info("thai_search: pairs of %d common words: %d pairs, %d occurrences, "
                 "%d files, in %.1f s", report["paired words"], report["pairs"],
                 report["pair occurrences"], report["pair files"], report["pair s"])


def register():
    signals.initialized.connect(configure)
    signals.generator_init.connect(add_templates)
    signals.all_generators_finalized.connect(build_index)
