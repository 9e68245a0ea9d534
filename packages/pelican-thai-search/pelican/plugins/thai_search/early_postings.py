"""A rebuild's postings, added before the build has read its articles.

In a rebuild the index process reads the segmentation cache while Pelican
reads the articles (index_step.write_after_early_read), and then has a
core to itself until the build hands it the list of articles. It uses that
time to guess: that the articles are those of the last build, in the same
order (each build leaves its list beside the cache: save_order). For them
it decides which compounds to split, adds their parts, and adds every
document's postings (compound_parts.py, scoring.Postings): at 63k
articles about a minute of work that otherwise waits for the list. Each
build also keeps the postings it indexed (kept_postings.py); when they are
those of the same list, the guess reads them instead, in a few seconds, and
adds parts only to the fields whose term lists the index still reads (the
pair fields: pairs.py).

Once the list has come, `Guessing.settle` patches what differs. An edited article
keeps its id (ids follow the date order), so its old postings are taken out
and its new ones put in; a new article that is the newest (the usual case)
is appended. The compounds to split are decided again from the patched
document frequencies; the guess is of no use, and the index process starts
again from the cache's terms as before, when:
- more than 1 article in PATCH_SHARE changed (or PATCH_MIN on a small site),
  or some article was removed or put before others (the ids shift);
- the new plan splits a word differently that an unchanged article holds;
- an article moved, or changed its category but not its text (the guess
  added parts to the term lists of that text already).

The guess runs on a thread of its own (Guessing) while the index
process's main thread waits for the build and answers it. It stops early
when the list shows it is of no use; if it fails, the build goes on from
scratch, with a warning. The result is the same as from scratch: tests
compare the index files.
"""

from __future__ import annotations

import json
import logging
import threading
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .compound_parts import Plan, Planner, add_parts, doc_terms, document_frequencies
from .contract import FACET_FIELD
from .kept_postings import load, stamp
from .safe_files import DamagedFile, read_checked, write_checked
from .scoring import Postings
from .segment import Segmenter
from .settings import pair_field_ids

log = logging.getLogger(__name__)

PATCH_SHARE = 50
PATCH_MIN = 64

Order = tuple[list[str], list[str]]  # each article's cache key and facet term, by id


def order_path(cache: Path) -> Path:
    """The last build's articles, beside the cache's file (and pruned with
    it when the segmenter changes: Store)."""
    return cache.with_name(cache.name + ".order")


def facets_of(step) -> list[str]:
    """Each article's category facet term (index_step.Step), by id."""
    return [step.categories[row[3]] for row in step.rows]


def save_order(step) -> None:
    data = {"keys": step.keys, "facets": facets_of(step)}
    write_checked(order_path(step.cache), json.dumps(data).encode())


def load_order(cache: Path) -> Order | None:
    """The last build's articles, or None (none written, or damaged)."""
    try:
        data = json.loads(read_checked(order_path(cache)))
        keys, facets = data["keys"], data["facets"]
    except (OSError, DamagedFile, ValueError, KeyError, TypeError):
        return None
    if len(keys) != len(facets):
        return None
    return keys, facets


def documents(keys: Sequence[str], values: Sequence) -> tuple[list, list]:
    """Each document's term lists and positions (the cache's, as
    index_step.Found keeps them: arrays), which parts are appended to, in id
    order: copied only for a second article with the very same text.
    `values`: the cache's value of each key."""
    field_terms, field_starts, taken = [], [], set()
    for key, value in zip(keys, values, strict=True):
        if key in taken:
            field_terms.append([list(t) for t in value[1]])
            field_starts.append([array("i", s) for s in value[2]])
        else:
            field_terms.append(value[1])
            field_starts.append(list(value[2]))
            taken.add(key)
    return field_terms, field_starts


class Stopped(Exception):
    """The guess was told to stop: the build's list shows it is of no use."""


