"""Segmentation cache: index terms per article, keyed by content hash.

A rebuild re-segments only the articles whose text (or the segmenter's
configuration: its code, the versions of PyThaiNLP, Beautiful Soup and
Python, the word list, the variant tables) changed. It is a Store (store.py)
named "segments", versioned by the segmenter's fingerprint, under
CACHE_PATH; each distinct term is written once per article.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .store import Store, digest

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
