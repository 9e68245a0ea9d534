"""A small on-disk memo for pure per-article HTML passes.

Pelican's reader cache keeps each article's rendered Markdown, but the
content signals run again on every build: at 63k articles the sanitizer
and the English marking took about 60 s of each rebuild, for HTML that had
not changed. `DiskMemo` keeps their results in one SQLite file under
CACHE_PATH, keyed by a hash of the pass's own source code (and the memo's),
its options and its input, so a change to any of them is a miss. Entries no build used are
dropped when the build finishes.
"""

from __future__ import annotations

import hashlib
import marshal
import sqlite3
import zlib
from pathlib import Path


def source_digest(*files: str | Path) -> str:
    """A hash of the code of a pass (its module files)."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


class DiskMemo:
    def __init__(self, path: Path, version: str):
        path.parent.mkdir(parents=True, exist_ok=True)
        # The memo's own code (its stored format) is part of every version.
        self.version = version + source_digest(__file__)
        self.db = sqlite3.connect(path)
        # A rebuild looks up every article: read the file through the page
        # cache rather than SQLite's own 2 MB one (half the lookup time).
        self.db.execute("PRAGMA mmap_size = 1073741824")
        self.db.execute("CREATE TABLE IF NOT EXISTS memo (key TEXT PRIMARY KEY, value BLOB)")
        self.used: set[str] = set()
        self.pending: list[tuple[str, bytes]] = []

    def key(self, *parts: str) -> str:
        digest = hashlib.sha256(self.version.encode())
        for part in parts:
            digest.update(b"\x00" + part.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def get(self, key: str):
        self.used.add(key)
        row = self.db.execute("SELECT value FROM memo WHERE key = ?", (key,)).fetchone()
        return marshal.loads(zlib.decompress(row[0])) if row else None

    def put(self, key: str, value) -> None:
        self.used.add(key)
        self.pending.append((key, zlib.compress(marshal.dumps(value), 1)))
        if len(self.pending) >= 500:
            self.flush()

    def flush(self) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO memo VALUES (?, ?)", self.pending)
        self.pending.clear()

    def close(self, prune: bool = True) -> None:
        """Write what is pending; drop entries this build did not use."""
        self.flush()
        if prune and self.used:
            with self.db:
                self.db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
                self.db.executemany("INSERT INTO used VALUES (?)", ((k,) for k in self.used))
                self.db.execute("DELETE FROM memo WHERE key NOT IN (SELECT key FROM used)")
        self.db.close()


class MemoSlot:
    """A plugin's memo for the current build: opened when the build starts
    (an earlier build's, in the same process, is closed first), closed and
    pruned when it finishes."""

    def __init__(self):
        self.memo: DiskMemo | None = None

    def open(self, path: Path, version: str) -> None:
        self.close(prune=False)
        self.memo = DiskMemo(path, version)

    def close(self, prune: bool = True) -> None:
        if self.memo is not None:
            self.memo.close(prune=prune)
            self.memo = None

    def memoized(self, parts: tuple[str, ...], compute, *, same_as=None):
        """compute(), or its stored result for the same parts; no memo open: compute().

        A result equal to `same_as` (a pass that left its input as it was,
        as most do) is stored as a small marker instead of a second copy.
        """
        if self.memo is None:
            return compute()
        key = self.memo.key(*parts)
        found = self.memo.get(key)
        if found is None:
            found = compute()
            self.memo.put(key, _UNCHANGED if same_as is not None and found == same_as
                          else found)
        elif found == _UNCHANGED:
            found = same_as
        return found


# marshal keeps the type: no pass returns this tuple of one int.
_UNCHANGED = (0,)
