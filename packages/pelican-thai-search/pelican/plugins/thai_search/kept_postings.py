"""The last build's postings, kept beside the segmentation cache.

A rebuild's index process guesses that the articles are the last build's
(early_postings.py). Adding their postings again from the cache's term
lists, with every compound's parts, cost about 45 s of CPU at 63k articles,
on the rebuild's critical path (docs/build-performance.md). So each build
keeps what it indexed: its postings (scoring.Postings: per field, each
term's doc ids, term frequencies and positions, and each document's field
length) and the document frequencies before compound parts, in
`<cache>.postings`. The next build's guess reads them, in a few seconds,
when they are those of the last build's list of articles with the same
fields and compound rule, and made by the same code (`stamp`), and
patches them as it would have patched the postings it added.

The file: MAGIC, the header's length (8 bytes, little-endian), the header
(marshal: stamp, fields, document count, field lengths, document
frequencies, and per field the terms and how many ids and positions each
has), then per field every term's ids, then their term frequencies, then
their positions (native 32-bit ints), and the SHA-256 trailer of
safe_files. It is written under a temporary name and renamed, so a killed
build leaves the old file or the new; a damaged or foreign file is not
used, and the postings are added as before.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import sys
from array import array
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from .contract import FACET_FIELD
from .kill_points import kill_point
from .safe_files import ChecksumWriter, partial_path, trailer
from .scoring import Postings
from .sources import code_digest

# The modules whose code makes the postings from the cache's terms: the
# segmentation cache's name covers segment.py's, not these (compound parts
# are added after the cache); the stamp covers them and what they import.
MADE_BY = (f"{__package__}.compound_parts", f"{__package__}.scoring",
           f"{__package__}.early_postings", __name__)

MAGIC = b"thai_search postings 1\n"
_SIZE = array("i").itemsize
_BATCH = 1 << 23  # bytes gathered before a write: no large copy in memory


def postings_path(cache: Path) -> Path:
    """Beside the cache's file, and pruned with it (Store)."""
    return cache.with_name(cache.name + ".postings")


def stamp(keys: Sequence[str], facets: Sequence[str], config: dict) -> str:
    """What the postings of a build follow from, besides the segmenter (whose
    fingerprint names the cache): its articles in id order with their
    category terms, the indexed fields, the compound rule, and the code."""
    what = [keys, facets, list(config["fields"]), config["compound_parts"], FACET_FIELD,
            _SIZE, sys.byteorder, code_digest(MADE_BY, [__package__])]
    return hashlib.sha256(json.dumps(what, ensure_ascii=False, sort_keys=True)
                          .encode()).hexdigest()


def save(path: Path, mark: str, postings: Postings, df: Counter) -> None:
    """Write the postings and document frequencies, atomically."""
    tables = [postings.tables(f) for f in range(len(postings.fields))]
    terms = [list(docs) for docs, _tfs, _pos in tables]
    placed = [list(where) for _docs, _tfs, where in tables]
    header = marshal.dumps({
        "stamp": mark, "fields": postings.fields, "count": postings.document_count,
        "lengths": [array("i", lengths).tobytes() for lengths in postings.lengths],
        "df": dict(df), "terms": terms, "placed": placed,
        "sizes": [array("i", map(len, docs.values())).tobytes() for docs, _t, _p in tables],
        "places": [array("i", map(len, where.values())).tobytes()
                   for _d, _t, where in tables]})
    partial = partial_path(path)
    with partial.open("wb") as file:
        out = ChecksumWriter(file)
        out.write(MAGIC + len(header).to_bytes(8, "little") + header)
        batch = bytearray()
        for (docs, tfs, where), names, places in zip(tables, terms, placed, strict=True):
            for table, keys in ((docs, names), (tfs, names), (where, places)):
                for key in keys:
                    batch += table[key]
                    if len(batch) >= _BATCH:
                        out.write(batch)
                        batch.clear()
        out.write(batch)
        out.end()
    kill_point("thai_search.kept_postings")
    os.replace(partial, path)


def load(path: Path, mark: str) -> tuple[Postings, Counter] | None:
    """The postings and document frequencies that `save` wrote with this
    stamp, or None: no file, another stamp, or a damaged file (whatever
    fails in reading it: the postings are then added, as without it)."""
    try:
        with path.open("rb") as file:
            return _read(file, mark, os.fstat(file.fileno()).st_size)
    except Exception:  # an optional cache: a damaged one is of no use, whatever it raises
        return None


def _read(file, mark: str, size: int) -> tuple[Postings, Counter] | None:
    sha = hashlib.sha256()

    def take(n: int) -> bytes:
        if not 0 <= n <= size - file.tell():
            raise EOFError("the file is shorter than it says")
        data = file.read(n)
        sha.update(data)
        return data

    if take(len(MAGIC)) != MAGIC:
        return None
    header = marshal.loads(take(int.from_bytes(take(8), "little")))
    if header["stamp"] != mark:
        return None
    blocks = [array("i", header[name][f]) for f in range(len(header["fields"]))
              for name in ("sizes", "sizes", "places")]
    if file.tell() + sum(map(sum, blocks)) * _SIZE + len(trailer(sha)) != size:
        return None
    postings = Postings(header["fields"])
    postings.document_count = header["count"]
    postings.lengths = [array("i", raw).tolist() for raw in header["lengths"]]
    for f in range(len(postings.fields)):
        terms, placed = header["terms"][f], header["placed"][f]
        for table, names, counts in zip(postings.tables(f), (terms, terms, placed),
                                        blocks[3 * f:3 * f + 3], strict=True):
            block = memoryview(take(sum(counts) * _SIZE))
            at = 0
            for name, n in zip(names, counts, strict=True):
                values = table[name] = array("i")
                values.frombytes(block[at:at + n * _SIZE])
                at += n * _SIZE
    end = trailer(sha)
    if file.read(len(end)) != end or file.read(1):
        return None
    return postings, Counter(header["df"])
