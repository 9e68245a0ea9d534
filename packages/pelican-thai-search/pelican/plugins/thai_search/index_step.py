"""The index step of a build: compound parts, the documents, and every index
file (index_writer.py), from what the segmentation step found. It runs in
the build's process, or in a process of its own beside page rendering
(index_process.py, thai_search.py), which reads the segmentation cache."""

from __future__ import annotations

import logging
import math
import time
from array import array
from dataclasses import dataclass
from pathlib import Path

from .cache import CacheReader, DamagedCache
from .compound_parts import add_compound_parts, document_frequencies
from .contract import FACET_FIELD
from .early_postings import (
    Guessing,
    Prepared,
    documents,
    facets_of,
    load_order,
    save_order,
)
from .index_writer import Doc, write_index
from .kept_postings import postings_path, save, stamp
from .segment import Segmenter, read_word_list
from .settings import pair_field_ids
from .term_entries import added_postings
from .thai_calendar import BE_OFFSET, MONTHS_SHORT
from .variants import load_variants

log = logging.getLogger(__name__)


def make_segmenter(content: Path, config: dict) -> Segmenter:
    """The site's segmenter: PyThaiNLP's dictionary, the site word list and
    the variant tables of THAI_SEARCH, under the content folder."""
    words_path = content / config["word_list"] if config["word_list"] else None
    tables = [content / t for t in config["variant_tables"]]
    missing = [str(p) for p in [words_path, *tables] if p is not None and not p.is_file()]
    if missing:
        raise FileNotFoundError(f"thai_search: missing table file(s): {', '.join(missing)}")
    words = read_word_list(words_path) if words_path else []
    # The segmenter decides which forms need their marks (Variants.decide_marks).
    return Segmenter(words, load_variants(tables))


class Found:
    """Segmented articles by key, as the index reads them: the snippet text
    clipped, each term string kept once (63k articles hold ~57 M term
    occurrences but only ~0.3 M distinct terms)."""

    def __init__(self, snippet_chars: int):
        self.snippet_chars = snippet_chars
        self.pool: dict[str, str] = {}
        # key -> (snippet text, terms per field, positions per field): lists
        # and arrays that the index step extends with compound parts
        self.values: dict[str, tuple[str, list[list[str]], list[array]]] = {}

    def keep(self, key: str, value) -> None:
        body, terms, starts = value
        pool = self.pool
        self.values[key] = (_clip(body, self.snippet_chars),
                            [list(map(pool.setdefault, field, field)) for field in terms],
                            [array("i", s) for s in starts])


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit // 2, limit)
    return text[: cut if cut > 0 else limit]


@dataclass
class Step:
    """What the index step needs of a build, picklable (index_process.py)."""

    config: dict  # THAI_SEARCH, checked
    content: Path  # the content folder, where the tables are
    cache: Path  # the segmentation cache's file
    fingerprint: str  # the segmenter's, as the build's segmentation had it
    rows: list[tuple[str, str, str, str]]  # url, title, ISO date, category: oldest first
    keys: list[str]  # the segmentation cache key of each
    categories: dict[str, str]  # category name -> its facet term
    output: Path
    segmented: int  # for the log: articles segmented in this build
    ahead: int  # ...of which while Pelican read
    seconds: float  # ...and the segmentation step's time
    handed: float  # time.perf_counter() when the index step was handed the work


def write_from_cache(step: Step) -> None:
    """The index step in a process of its own: the segmenter made again from
    the settings, every article's terms read from the segmentation cache."""
    segmenter = _segmenter(step.content, step.config, step.fingerprint)
    found = Found(step.config["snippet_chars"])
    reader = CacheReader(step.cache)
    _read_rest(reader, step.keys, found)
    reader.close()
    _write_found(step, found, segmenter)


@dataclass
class Prelude:
    """What the index process needs before the build has read its articles
    (write_after_early_read)."""

    config: dict  # THAI_SEARCH, checked
    content: Path  # the content folder, where the tables are
    cache: Path  # the segmentation cache's file
    fingerprint: str  # the build's segmenter's


def write_after_early_read(prelude: Prelude, channel) -> None:
    """The index process started as the build starts (a rebuild: the cache
    holds the last build's articles). While Pelican reads on the other core,
    it makes the segmenter and reads every article the cache holds, and
    adds the postings of the last build's articles (early_postings.py).
    Then it waits for the build's Step, reads the articles segmented since,
    forgets those the build no longer has, and replies: None, or what made
    the cache unreadable (the build repairs it, and writes the index
    itself). Then it patches the postings and writes the index (the cache
    no longer read)."""
    segmenter = _segmenter(prelude.content, prelude.config, prelude.fingerprint)
    found = Found(prelude.config["snippet_chars"])
    reader, damage, guessing = None, None, None
    try:
        reader = CacheReader(prelude.cache)
        for key, value in reader.every():
            found.keep(key, value)
    except DamagedCache as error:
        damage = str(error)
    order = load_order(prelude.cache) if damage is None else None
    if order is not None and found.values.keys() >= set(order[0]):
        # On a thread of its own, beside this one, which waits for the build.
        guessing = Guessing(order, [found.values[k] for k in order[0]], segmenter,
                            prelude.config, postings_path(prelude.cache))
    step = channel.recv()
    if damage is None:
        try:
            _read_rest(reader, step.keys, found)
        except DamagedCache as error:
            damage = str(error)
    if reader is not None:
        reader.close()
    channel.send(damage)
    if damage is None:
        _write_found(step, found, segmenter, guessing)


