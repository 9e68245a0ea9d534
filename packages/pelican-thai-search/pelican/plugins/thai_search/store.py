"""One on-disk store for build results that can be computed again: a SQLite
file of key -> marshal data (zlib level 1) under CACHE_PATH.

The segmentation cache (cache.py) and the site's memo of pure HTML passes
both use it. A store is named and versioned: the version (a hash of the
code, settings and library versions that produced the values) is part of
the file name, and files of the same name with another version are deleted
on opening, since they can never be valid again. Entries no build asked for
are dropped when the store closes with `prune=True`, so the file does not
grow forever.

A build killed at any point leaves the file as it was before the write in
progress: every write is one SQLite transaction, rolled back on the next
opening. A damaged file (truncated, overwritten) is never read from: SQLite
reports a damaged structure, and zlib's checksum a damaged value; the store
then logs a warning naming its plugin (the folder it lives in, CACHE_PATH/
<plugin>/), deletes the file and starts an empty one, so the values are
computed again.

marshal (our own files, never input from outside) loads 5x faster than JSON.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from .kill_points import kill_point

log = logging.getLogger(__name__)

BATCH = 500  # rows per SELECT ... IN and per buffered write
# What a damaged file raises: SQLite's "malformed" or "not a database", and
# zlib's checksum or marshal's format on a damaged value.
_DAMAGED_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_BAD_VALUE = (zlib.error, ValueError, EOFError, TypeError)


class DamagedStore(Exception):
    pass


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


def _is_damage(error: Exception) -> bool:
    if isinstance(error, sqlite3.DatabaseError):
        return getattr(error, "sqlite_errorcode", None) in _DAMAGED_CODES
    return isinstance(error, (DamagedStore, *_BAD_VALUE))


def _decode(raw: bytes):
    return marshal.loads(zlib.decompress(raw))


class Store:
    def __init__(self, folder: Path, name: str, version: str):
        folder.mkdir(parents=True, exist_ok=True)
        # The store's own code (its format) is part of every version.
        version = digest(version, source_digest(__file__))[:16]
        self.name = name
        self.owner = folder.name  # CACHE_PATH/<plugin>/: its warnings name the plugin
        self.path = folder / f"{name}-{version}.sqlite"
        # Other versions, with what a killed build left of their journals.
        for stale in folder.glob(f"{name}-*.sqlite*"):
            if not stale.name.startswith(self.path.name):
                stale.unlink()
        self.used: set[str] = set()
        self.pending: list[tuple[str, bytes]] = []
        try:
            self.db = self._connect()
        except (sqlite3.DatabaseError, DamagedStore) as error:
            if not _is_damage(error):
                raise
            self.db = None
            self._start_again(error)

    def _connect(self) -> sqlite3.Connection:
        if self.path.is_file() and self.path.stat().st_size == 0:
            raise DamagedStore("empty file")  # a store always holds its table
        db = sqlite3.connect(self.path)
        try:
            # A rebuild looks up every article: read the file through the page
            # cache rather than SQLite's own 2 MB one (half the lookup time).
            db.execute("PRAGMA mmap_size = 1073741824")
            # Reading the schema rolls back what a killed build left half
            # written (a hot journal), or finds a file that is no database.
            db.execute("CREATE TABLE IF NOT EXISTS store (key TEXT PRIMARY KEY, value BLOB)")
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _start_again(self, error: Exception) -> None:
        """Warn, delete the damaged file and open an empty one."""
        log.warning("%s: cache file %s is damaged (%s); it is deleted and its values "
                    "are computed again", self.owner, self.path, error)
        if self.db is not None:
            self.db.close()
        for path in (self.path, self.path.with_name(self.path.name + "-journal")):
            path.unlink(missing_ok=True)
        self.db = self._connect()

    def get(self, key: str):
        """The value stored for key, or None."""
        self.used.add(key)
        try:
            row = self.db.execute("SELECT value FROM store WHERE key = ?", (key,)).fetchone()
            return _decode(row[0]) if row else None
        except (sqlite3.DatabaseError, *_BAD_VALUE) as error:
            if not _is_damage(error):
                raise
            self._start_again(error)
            return None

    def get_many(self, keys: list[str]) -> Iterator[tuple[str, object]]:
        """(key, value) for each stored key, a batch at a time. A damaged file
        ends the answer there (values given before it were sound)."""
        self.used.update(keys)
        try:
            for found in self._select("key, value", keys):
                decoded = [(key, _decode(value)) for key, value in found]
                yield from decoded
        except (sqlite3.DatabaseError, *_BAD_VALUE) as error:
            if not _is_damage(error):
                raise
            self._start_again(error)

    def _select(self, columns: str, keys: list[str]) -> Iterator[list[tuple]]:
        """The rows of the stored keys, a batch of keys at a time."""
        for start in range(0, len(keys), BATCH):
            batch = keys[start:start + BATCH]
            marks = ",".join("?" * len(batch))
            yield self.db.execute(
                f"SELECT {columns} FROM store WHERE key IN ({marks})", batch).fetchall()

    def has_many(self, keys: list[str]) -> set[str]:
        """The keys stored, without counting them used by this build (a look
        before work; the build asks for them again). Nothing on damage: the
        build's own lookup repairs the file."""
        found: set[str] = set()
        try:
            for rows in self._select("key", keys):
                found.update(key for key, in rows)
        except sqlite3.DatabaseError as error:
            if not _is_damage(error):
                raise
            return set()
        return found

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

    def _write(self) -> None:
        with self.db:  # one transaction: all of it or, killed, none
            self.db.executemany("INSERT OR REPLACE INTO store VALUES (?, ?)", self.pending)
            kill_point(f"{self.name}.write")

    def flush(self) -> None:
        if self.pending:
            try:
                self._write()
            except sqlite3.DatabaseError as error:
                if not _is_damage(error):
                    raise
                self._start_again(error)
                self._write()
            self.pending.clear()

    def close(self, prune: bool = True) -> None:
        """Write what is pending; with prune, drop the entries this build did not use."""
        self.flush()
        if prune and self.used:
            try:
                with self.db:
                    self.db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
                    self.db.executemany("INSERT INTO used VALUES (?)",
                                        ((k,) for k in self.used))
                    self.db.execute("DELETE FROM store WHERE key NOT IN (SELECT key FROM used)")
            except sqlite3.DatabaseError as error:
                if not _is_damage(error):
                    raise
                self._start_again(error)  # this build's values are lost: the next makes them
        self.db.close()
