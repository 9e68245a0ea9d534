"""Fields Pelican acts on, with values it cannot use.

Pelican keeps every field of a file as an attribute of its article, so a
field named like one of its own (`Settings:`, `Content:`, `Timezone:`)
overwrites it: Pelican logs "Could not process" and the article is gone.
An unknown `Status`, or a `Save_as` outside the output folder, drops the
article the same way (an empty `Save_as` writes no page), so does a `Lang`
that is no language code (it is part of a translation's file name:
`{slug}-{lang}.html`, so `a/../../x.html` is outside), and an unknown
or empty `Template` stops the build with a traceback. These rules name the
file, line and field instead (found by fuzzing the reader:
tests/test_reader_fuzz.py).
"""

from __future__ import annotations

import copy
import datetime as dt
import posixpath
import re
from functools import lru_cache
from pathlib import Path

from ..problems import Problem
from .fields import KNOWN_FIELDS, label
from .header import Header

# Pelican's Article.allowed_statuses (it lowercases the value).
STATUSES = ("published", "hidden", "draft", "skip")
# A language code as Pelican's translation file names take it: th, en, pt_BR, zh-Hant.
LANG_CODE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
# What the site's own plugins keep on an article (thai_news, thai_share).
PLUGIN_ATTRIBUTES = frozenset({"lead", "lead_given", "lead_image", "share", "newer_article",
                               "older_article"})


@lru_cache(maxsize=1)
def reserved_fields() -> frozenset[str]:
    """Field names that would overwrite what Pelican or a plugin keeps on
    every article: Pelican's Article attributes and methods, as the
    installed Pelican has them, but for the fields the site uses."""
    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    sample = Article("", {"title": "x", "date": dt.datetime(2024, 1, 1)},
                     settings=copy.deepcopy(DEFAULT_CONFIG), source_path="x.md")
    names = {name.lower() for name in (*dir(Article), *vars(sample)) if not name.startswith("__")}
    return frozenset((names | PLUGIN_ATTRIBUTES) - KNOWN_FIELDS)


def theme_templates(theme: str | Path, overrides=()) -> frozenset[str]:
    """The names a `Template:` field may give: the theme's templates (and
    THEME_TEMPLATES_OVERRIDES'), without .html, and Pelican's simple theme's
    as !simple/<name>."""
    import pelican

    def names(folder: Path, prefix: str = "") -> set[str]:
        return {prefix + p.relative_to(folder).with_suffix("").as_posix()
                for p in folder.rglob("*.html")} if folder.is_dir() else set()

    found = names(Path(theme) / "templates")
    for folder in overrides:
        found |= names(Path(folder))
    simple = Path(pelican.__file__).parent / "themes" / "simple" / "templates"
    return frozenset(found | names(simple, "!simple/"))


def is_outside(save_as: str) -> bool:
    """Whether a Save_as path would be written outside the output folder."""
    path = save_as.strip().replace("\\", "/")
    return posixpath.isabs(path) or posixpath.normpath(path).split("/")[0] == ".."


def pelican_field_problems(path: str, header: Header,
                           templates: frozenset[str] = frozenset()) -> list[Problem]:
    """Reserved field names, and Status, Template (checked when `templates`
    is given) and Save_as values Pelican cannot use."""
    problems = []
    reserved = reserved_fields()
    for found in header.fields.values():
        if found.name in reserved:
            problems.append(Problem(
                path, found.line, found.key,
                f"ชื่อช่อง '{found.key}' ใช้ไม่ได้ เป็นชื่อที่ Pelican ใช้เอง ข่าวจะหายจากเว็บ "
                f"(reserved field name: it would overwrite Pelican's own '{found.name}')",
                "เปลี่ยนชื่อช่อง หรือลบบรรทัดนี้ ดูชื่อช่องที่ใช้ได้ใน content/news/_template.md",
                "field-reserved"))
    status = header.get("status")
    if status and status.value.strip() and status.value.strip().lower() not in STATUSES:
        problems.append(Problem(
            path, status.line, "Status",
            f"Status '{status.value.strip()}' ไม่มีในระบบ ข่าวจะหายจากเว็บ "
            f"(unknown status: not one of {', '.join(STATUSES)})",
            "ใช้ 'Status: draft' สำหรับฉบับร่าง หรือลบบรรทัดนี้เพื่อเผยแพร่", "status-invalid"))
    template = header.get("template")  # an empty one too: Pelican loads ".html"
    if templates and template and template.value.strip() not in templates:
        usable = " หรือ ".join(t for t in ("article", "page") if t in templates) or "article"
        problems.append(Problem(
            path, template.line, "Template",
            f"ไม่มีแม่แบบ '{template.value.strip()}' ในธีม การสร้างเว็บจะหยุด "
            "(no such template in the theme)" if template.value.strip() else
            "ช่อง Template ว่าง การสร้างเว็บจะหยุด (empty Template)",
            f"ลบบรรทัดนี้ให้ระบบใช้แม่แบบปกติ หรือใช้แม่แบบที่มีในธีม เช่น {usable}",
            "template-unknown"))
    save_as = header.get("save_as")  # empty: Pelican writes no page
    if save_as and (not save_as.value.strip() or is_outside(save_as.value)):
        problems.append(Problem(
            path, save_as.line, label("save_as"),
            f"'{save_as.value.strip()}' อยู่นอกโฟลเดอร์เว็บ ข่าวจะหายจากเว็บ "
            "(Save_as is outside the output folder)" if save_as.value.strip() else
            "ช่อง Save_as ว่าง ข่าวจะไม่ถูกสร้างเป็นหน้าเว็บ (empty Save_as: no page is written)",
            "ลบบรรทัดนี้ให้ระบบตั้ง URL จาก Slug", "save-as-invalid"))
    lang = header.get("lang")
    if lang and lang.value.strip() and not LANG_CODE.fullmatch(lang.value.strip()):
        problems.append(Problem(
            path, lang.line, "Lang",
            f"Lang '{lang.value.strip()}' ไม่ใช่รหัสภาษา ข่าวอาจหายจากเว็บ "
            "(Lang is no language code; it becomes part of a file name)",
            "ลบบรรทัดนี้ (ข่าวภาษาไทยไม่ต้องใส่) หรือใช้รหัสภาษา เช่น 'Lang: en'",
            "lang-invalid"))
    return problems
