"""Writing output files so that a rebuild keeps unchanged files untouched."""

from __future__ import annotations

from pathlib import Path


def write_if_changed(path: str | Path, data: bytes | str) -> bool:
    """Write `data` (str as UTF-8) only when the file's bytes differ, so an
    unchanged file keeps its mtime. Returns whether the file was written."""
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_file() and path.stat().st_size == len(raw) and path.read_bytes() == raw:
        return False
    path.write_bytes(raw)
    return True
