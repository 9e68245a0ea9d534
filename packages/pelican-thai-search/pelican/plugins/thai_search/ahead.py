"""Segmentation ahead: articles segmented while Pelican is still reading.

Pelican reads (and renders the Markdown of) every article on one core; the
search used to segment them only afterwards, so on a 2-core machine one
core sat idle through the reading of a large archive (issue #17:
docs/build-performance.md). `Ahead` takes each article as it is read,
sends it to forked worker processes in batches, and the workers store what
they segment in the segmentation cache (cache.py) under the hash of its
texts, as the build itself would. `build_index` then waits for them and
finds those articles in the cache. Nothing else changes: an article whose
texts change after it was read (a category written as its slug and made
canonical later) has another key and is segmented there as before, and
an article already in the cache is never sent.

The workers are forked only once `FORK_AT` articles the cache lacks have
been read: a rebuild's few edits are segmented by the build itself, so no
worker lives beside the build's growing heap. Before the fork the build's
objects are frozen (`gc.freeze()`) until the workers are done: a full
collection, in the build or in a worker, would otherwise write to every
object the two share and copy their memory pages (issue #17's peak PSS).

Pure of Pelican; `work` is the function that segments one item (a
module-level function, so that a worker finds it by name).
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable
from pathlib import Path

from .cache import SegmentCache

BATCH = 32  # articles per task: one cache transaction each
FORK_AT = 2 * BATCH  # articles to segment before the workers are forked
_worker: dict = {}


def _run(work: Callable, folder: str, fingerprint: str, batch: list) -> int:
    """Worker: segment a batch and store it, in one transaction."""
    cache = _worker.get("cache")
    if cache is None:
        cache = _worker["cache"] = SegmentCache(Path(folder), fingerprint)
    cache.put_many({key: work(item) for key, item in batch})
    return len(batch)


class Ahead:
    """Articles handed in as read; `finish()` once reading is done."""

    def __init__(self, work: Callable, folder: Path, fingerprint: str, processes: int,
                 before_fork: Callable[[], object] = lambda: None):
        self.work, self.folder, self.fingerprint = work, folder, fingerprint
        self.processes, self.before_fork = processes, before_fork
        self.batch: list = []
        self.waiting: list = []  # articles the cache lacks, not sent yet
        self.keys: set[str] = set()
        self.pool = None
        self.results: list = []
        self.sent: set[str] = set()
        self.cache: SegmentCache | None = None

    def add(self, key: str, item) -> None:
        """One article's item for `work`, under the key of its texts."""
        if key in self.keys:
            return
        self.keys.add(key)
        self.batch.append((key, item))
        if len(self.batch) >= BATCH:
            self._send()

    def _send(self) -> None:
        if self.cache is None:
            self.cache = SegmentCache(self.folder, self.fingerprint)
        have = self.cache.store.has_many([key for key, _ in self.batch])
        self.waiting += [(key, item) for key, item in self.batch if key not in have]
        self.batch = []
        if self.pool is None:
            if len(self.waiting) < FORK_AT:
                return
            self.before_fork()  # the workers share what it loads (the dictionary)
            gc.freeze()
            self.pool = multiprocessing.get_context("fork").Pool(self.processes)
        for i in range(0, len(self.waiting), BATCH):
            batch = self.waiting[i:i + BATCH]
            self.results.append(self.pool.apply_async(
                _run, (self.work, str(self.folder), self.fingerprint, batch)))
            self.sent.update(key for key, _ in batch)
        self.waiting = []

    def finish(self) -> set[str]:
        """Wait for the workers; the keys of the articles they segmented
        (fewer than FORK_AT in all are left to the build). An error in a
        worker is raised here."""
        if self.batch and self.pool is not None:
            self._send()
        self.batch, self.waiting = [], []
        if self.cache is not None:
            self.cache.store.db.close()
            self.cache = None
        if self.pool is None:
            return self.sent
        pool, self.pool = self.pool, None
        try:
            for result in self.results:
                result.get()
        finally:
            pool.close()
            pool.join()
            gc.unfreeze()
        return self.sent