@dataclass
class Guess:
    keys: list[str]
    facets: list[str]
    # each document's terms per field, parts added (kept: in the pair fields only)
    fields: list[list[list[str]]]
    starts: list[list[array]]  # ...and their positions
    raw: list[list[int]]  # each document's field lengths before parts
    df: Counter[str]  # document frequencies before parts
    planner: Planner | None  # None: no compound is split
    plan: Plan
    postings: Postings
    kept: bool  # the postings were read (kept_postings.py): parts only in the pair fields


@dataclass
class Prepared:
    """What the index step takes from settle (index_step.write_search_index
    clears it, so that its memory goes once used)."""

    fields: list[list[list[str]]] | None  # with parts (in the pair fields at least)
    starts: list[list[array]] | None
    split: int  # words split
    postings: Postings | None
    df: Counter[str]  # document frequencies before parts (kept_postings.py keeps them)
    as_kept: bool = False  # the postings the last build kept, and no article changed since


def field_lengths(values: Sequence) -> list[list[int]]:
    """Each cache value's field lengths, before any part is added."""
    return [list(map(len, value[1])) for value in values]


def guess(order: Order, values: Sequence, segmenter: Segmenter, config: dict,
          stop: threading.Event | None = None, raw: list[list[int]] | None = None,
          kept: tuple[Postings, Counter] | None = None) -> Guess:
    """The last build's documents with their parts and postings; `values`:
    the cache's value of each of its keys (`raw`: their field_lengths, if
    known). `kept`: the postings and document frequencies the last build
    kept (kept_postings.load), if any. Raises Stopped once `stop` is set."""
    keys, facets = order
    raw = field_lengths(values) if raw is None else raw
    fields, starts = documents(keys, values)
    df = kept[1] if kept else document_frequencies(fields)
    rule = config["compound_parts"]
    planner = Planner(segmenter, **rule) if rule else None
    plan = planner.plan(df) if planner else {}
    variant_keys = segmenter.variants.terms
    if kept:
        paired = pair_field_ids(config)
        for d, (terms, at) in enumerate(zip(fields, starts, strict=True)):
            if d % 4096 == 0 and stop is not None and stop.is_set():
                raise Stopped
            add_parts([terms[f] for f in paired], [at[f] for f in paired], plan, variant_keys)
        return Guess(keys, facets, fields, starts, raw, df, planner, plan, kept[0], True)
    postings = Postings([*config["fields"], FACET_FIELD])
    for d, (terms, at) in enumerate(zip(fields, starts, strict=True)):
        if d % 512 == 0 and stop is not None and stop.is_set():
            raise Stopped
        add_parts(terms, at, plan, variant_keys)
        postings.add(d, [*terms, [facets[d]]], [*at, array("i", [0])])
    return Guess(keys, facets, fields, starts, raw, df, planner, plan, postings, False)


class Guessing:
    """guess() on a thread of its own, started at once; settle() waits for
    it and patches it, or puts the cache's term lists and positions back as
    they were read (the index is then written from scratch)."""

    def __init__(self, order: Order, values: Sequence, segmenter: Segmenter, config: dict,
                 kept: Path | None = None):
        self.order = order
        self._kept = kept  # where the last build kept its postings (kept_postings.py)
        self._values = values
        # Each field's length as read, before any part: what restore() cuts back to.
        self._raw = field_lengths(values)
        self._stop = threading.Event()
        self._guess: Guess | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(segmenter, config),
                                        daemon=True)  # not waited for if the process ends
        self._thread.start()

    def _run(self, segmenter: Segmenter, config: dict) -> None:
        try:
            kept = load(self._kept, stamp(*self.order, config)) if self._kept else None
            self._guess = guess(self.order, self._values, segmenter, config, self._stop,
                                self._raw, kept)
        except Stopped:
            pass
        except BaseException as error:  # the build goes on from scratch (settle)
            self._error = error

    def settle(self, step, values: dict) -> Prepared | None:
        """The documents' terms, positions and postings for the build's
        articles (`step`, index_step.Step; `values`: the cache's value by
        key, every key of the step's), patched from the guess; or None."""
        changed, why = _changes(self.order, step)
        if why is not None:
            self._stop.set()
        self._thread.join()
        if why is None and self._error is not None:
            log.warning("thai_search: adding the postings while Pelican read failed (%s: %s); "
                        "they are added again", type(self._error).__name__, self._error)
            why = ""
        prepared = None
        if why is None:
            prepared = _patched(self._guess, changed, step, values)
        elif why:
            _no_use(why)
        if prepared is None:
            self._restore()
        self._guess = self._values = self._error = None
        return prepared

    def _restore(self) -> None:
        for value, lengths in zip(self._values, self._raw, strict=True):
            for terms, starts, length in zip(value[1], value[2], lengths, strict=True):
                del terms[length:]
                del starts[length:]


