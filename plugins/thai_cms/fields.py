"""The CMS form: one Decap field per field that content/news/_template.md
documents, in its order, with Thai labels, hints and the checks of
`invoke check` that a form can make before saving.

Pure (no Pelican import). The field names come from the template's header
lines and the hints from its comment, so the editors' guide and the form
cannot drift apart; `FORM` says how each field is edited. A template field
without an entry in FORM stops the build (thai_cms.configure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from thai_core.rules.dates import BE_THRESHOLD
from thai_core.rules.header import parse_header
from thai_core.slugs import MAX_SLUG, SLUG_RE

_DOC_LINE = re.compile(r"^- (?P<key>[A-Za-z]+)\s+(?P<text>.*)$")
_DOC_MORE = re.compile(r"^ {5,}(?P<text>\S.*)$")


@dataclass(frozen=True)
class TemplateField:
    name: str  # as Pelican stores it (lower case)
    key: str  # as the template writes it
    hint: str  # its documentation in the template's comment, one line


def template_fields(text: str) -> list[TemplateField]:
    """The fields of _template.md's header, in order, with their Thai hints."""
    docs: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        found = _DOC_LINE.match(line)
        if found:
            current = docs.setdefault(found["key"].lower(), [found["text"].strip()])
            continue
        more = _DOC_MORE.match(line)
        if more and current is not None:
            current.append(more["text"].strip())
        else:
            current = None
    header = parse_header(text)
    return [TemplateField(f.name, f.key, " ".join(docs.get(f.name, [])))
            for f in header.fields.values()]


def gregorian_pattern() -> str:
    """`YYYY-MM-DD HH:MM` with a Gregorian year: under BE_THRESHOLD (2400),
    the year from which `invoke check` reads a Buddhist-era year."""
    if BE_THRESHOLD % 100 or not 2100 <= BE_THRESHOLD <= 2900:
        raise ValueError(f"thai_cms: BE_THRESHOLD {BE_THRESHOLD} is not a whole century 2100-2900")
    last = (BE_THRESHOLD - 2000) // 100 - 1
    return (rf"^(1\d\d\d|2[0-{last}]\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) "
            r"([01]\d|2[0-3]):[0-5]\d$")


def slug_pattern() -> str:
    """thai_core.slugs' rule (lower-case ASCII words joined by single
    hyphens, at most MAX_SLUG characters) as a JavaScript pattern."""
    return f"^(?=.{{1,{MAX_SLUG}}}$){SLUG_RE.pattern.removeprefix('^')}"


