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

import gc
import logging
import multiprocessing
import os
import time
from collections.abc import Iterator
from pathlib import Path

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator

from . import index_process
from .ahead import Ahead
from .cache import SegmentCache, content_key
from .cached_terms import CachedTerms
from .contract import category_term
from .extract import BLOCK_BREAK, html_blocks, html_text
from .hooks import segmented
from .index_step import (
    Found,
    Prelude,
    Step,
    make_segmenter,
    write_after_early_read,
    write_from_cache,
    write_search_index,
)
from .kill_points import kill_point
from .settings import load_settings
from .site_files import add_search_page, add_templates

log = logging.getLogger(__name__)

_state: dict = {}


def configure(pelican) -> None:
    """Check THAI_SEARCH once, load the tables, and add the search page."""
    settings = pelican.settings
    config = load_settings(settings.get("THAI_SEARCH"))
    segmenter = make_segmenter(Path(settings["PATH"]), config)
    _stop_leftover_index()
    _state.clear()
    _state.update(config=config, segmenter=segmenter)
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
    _state["ahead"] = Ahead(_segment, _cache_folder(settings),
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
    gc.freeze()  # no collection copies the pages the workers share (ahead.py)
    try:
        with context.Pool(processes) as pool:
            yield from pool.imap(_segment, items, chunksize=32)
    finally:
        gc.unfreeze()


def _beside(config: dict) -> bool:
    """Whether the index may be written by a process of its own (index_process.py)."""
    return (config["index_beside_pages"] and _processes(config) > 1
            and index_process.available())


def start_early_index(generator) -> None:
    """A rebuild (the segmentation cache holds `index_beside_min` articles or
    more): the index process starts as the build does, and reads the cache
    on the other core while Pelican reads the articles
    (index_step.write_after_early_read); build_index hands it the rest."""
    if not isinstance(generator, ArticlesGenerator) or not _state:
        return
    _stop_leftover_index()
    config, segmenter = _state["config"], _state["segmenter"]
    if not _beside(config):
        return
    settings = generator.settings
    cache = SegmentCache(_cache_folder(settings), segmenter.fingerprint)
    try:
        if cache.count() < config["index_beside_min"]:
            return
        prelude = Prelude(config, Path(settings["PATH"]), cache.path, segmenter.fingerprint)
    finally:
        cache.close(prune=False)
    _state["index_early"] = index_process.start(write_after_early_read, prelude,
                                                "writing the search index", talks=True)


def _cache_folder(settings) -> Path:
    return Path(settings["CACHE_PATH"]) / "thai_search"


def _segment_missing(cache: SegmentCache, keys: list[str], texts: list, todo: list[int],
                     body_at: int | None, processes: int, take) -> None:
    """Segment the articles `todo` (on every core), store them in the cache
    as they come, and hand each to take(key, value)."""
    batch: dict = {}
    results = _segment_all([(texts[i], body_at) for i in todo], processes)
    for key, value in zip((keys[i] for i in todo), results, strict=True):
        batch[key] = value
        take(key, value)
        kill_point("thai_search.segment")
        if len(batch) >= 500:  # stored as they come: memory stays flat
            cache.put_many(batch)
            batch.clear()
    cache.put_many(batch)


def build_index(generators) -> None:
    articles_gen = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if articles_gen is None or not _state:
        return
    started = time.perf_counter()
    _stop_leftover_index("index_child")
    config, segmenter = _state["config"], _state["segmenter"]
    settings = articles_gen.settings
    fields = list(config["fields"])
    body_at = fields.index("body") if "body" in fields else None
    articles = sorted(articles_gen.articles, key=lambda a: (a.date, a.slug))
    names = sorted({a.category.name for a in articles})
    categories = {name: category_term(i) for i, name in enumerate(names)}

    _ = segmenter.trie  # load the dictionary once, before forking
    ahead = _state.pop("ahead", None)
    early_done = ahead.finish() if ahead is not None else set()  # now in the cache
    texts = [_texts(a, fields) for a in articles]
    keys = [content_key(*t) for t in texts]
    cache = SegmentCache(_cache_folder(settings), segmenter.fingerprint)
    ahead_done = len(early_done.intersection(keys))
    processes = _processes(config)
    beside = _beside(config) and len(articles) >= config["index_beside_min"]
    _new_ahead(settings)  # for a next build in this process (pelican --autoreload)

    def step(segmented: int, done: float) -> Step:
        return Step(config, Path(settings["PATH"]), cache.path, segmenter.fingerprint,
                    [(a.url, a.title, a.date.date().isoformat(), a.category.name)
                     for a in articles], keys, categories,
                    Path(articles_gen.output_path) / config["output"],
                    segmented + ahead_done, ahead_done, done - started, time.perf_counter())

    # The index process started with the build (start_early_index) stays in
    # _state, where a next build stops it, until it has its work.
    early = _state.get("index_early")
    have = cache.stored(keys) if early is not None else set()
    todo = [i for i, key in enumerate(keys) if key not in have]
    if early is not None and (not beside or cache.restarted or 2 * len(todo) > len(keys)):
        # Too few articles now (the build writes the index), a damaged file,
        # or most articles changed: what it read is of no use.
        _stop_leftover_index("index_early")
        early = None
    if early is not None:
        # Its terms are read by the index process: the build reads only the
        # articles it segments now, and those the related news asks for.
        fresh: dict = {}
        _segment_missing(cache, keys, texts, todo, body_at, processes, fresh.__setitem__)
        del texts
        try:
            damage = index_process.ask(early, step(len(todo), time.perf_counter()))
        except index_process.Ended:
            del _state["index_early"]
            index_process.finish(early)  # it failed: raised here, with its log
            raise RuntimeError("thai_search: the index process ended before it had "
                               "its work") from None
        del _state["index_early"]
        if damage is None:
            _state["index_child"] = early
            log.info("thai_search: the index is written by process %d, which read the "
                     "segmentation cache while Pelican read the articles",
                     early.process.pid)
            try:
                segmented.send(articles_gen, articles=articles, fields=fields,
                               terms=CachedTerms(keys, fresh, cache), keys=keys,
                               fingerprint=segmenter.fingerprint, segment=segmenter.terms)
            finally:
                cache.close()
            return
        index_process.finish(early)  # it found the file damaged: the build repairs it
        cache.start_again(damage)
        texts = [_texts(a, fields) for a in articles]

    found = Found(config["snippet_chars"])
    for key, value in cache.iter_many(keys):
        found.keep(key, value)
    todo = [i for i, key in enumerate(keys) if key not in found.values]
    _segment_missing(cache, keys, texts, todo, body_at, processes, found.keep)
    del texts
    cache.close()
    found.pool.clear()
    done = time.perf_counter()
    segmented.send(articles_gen, articles=articles, fields=fields,
                   terms=[found.values[key][1] for key in keys], keys=keys,
                   fingerprint=segmenter.fingerprint, segment=segmenter.terms)
    job = step(len(todo), done)
    if beside and cache.restarted:
        log.info("thai_search: the segmentation cache was damaged, so it lacks what was "
                 "read before: the index is written by the build itself")
    elif beside:
        # The pages never read the index: it is written on the other core
        # while Pelican renders them (index_process.py), by a process that
        # reads the articles' terms from the segmentation cache.
        child = _state["index_child"] = index_process.start(write_from_cache, job,
                                                            "writing the search index")
        log.info("thai_search: the index is written by process %d while the pages are "
                 "rendered", child.process.pid)
        del found
        index_process.release_memory()
        return
    write_search_index(job, found.values, segmenter)


def _stop_leftover_index(*names: str) -> None:
    """Stop the index process of a build that failed before finish_index
    (a next build in the same process: pelican --autoreload), or one that
    started with the build and is not wanted after all."""
    for name in names or ("index_child", "index_early"):
        stale = _state.pop(name, None)
        if stale is not None:
            index_process.abandon(stale)


def finish_index(pelican) -> None:
    """Wait for the index written beside the pages; fail as it failed."""
    child = _state.pop("index_child", None)
    if child is not None:
        index_process.finish(child)


def register():
    signals.initialized.connect(configure)
    signals.generator_init.connect(add_templates)
    signals.generator_init.connect(start_early_index)
    signals.all_generators_finalized.connect(build_index)
    signals.finalized.connect(finish_index)
