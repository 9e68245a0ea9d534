"""One on-disk store for build results that can be computed again: a SQLite
file of key -> marshal data (zlib level 1) under CACHE_PATH.

The segmentation cache (cache.py) and the site's memo of pure HTML passes
both use it. A store is named and versioned: the version (a hash of the
code and settings that produced the values) is part of the file name, and
files of the same name with another version are deleted on opening, since
they can never be valid again. Entries no build asked for are dropped when
the store closes with `prune=True`, so the file does not grow forever.

marshal (our own files, never input from outside) loads 5x faster than JSON.
"""

from __future__ import annotations

import hashlib
import marshal
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

BATCH = 500  # rows per SELECT ... IN and per buffered write


def digest(*parts: str | bytes) -> str:
    """A SHA-256 of the parts, each ended so that ("ab", "c") != ("a", "bc")."""
    found = hashlib.sha256()
    for part in parts:
        found.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        found.update(b"\x00")
    return found.hexdigest()


def source_digest(*files: str | Path) -> str:
    """A hash of the code of a pass (its module files), for a store's version."""
    return digest(*(Path(path).read_bytes() for path in files))


class Store:
    def __init__(self, folder: Path, name: str, version: str):
        folder.mkdir(parents=True, exist_ok=True)
        # The store's own code (its format) is part of every version.
        version = digest(version, source_digest(__file__))[:16]
        self.path = folder / f"{name}-{version}.sqlite"
        for stale in folder.glob(f"{name}-*.sqlite"):
            if stale != self.path:
                stale.unlink()
        self.db = sqlite3.connect(self.path)
        # A rebuild looks up every article: read the file through the page
        # cache rather than SQLite's own 2 MB one (half the lookup time).
        self.db.execute("PRAGMA mmap_size = 1073741824")
        self.db.execute("CREATE TABLE IF NOT EXISTS store (key TEXT PRIMARY KEY, value BLOB)")
        self.used: set[str] = set()
        self.pending: list[tuple[str, bytes]] = []

    def get(self, key: str):
        """The value stored for key, or None."""
        self.used.add(key)
        row = self.db.execute("SELECT value FROM store WHERE key = ?", (key,)).fetchone()
        return marshal.loads(zlib.decompress(row[0])) if row else None

    def get_many(self, keys: list[str]) -> Iterator[tuple[str, object]]:
        """(key, value) for each stored key, a batch at a time."""
        self.used.update(keys)
        for start in range(0, len(keys), BATCH):
            batch = keys[start:start + BATCH]
            marks = ",".join("?" * len(batch))
            for key, value in self.db.execute(
                    f"SELECT key, value FROM store WHERE key IN ({marks})", batch):
                yield key, marshal.loads(zlib.decompress(value))

    def put(self, key: str, value) -> None:
        """Store a value (written in batches)."""
        self.used.add(key)
        self.pending.append((key, zlib.compress(marshal.dumps(value), 1)))
        if len(self.pending) >= BATCH:
            self.flush()

    def put_many(self, items: Iterable[tuple[str, object]]) -> None:
        for key, value in items:
            self.put(key, value)
        self.flush()

    def flush(self) -> None:
        if self.pending:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO store VALUES (?, ?)", self.pending)
            self.pending.clear()

    def close(self, prune: bool = True) -> None:
        """Write what is pending; with prune, drop the entries this build did not use."""
        self.flush()
        if prune and self.used:
            with self.db:
                self.db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
                self.db.executemany("INSERT INTO used VALUES (?)", ((k,) for k in self.used))
                self.db.execute("DELETE FROM store WHERE key NOT IN (SELECT key FROM used)")
        self.db.close()