# How each field is edited: the Decap widget and its options, a Thai label
# (the English name after it, as `invoke check` names fields), and a hint
# where the form works differently from writing the file (else the
# template's). Messages say what to do, in Thai.
FORM: dict[str, dict] = {
    "title": {"label": "หัวข้อข่าว (Title)", "widget": "string", "required": True},
    "date": {
        "label": "วันเวลาที่เผยแพร่ (Date)", "widget": "datetime", "required": True,
        "format": "YYYY-MM-DD HH:mm", "date_format": "YYYY-MM-DD", "time_format": "HH:mm",
        "default": "{{now}}",
        "pattern": [gregorian_pattern(),
                    "ต้องเป็นปี ค.ศ. รูปแบบ YYYY-MM-DD HH:MM เช่น 2024-01-15 09:30 "
                    "(ไม่ใช่ปี พ.ศ. เช่น 2567)"],
    },
    "category": {"label": "หมวดข่าว (Category)", "widget": "select", "required": True},
    "tags": {"label": "แท็ก (Tags)", "widget": "list", "required": False,
             "hint": "แท็ก คั่นด้วยเครื่องหมายจุลภาค (,) เช่น ทุเรียน, ส่งออก"},
    "slug": {
        "label": "ส่วนท้ายของ URL (Slug)", "widget": "thai-slug", "required": False,
        "hint": "อักษรอังกฤษตัวเล็ก ตัวเลข และขีด (-) ถ้าเว้นว่าง ระบบสร้างจากหัวข้อข่าว "
                "แบบเดียวกับคำสั่ง invoke new เมื่อบันทึกครั้งแรก ตั้งแล้วห้ามเปลี่ยน "
                "เพราะลิงก์ที่แชร์ไปแล้วจะเสีย",
        "pattern": [slug_pattern(),
                    f"ใช้อักษรอังกฤษตัวเล็ก ตัวเลข และขีด (-) เท่านั้น ไม่เกิน {MAX_SLUG} ตัว "
                    "เช่น cabinet-durian-export"],
    },
    "summary": {"label": "สรุปข่าว (Summary)", "widget": "text", "required": False},
    "image": {
        "label": "ภาพประกอบหลัก (Image)", "widget": "image", "required": False,
        "choose_url": False,
        "hint": "เลือกหรืออัปโหลดภาพ ระบบเก็บไว้ที่ content/images/<ปี>/ และย่อภาพให้หลายขนาดเอง "
                "(ไม่เกิน 20 MB) ระบบตัดส่วนกลางภาพเมื่อแชร์ลิงก์ จึงควรให้สิ่งสำคัญอยู่กลางภาพ",
    },
    "imagealt": {
        "label": "คำบรรยายภาพ (ImageAlt)", "widget": "image-alt", "required": False,
        "missing": "ภาพประกอบต้องมีคำบรรยายสำหรับผู้พิการทางสายตา: บอกสิ่งที่เห็นในภาพ",
    },
    "source": {
        "label": "ที่มา (Source)", "widget": "string", "required": False,
        "pattern": [r"^https://\S+$", "ต้องเป็นลิงก์ที่ขึ้นต้นด้วย https:// เช่น "
                                      "https://www.example.go.th/news/12345"],
    },
    "author": {"label": "ผู้เขียน (Author)", "widget": "string", "required": False},
}
BODY = {"name": "body", "label": "เนื้อข่าว", "widget": "markdown", "required": False,
        "hint": "เว้นหนึ่งบรรทัดว่างระหว่างย่อหน้า ภาพในเนื้อข่าวต้องมีคำบรรยายภาพ"}
LIST_FIELDS = frozenset({"tags"})
# Static pages (content/pages/): a title, their URL and the text.
PAGE_FIELDS = ("title", "slug")


def decap_field(field: TemplateField, categories: list[str], media: dict) -> dict:
    """The Decap field for one template field."""
    spec = dict(FORM[field.name])
    out = {"name": field.name, "label": spec.pop("label"), "widget": spec.pop("widget"),
           "hint": spec.pop("hint", field.hint)}
    missing = spec.pop("missing", None)
    if missing:
        out["missing"] = missing
    out.update(spec)
    if out["widget"] == "select":
        out["options"] = list(categories)
    if out["widget"] == "image":
        out.update(media)
    return out


def news_fields(template: list[TemplateField], categories: list[str], media: dict) -> list[dict]:
    return [decap_field(f, categories, media) for f in template] + [dict(BODY)]


def page_fields(template: list[TemplateField]) -> list[dict]:
    by_name = {f.name: f for f in template}
    body = {**BODY, "label": "เนื้อหา", "hint": "เว้นหนึ่งบรรทัดว่างระหว่างย่อหน้า"}
    return [decap_field(by_name[name], [], {}) for name in PAGE_FIELDS] + [body]


def format_fields(template: list[TemplateField]) -> list[dict]:
    """What the custom format needs (pelican-format.js): name, key, list."""
    return [{"name": f.name, "key": f.key, "list": f.name in LIST_FIELDS} for f in template] \
        + [{"name": "body", "key": "body", "list": False}]


def unknown_fields(template: list[TemplateField]) -> list[str]:
    """Template fields the form has no widget for (a new field in _template.md)."""
    return [f.key for f in template if f.name not in FORM]
