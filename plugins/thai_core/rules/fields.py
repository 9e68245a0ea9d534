"""Rules for the header fields: required, known names, category, slug,
title and summary length, alt text of the lead image."""

from __future__ import annotations

import difflib

from ..problems import ERROR, WARNING, Problem
from ..slugs import MAX_SLUG, is_valid_slug
from .header import Header

REQUIRED = {"article": ("title", "date", "category"), "page": ("title",)}
EXAMPLES = {
    "title": "Title: ครม. เห็นชอบมาตรการส่งเสริมการส่งออก",
    "date": "Date: 2024-01-15 09:30",
    "category": "Category: ด้านเศรษฐกิจ",
}
# Fields the site uses (content/news/_template.md) and Pelican's own.
KNOWN_FIELDS = {
    "title", "date", "modified", "category", "tags", "slug", "summary", "image", "imagealt",
    "source", "author", "authors", "status", "lang", "template", "save_as", "url",
    "translation", "keywords",
}
# Pelican keeps only the first of these when repeated.
SINGLE_FIELDS = {"title", "date", "modified", "category", "slug", "summary", "image",
                 "imagealt", "status", "lang", "template", "save_as", "url", "author"}
# A Category this similar to a configured one is a typo, not a new category.
TYPO_CUTOFF = 0.8


def label(name: str) -> str:
    """The English field name as editors write it."""
    return {"imagealt": "ImageAlt", "save_as": "Save_as"}.get(name, name.capitalize())


def nearest(value: str, choices, cutoff: float = 0.0) -> tuple[str, float] | None:
    """The choice most similar to value and its similarity (0..1)."""
    best = None
    for choice in choices:
        ratio = difflib.SequenceMatcher(None, value, choice).ratio()
        if ratio >= cutoff and (best is None or ratio > best[1]):
            best = (choice, ratio)
    return best


def required_problems(path: str, header: Header, kind: str) -> list[Problem]:
    problems = []
    unknown = [f for f in header.fields.values() if f.name not in KNOWN_FIELDS]
    for name in REQUIRED[kind]:
        if header.value(name).strip():
            continue
        given = header.get(name)
        typo = nearest(name, [f.name for f in unknown], cutoff=0.75) if not given else None
        if typo:
            wrong = next(f for f in unknown if f.name == typo[0])
            problems.append(Problem(
                path, wrong.line, label(name),
                f"ชื่อช่อง '{wrong.key}' สะกดผิด จึงไม่มีช่อง {label(name)} "
                f"(misspelled field name; required field is missing)",
                f"แก้เป็น '{label(name)}:'", "field-missing"))
            continue
        problems.append(Problem(
            path, header.line(name), label(name),
            f"ไม่มีช่อง {label(name)} (required field is missing)"
            if not given else f"ช่อง {label(name)} ว่าง (required field is empty)",
            f"เพิ่มบรรทัด '{EXAMPLES[name]}' ในส่วนหัวของไฟล์", "field-missing"))
    return problems


def field_name_problems(path: str, header: Header) -> list[Problem]:
    problems = []
    for repeat in header.repeated:
        if repeat.name in SINGLE_FIELDS:
            first = header.fields[repeat.name]
            problems.append(Problem(
                path, repeat.line, label(repeat.name),
                f"ช่อง {label(repeat.name)} ซ้ำกับบรรทัด {first.line} (field given twice)",
                "ลบบรรทัดที่ไม่ใช้ออกหนึ่งบรรทัด", "field-duplicate"))
    for found in header.fields.values():
        if found.name in KNOWN_FIELDS:
            continue
        near = nearest(found.name, KNOWN_FIELDS, cutoff=0.75)
        hint = (f"หมายถึง '{label(near[0])}:' หรือไม่? (did you mean)" if near
                else "ดูชื่อช่องที่ใช้ได้ใน content/news/_template.md")
        problems.append(Problem(
            path, found.line, found.key,
            f"ไม่รู้จักช่อง '{found.key}' (unknown field)", hint, "field-unknown", WARNING))
    return problems


