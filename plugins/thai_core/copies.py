"""Copies into the output that compare content (SHA-256), not size.

A plugin that copies a file into the output (an npm font, a resized photo)
copies it when the output's bytes differ from the source's:
a font upgraded to one of the same size, a copy that a newer encoder wrote,
an output file damaged or cut short. Comparing sizes missed the first two.

Hashing every source and output on every build would read them all again,
so `Digests` remembers each file's digest with its stat: size, mtime, ctime
and inode. Any write, rename or replacement changes the ctime or the inode
(npm gives every file the same mtime, so mtime alone would not do), and such
a file is hashed again. The memo is a JSON file in the cache; when it is
unreadable the build warns and starts a new one: nothing is copied from it,
so the worst case is hashing everything once.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from pathlib import Path

from pelican.plugins.thai_search.safe_files import partial_path, write_atomic

log = logging.getLogger(__name__)


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, in hex."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def stat_stamp(stat: os.stat_result) -> list[int]:
    """What tells a file apart from the one it was: size, modification and
    change times, inode (a restored mtime changes the ctime)."""
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]


class Digests:
    """Digests of files, kept in `memo` (a JSON file) with the stat they had;
    `memo=None` keeps nothing (for a handful of small files). `owner` (a
    plugin's name) starts the warning about an unreadable memo."""

    def __init__(self, memo: Path | None, owner: str):
        self.memo, self.owner = memo, owner
        self.hashed = 0  # files read and hashed by this instance
        self._known: dict[str, list] = self._load()
        self._used: dict[str, list] = {}

    def _load(self) -> dict[str, list]:
        if self.memo is None or not self.memo.is_file():
            return {}
        try:
            found = json.loads(self.memo.read_text(encoding="utf-8"))
            if isinstance(found, dict) and all(
                    isinstance(v, list) and len(v) == 5 and isinstance(v[0], str)
                    for v in found.values()):
                return found
            problem = "not a dict of [digest, size, mtime, ctime, inode]"
        except (OSError, UnicodeDecodeError, ValueError) as error:
            problem = str(error)
        log.warning("%s: %s is unreadable (%s); its files are hashed again and it is rewritten",
                    self.owner, self.memo, problem)
        return {}

    def of(self, path: Path) -> str | None:
        """The SHA-256 of the file at `path`; None when there is none."""
        try:
            stamp = stat_stamp(path.stat())
        except FileNotFoundError:
            return None
        key = str(path)
        entry = self._used.get(key) or self._known.get(key)
        if entry and entry[1:] == stamp:
            digest = entry[0]
        else:
            digest = file_digest(path)
            self.hashed += 1
        self._used[key] = [digest, *stamp]
        return digest

    def wrote(self, path: Path, digest: str) -> None:
        """`path` was just written with bytes of this digest."""
        self._used[str(path)] = [digest, *stat_stamp(path.stat())]

    def save(self) -> None:
        """Write the memo: the files looked at in this build only."""
        if self.memo is None:
            return
        self.memo.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.memo, json.dumps(self._used, sort_keys=True).encode("utf-8"))


def copy_if_changed(source: Path, dest: Path, digests: Digests) -> bool:
    """Copy `source` to `dest` unless `dest` has the same bytes (by SHA-256).
    The copy replaces `dest` at once: a killed build leaves the old file or
    the new one, never half of one. Returns whether it copied."""
    wanted = digests.of(source)
    if wanted is None:
        raise FileNotFoundError(f"no file to copy: {source}")
    partial = partial_path(dest)
    if digests.of(dest) == wanted:
        partial.unlink(missing_ok=True)  # a killed build's, never published
        return False
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, partial)
    partial.replace(dest)
    digests.wrote(dest, wanted)
    return True
