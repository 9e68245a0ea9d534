"""The browser files as served: static/ with the comments of its JavaScript
left out.

The engine and page code are written to be read, with a comment before
most functions: a third of their bytes, and every first search downloads
all of them (35 KB gzip with the comments, 23 KB without). The build
serves a copy without the comment lines, made once per version of
static/ in the cache folder (CACHE_PATH/thai_search/static-<hash>), and
Pelican copies that copy as it copies any theme static folder.

Only whole comment lines go: a line whose text starts with `//`, and a
block from a line starting with `/*` to the line ending with `*/`. The
code keeps its lines otherwise as written, so an error's line number
still points at readable code. The code never starts a line inside a
string or a template literal with either (tests/test_browser_files.py
checks every shipped file: `node --check` of the copy, and the same
statements).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from pathlib import Path

from .safe_files import write_atomic

log = logging.getLogger(__name__)

PARTIAL = ".partial"
SUMS_SUFFIX = ".sha256"  # beside the copy: what each of its files must be
COPIES = "thai_search"  # the folder under CACHE_PATH


def strip_comment_lines(source: str) -> str:
    """JavaScript without its whole-line comments and blank lines."""
    kept: list[str] = []
    in_block = False
    for line in source.splitlines():
        text = line.strip()
        if in_block:
            if "*/" in text and not text.endswith("*/"):
                raise ValueError(f"code after */ on one line, which whole-line stripping "
                                 f"would drop: {line!r}")
            in_block = not text.endswith("*/")
            continue
        if text.startswith("/*"):
            end = text.find("*/", 2)
            if end < 0:
                in_block = True
                continue
            if end == len(text) - 2:
                continue
        # (a line with code after a closed /* */ stays as it is)
        if text.startswith("//") or not text:
            continue
        kept.append(line)
    return "\n".join(kept) + "\n"


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    # A change to how files are stripped makes a new copy too.
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def _sums(folder: Path) -> str:
    """Each file's SHA-256 and path, one per line (as sha256sum writes them)."""
    return "".join(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  "
                   f"{p.relative_to(folder).as_posix()}\n"
                   for p in sorted(folder.rglob("*")) if p.is_file())


def served_copy(static: Path, cache: Path) -> Path:
    """The folder to serve for `static`: made under `cache` unless it is
    there already, whole (every file as the sums beside it say). Made in a
    folder of its own and renamed, so a killed build leaves no half copy
    under that name, and two builds at once each make theirs; a damaged
    copy is made again, with a warning, never served; older copies are
    removed."""
    root = cache / COPIES
    target = root / f"static-{_digest(static)}"
    sums = target.with_name(target.name + SUMS_SUFFIX)  # beside it, so never published
    if target.is_dir():
        if sums.is_file() and sums.read_text("utf-8") == _sums(target):
            return target
        log.warning("thai_search: the served copy of the browser files in %s was damaged; "
                    "making it again", target)
        shutil.rmtree(target, ignore_errors=True)
    root.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=target.name + PARTIAL, dir=root))
    for path in sorted(p for p in static.rglob("*") if p.is_file()):
        out = partial / path.relative_to(static)
        out.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".js" and not path.name.endswith(".min.js"):
            out.write_text(strip_comment_lines(path.read_text("utf-8")), "utf-8")
        else:
            shutil.copyfile(path, out)
    made = _sums(partial)
    try:
        os.replace(partial, target)
    except OSError:  # another build made it meanwhile
        shutil.rmtree(partial, ignore_errors=True)
    write_atomic(sums, made.encode("utf-8"))
    for old in root.glob("static-*"):
        if not old.name.startswith(target.name) and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        elif old.is_file() and old != sums:
            old.unlink(missing_ok=True)
    return target
