"""A Markdown reader that refuses bad articles with a clear message.

Pelican itself logs "Could not process <file>" (without the reason) and
silently drops an article with a missing or unreadable field. This reader
turns each such case into a Problem naming the file, line and field.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from pelican.readers import MarkdownReader

from .problems import FileProblem, Problem, decode_line, field_line, record, relative
from .sanitize import BIDI_CONTROLS, strip_bidi_controls
from .slugs import MAX_SLUG, is_valid_slug
from .timelimit import TimeLimitExceeded, time_limit

log = logging.getLogger(__name__)

REQUIRED = {"article": ("title", "date", "category"), "page": ("title",)}
EXAMPLES = {
    "title": "Title: ครม. เห็นชอบมาตรการส่งเสริมการส่งออก",
    "date": "Date: 2024-01-15 09:30",
    "category": "Category: ด้านเศรษฐกิจ",
}
BE_THRESHOLD = 2400  # a 'Gregorian' year this large is a Buddhist-era year


class ValidatingMarkdownReader(MarkdownReader):
    def read(self, source_path):
        try:
            return self._read_checked(source_path)
        except FileProblem as error:
            record(error.problem)
            raise

    def _read_checked(self, source_path):
        path = Path(source_path)
        shown = relative(path, self.settings["PATH"])
        config = self.settings.get("THAI_NEWS") or {}
        limit = config.get("max_file_bytes")
        size = path.stat().st_size
        if limit and size > limit:
            raise FileProblem(Problem(
                shown, 1, "file",
                f"ไฟล์ขนาด {size / 1e6:.1f} MB ใหญ่เกิน {limit / 1e6:g} MB "
                "(file is larger than THAI_NEWS['max_file_bytes'])",
                "แบ่งข่าวเป็นหลายไฟล์ หรือนำข้อมูลดิบ (ตาราง รูปภาพ base64) ออกจากเนื้อข่าว",
            ))
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise FileProblem(Problem(
                shown, decode_line(data, error), "encoding",
                "ไฟล์ไม่ใช่ UTF-8 (file is not valid UTF-8)",
                "บันทึกไฟล์ใหม่เป็น UTF-8 เช่นใน VS Code เลือก Save with Encoding > UTF-8",
            )) from None
        self._problem_context = (shown, text)
        seconds = config.get("render_seconds")
        try:
            with time_limit(seconds):
                content, metadata = super().read(source_path)
        except FileProblem:
            raise
        except TimeLimitExceeded:
            raise FileProblem(Problem(
                shown, 1, "file",
                f"แปลง Markdown นานเกิน {seconds:g} วินาที (Markdown rendering took longer "
                f"than {seconds:g} s: THAI_NEWS['render_seconds'])",
                "ตรวจเครื่องหมาย [ ![ หรือ [^ ที่เปิดแล้วไม่ได้ปิดจำนวนมาก "
                "(เช่นข้อความที่คัดลอกมาจากโปรแกรมอื่น) หรือแบ่งข่าวเป็นหลายไฟล์",
            )) from None
        except Exception as error:  # Markdown or metadata parsing failed
            raise FileProblem(Problem(
                shown, 1, "file", f"อ่านไฟล์ไม่ได้ (cannot be read): {error}",
                "ตรวจส่วนหัวของไฟล์: บรรทัดละหนึ่งช่อง รูปแบบ 'Field: value' แล้วเว้นหนึ่งบรรทัด",
            )) from None
        kind = "article" if self._is_article(path) else "page"
        for field in REQUIRED[kind]:
            if not str(metadata.get(field, "")).strip():
                raise FileProblem(Problem(
                    shown, field_line(text, field), field.capitalize(),
                    f"ไม่มีช่อง {field.capitalize()} (required field is missing)",
                    f"เพิ่มบรรทัด '{EXAMPLES[field]}' ในส่วนหัวของไฟล์",
                ))
        return content, metadata

    def process_metadata(self, name, value):
        shown, text = getattr(self, "_problem_context", ("?", ""))
        if isinstance(value, str) and BIDI_CONTROLS.search(value):
            log.warning("thai_news: %s:%d: %s: removed %d bidi control character(s) "
                        "(U+202A-E, U+2066-9) that could reorder the text shown",
                        shown, field_line(text, name), name.capitalize(),
                        len(BIDI_CONTROLS.findall(value)))
            value = strip_bidi_controls(value)
        try:
            result = super().process_metadata(name, value)
        except ValueError:
            if name != "date":
                raise
            raise FileProblem(Problem(
                shown, field_line(text, name), "Date",
                f"อ่านวันที่ '{value}' ไม่ได้ (not a valid date)",
                "เขียนเป็นปี ค.ศ. แบบ YYYY-MM-DD เช่น 'Date: 2024-01-15' หรือ "
                "'Date: 2024-01-15 09:30'",
            )) from None
        if name == "date" and isinstance(result, datetime) and result.year >= BE_THRESHOLD:
            year = result.year - 543
            raise FileProblem(Problem(
                shown, field_line(text, name), "Date",
                f"ปี {result.year} เป็นปี พ.ศ. (Buddhist-era year written as Gregorian)",
                f"ใช้ปี ค.ศ. เช่น '{year}-{result.month:02d}-{result.day:02d}'",
            ))
        if name == "slug" and not is_valid_slug(str(value)):
            raise FileProblem(Problem(
                shown, field_line(text, name), "Slug",
                f"slug '{str(value)[:120]}' ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข และขีด "
                f"ไม่เกิน {MAX_SLUG} ตัว (must be ASCII, at most {MAX_SLUG} characters)",
                "เช่น 'Slug: cabinet-durian-export' หรือลบบรรทัดนี้ให้ระบบตั้งให้",
            ))
        return result

    def _is_article(self, path: Path) -> bool:
        content = Path(self.settings["PATH"]).resolve()
        for folder in self.settings["ARTICLE_PATHS"]:
            if (content / folder).resolve() in path.resolve().parents:
                return True
        return False
