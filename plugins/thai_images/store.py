"""The resized copies of each photo, cached by content hash.

Copies live in CACHE_PATH/<cache>/ named by the hash of the photo's bytes
and the settings, so a rebuild re-encodes nothing, and a replaced photo
(same name, new bytes) gets new copies and new URLs.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .resize import RESIZABLE, Probe, height_for, probe, target_widths, write_copy

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Copy:
    width: int
    height: int
    cached: Path  # the file in the cache
    name: str  # file name in the output folder


@dataclass(frozen=True)
class Photo:
    width: int  # as displayed
    height: int
    copies: tuple[Copy, ...]  # narrowest first; empty when used as it is


def ascii_stem(name: str) -> str:
    folded = unicodedata.normalize("NFKD", Path(name).stem).encode("ascii", "ignore").decode()
    return _NON_ALNUM.sub("-", folded.lower()).strip("-")[:40] or "image"


class Store:
    def __init__(self, cache_dir: Path, widths: list[int], quality: int):
        self.cache_dir = cache_dir
        self.widths = sorted(widths)
        self.quality = quality
        self.encoded = 0  # copies written in this process
        self._seen: dict[tuple, Photo | None] = {}

    def photo(self, source: Path) -> Photo | None:
        """Size and copies of a photo; None when it is not a readable image."""
        stat = source.stat()
        key = (str(source), stat.st_size, stat.st_mtime_ns)
        if key not in self._seen:
            self._seen[key] = self._photo(source)
        return self._seen[key]

    def _photo(self, source: Path) -> Photo | None:
        digest = hashlib.sha256(source.read_bytes())
        digest.update(json.dumps([self.widths, self.quality]).encode())
        key = digest.hexdigest()[:20]
        index = self.cache_dir / f"{key}.json"
        stem = ascii_stem(source.name)
        if index.is_file():
            try:
                saved = json.loads(index.read_text(encoding="utf-8"))
                copies = tuple(Copy(w, h, self.cache_dir / f, f"{stem}-{f}")
                               for w, h, f in saved["copies"])
                if all(c.cached.is_file() for c in copies):
                    return Photo(saved["width"], saved["height"], copies)
            except (ValueError, KeyError, TypeError):
                pass
        found = probe(source)
        if found is None:
            return None
        copies = self._encode(source, found, key, stem)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        index.write_text(json.dumps({
            "width": found.width, "height": found.height,
            "copies": [[c.width, c.height, c.cached.name] for c in copies],
        }), encoding="utf-8")
        return Photo(found.width, found.height, copies)

    def _encode(self, source: Path, found: Probe, key: str, stem: str) -> tuple[Copy, ...]:
        ext = RESIZABLE.get(found.format)
        if ext is None:
            return ()
        copies = []
        for width in target_widths(found.width, self.widths):
            cached = self.cache_dir / f"{key[:10]}-{width}{ext}"
            if cached.is_file():
                size = (width, height_for(found, width))
            else:
                size = write_copy(source, cached, width, self.quality)
                self.encoded += 1
            copies.append(Copy(size[0], size[1], cached, f"{stem}-{cached.name}"))
        return tuple(copies)
