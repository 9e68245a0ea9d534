"""A Pelican Writer that skips work a rebuild does not need.

Pelican renders and writes every page on every build, though after one
edit of a large archive almost all of them come out the same (what that
cost: docs/build-performance.md). This writer:

- renders an article or page only when its render key changed. The key
  hashes everything the page is made from: the site key (theme templates,
  plugin code, settings, the pages and categories of the site menus), the
  template name, the rendered content with its links resolved, the
  metadata, and every simple attribute of the content object, including
  neighbour articles (title, URL, date) and categories and tags (name, URL).
  A changed template, setting, plugin or neighbour therefore re-renders it.
- writes any file only when its bytes differ from the file on disk, so
  unchanged list pages and feeds keep their mtimes. The SHA-256 of what it
  wrote is kept with the file's stamp: the next build compares with that,
  not with the file read again (13k list pages at 63k articles, 400 MB).

Keys live in CACHE_PATH/thai_speedups/rendered-keys.marshal, saved when the
build finishes, each with the stamp its page had once written (size,
modification and change times, inode). A page is taken as it is only when
its key is the same and its file still has that stamp: a missing file, one
that a killed build left half written or written from other inputs, or one
changed since (a restored mtime changes the ctime), is rendered again.
The keys file ends with a checksum; a damaged one is reported and every page
rendered. A rebuild produces byte-for-byte the output of a clean build,
after a killed build too (tested).
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
import marshal
import os
from pathlib import Path

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from pelican.plugins.thai_search.files import write_if_changed
from pelican.plugins.thai_search.kill_points import kill_point
from pelican.plugins.thai_search.safe_files import read_checked, write_checked
from pelican.plugins.thai_search.sources import library_versions
from thai_core.copies import stat_stamp

log = logging.getLogger(__name__)

_SIMPLE = (str, int, float, bool, type(None))
# The libraries a page is rendered with (its content arrives as HTML, made
# by Markdown); their versions and Python's are in the site key.
RENDERED_WITH = ("pelican", "jinja2", "markupsafe", "markdown")
KEYS_FILE = "rendered-keys.marshal"
_current: dict = {}


def describe(value):
    """A stable, address-free description of a template input, made of
    str, int, float, bool, None, tuples and lists (exactly these types, so
    that marshal takes it: render_key)."""
    if isinstance(value, _SIMPLE):
        return value if type(value) in _SIMPLE else (type(value).__name__, _plain(value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, URLWrapper):
        return ("taxonomy", describe(value.name), describe(value.url))
    if isinstance(value, Content):
        return ("content", describe(value.title), describe(value.url),
                str(getattr(value, "date", "")))
    if isinstance(value, list | tuple):
        return [describe(v) for v in value]
    if isinstance(value, dict):
        return sorted((str(k), describe(v)) for k, v in value.items())
    text = repr(value)
    return type(value).__name__ if " at 0x" in text else text


def content_fingerprint(content) -> list:
    """Everything about one article or page that its template can show."""
    parts = [describe(content.content)]  # links resolved, as the template gets it
    for name, value in sorted(vars(content).items()):
        if name in ("_context", "settings", "_content") or name.startswith("_cache"):
            continue
        # dicts too: plugins keep what they made (share image, photo copies) in them
        parts.append((name, describe(value)))
    return parts


def _plain(value):
    """A subclass's value as its base type: a Markup's str (named apart in
    describe: a Markup renders unescaped)."""
    for kind in (str, float, int):
        if isinstance(value, kind):
            return kind(value)
    raise TypeError(type(value).__name__)


def render_key(site: str, description) -> str:
    """The SHA-256 of the site key and a description (describe()), which
    marshal's version 2 writes by value alone (version 3 would mark objects
    seen twice): at C speed, where repr() checked every Thai letter for
    escaping (docs/build-performance.md)."""
    return hashlib.sha256(site.encode() + marshal.dumps(description, 2)).hexdigest()


def files_digest(roots: list[Path], suffixes: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in suffixes):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def site_key(settings: dict, context: dict) -> str:
    """What every page shares: templates, plugin code, settings, menus, and
    the versions of the libraries that render them."""
    theme = Path(settings["THEME"])
    roots = [theme / "templates", *map(Path, settings.get("THEME_TEMPLATES_OVERRIDES", []))]
    code = [Path(p) for p in settings.get("PLUGIN_PATHS", [])]
    simple_settings = sorted((k, describe(v)) for k, v in settings.items()
                             if k.isupper())
    menus = [describe(list(context.get("pages", []))),
             describe([c for c, _ in context.get("categories", [])])]
    digest = hashlib.sha256(repr((simple_settings, menus)).encode())
    digest.update(library_versions(RENDERED_WITH).encode())
    digest.update(files_digest(roots, (".html", ".xml", ".txt", ".j2")).encode())
    digest.update(files_digest(code, (".py",)).encode())
    return digest.hexdigest()


class _WriteIfChanged(io.StringIO):
    """Collects the text; on close has the writer write it if it changed."""

    def __init__(self, path: str, encoding: str, writer: IncrementalWriter):
        super().__init__()
        self.path, self.charset, self.writer = path, encoding, writer

    def close(self) -> None:
        if not self.closed:
            if self.path != os.devnull:
                self.writer.write_bytes(self.path, self.getvalue().encode(self.charset))
        super().close()


def _stamp(path: str) -> list[int] | None:
    """A written file's stamp (thai_core.copies.stat_stamp); None if missing."""
    try:
        return stat_stamp(os.stat(path))
    except OSError:
        return None


