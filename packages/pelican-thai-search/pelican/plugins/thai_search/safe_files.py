"""Files that a killed build or a damaged disk cannot leave half right.

write_atomic writes under a temporary name (<name>.partial, beside it) and
then renames: the file is whole or absent, never torn. write_checked also
ends the data with its SHA-256, and read_checked gives the data back only
when that still matches: a cache file damaged on disk is detected, never
used.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .kill_points import kill_point

PARTIAL = ".partial"
_TRAILER = b"\nsha256:"  # then the data's SHA-256 in hex


class DamagedFile(ValueError):
    """A checked file whose data no longer matches its checksum."""


def partial_path(path: Path) -> Path:
    return path.with_name(path.name + PARTIAL)


def write_atomic(path: str | Path, data: bytes, *, kill_at: str = "") -> None:
    """Write data to path through a temporary file and a rename. `kill_at`
    names the moment in between for the kill test hook (kill_points.py)."""
    path = Path(path)
    partial = partial_path(path)
    partial.write_bytes(data)
    if kill_at:
        kill_point(kill_at)
    os.replace(partial, path)


def with_checksum(data: bytes) -> bytes:
    return data + _TRAILER + hashlib.sha256(data).hexdigest().encode()


class ChecksumWriter:
    """Writes to a binary file what with_checksum would give, in pieces, so
    that a large file is never whole in memory: write(), then end()."""

    def __init__(self, file):
        self.file, self.sha = file, hashlib.sha256()

    def write(self, data) -> int:
        self.sha.update(data)
        return self.file.write(data)

    def end(self) -> None:
        self.file.write(trailer(self.sha))


def trailer(sha) -> bytes:
    """What ends a checked file whose data hashed to `sha` (a hashlib.sha256)."""
    return _TRAILER + sha.hexdigest().encode()


def without_checksum(raw: bytes) -> bytes:
    """The data of with_checksum(data); DamagedFile if it does not match."""
    data, trailer, found = raw.rpartition(_TRAILER)
    if not trailer:
        raise DamagedFile("no checksum at its end")
    if found != hashlib.sha256(data).hexdigest().encode():
        raise DamagedFile("its checksum does not match")
    return data


def write_checked(path: str | Path, data: bytes, *, kill_at: str = "") -> None:
    write_atomic(path, with_checksum(data), kill_at=kill_at)


def read_checked(path: str | Path) -> bytes:
    """What write_checked wrote; OSError if missing, DamagedFile if damaged."""
    return without_checksum(Path(path).read_bytes())
