"""Writes the split search index: small, content-hashed pieces.

output/search/          (the folder names are contract.py's *_DIR)
  manifest.json        the only fixed name: config, the first entry (a short
                       separator) of every term piece, and the version of
                       each group of pieces and of result chunks
  t/<p>-<version>.json term piece p (a range of the sorted vocabulary)
  w/<p>-<version>.json the entries of term piece p without their postings,
                       with its version: what the query parser asks of the
                       pieces it only explores (is this an index word?)
  d/<c>-<version>.json result data for a run of consecutive documents; the
                       file after the last chunk (c = the number of chunks, in
                       the last group) is the month table: where each month's
                       documents start and end, for date ranges
  p/<hash>.json        the positions of a piece's terms, or of one very
                       common term, for word order; or pair positions: the
                       commonest words with their neighbours (pairs.py),
                       listed by the piece they sort in
  x/<hash>.txt         one document's text, for snippets: windows-874, or
                       UTF-8 after a byte order mark (text_files.py)

A version is a hash of its group's files, so every name comes from the
manifest alone: a query fetches manifest.json, the term pieces that hold
its words (binary search over the separators), and the data of the results
shown. docs/search-index.md explains the format and the sizes measured.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .completions import wide_prefixes
from .contract import (
    DOCS_DIR,
    FORMAT_VERSION,
    POSITIONS_DIR,
    ROW_FIELDS,
    TERMS_DIR,
    TEXT_SUFFIX,
    TEXTS_DIR,
    WORDS_DIR,
)
from .correction_files import write_corrections
from .files import write_if_changed
from .forked import beside
from .index_files import (
    PieceWriter,
    code_bounds,
    cut_points,
    dump,
    separator,
    write_beside,
    write_groups,
)
from .index_process import release_memory
from .pairs import adjacent_pairs, write_pair_files
from .scoring import Postings
from .term_entries import Rules, added_postings, paired_terms, term_entries
from .text_files import encode_text


@dataclass
class Doc:
    url: str
    title: str
    date: str  # ISO date, YYYY-MM-DD
    category: str
    text: str  # plain body text, for snippets
    terms: Sequence[Sequence[str]]  # one term list per field (None once consumed: write_index)
    # where each term stands, parallel to terms (positions.py); None: unknown
    starts: Sequence[Sequence[int]] | None = None


def _spans(docs: list[Doc], chars: int) -> dict[str, list[int]]:
    """The first and last id of each period, the first `chars` of the ISO
    date (4: a year, 7: a month "2024-03"): ids are in date order."""
    spans: dict[str, list[int]] = {}
    for doc_id, doc in enumerate(docs):
        spans.setdefault(doc.date[:chars], [doc_id, doc_id])[1] = doc_id
    return spans


def write_index(root: Path, docs: list[Doc], *, fields: Sequence[str],
                boosts: Sequence[float], known_words: set[str], variants: dict[str, dict[str, str]],
                piece_bytes: int, docs_per_chunk: int, settings: dict,
                common_df: int | None = None, common_best: int = 256,
                page_rows: int = 10, page_df: int | None = None,
                pieces_per_group: int = 64,
                chunks_per_group: int = 512, positions_max: int = 50_000,
                pair_fields: Sequence[int] = (), pair_file_bytes: int = 16_000,
                report: dict | None = None,
                prefix_max_pieces: int = 6, prefix_min: int = 2, prefix_top: int = 20,
                processes: int = 1, postings: list[Postings] | None = None,
                consume: bool = False) -> dict:
    """Write every piece and manifest.json under root; return the manifest.

    `docs` must be sorted oldest first: a document's id is its position, so
    a higher id is newer (recency breaks ties) and new articles append.
    A term in `common_df` or more documents is stored as a bitmap, with the
    postings of its `common_best` best documents. The piece of such a term,
    and of any term in `page_df` or more documents, also holds the result
    rows of its one-word query's first `page_rows` results, so that query
    shows its first page without fetching result chunks.

    Where documents have `starts`, the positions of a piece's terms go to
    one file that the piece names ("p"), and those of a very common term to
    a file of its own that its entry names ("p"), unless it has more than
    `positions_max` occurrences (the commonest words: a query's word order
    then checks the gap they fill, engine.js). Such a term keeps instead,
    in the fields `pair_fields`, pair positions with its neighbours
    (pairs.py), marked "a" in its entry, in files of about `pair_file_bytes`
    that the piece where a pair sorts lists ("q").

    A prefix whose terms span more than `prefix_max_pieces` pieces has its
    `prefix_top` commonest completions listed ("c") in the piece where it
    would stand (completions.py). `report`, if given, receives counts of
    the pairs and the seconds they took. With `processes` > 1 the terms'
    entries are computed on two cores (term_entries.py; Linux). `postings`,
    if it holds them, are those of `docs`, already added (early_postings.py),
    and handed over: taken out of the list once used. With `consume`, the
    documents' terms and starts are let go of (set to None) once the
    postings and pairs hold what the index needs of them: at 63k articles
    57 M occurrences, 0.7 GB that would otherwise be held, and shared with
    a fork, through the terms' entries and the correction files.
    """
    root.mkdir(parents=True, exist_ok=True)
    rules = Rules(fields, boosts, common_df, common_best, page_rows, page_df,
                  positions_max, pair_fields)
    if not postings:
        postings = [added_postings(docs, fields)]
    paired = paired_terms(postings[0], rules)  # keep pairs instead of positions
    started = time.perf_counter()
    pairs = adjacent_pairs(((d.terms, d.starts) for d in docs), pair_fields, paired)
    pair_seconds = time.perf_counter() - started
    if consume:
        for doc in docs:
            doc.terms = doc.starts = None
        release_memory()
    found = term_entries(docs, rules, processes, spill_dir=root, postings=postings,
                         paired=paired)
    writer = PieceWriter(root)

    categories = sorted({d.category for d in docs})
    cat_index = {c: i for i, c in enumerate(categories)}
    rows = []  # each document's result row, serialized
    for doc in docs:
        text_file = writer.write_raw(TEXTS_DIR, encode_text(doc.text), TEXT_SUFFIX)
        row = {"url": doc.url, "title": doc.title, "date": doc.date,
               "category": cat_index[doc.category], "text": text_file}
        rows.append(dump([row[name] for name in ROW_FIELDS]))

    entries = sorted(found.keys() | known_words)
    costs, payloads, places, first_pages, df = [], [], [], {}, {}
    for entry in entries:
        found_entry = found.get(entry)
        if found_entry is None:  # a known word that no document has
            payloads.append(None)
            places.append(None)
            costs.append(len(entry.encode()) + 3)
            continue
        df[entry] = found_entry.df
        if found_entry.first:
            first_pages[entry] = found_entry.first
        if found_entry.own is not None:
            writer.write_raw(POSITIONS_DIR, found_entry.own)
        payloads.append(found_entry.raw)
        places.append(found_entry.place)
        costs.append(len(found_entry.raw) + len(entry.encode()) + 4
                     + sum(len(rows[d]) + 8 for d in found_entry.first))
    del found
    # What a misspelled word may mean: fetched only by a query that found
    # nothing. It follows from the document frequencies alone, so it is
    # written on the other core while this one writes the rest (forked.py).
    def corrections():
        side_writer = PieceWriter(root)
        name = write_corrections(side_writer, df, piece_bytes=piece_bytes,
                                 pieces_per_group=pieces_per_group)
        return [(name, side_writer.written)]

    with beside(corrections, "writing the correction files", root, processes > 1) as side:
        cuts = cut_points(entries, costs, piece_bytes)
        bounds = [separator(entries[start - 1], entries[start]) if start else ""
                  for start, _end in cuts]
        started = time.perf_counter()
        pair_files = write_pair_files(pairs, bounds, positions_max,
                                      lambda raw: writer.write_raw(POSITIONS_DIR, raw),
                                      pair_file_bytes)
        if report is not None:
            report.update({"paired words": len(paired), "pairs": len(pairs),
                           "pair occurrences": sum(map(len, pairs.values())) // 3,
                           "pair files": sum(map(len, pair_files.values())),
                           "pair s": pair_seconds + time.perf_counter() - started})
        del pairs
        wide = wide_prefixes(entries, bounds, df, max_pieces=prefix_max_pieces,
                             min_length=prefix_min, top=prefix_top)
        pieces, word_lists = [], []
        for number, (start, end) in enumerate(cuts):
            terms, words, shown, where, listed_terms = [], [], {}, [], []
            for entry, raw, place in zip(entries[start:end], payloads[start:end],
                                         places[start:end], strict=True):
                if raw is None:
                    words.append(entry)
                else:
                    listed_terms.append(entry)
                    terms.append(dump(entry) + b":" + raw)
                    shown.update((d, rows[d]) for d in first_pages.get(entry, ()))
                if place:
                    where.append(dump(entry) + b":" + place)
            # The positions of the piece's listed terms: fetched only for word order.
            named = (b',"p":"%s"' % writer.write_raw(POSITIONS_DIR, b"{" + b",".join(where) + b"}")
                     .encode() if where else b"")
            listed = b',"c":' + dump(wide[number]) if number in wide else b""
            if number in pair_files:
                listed += b',"q":' + dump(pair_files[number])
            # The same bytes as dump({"terms": {...}, "words": [...], "rows": {...},
            # "p": ..., "c": ..., "q": ...}).
            piece = (b'{"terms":{' + b",".join(terms) + b'},"words":' + dump(words)
                     + b',"rows":{' + b",".join(b'"%d":%s' % (d, row)
                                                for d, row in sorted(shown.items())) + b"}"
                     + named + listed + b"}")
            pieces.append(piece)
            word_lists.append(dump({"terms": listed_terms, "words": words}))
        # The manifest holds every piece's separator (5,535 at 63k articles;
        # 20 KB gzipped with the rest), so a first search finds its pieces'
        # names without a round trip for a list of them.
        piece_groups = write_groups(writer, TERMS_DIR, pieces, pieces_per_group)
        # What the query parser asks of the pieces it explores (is นา a word?),
        # for a few hundred bytes rather than a piece of postings (piece-data.js).
        # Named with the piece's version: a word list follows from its piece
        # alone. Were it to hold anything else, it would need versions of its own.
        write_beside(writer, WORDS_DIR, word_lists, pieces_per_group, piece_groups)

        chunks = [b'{"docs":[' + b",".join(rows[start:start + docs_per_chunk]) + b"]}"
                  for start in range(0, len(docs), docs_per_chunk)]
        years = _spans(docs, 4)
        # Fetched only by a search with a date range: its name comes from the
        # manifest's last group version, so the manifest carries no byte for it.
        months = dump({"months": [[m, a, b] for m, (a, b) in sorted(_spans(docs, 7).items())]})
        chunk_groups = write_groups(writer, DOCS_DIR, chunks, chunks_per_group, tail=months)

        [(typos, written)] = side.results()
    writer.written |= written

    manifest = {
        "version": FORMAT_VERSION,
        "docCount": len(docs),
        "fields": list(fields),
        "pieces": {"count": len(pieces), "codedBounds": code_bounds(bounds),
                   "perGroup": pieces_per_group,
                   "groups": piece_groups},
        "docs": {"perChunk": docs_per_chunk, "perGroup": chunks_per_group,
                 "groups": chunk_groups},
        "commonDf": common_df,
        # The browser's rule for unfinished words, which the completions listed follow.
        "prefixMin": prefix_min,
        "prefixMaxPieces": prefix_max_pieces,
        # The fields where the words without positions keep pairs (pairs.py).
        "pairFields": list(pair_fields) if paired else [],
        "categories": categories,
        "years": [[int(y), a, b] for y, (a, b) in sorted(years.items())],
        "variants": variants,
        "typos": typos,
        **settings,
    }
    write_if_changed(root / "manifest.json", dump(manifest))  # a rebuild keeps its mtime
    writer.prune()
    return manifest
