"""A Markdown reader that refuses bad articles with a clear message.

Pelican itself logs "Could not process <file>" (without the reason) and
silently drops an article with a missing or unreadable field. This reader
applies the shared content rules (thai_news.rules, the same functions
`invoke check` uses) before Pelican parses the file, records every error
as a Problem naming the file, line and field, and refuses the file.
Warnings are left to `invoke check`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.readers import MarkdownReader

from .problems import FileProblem, Problem, record, relative
from .rules import decode_source, header_problems, parse_header
from .settings import merge_settings


def content_kind(path: Path, settings: dict) -> str:
    """'article' for a file under ARTICLE_PATHS, else 'page'."""
    content = Path(settings["PATH"]).resolve()
    resolved = path.resolve()
    for folder in settings["ARTICLE_PATHS"]:
        if (content / folder).resolve() in resolved.parents:
            return "article"
    return "page"


class ValidatingMarkdownReader(MarkdownReader):
    def read(self, source_path):
        path = Path(source_path)
        shown = relative(path, self.settings["PATH"])
        errors = [p for p in self._problems(path, shown) if p.is_error]
        if errors:
            for problem in errors:
                record(problem)
            raise FileProblem(errors[0])
        try:
            return super().read(source_path)
        except Exception as error:  # Markdown or metadata parsing failed
            problem = Problem(
                shown, 1, "file", f"อ่านไฟล์ไม่ได้ (cannot be read): {error}",
                "ตรวจส่วนหัวของไฟล์: บรรทัดละหนึ่งช่อง รูปแบบ 'Field: value' แล้วเว้นหนึ่งบรรทัด",
                "file-unreadable")
            record(problem)
            raise FileProblem(problem) from None

    def _problems(self, path: Path, shown: str) -> list[Problem]:
        text, problem = decode_source(path.read_bytes(), shown)
        if problem:
            return [problem]
        config = self.settings.get("THAI_NEWS")
        if not isinstance(config, dict) or "future_date_margin_hours" not in config:
            config = merge_settings(config)
        now = dt.datetime.now(ZoneInfo(self.settings.get("TIMEZONE") or "UTC"))
        kind = content_kind(path, self.settings)
        return header_problems(shown, parse_header(text), kind, config, now)