def _changes(order: Order, step) -> tuple[list[int], str | None]:
    """The ids whose article differs from the guess's, and why the guess is
    of no use, or None."""
    keys, facets = step.keys, facets_of(step)
    old_keys, old_facets = order
    old = len(old_keys)
    if len(keys) < old:
        return [], "articles were removed"
    changed = [i for i in range(old) if keys[i] != old_keys[i] or facets[i] != old_facets[i]]
    changed += range(old, len(keys))
    if len(changed) > max(PATCH_MIN, len(keys) // PATCH_SHARE):
        return [], f"{len(changed)} articles changed or moved"
    guessed = set(old_keys)  # their term lists hold parts already
    for i in changed:
        if keys[i] in guessed:
            return [], ("an article changed only its category" if i < old
                        and keys[i] == old_keys[i] else "an article moved")
    return changed, None


def _patched(found: Guess, changed: list[int], step, values: dict) -> Prepared | None:
    """The guess with the `changed` articles' postings put in; None when the
    compounds to split changed for an article that did not."""
    keys, facets = step.keys, facets_of(step)
    old = len(found.keys)
    terms_of, starts_of = documents([keys[i] for i in changed],
                                    [values[keys[i]] for i in changed])
    new_fields = dict(zip(changed, terms_of, strict=True))
    new_starts = dict(zip(changed, starts_of, strict=True))
    df = found.df
    for i in changed:
        if i < old:
            gone = doc_terms(_as_read(found, i)[0])
            df.subtract(gone)
            for term in gone:
                if df[term] <= 0:
                    del df[term]
        df.update(doc_terms(new_fields[i]))
    plan = found.planner.plan(df) if found.planner else {}
    differing = {t for t in plan.keys() | found.plan.keys() if plan.get(t) != found.plan.get(t)}
    if differing:  # no unchanged article may hold such a word
        in_changed = Counter(t for i in changed for t in doc_terms(new_fields[i]) & differing)
        if any(df.get(t, 0) > in_changed[t] for t in differing):
            return _no_use("the compounds to split changed")
    variant_keys = found.planner.segmenter.variants.terms if found.planner else {}
    for i in changed:
        terms, starts = new_fields[i], new_starts[i]
        add_parts(terms, starts, plan, variant_keys)
        in_terms, in_starts = [*terms, [facets[i]]], [*starts, array("i", [0])]
        if i < old:
            # What the postings hold of it: its terms as read, with the old plan's parts.
            was, _at = _as_read(found, i)
            add_parts(was, None, found.plan, variant_keys)
            found.postings.replace(i, [*was, [found.facets[i]]], in_terms, in_starts)
            found.fields[i], found.starts[i] = terms, starts
        else:
            found.postings.add(i, in_terms, in_starts)
            found.fields.append(terms)
            found.starts.append(starts)
    log.info("thai_search: the postings of the last build's %d articles were %s while "
             "Pelican read; %d articles changed since", old,
             "read from its file" if found.kept else "added", len(changed))
    return Prepared(found.fields, found.starts, len(plan), found.postings, df,
                    found.kept and not changed)


def _as_read(found: Guess, i: int) -> tuple[list[list[str]], list[array]]:
    """Document i's terms and positions as the cache holds them, before parts."""
    lengths = found.raw[i]
    return ([list(t[:n]) for t, n in zip(found.fields[i], lengths, strict=True)],
            [array("i", s[:n]) for s, n in zip(found.starts[i], lengths, strict=True)])


def _no_use(why: str) -> None:
    log.info("thai_search: the postings added while Pelican read are of no use (%s): "
             "they are added again", why)
