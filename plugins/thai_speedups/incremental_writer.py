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
  unchanged list pages, feeds and sitemaps keep their mtimes.

Keys live in CACHE_PATH/thai_speedups/rendered-keys.pickle, saved when the
build finishes; an output file that is missing is always rendered. A
rebuild produces byte-for-byte the output of a clean build (tested).
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
import os
import pickle
from pathlib import Path

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from pelican.plugins.thai_search.files import write_if_changed
from pelican.plugins.thai_search.sources import library_versions

log = logging.getLogger(__name__)

_SIMPLE = (str, int, float, bool, type(None))
# The libraries a page is rendered with (its content arrives as HTML, made
# by Markdown); their versions and Python's are in the site key.
RENDERED_WITH = ("pelican", "jinja2", "markupsafe", "markdown")
_current: dict = {}


def _describe(value):
    """A stable, address-free description of a template input."""
    if isinstance(value, _SIMPLE):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, URLWrapper):
        return ("taxonomy", value.name, value.url)
    if isinstance(value, Content):
        return ("content", value.title, value.url, str(getattr(value, "date", "")))
    if isinstance(value, list | tuple):
        return [_describe(v) for v in value]
    if isinstance(value, dict):
        return sorted((str(k), _describe(v)) for k, v in value.items())
    text = repr(value)
    return type(value).__name__ if " at 0x" in text else text


def content_fingerprint(content) -> list:
    """Everything about one article or page that its template can show."""
    parts = [content.content]  # links resolved, as the template gets it
    for name, value in sorted(vars(content).items()):
        if name in ("_context", "settings", "_content") or name.startswith("_cache"):
            continue
        # dicts too: plugins keep what they made (share image, photo copies) in them
        parts.append((name, _describe(value)))
    return parts


def _files_digest(roots: list[Path], suffixes: tuple[str, ...]) -> str:
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
    simple_settings = sorted((k, _describe(v)) for k, v in settings.items()
                             if k.isupper())
    menus = [_describe(list(context.get("pages", []))),
             _describe([c for c, _ in context.get("categories", [])])]
    digest = hashlib.sha256(repr((simple_settings, menus)).encode())
    digest.update(library_versions(RENDERED_WITH).encode())
    digest.update(_files_digest(roots, (".html", ".xml", ".txt", ".j2")).encode())
    digest.update(_files_digest(code, (".py",)).encode())
    return digest.hexdigest()


class _WriteIfChanged(io.StringIO):
    """Collects the text; on close writes it only if the file differs."""

    def __init__(self, path: str, encoding: str):
        super().__init__()
        self.path, self.charset = path, encoding

    def close(self) -> None:
        if not self.closed:
            if self.path != os.devnull:
                write_if_changed(self.path, self.getvalue().encode(self.charset))
        super().close()


class IncrementalWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.keys_path = Path(settings["CACHE_PATH"]) / "thai_speedups" / "rendered-keys.pickle"
        try:
            self.old_keys = pickle.loads(self.keys_path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError):
            self.old_keys = {}
        self.new_keys: dict[str, str] = {}
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
        return _WriteIfChanged(filename, encoding)

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        content = kwargs.get("article") or kwargs.get("page")
        if not name or paginated or not isinstance(content, Content):
            return super().write_file(name, template, context, relative_urls, paginated,
                                      template_name, override_output, url, **kwargs)
        if self.site is None:
            self.site = site_key(self.settings, context)
        digest = hashlib.sha256(self.site.encode())
        digest.update(repr((template.name, relative_urls, override_output,
                            content_fingerprint(content))).encode())
        key = digest.hexdigest()
        self.new_keys[name] = key
        path = sanitised_join(self.output_path, name)
        if self.old_keys.get(name) == key and path not in self._written_files \
                and os.path.isfile(path):
            self._written_files.add(path)
            self.skipped += 1
            return None
        return super().write_file(name, template, context, relative_urls, paginated,
                                  template_name, override_output, url, **kwargs)

    def save(self) -> None:
        self.keys_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.keys_path.with_suffix(".tmp")
        tmp.write_bytes(pickle.dumps(self.new_keys, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(self.keys_path)
        log.info("thai_speedups: %d unchanged pages not rendered again", self.skipped)


def writer_class(pelican):
    return IncrementalWriter


def save_render_keys(pelican) -> None:
    writer = _current.pop("writer", None)
    if writer is not None:
        writer.save()
