"""What the service worker precaches, and its version.

Pure functions, no Pelican import. The version is a hash of the worker's
own source and of every file it precaches, so any change to the theme's
CSS, JS or fonts installs a new worker, which drops the old shell cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def matching_files(root: Path, patterns: Iterable[str]) -> list[str]:
    """Files under root matching any glob pattern, as sorted relative POSIX paths."""
    found = set()
    for pattern in patterns:
        found.update(p.relative_to(root).as_posix() for p in root.glob(pattern) if p.is_file())
    return sorted(found)


def build_version(root: Path, files: Iterable[str], *extra: str | bytes) -> str:
    """12 hex digits identifying these files' names and contents, and `extra`."""
    digest = hashlib.sha256()
    for part in extra:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    for name in files:
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256((root / name).read_bytes()).digest())
    return digest.hexdigest()[:12]


