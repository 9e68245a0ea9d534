"""The articles' terms as the `segmented` signal hands them over (hooks.py)
when the index process reads the segmentation cache for itself: read from
the cache only when a receiver asks for them.

A rebuild after one edit then reads the terms of the edited articles (in
memory: just segmented) and of the few others the related news ranks again,
not the 63k articles' ~36 M terms (22 s and about 1 GB in the build).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .cache import SegmentCache, Value


class CachedTerms(Sequence):
    """Per article (in `keys` order), its terms per field. `fresh` holds the
    values segmented in this build; the others come from `cache`, which
    must stay open while the receivers run."""

    def __init__(self, keys: list[str], fresh: dict[str, Value], cache: SegmentCache):
        self.keys, self.fresh, self.cache = keys, fresh, cache

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        key = self.keys[i]
        value = self.fresh.get(key)
        if value is None:
            value = self.cache.store.get(key)
        if value is None:
            raise _lost(key, self.cache)
        return value[1]

    def __iter__(self) -> Iterator[list[list[str]]]:
        """Every article's terms, read a batch at a time."""
        batch = 500
        for start in range(0, len(self.keys), batch):
            keys = self.keys[start:start + batch]
            read = dict(self.cache.iter_many([k for k in keys if k not in self.fresh]))
            for key in keys:
                value = self.fresh.get(key) or read.get(key)
                if value is None:
                    raise _lost(key, self.cache)
                yield value[1]


def _lost(key: str, cache: SegmentCache) -> RuntimeError:
    """The cache lost an article's terms since the index process read it
    whole (damaged in between: the store has started it again)."""
    return RuntimeError(f"thai_search: the segmentation cache {cache.path} no longer "
                        f"holds the article {key}; build again")
