"""Segmentation cache: index terms per article, keyed by content hash.

A rebuild re-segments only the articles whose text (or the segmenter's
configuration: PyThaiNLP version, word list, variant tables) changed. The
cache is one SQLite file per segmenter fingerprint under CACHE_PATH.
Values are marshal data (our own files; 5x faster to load than JSON), each
distinct term written once per article.
"""

from __future__ import annotations

import hashlib
import marshal
import sqlite3
import zlib
from collections.abc import Iterator
from pathlib import Path


def content_key(*texts: str) -> str:
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


FORMAT = "m2"


Value = tuple[str, list[list[str]], list[bytes]]  # body text, terms and positions per field


def _shared(value: Value) -> Value:
    """The same value with equal terms as one object, so marshal writes each once."""
    body, fields, starts = value
    seen: dict[str, str] = {}
    return body, [[seen.setdefault(t, t) for t in terms] for terms in fields], starts


class SegmentCache:
    def __init__(self, folder: Path, fingerprint: str):
        folder.mkdir(parents=True, exist_ok=True)
        name = f"segments-{fingerprint}-{FORMAT}.sqlite"
        for stale in folder.glob("segments-*.sqlite"):
            if stale.name != name:
                stale.unlink()  # another configuration or format: never valid again
        self.path = folder / name
        self.db = sqlite3.connect(self.path)
        self.db.execute("CREATE TABLE IF NOT EXISTS seg (key TEXT PRIMARY KEY, value BLOB)")

    def iter_many(self, keys: list[str]) -> Iterator[tuple[str, Value]]:
        """(key, (body text, terms per field, their positions)) for each cached
        key, a batch at a time."""
        for start in range(0, len(keys), 500):
            batch = keys[start:start + 500]
            marks = ",".join("?" * len(batch))
            for key, value in self.db.execute(
                    f"SELECT key, value FROM seg WHERE key IN ({marks})", batch):
                yield key, marshal.loads(zlib.decompress(value))

    def put_many(self, items: dict[str, Value]) -> None:
        rows = [(k, zlib.compress(marshal.dumps(_shared(v)), 1)) for k, v in items.items()]
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO seg VALUES (?, ?)", rows)

    def keep_only(self, keys: set[str]) -> None:
        """Forget articles that no longer exist, so the file does not grow forever."""
        stored = {k for (k,) in self.db.execute("SELECT key FROM seg")}
        with self.db:
            self.db.executemany("DELETE FROM seg WHERE key = ?", [(k,) for k in stored - keys])

    def close(self) -> None:
        self.db.close()
