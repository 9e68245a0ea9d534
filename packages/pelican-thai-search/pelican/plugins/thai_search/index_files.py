"""Naming and writing the index's files: content-hashed names, groups of
files that share a version, and where the sorted vocabulary is cut into
pieces (index_writer.py decides what goes in them)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .contract import INDEX_DIRS, NAME_DIGITS
from .safe_files import write_atomic


def dump(data) -> bytes:
    """Compact UTF-8 JSON, as every index file is written."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def content_name(raw: bytes) -> str:
    """A file's name from its content (PieceWriter.write_raw)."""
    return hashlib.sha1(raw).hexdigest()[:NAME_DIGITS]


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def separator(before: str, first: str) -> str:
    """The shortest start of `first` that sorts after `before` (before < first).

    Everything up to `before` sorts below it, and `first` and what follows
    not: a piece's bound in the manifest needs no more characters than that.
    """
    n = 1
    while first[:n] <= before:
        n += 1
    return first[:n]


# The manifest's piece bounds, front coded: each is written as one character
# (BOUND_SHARED + n) for the n UTF-16 units it shares with the bound before
# it, then the rest. At 63k articles that is 20 KB of a cold search's 26 KB
# manifest down to 12 (gzip): the bounds of 6,800 pieces are mostly the
# same few letters again (นคร, นครน, นครพ ...). UTF-16 units because the
# browser's strings count them (piece-data.js decodeBounds).
BOUND_SHARED = 0x30


def _utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def code_bounds(bounds: list[str]) -> list[str]:
    """The sorted bounds, front coded (BOUND_SHARED)."""
    coded, before = [], ""
    for bound in bounds:
        shared = _common_prefix(before, bound)
        coded.append(chr(BOUND_SHARED + _utf16_units(bound[:shared])) + bound[shared:])
        before = bound
    return coded


def decode_bounds(coded: list[str]) -> list[str]:
    """code_bounds' list back to the bounds."""
    bounds, before = [], b""
    for item in coded:
        units = (ord(item[0]) - BOUND_SHARED) * 2
        bound = before[:units].decode("utf-16-le") + item[1:]
        bounds.append(bound)
        before = bound.encode("utf-16-le")
    return bounds


def write_groups(writer: PieceWriter, folder: str, files: list[bytes],
                  per_group: int, tail: bytes | None = None) -> list[str]:
    """Write files[i] as <folder>/<i>-<its group's version>.json; return the versions.

    A version is a hash of its group's files, so the manifest's versions name
    every file (no list of names to fetch first), any change of content
    changes the name, and a group no edit touched keeps its names (and
    readers' cached copies). `tail`, when there are files, is one more file
    of the last group, <folder>/<len(files)>-<its version>.json, counted in
    its version: named from the manifest alone, yet adding nothing to it.
    """
    versions = []
    for g in range(0, len(files), per_group):
        group = files[g:g + per_group]
        last = g + per_group >= len(files)
        hashed = [*group, tail] if last and tail is not None else group
        version = hashlib.sha1(b"\n".join(hashed)).hexdigest()[:NAME_DIGITS]
        for i, raw in enumerate(hashed, start=g):
            writer.write_named(f"{folder}/{i}-{version}.json", raw)
        versions.append(version)
    return versions


def write_beside(writer: PieceWriter, folder: str, files: list[bytes], per_group: int,
                 versions: list[str]) -> None:
    """Write files[i] as <folder>/<i>-<version>.json with the versions of
    another series (write_groups') whose files[i] each derives from: what
    changes one changes the other, so the versions name both, and the
    manifest needs nothing more."""
    for i, raw in enumerate(files):
        writer.write_named(f"{folder}/{i}-{versions[i // per_group]}.json", raw)


def cut_points(entries: list[str], costs: list[int], target: int) -> list[tuple[int, int]]:
    """Split sorted entries into runs of about `target` bytes.

    A piece is cut where neighbouring entries share the shortest prefix, so
    that words with the same beginning (all the candidates the browser looks
    up at one position of a query) tend to sit in one piece.
    """
    runs, start, size = [], 0, 0
    for i, cost in enumerate(costs):
        size += cost
        if size < target or i + 1 == len(entries):
            continue
        # Best cut in the second half of this run: the smallest shared prefix.
        low = start + max(1, (i + 1 - start) // 2)
        best = min(range(low, i + 2),
                   key=lambda j: (_common_prefix(entries[j - 1], entries[j]), -j))
        runs.append((start, best))
        start = best
        size = sum(costs[start:i + 1])
    if start < len(entries):
        runs.append((start, len(entries)))
    return runs


class PieceWriter:
    """Writes content-addressed files; identical content keeps its name."""

    def __init__(self, root: Path):
        self.root = root
        self.written: set[Path] = set()

    def write(self, folder: str, data) -> str:
        return self.write_raw(folder, dump(data))

    def write_raw(self, folder: str, raw: bytes, suffix: str = ".json") -> str:
        """Write raw as <folder>/<hash><suffix>; return the hash, which is how
        a row or a piece names the file (the browser knows the folder)."""
        name = content_name(raw)
        self.write_named(f"{folder}/{name}{suffix}", raw)
        return name

    def write_named(self, name: str, raw: bytes) -> str:
        """Write raw at name, whose caller puts a hash of the content in it.

        A file of that name is kept as it is, so it must never be torn: it
        is written whole under another name first (a killed build leaves
        that one, which prune removes)."""
        path = self.root / name
        self.written.add(path)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, raw, kill_at="thai_search.index")
        return name

    def prune(self) -> int:
        """Remove pieces of earlier builds that nothing refers to any more,
        and what a killed build left half written."""
        removed = 0
        for folder in INDEX_DIRS:
            for path in (self.root / folder).glob("*"):
                if path.is_file() and path not in self.written:
                    path.unlink()
                    removed += 1
        return removed