def category_problems(path: str, header: Header, known: dict[str, str]) -> list[Problem]:
    """A Category outside THAI_NEWS['category_slugs']: an error when it looks
    like a typo of a configured one, else a warning (a new category page)."""
    found = header.get("category")
    if not found or not known or not found.value.strip():
        return []
    name = " ".join(found.value.split())
    if name in known:
        return []
    by_slug = {slug: title for title, slug in known.items()}
    if name.lower() in by_slug:  # the build files it under that category
        return [Problem(
            path, found.line, "Category",
            f"'{name}' เป็น slug ของหมวด ไม่ใช่ชื่อหมวด (a category slug, not its name)",
            f"ใช้ 'Category: {by_slug[name.lower()]}'", "category-slug", WARNING)]
    near = nearest(name, known)
    if near and near[1] >= TYPO_CUTOFF:
        return [Problem(
            path, found.line, "Category",
            f"หมวด '{name}' ไม่อยู่ในรายการหมวด (not a configured category)",
            f"หมายถึง '{near[0]}' หรือไม่? (did you mean) ใช้ 'Category: {near[0]}'",
            "category-unknown")]
    closest = f" หมวดที่ใกล้ที่สุดคือ '{near[0]}'" if near else ""
    return [Problem(
        path, found.line, "Category",
        f"หมวดใหม่ '{name}' ไม่อยู่ในรายการหมวด จะได้หน้าหมวดใหม่ (new category, "
        f"not in THAI_NEWS['category_slugs'])",
        f"ถ้าพิมพ์ผิด ให้ใช้หมวดที่มีอยู่{closest}; ถ้าเป็นหมวดใหม่จริง "
        "ให้นักพัฒนาเพิ่มหมวดและ slug ใน pelicanconf.py", "category-new", WARNING)]


def slug_problems(path: str, header: Header) -> list[Problem]:
    found = header.get("slug")
    if not found or not found.value.strip() or is_valid_slug(found.value.strip()):
        return []
    return [Problem(
        path, found.line, "Slug",
        f"slug '{found.value[:120]}' ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข และขีด "
        f"ไม่เกิน {MAX_SLUG} ตัว (must be ASCII, at most {MAX_SLUG} characters)",
        "เช่น 'Slug: cabinet-durian-export' หรือลบบรรทัดนี้ให้ระบบตั้งให้", "slug-invalid")]


def length_problems(path: str, header: Header, title_max: int,
                    summary_max: int) -> list[Problem]:
    problems = []
    title = header.get("title")
    if title and len(title.value) > title_max > 0:
        problems.append(Problem(
            path, title.line, "Title",
            f"หัวข้อข่าวยาว {len(title.value)} ตัวอักษร เกิน {title_max} (title too long)",
            f"ย่อหัวข้อให้ไม่เกิน {title_max} ตัวอักษร ใส่รายละเอียดใน Summary หรือเนื้อข่าว",
            "title-too-long", WARNING))
    summary = header.get("summary")
    if summary is not None:
        text = " ".join(" ".join(summary.values).split())
        if not text:
            problems.append(Problem(
                path, summary.line, "Summary", "ช่อง Summary ว่าง (summary is empty)",
                "เขียนสรุปข่าวหนึ่งถึงสองประโยค หรือลบบรรทัดนี้ให้ระบบใช้ย่อหน้าแรก",
                "summary-empty", WARNING))
        elif len(text) > summary_max > 0:
            problems.append(Problem(
                path, summary.line, "Summary",
                f"สรุปข่าวยาว {len(text)} ตัวอักษร เกิน {summary_max} (summary too long)",
                f"ย่อให้ไม่เกิน {summary_max} ตัวอักษร", "summary-too-long", WARNING))
    return problems


def lead_image_alt_problems(path: str, header: Header) -> list[Problem]:
    image = header.get("image")
    if not image or not image.value.strip() or header.value("imagealt").strip():
        return []
    return [Problem(
        path, image.line, "ImageAlt",
        "ภาพประกอบไม่มีคำบรรยายสำหรับผู้พิการทางสายตา (lead image lacks alt text)",
        "เพิ่มบรรทัด 'ImageAlt: <บรรยายสิ่งที่เห็นในภาพ>' ใต้บรรทัด Image", "image-no-alt", ERROR)]