def _write_found(step: Step, found: Found, segmenter: Segmenter,
                 guessing: Guessing | None = None) -> None:
    """The index from every article's terms, read from the cache, and from
    the postings guessed while Pelican read, if they are of use."""
    missing = len(set(step.keys).difference(found.values))
    if missing:
        raise RuntimeError(f"thai_search: {missing} segmented articles are missing from the "
                           f"segmentation cache {step.cache}; build again")
    prepared = guessing.settle(step, found.values) if guessing is not None else None
    del guessing
    found.pool.clear()
    # Its heap holds little but the documents: a fork shares them well.
    write_search_index(step, found.values, segmenter, processes=2, prepared=prepared)


def _segmenter(content: Path, config: dict, fingerprint: str) -> Segmenter:
    """The site's segmenter made again, which must be the build's."""
    segmenter = make_segmenter(content, config)
    if segmenter.fingerprint != fingerprint:
        raise RuntimeError("thai_search: the index process's segmenter differs from the "
                           f"build's ({segmenter.fingerprint} != {fingerprint})")
    return segmenter


def _read_rest(reader: CacheReader, keys: list[str], found: Found) -> None:
    """Keep exactly the articles of `keys` in found, reading those it lacks."""
    wanted = set(keys)
    for key in set(found.values).difference(wanted):
        del found.values[key]
    for key, value in reader.many(sorted(wanted.difference(found.values))):
        found.keep(key, value)


def _keep(step: Step, postings, df) -> None:
    """Keep the postings for the next build's guess (kept_postings.py)."""
    try:
        save(postings_path(step.cache), stamp(step.keys, facets_of(step), step.config),
             postings, df)
    except Exception as error:  # only what makes the next build faster is lost
        log.warning("thai_search: could not keep the postings for the next build (%s); "
                    "it will add them again", error)


def write_search_index(step: Step, found: dict, segmenter: Segmenter,
                       processes: int = 1, prepared: Prepared | None = None) -> None:
    """Compound parts, the documents, and every index file; the terms'
    entries on two cores with `processes` 2 (term_entries.py). Lets go of
    `found`'s values once the documents hold them. `prepared`: the
    documents' terms with their parts, positions, words split and postings,
    from early_postings.Guessing.settle."""
    config, keys = step.config, step.keys
    postings = []  # handed over: term_entries lets go of them once used
    if prepared is not None:
        field_terms, field_starts, split = prepared.fields, prepared.starts, prepared.split
        postings.append(prepared.postings)
        df = prepared.df
        prepared.fields = prepared.starts = prepared.postings = prepared.df = None
    else:
        field_terms, field_starts = documents(keys, [found[key] for key in keys])
        df = document_frequencies(field_terms)
        rule = config["compound_parts"]
        split = (add_compound_parts(segmenter, field_terms, field_starts, df=df, **rule)
                 if rule else 0)
    docs = []
    for (url, title, date, category), key, terms, starts in zip(
            step.rows, keys, field_terms, field_starts, strict=True):
        docs.append(Doc(url=url, title=title, date=date, category=category, text=found[key][0],
                        terms=[*terms, [step.categories[category]]],
                        starts=[*starts, array("i", [0])]))
    found.clear()
    del field_terms, field_starts
    fields = list(config["fields"])
    if not postings:
        postings.append(added_postings(docs, [*fields, FACET_FIELD]))
    # For the next build's guess, which a rebuild's early index process makes.
    if config["index_beside_pages"] and len(keys) >= config["index_beside_min"] \
            and not (prepared is not None and prepared.as_kept):
        _keep(step, postings[0], df)
    del df
    report: dict = {}
    manifest = write_index(
        step.output, docs,
        fields=[*fields, FACET_FIELD],
        boosts=[*config["fields"].values(), 0],
        known_words=set(segmenter.words),
        variants=segmenter.variants.manifest(),
        piece_bytes=config["piece_bytes"],
        docs_per_chunk=config["docs_per_chunk"],
        pieces_per_group=config["pieces_per_group"],
        chunks_per_group=config["chunks_per_group"],
        common_df=max(config["common_min"], math.ceil(config["common_fraction"] * len(docs))),
        common_best=config["common_best"], page_rows=config["page_size"],
        page_df=config["first_page_df"], positions_max=config["positions_max"],
        pair_fields=pair_field_ids(config),
        pair_file_bytes=config["pair_file_bytes"], report=report,
        prefix_max_pieces=config["prefix_max_pieces"], prefix_min=config["prefix_min"],
        prefix_top=config["prefix_top"], processes=processes, postings=postings, consume=True,
        settings={"pageSize": config["page_size"],
                  "commonLimit": config["common_limit"],
                  "facetField": FACET_FIELD,
                  # Result lists show dates as the article pages do.
                  "calendar": {"months": MONTHS_SHORT, "eraOffset": BE_OFFSET}},
    )
    log.info("thai_search: %d articles (%d segmented, %d from cache) in %.1f s; "
             "%d compounds split; %d pieces written in %.1f s; %d articles segmented while "
             "Pelican read", len(docs), step.segmented, len(docs) - step.segmented,
             step.seconds, split, manifest["pieces"]["count"], time.perf_counter() - step.handed,
             step.ahead)
    if report["paired words"]:
        log.info("thai_search: pairs of %d common words: %d pairs, %d occurrences, "
                 "%d files, in %.1f s", report["paired words"], report["pairs"],
                 report["pair occurrences"], report["pair files"], report["pair s"])
    try:
        save_order(step)  # for the next build's early postings
    except OSError as error:  # only what makes the next build faster is lost
        log.warning("thai_search: could not keep the list of articles for the next build "
                    "(%s); it will add every posting again", error)
