"""Segmentation cache: index terms per article, keyed by content hash.

A rebuild re-segments only the articles whose text (or the segmenter's
configuration: its code, the versions of PyThaiNLP, Beautiful Soup and
Python, the word list, the variant tables) changed. It is a Store (store.py)
named "segments", versioned by the segmenter's fingerprint, under
CACHE_PATH; each distinct term is written once per article. The index
process reads it beside the build (CacheReader: read-only, never repairs:
the build owns the file).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

# store.py's own format and what a damaged value raises (store.py stays as
# it is: its code is part of every store's version).
from .store import _BAD_VALUE, BATCH, Store, _decode, _is_damage, digest

FORMAT = "m2"

Value = tuple[str, list[list[str]], list[bytes]]  # body text, terms and positions per field


def content_key(*texts: str) -> str:
    return digest(*texts)


def _shared(value: Value) -> Value:
    """The same value with equal terms as one object, so marshal writes each once."""
    body, fields, starts = value
    seen: dict[str, str] = {}
    return body, [[seen.setdefault(t, t) for t in terms] for terms in fields], starts


class SegmentCache:
    def __init__(self, folder: Path, fingerprint: str):
        self.store = Store(folder, "segments", f"{fingerprint}-{FORMAT}")
        self._opened = self.store.db  # a damaged file is replaced by a new connection

    @property
    def path(self) -> Path:
        return self.store.path

    def count(self) -> int:
        """How many articles it holds (those of the last build, and since); a
        damaged file is made again (and holds none)."""
        try:
            return self.store.db.execute("SELECT count(*) FROM store").fetchone()[0]
        except sqlite3.DatabaseError as error:
            self._damaged(error)
            return 0

    def stored(self, keys: list[str]) -> set[str]:
        """Which keys it holds, their values unread (another process reads
        them: CacheReader); they count as used by this build. A damaged file
        is made again (`restarted`), and holds none."""
        self.store.used.update(keys)
        found: set[str] = set()
        try:
            for rows in self.store._select("key", keys):
                found.update(key for key, in rows)
        except sqlite3.DatabaseError as error:
            self._damaged(error)
            return set()
        return found

    def _damaged(self, error: sqlite3.DatabaseError) -> None:
        if not _is_damage(error):
            raise error
        self.store._start_again(error)

    def start_again(self, reason: str) -> None:
        """Another reader found the file damaged: warn, delete it, start an
        empty one (as the store does when it finds damage itself)."""
        self.store._start_again(DamagedCache(reason))

    def iter_many(self, keys: list[str]) -> Iterator[tuple[str, Value]]:
        """(key, (body text, terms per field, their positions)) for each cached key."""
        return self.store.get_many(keys)

    def put_many(self, items: dict[str, Value]) -> None:
        self.store.put_many((key, _shared(value)) for key, value in items.items())

    @property
    def restarted(self) -> bool:
        """Whether the file was damaged and started again in this build: the
        values read before it are then no longer in it."""
        return self.store.db is not self._opened

    def close(self, prune: bool = True) -> None:
        """With prune, forget the articles this build did not ask for (they
        no longer exist)."""
        self.store.close(prune=prune)


class DamagedCache(Exception):
    pass


class CacheReader:
    """A SegmentCache's file read by another process while the build may
    write to it (index_step.py): read-only, a batch per statement so that
    writers never wait long, and never repaired here: damage raises
    DamagedCache, and the build, which owns the file, repairs it."""

    def __init__(self, path: Path):
        self.path = path
        # A writer holds its lock for one batch: waiting a minute is waiting
        # for a stuck build, never for a busy one.
        self.db = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=60)
        self._rows("PRAGMA mmap_size = 1073741824", ())

    def every(self) -> Iterator[tuple[str, Value]]:
        """(key, value) of every article it holds."""
        last = 0
        while True:
            rows = self._rows("SELECT rowid, key, value FROM store WHERE rowid > ? "
                              f"ORDER BY rowid LIMIT {BATCH}", (last,))
            if not rows:
                return
            last = rows[-1][0]
            yield from self._decoded(row[1:] for row in rows)

    def many(self, keys: Iterable[str]) -> Iterator[tuple[str, Value]]:
        """(key, value) of those keys it holds."""
        keys = list(keys)
        for start in range(0, len(keys), BATCH):
            batch = keys[start:start + BATCH]
            yield from self._decoded(self._rows(
                f"SELECT key, value FROM store WHERE key IN ({','.join('?' * len(batch))})",
                batch))

    def _rows(self, sql: str, args) -> list[tuple]:
        try:
            return self.db.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as error:
            if not _is_damage(error):
                raise
            raise DamagedCache(f"{self.path}: {error}") from error

    def _decoded(self, rows) -> Iterator[tuple[str, Value]]:
        for key, raw in rows:
            try:
                value = _decode(raw)
            except _BAD_VALUE as error:
                raise DamagedCache(f"{self.path}: the value of {key}: {error}") from error
            yield key, value

    def close(self) -> None:
        self.db.close()
