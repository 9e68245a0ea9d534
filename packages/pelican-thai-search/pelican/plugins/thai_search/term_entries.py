"""Each indexed term's entry, computed on one core or two.

A term's entry (what its piece holds: delta-coded postings with weights, or
a common term's bitmap; its positions; its document frequency; its one-word
query's first page) depends on the term's own postings and on the field
lengths of every document, nothing else. So the vocabulary can be shared
between processes: each one adds every document (its field lengths) but
keeps only the terms of its share, and computes their entries. With two
processes the second is forked (from the index step's own process, whose
heap holds little but the documents, which it only reads), writes its
entries to a temporary file, and the first reads them once it is done with
its own. The entries are the same however they are shared (a test
compares), so the index is too.

This is the index step's largest cost: at 63k articles, 57 M term
occurrences to add (46 s) and 300 k entries to serialize (48 s) on one core.
"""

from __future__ import annotations

import os
import pickle
import signal
import tempfile
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress
from pathlib import Path

from .contract import KEY_PREFIX
from .index_files import content_name, dump
from .index_process import available, prctl_death_signal
from .positions import positions_json
from .scoring import Postings
from .term_postings import common_entry, deltas, ranked, totals_of


@dataclass
class Entry:
    raw: bytes  # the serialized postings: the term's value in its piece
    place: bytes | None  # its positions, for its piece's positions file
    df: int  # documents with the term, in any field
    first: list[int]  # its one-word query's first page (doc ids), if the piece carries it
    paired: bool  # keeps pair positions instead of positions (pairs.py)
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


def term_entries(docs, rules: Rules, processes: int = 1,
                 spill_dir: Path | None = None) -> dict[str, Entry]:
    """Every indexed term's entry; with processes > 1, on two cores (Linux),
    the second share's entries passing through a temporary file in
    `spill_dir` (unlinked at once: nothing is left there, killed or not)."""
    if processes <= 1 or len(docs) < 2 or not available():
        return _entries(docs, rules, None)
    with tempfile.TemporaryFile(dir=spill_dir) as spill:
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the second share: never returns
            status = 1
            try:
                prctl_death_signal(signal.SIGKILL, parent)
                for term, entry in _entries(docs, rules, 1).items():
                    pickle.dump((term, entry), spill, pickle.HIGHEST_PROTOCOL)
                spill.flush()
                status = 0
            except BaseException:
                traceback.print_exc()  # the build's log: this process's stderr is the build's
            finally:
                os._exit(status)
        try:
            found = _entries(docs, rules, 0)
        except BaseException:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            # As if this process were killed (a kill point, the out-of-memory
            # killer): so is the build (index_process.finish).
            os.kill(os.getpid(), signal.SIGKILL)
        if status != 0:
            raise RuntimeError("thai_search: the process computing half of the index's terms "
                               f"failed (exit code {os.waitstatus_to_exitcode(status)}); "
                               "its error is above")
        spill.seek(0)
        while True:
            try:
                term, entry = pickle.load(spill)
            except EOFError:
                break
            found[term] = entry
    return found


def _entries(docs, rules: Rules, share: int | None) -> dict[str, Entry]:
    """The entries of the terms of one share (hash parity), or of all (None)."""
    postings = Postings(rules.fields)
    for doc_id, doc in enumerate(docs):
        if share is None:
            postings.add(doc_id, doc.terms, doc.starts)
            continue
        terms, starts = [], []
        for f, field in enumerate(doc.terms):
            mask = [hash(t) & 1 == share for t in field]
            terms.append(list(compress(field, mask)))
            if doc.starts is not None:
                starts.append(list(compress(doc.starts[f], mask)))
        postings.add(doc_id, terms, starts if doc.starts is not None else None,
                     lengths=[len(field) for field in doc.terms])
    positioned = [f for f, boost in enumerate(rules.boosts) if boost]  # not the facet
    averages = postings.averages()
    out = {}
    for term in sorted(postings.vocabulary()):
        weighted = postings.weighted(term, rules.boosts, averages)
        totals = totals_of(weighted)  # its documents (df) and their one-word scores
        # A category term (weight 0) never makes a one-word query.
        scored = any(rules.boosts[f] for f, _ids, _ws in weighted)
        first: list[int] = []
        own = None
        paired = False
        if rules.common_df and len(totals) >= rules.common_df:
            data, best_first = common_entry(weighted, totals, len(docs),
                                            rules.common_best if scored else 0)
            first = best_first[:rules.page_rows]
            if postings.occurrences(term, positioned) <= rules.positions_max:
                where = positions_json(postings, term, positioned)
                if where:  # the same shape as a piece's positions file
                    own = b"{" + dump(term) + b":" + where + b"}"
                    data["p"] = content_name(own)
            elif rules.pair_fields and not term.startswith(KEY_PREFIX):  # a key makes no pairs
                data["a"] = 1
                paired = True
            place = None
        else:
            data = [[f, deltas(ids), ws] for f, ids, ws in weighted]
            if scored and rules.page_df and len(totals) >= rules.page_df:
                first = ranked(totals, rules.page_rows)
            place = positions_json(postings, term, positioned)
        out[term] = Entry(dump(data), place, len(totals), first, paired, own)
    return out
