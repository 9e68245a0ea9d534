"""THAI_SEARCH: the schema of the plugin's settings, merged over the
defaults and checked once at start-up (options.py)."""

from __future__ import annotations

from .contract import FACET_FIELD
from .options import Count, Flag, List, Number, Option, SettingsError, Text, load


def _positive(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def _compound_rule(rule) -> bool:
    if rule is None:
        return True
    return (isinstance(rule, dict) and set(rule) == {"min_length", "always_length", "part_ratio"}
            and all(isinstance(rule[k], int) and not isinstance(rule[k], bool) and rule[k] >= 2
                    for k in ("min_length", "always_length"))
            and isinstance(rule["part_ratio"], int | float) and rule["part_ratio"] >= 0)


SCHEMA = {
    # Index fields and their boosts: a title match outranks a body match.
    "fields": Option({"title": 10, "meta": 3, "body": 1},
                     lambda v: isinstance(v, dict) and v and FACET_FIELD not in v
                     and all(isinstance(k, str) and _positive(b) for k, b in v.items()),
                     expected=f"a dict of field names (not {FACET_FIELD!r}) to positive boosts"),
    # Editable tables, relative to PATH (content/): the site's own words for
    # the segmenter (one per line), and tables of spelling variants and
    # abbreviations (variants.py). None and [] use PyThaiNLP's words only.
    "word_list": Text(None, empty=False, none=True),
    "variant_tables": List([], Text(""), expected="a list of paths under PATH"),
    # Output folder under OUTPUT_PATH.
    "output": Text("search", empty=False),
    # Target size of one term piece (uncompressed JSON bytes).
    "piece_bytes": Count(24_000, least=1),
    # Term pieces and result chunks per group: a file's name carries its
    # group's version (a hash of the group's files), listed in the manifest.
    "pieces_per_group": Count(64, least=1),
    "chunks_per_group": Count(512, least=1),
    # Documents per result-data chunk. A page's 20 results often lie in 15
    # chunks or more (newest first for two words that must stand together,
    # a rare word by relevance): 8 rows a chunk fetch 1.2 KB each, 16 rows 2 KB.
    "docs_per_chunk": Count(8, least=1),
    # The browser expands the last word as a prefix from this many characters.
    "prefix_min": Count(2, least=1),
    # ...and fetches at most this many pieces for one prefix. A prefix that
    # spans more expands to its prefix_top commonest completions, listed at
    # build time (completions.py).
    "prefix_max_pieces": Count(6, least=1),
    "prefix_top": Count(20, least=1),
    # Results shown per page of results.
    "page_size": Count(20, least=1),
    # Characters of body text kept for snippets (the start of the article).
    "snippet_chars": Count(2000, least=0),
    # A term in more than this share of the articles (and at least
    # common_min of them) is stored as a bitmap: docs/search-index.md.
    "common_fraction": Number(0.025, above=0, most=1,
                              expected="a share of the articles (0 < x <= 1)"),
    "common_min": Count(500, least=1),
    # ...with the postings of its this many best documents, which so rank
    # exactly; the others share one typical weight.
    "common_best": Count(256, least=0),
    # The piece of a term in at least this many articles (and of every very
    # common term) carries the result rows of its one-word query's first
    # page, which then needs no result chunk: docs/search-index.md.
    "first_page_df": Count(200, least=1),
    # A query of only very common words ranks their best documents and at
    # most this many others, newest first (it counts them all).
    "common_limit": Count(1000, least=1),
    # A very common term with more occurrences than this keeps no positions
    # (the commonest words; word order then checks the gap they fill).
    "positions_max": Count(50_000, least=0),
    # ...but in these fields it keeps pair positions with the terms next to
    # it (pairs.py), so a glued run that starts or ends with it can be
    # checked there: the title and the lead (meta), 3 % of the pairs of all
    # fields (docs/search-index.md). [] keeps none. By default, those of
    # the two that the site's fields have.
    "pair_fields": Option(["title", "meta"]),  # checked against "fields" below
    # Target size of one file of pair positions (uncompressed JSON bytes).
    "pair_file_bytes": Count(16_000, least=1),
    # Compound words indexed with their dictionary parts too (segment.py,
    # chosen by bench/compound_parts.py: docs/search-index.md): a word of
    # always_length or more always; one of min_length or more when each part
    # is a word of its own in part_ratio times as many articles. None: never.
    "compound_parts": Option({"min_length": 6, "always_length": 10, "part_ratio": 0.05},
                             _compound_rule,
                             expected="None or {'min_length': n >= 2, 'always_length': "
                                      "n >= 2, 'part_ratio': x >= 0}"),
    # Segmentation processes; 0 means one per core.
    "processes": Count(0, least=0),
    # With more than one: articles are segmented while Pelican still reads
    # the others (ahead.py), on the cores its reading leaves idle.
    "segment_ahead": Flag(True),
    # ...and the index is written by a process of its own while Pelican
    # renders the pages, its terms' entries on two cores (index_process.py,
    # term_entries.py; Linux). The index is the same either way.
    "index_beside_pages": Flag(True),
    # ...for a site of at least this many articles: a small site's index is
    # written in less time than a new process takes to start. When the
    # segmentation cache holds this many (a rebuild), that process starts
    # with the build and reads the cache while Pelican reads the articles.
    "index_beside_min": Count(1000, least=1),
}


def load_settings(given: dict | None) -> dict:
    """THAI_SEARCH over the defaults; SettingsError naming the key when invalid."""
    config = load("thai_search", "THAI_SEARCH", SCHEMA, given)
    fields = config["fields"]
    if "pair_fields" not in (given or {}):  # the default's fields that this site has
        config["pair_fields"] = [f for f in config["pair_fields"] if f in fields]
    pair_fields = config["pair_fields"]
    if not isinstance(pair_fields, list) or len(set(map(str, pair_fields))) < len(pair_fields) \
            or not all(isinstance(f, str) and f in fields for f in pair_fields):
        raise SettingsError("thai_search: THAI_SEARCH['pair_fields'] lists fields of "
                            f"THAI_SEARCH['fields'] ({', '.join(fields)}), each once, "
                            f"not {pair_fields!r}")
    return config


def pair_field_ids(config: dict) -> list[int]:
    """The numbers of the "pair_fields" among "fields": the fields whose
    term lists the index reads past the postings (pairs.py)."""
    fields = list(config["fields"])
    return [fields.index(f) for f in config["pair_fields"]]
