"""Pelican's content cache, keyed by what made it and safe to lose.

Pelican keeps what its readers made of each content file (the HTML that
Markdown rendered, the metadata) in a pickle under CACHE_PATH
(CACHE_CONTENT, LOAD_CONTENT_CACHE), and checks an entry only against its
file's modification time. Once `use_safe_content_cache` has run for a build
(thai_speedups does it on `initialized`), the cache files of that build are

- versioned: the name ends with a hash of the settings (but where the
  output and the caches go), the plugins' code and the versions of Pelican,
  Markdown, Pygments and Python
  (content_cache_version), so an upgrade or a changed setting reads every
  file again rather than serving what the old ones made; other versions are
  deleted;
- kill-safe: written under a temporary name and renamed, so a killed build
  leaves the previous cache whole;
- lean: a long Thai string is pickled as its UTF-8 bytes (`dump_cache`).
  Pickle's own way leaves the UTF-8 copy cached inside the string (CPython's
  PyUnicode_AsUTF8AndSize), and most articles keep the very string Markdown
  rendered as their content for the whole build: 7 KB an article, 0.45 GB
  at 63k articles. The cache is also let go of once saved, at the end of
  reading (nothing reads it again in that build);
- checked: saved with their SHA-256 at the end. A file that does not match
  or cannot be read is reported with a warning and deleted, and the content
  read again (Pelican itself stops with a traceback on some damage, an
  EOFError, and reads on silently after others).
"""

from __future__ import annotations

import io
import logging
import os
import pickle
import zlib
from pathlib import Path

from pelican import cache as pelican_cache

from pelican.plugins.thai_search.kill_points import kill_point
from pelican.plugins.thai_search.safe_files import (
    ChecksumWriter,
    DamagedFile,
    partial_path,
    without_checksum,
)
from pelican.plugins.thai_search.sources import library_versions
from pelican.plugins.thai_search.store import digest

from .incremental_writer import describe, files_digest

log = logging.getLogger(__name__)

# What makes a cache entry: Pelican's readers, Markdown and its code
# highlighting (Pygments), on Python.
READ_WITH = ("pelican", "markdown", "pygments")
# Settings that change where the output and the caches go or whether the
# cache is used, not what a reader makes of a file.
_NOT_READ = {"OUTPUT_PATH", "CACHE_PATH", "CACHE_CONTENT", "LOAD_CONTENT_CACHE"}
# What unpickling a damaged file can raise, besides a checksum that does not match.
_DAMAGE = (OSError, EOFError, ValueError, zlib.error, pickle.UnpicklingError, AttributeError,
           ImportError, IndexError, KeyError, TypeError)
_build: dict = {}  # the settings of the build that uses the safe cache, and its version
_pelican_init = pelican_cache.FileDataCacher.__init__
_pelican_save = pelican_cache.FileDataCacher.save_cache


def content_cache_version(settings: dict) -> str:
    """A hash of what Pelican's cached reader output depends on."""
    simple = sorted((k, describe(v)) for k, v in settings.items()
                    if k.isupper() and k not in _NOT_READ)
    code = files_digest([Path(p) for p in settings.get("PLUGIN_PATHS", [])], (".py",))
    return digest(repr(simple), code, library_versions(READ_WITH))[:16]


# Strings at least this long and not ASCII are pickled as their UTF-8 bytes.
_LONG = 64


class _Pickler(pickle.Pickler):
    def persistent_id(self, obj):
        if type(obj) is str and len(obj) >= _LONG and not obj.isascii():
            return obj.encode("utf-8", "surrogatepass")
        return None


class _Unpickler(pickle.Unpickler):
    def persistent_load(self, pid):
        if type(pid) is not bytes:
            raise pickle.UnpicklingError("not a string's bytes")
        return pid.decode("utf-8", "surrogatepass")


def dump_cache(cache: dict, file) -> None:
    """The cache pickled into a binary file, ended with its checksum
    (safe_files.with_checksum), its long Thai strings as UTF-8 bytes: the
    strings are left without a cached UTF-8 copy. Written in pieces: at 63k
    articles the file is 0.5 GB, which one bytes object, then a second with
    the checksum, held beside the build's heap at the end of reading."""
    out = ChecksumWriter(file)
    _Pickler(out, pickle.DEFAULT_PROTOCOL).dump(cache)
    out.end()


def load_cache(path: Path, opener) -> dict:
    """The saved cache; {} when there is none or (with a warning) it is damaged."""
    try:
        with opener(path, "rb") as file:
            cache = _Unpickler(io.BytesIO(without_checksum(file.read()))).load()
        if not isinstance(cache, dict):
            raise DamagedFile("not a content cache")
        return cache
    except FileNotFoundError:
        return {}
    except _DAMAGE as error:
        log.warning("thai_speedups: Pelican's content cache %s is damaged (%s: %s); it is "
                    "deleted and the content read again", path, type(error).__name__, error)
        path.unlink(missing_ok=True)
        return {}


def _safe_init(self, settings, cache_name, caching_policy, load_policy):
    if _build.get("settings") is not settings or not cache_name:  # not asked for, no cache
        return _pelican_init(self, settings, cache_name, caching_policy, load_policy)
    name = f"{cache_name}.v{_build['version']}"
    folder = Path(settings["CACHE_PATH"])
    for stale in (folder / cache_name, *folder.glob(f"{cache_name}.v*")):
        if stale.name not in (name, name + ".partial"):
            stale.unlink(missing_ok=True)
    _pelican_init(self, settings, name, caching_policy, False)
    if load_policy:
        self._cache = load_cache(Path(self._cache_path), self._cache_open)


def _safe_save(self):
    if _build.get("settings") is not self.settings:
        return _pelican_save(self)
    if not self._cache_data_policy:
        return None
    path = Path(self._cache_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = partial_path(path)
        with self._cache_open(partial, "wb") as file:
            dump_cache(self._cache, file)
        kill_point("thai_speedups.content_cache")
        os.replace(partial, path)
    except (OSError, pickle.PicklingError, TypeError) as error:
        log.warning("thai_speedups: could not save Pelican's content cache %s: %s", path, error)
    # Saved at the end of reading, the cache is not read again in this build:
    # let go of it (what the articles do not keep of it).
    self._cache = {}
    return None


def use_safe_content_cache(settings: dict) -> None:
    """Make this build's Pelican content cache versioned, kill-safe and checked."""
    _build.update(settings=settings, version=content_cache_version(settings))
    pelican_cache.FileDataCacher.__init__ = _safe_init
    pelican_cache.FileDataCacher.save_cache = _safe_save
