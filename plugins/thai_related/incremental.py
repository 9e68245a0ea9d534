"""Related lists kept from one build to the next.

A rebuild after one edit computes again only what the edit can change, and
every list is the one a build from scratch would make (the tests compare
them on random edits). The state of the last build (a marshal dict the
plugin keeps under CACHE_PATH) holds every feature the articles have had,
numbered, with its document frequency (df) and rarity level, and for each
article its text's hash, its date, its features, its vector and its list.

- The df of a feature changes only by the articles added, removed or
  edited (their old features are in the state, their new ones in the
  build): no pass over the whole archive.
- A level changes where a df changed, or for some features when the
  number of articles changes (levels are quantized: few cross a step). A
  vector is made again for the changed articles, for those holding a
  feature whose level rose (it may enter their vector) and for those whose
  vector holds one whose level fell. It counts as changed when it differs.
- A list is ranked again when its article changed, when it listed a
  changed or removed article, or when a changed article now scores at
  least as high as its last entry (or the list is not full). Every other
  list is kept: the scores between unchanged articles are the same floats
  (related.score sums them as related.ranked does).

With no state, or one of another version (code, settings, segmenter),
every article is new: the same code path, nothing kept.
"""

from __future__ import annotations

import gc
import multiprocessing
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import chain, repeat

from .related import (
    Doc,
    Ranked,
    Vector,
    cap,
    feature_set,
    is_number,
    level,
    postings,
    ranked,
    score,
    vector,
)

FORMAT = 2
# Rank in worker processes from this many lists (forking costs about 0.1 s).
PARALLEL_FROM = 4000

_work: dict = {}


def _ints(raw: bytes, code: str = "i") -> array:
    found = array(code)
    found.frombytes(raw)
    return found


def _holds(blob: bytes, patterns: list[bytes]) -> bool:
    """Whether an array of ints (as bytes) holds one of the ints (as bytes)."""
    for pattern in patterns:
        at = blob.find(pattern)
        while at != -1:
            if at % 4 == 0:
                return True
            at = blob.find(pattern, at + 1)
    return False


def _rank_chunk(chunk: list[int]) -> list[Ranked]:
    docs, vectors, index, settings = _work["args"]
    return [ranked(i, docs, vectors, index, settings) for i in chunk]


