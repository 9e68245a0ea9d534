"""The resized copies of each photo, cached by content hash.

Copies live in CACHE_PATH/<cache>/ named by the hash of the photo's bytes
and the settings, so a rebuild re-encodes nothing, and a replaced photo
(same name, new bytes) gets new copies and new URLs. Each photo's
<key>.copies lists its copies with their SHA-256 and ends with its own
(the search package's safe_files.py). Copies and lists are written under a
temporary name and renamed, so a killed build leaves none half written; a
list or a copy that no longer matches its hash is reported with a warning
and made again, never used.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pelican.plugins.thai_search.safe_files import DamagedFile, read_checked, write_checked

from .resize import RESIZABLE, Probe, height_for, probe, target_widths, write_copy

log = logging.getLogger(__name__)

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
        index = self.cache_dir / f"{key}.copies"
        self.cache_dir.joinpath(f"{key}.json").unlink(missing_ok=True)  # the unchecked list
        stem = ascii_stem(source.name)
        damaged = False
        if index.is_file():
            try:
                return self._saved(index, stem)
            except FileNotFoundError:
                pass  # a copy was deleted: made again
            except (OSError, DamagedFile, ValueError, KeyError, TypeError) as error:
                log.warning("thai_images: cached copies of %s are damaged (%s: %s); they "
                            "are made again", source, index.name, error)
                damaged = True
        found = probe(source)
        if found is None:
            return None
        copies = self._encode(source, found, key, stem, again=damaged)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        write_checked(index, json.dumps({
            "width": found.width, "height": found.height,
            "copies": [[c.width, c.height, c.cached.name, _sha256(c.cached)] for c in copies],
        }).encode())
        return Photo(found.width, found.height, copies)

    def _saved(self, index: Path, stem: str) -> Photo:
        """The photo as its list says, once every copy matches its hash."""
        saved = json.loads(read_checked(index))
        copies = []
        for w, h, name, sha in saved["copies"]:
            copy = Copy(w, h, self.cache_dir / name, f"{stem}-{name}")
            if _sha256(copy.cached) != sha:
                raise DamagedFile(f"{name} does not match its hash")
            copies.append(copy)
        return Photo(saved["width"], saved["height"], tuple(copies))

    def _encode(self, source: Path, found: Probe, key: str, stem: str,
                again: bool = False) -> tuple[Copy, ...]:
        """The copies, encoded unless already in the cache (always, `again`)."""
        ext = RESIZABLE.get(found.format)
        if ext is None:
            return ()
        copies = []
        for width in target_widths(found.width, self.widths):
            cached = self.cache_dir / f"{key[:10]}-{width}{ext}"
            if cached.is_file() and not again:
                size = (width, height_for(found, width))
            else:
                size = write_copy(source, cached, width, self.quality)
                self.encoded += 1
            copies.append(Copy(size[0], size[1], cached, f"{stem}-{cached.name}"))
        return tuple(copies)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
