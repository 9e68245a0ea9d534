"""thai_search: builds the split Thai search index during the Pelican build.

For each published article: title, summary + tags + category, and the body
text extracted from the rendered HTML are normalized, segmented with
PyThaiNLP newmm (default dictionary + the site word list + variant forms)
and written as content-hashed index pieces under OUTPUT_PATH/<output>/.
The browser code in theme/static/js/search/ reads manifest.json.
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
from pelican.generators import ArticlesGenerator

from thai_news.thai_date import BE_OFFSET, MONTHS_SHORT

from .cache import SegmentCache, content_key
from .extract import BLOCK_BREAK, html_blocks
from .index_writer import Doc, write_index
from .segment import Segmenter, read_word_list
from .variants import load_variants

log = logging.getLogger(__name__)

DEFAULTS = {
    # Index fields and their boosts: a title match outranks a body match.
    "fields": {"title": 10, "meta": 3, "body": 1},
    # Editable tables, relative to PATH (content/).
    "word_list": "search/words.txt",
    "variant_tables": ["search/variants.txt", "search/abbreviations.txt"],
    # Output folder under OUTPUT_PATH.
    "output": "search",
    # Target size of one term piece (uncompressed JSON bytes).
    "piece_bytes": 24_000,
    # Term pieces and result chunks per group: a file's name carries its
    # group's version (a hash of the group's files), listed in the manifest.
    "pieces_per_group": 64,
    "chunks_per_group": 256,
    # Documents per result-data chunk.
    "docs_per_chunk": 16,
    # The browser expands the last word as a prefix from this many characters.
    "prefix_min": 2,
    # ...and fetches at most this many pieces for one prefix. A prefix that
    # spans more expands to its prefix_top commonest completions, listed at
    # build time (completions.py).
    "prefix_max_pieces": 6,
    "prefix_top": 20,
    # Results shown per page of results.
    "page_size": 10,
    # Characters of body text kept for snippets (the start of the article).
    "snippet_chars": 2000,
    # A term in more than this share of the articles (and at least
    # common_min of them) is stored as a bitmap: docs/search-index.md.
    "common_fraction": 0.025,
    "common_min": 500,
    # ...with the postings of its this many best documents, which so rank
    # exactly; the others share one typical weight.
    "common_best": 256,
    # The piece of a term in at least this many articles (and of every very
    # common term) carries the result rows of its one-word query's first
    # page, which then needs no result chunk: docs/search-index.md.
    "first_page_df": 200,
    # A query of only very common words ranks their best documents and at
    # most this many others, newest first (it counts them all).
    "common_limit": 1000,
    # A very common term with more occurrences than this keeps no positions
    # (the commonest words; word order then checks the gap they fill).
    "positions_max": 50_000,
    # ...but in these fields it keeps pair positions with the terms next to
    # it (pairs.py), so a glued run that starts or ends with it can be
    # checked there: the title and the lead (meta), 3 % of the pairs of all
    # fields (docs/search-index.md). [] keeps none.
    "pair_fields": ["title", "meta"],
    # Target size of one file of pair positions (uncompressed JSON bytes).
    "pair_file_bytes": 48_000,
    # Compound words indexed with their dictionary parts too (segment.py,
    # chosen by bench/compound_parts.py: docs/search-index.md): a word of
    # always_length or more always; one of min_length or more when each part
    # is a word of its own in part_ratio times as many articles. None: never.
    "compound_parts": {"min_length": 6, "always_length": 10, "part_ratio": 0.05},
    # Segmentation processes; 0 means one per core.
    "processes": 0,
}
FACET_FIELD = "facet"
# Settings that are counts, and the least each may be.
COUNTS = {"piece_bytes": 1, "pieces_per_group": 1, "chunks_per_group": 1, "docs_per_chunk": 1,
          "prefix_min": 1, "prefix_max_pieces": 1, "prefix_top": 1, "page_size": 1,
          "snippet_chars": 0, "common_min": 1, "common_best": 0, "first_page_df": 1,
          "common_limit": 1, "positions_max": 0, "pair_file_bytes": 1,
          "processes": 0}

_state: dict = {}


def configure(pelican) -> None:
    given = pelican.settings.get("THAI_SEARCH", {})
    unknown = set(given) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"thai_search: unknown THAI_SEARCH keys: {', '.join(sorted(unknown))}")
    config = {**DEFAULTS, **given}
    for key, least in COUNTS.items():
        value = config[key]
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            raise ValueError(f"thai_search: THAI_SEARCH[{key!r}] must be a whole number "
                             f">= {least}, not {value!r}")
    if not 0 < config["common_fraction"] <= 1:
        raise ValueError("thai_search: THAI_SEARCH['common_fraction'] must be a share of "
                         f"the articles (0 < x <= 1), not {config['common_fraction']!r}")
    fields = config["fields"]
    if not fields or FACET_FIELD in fields or not all(
            isinstance(b, int | float) and b > 0 for b in fields.values()):
        raise ValueError("thai_search: THAI_SEARCH['fields'] maps names to positive boosts")
    if "pair_fields" not in given:  # the default's fields that this site has
        config["pair_fields"] = [f for f in DEFAULTS["pair_fields"] if f in fields]
    pair_fields = config["pair_fields"]
    if not isinstance(pair_fields, list) or len(set(map(str, pair_fields))) < len(pair_fields) \
            or not all(isinstance(f, str) and f in fields for f in pair_fields):
        raise ValueError("thai_search: THAI_SEARCH['pair_fields'] lists fields of "
                         f"THAI_SEARCH['fields'] ({', '.join(fields)}), each once, "
                         f"not {pair_fields!r}")
    _check_compound_parts(config["compound_parts"])
    content = Path(pelican.settings["PATH"])
    words_path = content / config["word_list"]
    tables = [content / t for t in config["variant_tables"]]
    missing = [str(p) for p in [words_path, *tables] if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"thai_search: missing table file(s): {', '.join(missing)}")
    variants = load_variants(tables)
    _state.clear()
    _state.update(config=config, variants=variants,
                  segmenter=Segmenter(read_word_list(words_path), variants))
    pelican.settings["THAI_SEARCH"] = config


def _check_compound_parts(rule) -> None:
    if rule is None:
        return
    keys = {"min_length", "always_length", "part_ratio"}
    if (not isinstance(rule, dict) or set(rule) != keys
            or not all(isinstance(rule[k], int) and not isinstance(rule[k], bool) and rule[k] >= 2
                       for k in ("min_length", "always_length"))
            or not isinstance(rule["part_ratio"], int | float) or rule["part_ratio"] < 0):
        raise ValueError("thai_search: THAI_SEARCH['compound_parts'] must be None or "
                         "{'min_length': n >= 2, 'always_length': n >= 2, 'part_ratio': x >= 0}, "
                         f"not {rule!r}")


def _texts(article, fields: list[str]) -> list[str]:
    """The raw text of each field; the body is still HTML."""
    tags = [t.name for t in getattr(article, "tags", [])]
    summary = getattr(article, "lead", "") if getattr(article, "lead_given", False) else ""
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
    categories = {name: f"~c{i}" for i, name in enumerate(names)}

    _ = segmenter.trie  # load the dictionary once, before forking
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
    processes = config["processes"] or os.cpu_count() or 1
    batch: dict = {}
    results = _segment_all([(texts[i], body_at) for i in todo], processes)
    for key, value in zip((keys[i] for i in todo), results, strict=True):
        batch[key] = value
        keep(key, value)
        if len(batch) >= 500:  # stored as they come: memory stays flat
            cache.put_many(batch)
            batch.clear()
    cache.put_many(batch)
    del texts, batch
    cache.keep_only(set(keys))
    cache.close()
    pool.clear()
    segmented = time.perf_counter()

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
        variants={"terms": _state["variants"].terms, "phrases": _state["variants"].phrases},
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
             "%d compounds split; %d pieces written in %.1f s", len(docs), len(todo),
             len(docs) - len(todo), segmented - started, split,
             manifest["pieces"]["count"], time.perf_counter() - segmented)
    if report["paired words"]:
        log.info("thai_search: pairs of %d common words: %d pairs, %d occurrences, "
                 "%d files, in %.1f s", report["paired words"], report["pairs"],
                 report["pair occurrences"], report["pair files"], report["pair s"])


def register():
    signals.initialized.connect(configure)
    signals.all_generators_finalized.connect(build_index)
