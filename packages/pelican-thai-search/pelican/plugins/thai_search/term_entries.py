"""Each indexed term's entry, computed on one core or two.

A term's entry (what its piece holds: delta-coded postings with weights, or
a common term's bitmap; its positions; its document frequency; its one-word
query's first page) depends on the term's own postings and on the field
lengths of every document, nothing else. The postings are added once, on
one core; with two processes the vocabulary is then cut in two halves of
about the same work (occurrences), and the second half's entries are
computed by a forked process (which only reads the postings), written to a
temporary file, and read by the first once it is done with its own. The
entries are the same however they are shared (a test compares), so the
index is too.

This is the index step's largest cost: at 63k articles, 57 M term
occurrences to add (46 s) and 300 k entries to serialize (48 s) on one core.
The adding comes first on purpose: beside a rebuild's page rendering (the
index process: index_process.py) it takes the one free core, and the
second core is wanted when the pages are done. Three busy processes on
two cores (the pages and two halves, tried first) each went slower than
the share of a core they got: a switch costs a process its caches.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from .forked import Forked
from .index_files import content_name, dump
from .index_process import available
from .positions import positions_json
from .scoring import Postings
from .term_postings import common_entry, deltas, ranked, totals_of


@dataclass
class Entry:
    raw: bytes  # the serialized postings: the term's value in its piece
    place: bytes | None  # its positions, for its piece's positions file
    df: int  # documents with the term, in any field
    first: list[int]  # its one-word query's first page (doc ids), if the piece carries it
    own: bytes | None  # the positions file of its own that raw names, if any


@dataclass
class Rules:
    """write_index's settings that decide an entry (index_writer.py says what they do)."""

    fields: Sequence[str]
    boosts: Sequence[float]
    common_df: int | None
    common_best: int
    page_rows: int
    page_df: int | None
    positions_max: int
    pair_fields: Sequence[int]


def added_postings(docs, fields: Sequence[str]) -> Postings:
    """The postings of documents (index_writer.Doc), their ids in list order."""
    added = Postings(fields)
    for doc_id, doc in enumerate(docs):
        added.add(doc_id, doc.terms, doc.starts)
    return added


def paired_terms(postings: Postings, rules: Rules) -> set[str]:
    """The terms that keep pair positions instead of positions (pairs.py):
    stored as bitmaps (in `common_df` documents or more) and with more than
    `positions_max` occurrences, where pairs are kept at all."""
    if not (rules.common_df and rules.pair_fields):
        return set()
    return {term for term in postings.most_placed(_positioned(rules), rules.positions_max)
            if postings.in_documents(term, rules.common_df)}


def term_entries(docs, rules: Rules, processes: int = 1,
                 spill_dir: Path | None = None,
                 postings: list[Postings] | None = None,
                 paired: set[str] | None = None) -> dict[str, Entry]:
    """Every indexed term's entry; with processes > 1, on two cores (Linux),
    the second half's entries passing through a temporary file in
    `spill_dir` (unlinked at once: nothing is left there, killed or not).
    `postings`, if it holds them, are those of `docs`, already added
    (early_postings.py or index_writer.py): taken out of the list, so that
    they go once used; `docs` is then not read. `paired`: paired_terms(),
    if already known."""
    added = postings.pop() if postings else added_postings(docs, rules.fields)
    if paired is None:
        paired = paired_terms(added, rules)
    return _computed(added, rules, paired, processes, spill_dir)


def _computed(postings: Postings, rules: Rules, paired: set[str], processes: int,
              spill_dir: Path | None) -> dict[str, Entry]:
    terms = sorted(postings.vocabulary())
    if processes <= 1 or len(terms) < 2 or not available():
        return _entries(postings, terms, rules, paired)
    cut = _half(postings, terms)
    with Forked(lambda: _entries(postings, terms[cut:], rules, paired).items(),
                "computing half of the index's terms", spill_dir) as other:
        found = _entries(postings, terms[:cut], rules, paired)
        found.update(other.results())
    return found


def _half(postings: Postings, terms: list[str]) -> int:
    """Where to cut the sorted terms so that both halves hold about as many
    occurrences (an entry's work follows its postings and positions)."""
    every = range(len(postings.fields))
    work = list(accumulate(postings.occurrences(term, every) + 1 for term in terms))
    return max(1, min(len(terms) - 1, bisect_left(work, work[-1] / 2)))


def _positioned(rules: Rules) -> list[int]:
    """The fields whose positions are written: not the facet."""
    return [f for f, boost in enumerate(rules.boosts) if boost]


def _entries(postings: Postings, terms: list[str], rules: Rules,
             keeps_pairs: set[str]) -> dict[str, Entry]:
    """The entries of these terms."""
    positioned = _positioned(rules)
    averages = postings.averages()
    docs = postings.document_count
    out = {}
    for term in terms:
        weighted = postings.weighted(term, rules.boosts, averages)
        totals = totals_of(weighted)  # its documents (df) and their one-word scores
        # A category term (weight 0) never makes a one-word query.
        scored = any(rules.boosts[f] for f, _ids, _ws in weighted)
        first: list[int] = []
        own = None
        if rules.common_df and len(totals) >= rules.common_df:
            data, best_first = common_entry(weighted, totals, docs,
                                            rules.common_best if scored else 0)
            first = best_first[:rules.page_rows]
            if postings.occurrences(term, positioned) <= rules.positions_max:
                where = positions_json(postings, term, positioned)
                if where:  # the same shape as a piece's positions file
                    own = b"{" + dump(term) + b":" + where + b"}"
                    data["p"] = content_name(own)
            elif term in keeps_pairs:  # paired_terms(): pair positions instead (pairs.py)
                data["a"] = 1
            place = None
        else:
            data = [[f, deltas(ids), ws] for f, ids, ws in weighted]
            if scored and rules.page_df and len(totals) >= rules.page_df:
                first = ranked(totals, rules.page_rows)
            place = positions_json(postings, term, positioned)
        out[term] = Entry(dump(data), place, len(totals), first, own)
    return out