def load_keys(path: Path) -> dict[str, list]:
    """Output name -> [render key, size, mtime_ns] of an earlier build; {} if
    there is none, or (with a warning) if the file is damaged."""
    try:
        keys = marshal.loads(read_checked(path))
        if not isinstance(keys, dict):
            raise ValueError("not a table of keys")
        return keys
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, EOFError, TypeError) as error:
        log.warning("thai_speedups: render keys file %s is damaged (%s); every page is "
                    "rendered again", path, error)
        path.unlink(missing_ok=True)
        return {}


class IncrementalWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        folder = Path(settings["CACHE_PATH"]) / "thai_speedups"
        folder.joinpath("rendered-keys.pickle").unlink(missing_ok=True)  # the old format
        self.keys_path = folder / KEYS_FILE
        self.old_keys = load_keys(self.keys_path)
        self.new_keys: dict[str, list] = {}
        self.site = None
        self.skipped = 0
        _current["writer"] = self

    def _open_w(self, filename, encoding, override=False):
        """Writer._open_w's overwrite rules, without truncating the file yet."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time')
            filename = os.devnull
        elif filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already written to it')
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _WriteIfChanged(filename, encoding, self)

    def write_bytes(self, path: str, data: bytes) -> None:
        """Write a file unless it holds these bytes: known when the last
        build wrote a file of the same SHA-256 there and it still has the
        size and time it had then; otherwise compared with the file."""
        name = os.path.relpath(path, self.output_path)
        digest = "bytes:" + hashlib.sha256(data).hexdigest()  # never a render key
        old = self.old_keys.get(name)
        if old is None or old[0] != digest or _stamp(path) != old[1:]:
            write_if_changed(path, data)
        stamp = _stamp(path)
        if stamp is not None:
            self.new_keys[name] = [digest, *stamp]

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        content = kwargs.get("article") or kwargs.get("page")
        if not name or paginated or not isinstance(content, Content):
            return super().write_file(name, template, context, relative_urls, paginated,
                                      template_name, override_output, url, **kwargs)
        if self.site is None:
            self.site = site_key(self.settings, context)
        key = render_key(self.site, [template.name, relative_urls, override_output,
                                     content_fingerprint(content)])
        path = sanitised_join(self.output_path, name)
        old = self.old_keys.get(name)
        if old is not None and old[0] == key and path not in self._written_files:
            stamp = _stamp(path)
            if stamp is not None and stamp == old[1:]:  # the file this key wrote
                self._written_files.add(path)
                self.new_keys[name] = old
                self.skipped += 1
                return None
        written = super().write_file(name, template, context, relative_urls, paginated,
                                     template_name, override_output, url, **kwargs)
        stamp = _stamp(path)
        if stamp is not None:
            self.new_keys[name] = [key, *stamp]
        kill_point("thai_speedups.page")
        return written

    def save(self) -> None:
        self.keys_path.parent.mkdir(parents=True, exist_ok=True)
        write_checked(self.keys_path, marshal.dumps(self.new_keys),
                      kill_at="thai_speedups.render_keys")
        log.info("thai_speedups: %d unchanged pages not rendered again", self.skipped)


def writer_class(pelican):
    return IncrementalWriter


def save_render_keys(pelican) -> None:
    writer = _current.pop("writer", None)
    if writer is not None:
        writer.save()
