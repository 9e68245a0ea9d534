"""Content rules shared by the build (thai_news reader) and `invoke check`.

Pure functions from a file's text to Problems. The build applies the
per-file error rules (header_problems) to every article and page; the
checker (newsroom.check) applies the same functions plus the rules that
need the whole site, the file system or git. CODES lists every rule;
CONTRIBUTING.md explains each one.
"""

from __future__ import annotations

import datetime as dt

from ..problems import WARNING, Problem, decode_line
from .dates import date_problems
from .fields import (
    category_problems,
    field_name_problems,
    lead_image_alt_problems,
    length_problems,
    required_problems,
    slug_problems,
)
from .header import Field, Header, parse_header
from .pelican_fields import pelican_field_problems
from .thai_text import RULES as THAI_RULES
from .thai_text import find_damage

__all__ = ["CODES", "Field", "Header", "decode_source", "header_problems", "parse_header",
           "text_problems"]

# Every rule: code -> (severity, what it means in English). (The build alone
# may also report `file-unreadable`: Pelican could not parse a file that
# passed these rules; and, for hostile files, `file-too-large` and
# `render-timeout`: THAI_NEWS['max_file_bytes'] and ['render_seconds'].)
CODES = {
    "encoding": ("error", "file is not valid UTF-8"),
    "file-not-published": ("error", "a file no page is built from"),
    "field-missing": ("error", "required field (Title, Date, Category) missing or empty"),
    "field-duplicate": ("error", "a field given twice"),
    "field-unknown": ("warning", "unknown field name"),
    "field-reserved": ("error", "a field name Pelican uses itself; the article would be dropped"),
    "status-invalid": ("error", "Status not published, hidden, draft or skip"),
    "template-unknown": ("error", "Template empty, or naming no template of the theme"),
    "save-as-invalid": ("error", "Save_as empty, or outside the output folder"),
    "lang-invalid": ("error", "Lang is no language code (part of a translation's file name)"),
    "date-invalid": ("error", "date cannot be parsed"),
    "date-buddhist-year": ("error", "Buddhist-era year written as Gregorian"),
    "date-future": ("error", "date in the future beyond the margin"),
    "category-unknown": ("error", "category not configured; looks like a typo"),
    "category-new": ("warning", "category not configured; creates a new category page"),
    "category-slug": ("warning", "category written as its slug; filed under the Thai name"),
    "slug-invalid": ("error", "slug not lowercase ASCII, or longer than 100 characters"),
    "slug-duplicate": ("error", "two articles or pages share a slug"),
    "slug-url-changed": ("error", "an existing article's URL would change"),
    "article-removed": ("warning", "a published article is deleted"),
    "title-too-long": ("warning", "title longer than title_max_length"),
    "summary-empty": ("warning", "Summary field present but empty"),
    "summary-too-long": ("warning", "summary longer than summary_max_length"),
    "image-missing": ("error", "image file not found"),
    "image-not-static": ("error", "image outside content/images/, not published"),
    "image-external": ("error", "image loaded from another site"),
    "image-unreadable": ("error", "file is not an image Pillow can read"),
    "image-too-large": ("error", "image file or pixel size over the limit"),
    "image-no-alt": ("error", "image without alt text"),
    "link-broken": ("error", "internal link to a page or file that does not exist"),
    "link-relative": ("error", "relative link that breaks on the published site"),
    **{code: ("warning", name) for code, (name, _) in THAI_RULES.items()},
}

_THAI_HINTS = {
    "thai-space-before-mark": "ลบช่องว่างหน้าสระหรือวรรณยุกต์ ให้ติดกับตัวอักษรหน้า",
    "thai-decomposed-sara-am": "ลบ ํา แล้วพิมพ์สระอำ (ำ) ใหม่ด้วยแป้นพิมพ์",
    "thai-zero-width": "ลบอักขระที่มองไม่เห็น: วางข้อความแบบไม่มีรูปแบบ (Ctrl+Shift+V)",
    "thai-double-tone": "ลบวรรณยุกต์ตัวที่เกินให้เหลือตัวเดียว",
    "thai-private-use": "พิมพ์สระหรือวรรณยุกต์ตัวนั้นใหม่ หรือแทนสัญลักษณ์ด้วย '-'",
}


def decode_source(data: bytes, path: str) -> tuple[str | None, Problem | None]:
    """The text of a UTF-8 file (BOM allowed), or the encoding Problem."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        return None, Problem(
            path, decode_line(data, error), "encoding",
            "ไฟล์ไม่ใช่ UTF-8 (file is not valid UTF-8)",
            "บันทึกไฟล์ใหม่เป็น UTF-8 เช่นใน VS Code เลือก Save with Encoding > UTF-8",
            "encoding")


def header_problems(path: str, header: Header, kind: str, config: dict,
                    now: dt.datetime, templates: frozenset[str] = frozenset()) -> list[Problem]:
    """Every problem of the header fields. `config` is the merged THAI_NEWS;
    `now` is timezone-aware (for the future-date margin); `templates`: the
    names a Template field may give (pelican_fields.theme_templates; empty:
    not checked)."""
    problems = required_problems(path, header, kind)
    missing_lines = {p.line for p in problems}
    problems += [p for p in field_name_problems(path, header)
                 if not (p.code == "field-unknown" and p.line in missing_lines)]
    margin = config["future_date_margin_hours"]
    for name in ("date", "modified"):
        found = header.get(name)
        if found and found.value.strip():
            problems += date_problems(path, found, now, margin, label=name.capitalize())
    problems += category_problems(path, header, config["category_slugs"])
    problems += slug_problems(path, header)
    problems += length_problems(path, header, config["title_max_length"],
                                config["summary_max_length"])
    problems += lead_image_alt_problems(path, header)
    pelican = pelican_field_problems(path, header, templates)
    reserved = {p.line for p in pelican if p.code == "field-reserved"}  # not also unknown
    return [p for p in problems if not (p.code == "field-unknown" and p.line in reserved)] \
        + pelican


def text_problems(path: str, text: str, header: Header) -> list[Problem]:
    """Thai copy-paste damage anywhere in the file (header and body)."""
    starts = sorted((f.line, f.key) for f in header.fields.values())
    problems = []
    for damage in find_damage(text):
        english, thai = THAI_RULES[damage.code]
        where = "body"
        if damage.line < header.body_line:  # in a field, or its continuation lines
            where = next((key for line, key in reversed(starts) if line <= damage.line), "file")
        more = f" และอีก {damage.count - 1} จุดในบรรทัดนี้" if damage.count > 1 else ""
        hint = _THAI_HINTS[damage.code]
        if not damage.fixable:
            hint = "แก้ด้วยมือ: " + (
                "เลือกวรรณยุกต์ที่ถูกต้องเพียงตัวเดียว" if damage.code == "thai-double-tone"
                else "ลบอักขระนี้ แล้วพิมพ์ตัวอักษรที่ถูกต้องใหม่ (เช่น '-' แทนสัญลักษณ์หัวข้อ)")
        problems.append(Problem(
            path, damage.line, where,
            f"{thai} ({english}) ที่คอลัมน์ {damage.column}: '{damage.context}'{more}",
            hint, damage.code, WARNING, damage.fixable))
    return problems
