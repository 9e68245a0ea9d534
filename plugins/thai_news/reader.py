"""A Markdown reader that refuses bad articles with a clear message.

Pelican itself logs "Could not process <file>" (without the reason) and
silently drops an article with a missing or unreadable field. This reader
applies the shared content rules (thai_core.rules, the same functions
`invoke check` uses) before Pelican parses the file, records every error
as a Problem naming the file, line and field, and refuses the file.
Warnings are left to `invoke check`.

It also protects the build from hostile files: a file larger than
THAI_NEWS["max_file_bytes"], or whose Markdown takes longer than
THAI_NEWS["render_seconds"] to render, is refused the same way (build-only
codes `file-too-large` and `render-timeout`), and bidirectional override
characters, and the control characters an XML feed cannot carry, are
removed from the fields, with a warning naming the line.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import cache, cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from thai_core.problems import FileProblem, Problem, record, shown_path
from thai_core.rules import Header, decode_source, header_problems, parse_header
from thai_core.rules.fields import label
from thai_core.rules.pelican_fields import theme_templates

from .sanitize import BIDI_CONTROLS, XML_CONTROLS, strip_bidi_controls, strip_xml_controls
from .settings import merge_settings
from .timelimit import TimeLimitExceeded, time_limit

log = logging.getLogger(__name__)


def content_kind(resolved: Path, article_folders: list[Path]) -> str:
    """'article' for a file under one of the (resolved) article folders, else
    'page'. The path is resolved already: the reader resolves each once
    (Path.resolve() makes a system call for each part: it took 10 s of the
    63k articles' reading, when each path was resolved three times)."""
    parents = resolved.parents
    return "article" if any(folder in parents for folder in article_folders) else "page"


# Where Python-Markdown's meta extension registers its preprocessor (its
# documented priority; tests/test_reader_markdown.py checks the order).
META_PRIORITY = 27


def article_folders(settings: dict) -> list[Path]:
    """ARTICLE_PATHS resolved under PATH."""
    root = Path(settings["PATH"]).resolve()
    return [(root / folder).resolve() for folder in settings["ARTICLE_PATHS"]]


def size_problem(path: Path, shown: str, limit: float) -> Problem | None:
    """The file-too-large Problem when the file has more than `limit` bytes (0: no limit)."""
    size = path.stat().st_size
    if not limit or size <= limit:
        return None
    return Problem(
        shown, 1, "file",
        f"ไฟล์ขนาด {size / 1e6:.1f} MB ใหญ่เกิน {limit / 1e6:g} MB "
        "(file is larger than THAI_NEWS['max_file_bytes'])",
        "แบ่งข่าวเป็นหลายไฟล์ หรือนำข้อมูลดิบ (ตาราง รูปภาพ base64) ออกจากเนื้อข่าว",
        "file-too-large")


@cache
def _templates(theme: str, overrides: tuple[str, ...]) -> frozenset[str]:
    return theme_templates(theme, overrides)


class ValidatingMarkdownReader(MarkdownReader):
    def read(self, source_path):
        path = Path(source_path)
        resolved = path.resolve()
        shown = shown_path(resolved, self._shown_from, path)
        config = self._config()
        self._fields = None
        too_large = size_problem(path, shown, config["max_file_bytes"])
        errors = [too_large] if too_large else \
            [p for p in self._problems(path, resolved, shown, config) if p.is_error]
        if errors:
            for problem in errors:
                record(problem)
            raise FileProblem(errors[0])
        seconds = config["render_seconds"]
        try:
            with time_limit(seconds):
                return self._markdown_read(source_path)
        except TimeLimitExceeded:
            problem = Problem(
                shown, 1, "file",
                f"แปลง Markdown นานเกิน {seconds:g} วินาที (Markdown rendering took longer "
                f"than {seconds:g} s: THAI_NEWS['render_seconds'])",
                "ตรวจเครื่องหมาย [ ![ หรือ [^ ที่เปิดแล้วไม่ได้ปิดจำนวนมาก "
                "(เช่นข้อความที่คัดลอกมาจากโปรแกรมอื่น) หรือแบ่งข่าวเป็นหลายไฟล์",
                "render-timeout")
            record(problem)
            raise FileProblem(problem) from None
        except Exception as error:  # Markdown or metadata parsing failed
            problem = Problem(
                shown, 1, "file", f"อ่านไฟล์ไม่ได้ (cannot be read): {error}",
                "ตรวจส่วนหัวของไฟล์: บรรทัดละหนึ่งช่อง รูปแบบ 'Field: value' แล้วเว้นหนึ่งบรรทัด",
                "file-unreadable")
            record(problem)
            raise FileProblem(problem) from None

    def _config(self) -> dict:
        config = self.settings.get("THAI_NEWS")
        if not isinstance(config, dict) or "render_seconds" not in config:
            config = merge_settings(config)  # the reader used without the plugin's start-up
        return config

    def _markdown(self) -> Markdown:
        """One Markdown a reader (a few a build), reset before each file, as
        Python-Markdown documents: Pelican makes one for each file, and
        building its parser and extensions took 25 s of the 63k articles'
        reading. Pelican's _parse_metadata takes the meta preprocessor out
        (formatted fields must not read metadata); it is put back, where it
        was, before the next file."""
        md = self.__dict__.get("_kept_markdown")
        if md is None:
            md = Markdown(**self.settings["MARKDOWN"])
            self._meta = md.preprocessors["meta"]
            self._kept_markdown = md
        elif "meta" not in md.preprocessors:
            md.preprocessors.register(self._meta, "meta", META_PRIORITY)
        md.reset()
        return md

    def _markdown_read(self, source_path):
        """MarkdownReader.read, with the reader's one Markdown. A file that
        fails or runs out of time part way leaves parser state that reset()
        does not clear (the block parser's list and indent states): the
        Markdown is then dropped, and the next file gets a new one."""
        try:
            md = self._markdown()
            self._source_path = source_path
            self._md = md
            with pelican_open(source_path) as text:
                content = md.convert(text)
            metadata = self._parse_metadata(md.Meta) if hasattr(md, "Meta") else {}
        except BaseException:  # TimeLimitExceeded too
            self.__dict__.pop("_kept_markdown", None)
            raise
        return content, metadata

    @cached_property
    def _shown_from(self) -> Path:
        """Where shown paths start: the parent of the resolved PATH."""
        return Path(self.settings["PATH"]).resolve().parent

    def _problems(self, path: Path, resolved: Path, shown: str,
                  config: dict) -> list[Problem]:
        text, problem = decode_source(path.read_bytes(), shown)
        if problem:
            return [problem]
        header = parse_header(text)
        self._fields = (shown, header)  # for process_metadata
        now = dt.datetime.now(ZoneInfo(self.settings.get("TIMEZONE") or "UTC"))
        kind = content_kind(resolved, self._article_folders)
        return header_problems(shown, header, kind, config, now, self._templates())

    @cached_property
    def _article_folders(self) -> list[Path]:
        """Resolved once a reader, so once a build (each build makes its
        readers), not once a file: that cost about 9 s at 63k articles."""
        return article_folders(self.settings)

    def _templates(self) -> frozenset[str]:
        overrides = tuple(self.settings.get("THEME_TEMPLATES_OVERRIDES") or ())
        return _templates(self.settings["THEME"], overrides)

    def process_metadata(self, name, value):
        if isinstance(value, str) and BIDI_CONTROLS.search(value):
            shown, header = getattr(self, "_fields", None) or ("?", Header())
            log.warning("thai_news: %s:%d: %s: removed %d bidi control character(s) "
                        "(U+202A-E, U+2066-9) that could reorder the text shown",
                        shown, header.line(name), label(name),
                        len(BIDI_CONTROLS.findall(value)))
            value = strip_bidi_controls(value)
        if isinstance(value, str) and XML_CONTROLS.search(value):
            shown, header = getattr(self, "_fields", None) or ("?", Header())
            log.warning("thai_news: %s:%d: %s: removed %d control character(s) "
                        "(U+0000-U+001F) that the Atom feed cannot carry",
                        shown, header.line(name), label(name), len(XML_CONTROLS.findall(value)))
            value = strip_xml_controls(value)
        return super().process_metadata(name, value)