def _rank_all(todo: list[int], args: tuple, processes: int,
              read_all: Callable[[], None]) -> list[Ranked]:
    if len(todo) >= PARALLEL_FROM:
        read_all()  # they read most documents (a worker's reads would be its own)
    if processes <= 1 or len(todo) < PARALLEL_FROM:
        docs, vectors, index, settings = args
        return [ranked(i, docs, vectors, index, settings) for i in todo]
    _work["args"] = args
    size = max(1, len(todo) // (processes * 8))
    chunks = [todo[at:at + size] for at in range(0, len(todo), size)]
    # The build's objects (gigabytes at 63k) out of the collector's reach
    # before forking: a collection in a worker would write to every page
    # that holds one, and copy it.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            return [found for part in pool.map(_rank_chunk, chunks) for found in part]
    finally:
        gc.unfreeze()
        _work.clear()


def _levels(df: array, numbers: set[int], n: int, settings: dict,
            only=None) -> bytearray | dict[int, int]:
    """Every feature's level, or (with `only`) those features' levels."""
    most = cap(n, settings)
    limit = int(most)  # df <= most for a whole df
    table = [level(k, n, most) for k in range(limit + 1)] + [0]
    if only is not None:
        return {f: 0 if f in numbers else table[min(df[f], limit + 1)] for f in only}
    found = bytearray(map(table.__getitem__, map(min, df, repeat(limit + 1))))
    for f in numbers:
        found[f] = 0
    return found


def update(state: dict | None, version: str, docs: Sequence[Doc], keys: Sequence[str],
           settings: dict, processes: int = 1,
           read_all: Callable[[], None] = lambda: None) -> tuple[list[Ranked], dict, dict]:
    """Every article's list, reusing `state` (what an earlier build returned,
    or None). Returns (lists, the new state, counts); counts["same"] says
    that the new state is the one given. A doc's terms (title, meta, body)
    may be read only when asked for: `read_all` reads them all at once,
    before many lists are ranked."""
    fresh = state is None or state.get("format") != FORMAT or state.get("version") != version
    if fresh:
        state = {"n": 0, "features": [], "numbers": [], "df": b"", "levels": b"", "docs": {}}
    n, before = len(docs), state["docs"]
    names: list = list(state["features"])
    ids = dict(zip(names, range(len(names)), strict=True))
    numbers = set(state["numbers"])
    df = _ints(state["df"])
    at = {doc.id: i for i, doc in enumerate(docs)}

    # The new, edited and re-dated articles, their features, and the df.
    changed = [i for i, doc in enumerate(docs)
               if (kept := before.get(doc.id)) is None or kept[0] != keys[i] or kept[1] != doc.date]
    if len(changed) >= PARALLEL_FROM:
        read_all()
    found = [list(feature_set(docs[i], settings)) for i in changed]
    for feature in set().union(*found) - ids.keys():
        ids[feature] = len(names)
        if is_number(feature):
            numbers.add(len(names))
        names.append(feature)
    df.frombytes(bytes(4 * (len(names) - len(df))))
    features = {i: array("i", map(ids.__getitem__, f)) for i, f in zip(changed, found, strict=True)}
    del found
    delta: Counter = Counter(chain.from_iterable(features.values()))
    removed = before.keys() - at.keys()
    for doc_id in removed | {docs[i].id for i in changed} & before.keys():
        delta.subtract(_ints(before[doc_id][2]))
    for f, count in delta.items():
        df[f] += count

    # Levels, and the vectors they change.
    levels = bytearray(state["levels"])
    levels.extend(bytes(len(names) - len(levels)))
    if n != state["n"]:
        new = _levels(df, numbers, n, settings)
        moved = [f for f, (a, b) in enumerate(zip(levels, new, strict=True)) if a != b]
        rose = [f for f in moved if new[f] > levels[f]]
        levels = new
    else:
        new = _levels(df, numbers, n, settings, only=delta)
        moved = [f for f, k in new.items() if k != levels[f]]
        rose = [f for f in moved if new[f] > levels[f]]
        for f in moved:
            levels[f] = new[f]
    fell = [f.to_bytes(4, "little", signed=True) for f in set(moved) - set(rose)]
    rose = [f.to_bytes(4, "little", signed=True) for f in rose]
    redo = set(changed)
    vectors: list[Vector] = []
    for i, doc in enumerate(docs):
        if i in redo:
            vectors.append(())  # made below
            continue
        kept = before[doc.id]
        if (rose and _holds(kept[2], rose)) or (fell and _holds(kept[3], fell)):
            redo.add(i)
        vectors.append((tuple(_ints(kept[3])), tuple(_ints(kept[4], "d"))))
    movers = list(changed)
    for i in sorted(redo):
        made = vector(docs[i], ids, levels, settings)
        if i not in features and made != vectors[i]:
            movers.append(i)
        vectors[i] = made
    movers.sort()

    # The lists a change can reach.
    gone = {docs[i].id for i in movers} | removed
    todo = set(movers)
    lists: list[Ranked] = [[] for _ in docs]
    for i, doc in enumerate(docs):
        if i not in todo:
            kept = before[doc.id]
            if gone.intersection(kept[5]):
                todo.add(i)
            else:
                lists[i] = list(zip(_ints(kept[6], "d"), map(at.__getitem__, kept[5]),
                                    strict=True))
    if len(todo) < n:
        index = postings(vectors, only=set().union(*(vectors[c][0] for c in movers)))
        most = settings["most"]
        for c in movers:
            for feature in vectors[c][0]:
                for d, _ in index[feature]:
                    if d not in todo and (len(lists[d]) < most
                                          or score(vectors[d], vectors[c]) >= lists[d][-1][0]):
                        todo.add(d)
    order = sorted(todo)
    index = postings(vectors, only=None if 4 * len(order) > n
                     else set().union(*(vectors[i][0] for i in order)))
    for i, found_list in zip(order, _rank_all(order, (docs, vectors, index, settings), processes,
                                                        read_all),
                             strict=True):
        lists[i] = found_list

    out = {}
    for i, doc in enumerate(docs):
        kept = before.get(doc.id)
        if i not in redo and i not in todo:
            out[doc.id] = kept
            continue
        mine = features[i].tobytes() if i in features else kept[2]
        out[doc.id] = (keys[i], doc.date, mine, array("i", vectors[i][0]).tobytes(),
                       array("d", vectors[i][1]).tobytes(), tuple(docs[j].id for _, j in lists[i]),
                       array("d", [s for s, _ in lists[i]]).tobytes())
    new_state = {"format": FORMAT, "version": version, "n": n, "features": names,
                 "numbers": sorted(numbers), "df": df.tobytes(), "levels": bytes(levels),
                 "docs": out}
    same = not (fresh or changed or removed or moved or order)
    return lists, new_state, {"articles": n, "changed": len(movers), "ranked": len(order),
                              "levels": len(moved), "same": same}
