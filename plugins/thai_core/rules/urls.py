"""URL rules: every article and page has its own slug, and an existing
article keeps its URL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..problems import Problem


@dataclass(frozen=True)
class Entry:
    """One article or page as the site will publish it."""

    path: str  # as shown in messages
    kind: str  # "article" or "page"
    slug: str
    slug_line: int  # line of `Slug:`, or 1 when the slug comes from the file name
    lang: str = ""
    date: dt.datetime | None = None
    date_line: int = 1


def content_url(pattern: str, slug: str, date: dt.datetime | None, **extra) -> str:
    """ARTICLE_URL / PAGE_URL filled in, as Pelican does."""
    values = {"slug": slug, "lang": "", "category": "", "author": "", **extra}
    if date is not None:
        values["date"] = date
    try:
        return pattern.format(**values)
    except (KeyError, AttributeError, ValueError, IndexError):
        return pattern.replace("{slug}", slug)


def duplicate_slug_problems(entries: list[Entry]) -> list[Problem]:
    """Pelican keeps one of two same-slug articles and hides the other as a
    'translation': every entry sharing (kind, slug, lang) is an error."""
    groups: dict[tuple, list[Entry]] = {}
    for entry in entries:
        groups.setdefault((entry.kind, entry.slug, entry.lang), []).append(entry)
    problems = []
    for (_kind, slug, _lang), same in groups.items():
        if len(same) < 2:
            continue
        for entry in same:
            others = ", ".join(e.path for e in same if e is not entry)
            problems.append(Problem(
                entry.path, entry.slug_line, "Slug",
                f"slug '{slug}' ซ้ำกับ {others} (duplicate slug: one would hide the other)",
                "ตั้ง Slug ใหม่ที่ไม่ซ้ำ เช่นเติมคำหรือปีท้าย slug "
                "(ถ้าเป็นข่าวเดิมที่เผยแพร่แล้ว อย่าเปลี่ยน slug ของข่าวเดิม)",
                "slug-duplicate"))
    return problems


def url_change_problem(entry: Entry, old_url: str, new_url: str, old_path: str,
                       old_slug: str, old_date: dt.datetime | None) -> Problem | None:
    """An article that was published at old_url must stay there."""
    if old_url == new_url:
        return None
    moved = f" (เดิมคือไฟล์ {old_path})" if old_path != entry.path else ""
    if old_date and entry.date and (old_date.year, old_date.month) != (
            entry.date.year, entry.date.month) and entry.slug == old_slug:
        return Problem(
            entry.path, entry.date_line, "Date",
            f"เปลี่ยนเดือนของ Date ทำให้ URL ของข่าวที่เผยแพร่แล้วเปลี่ยนจาก /{old_url} "
            f"เป็น /{new_url}{moved} (would change an existing article's URL)",
            f"คงปีและเดือนเดิมไว้ ({old_date:%Y-%m}) แก้เฉพาะวันหรือเวลาได้",
            "slug-url-changed")
    return Problem(
        entry.path, entry.slug_line, "Slug",
        f"URL ของข่าวที่เผยแพร่แล้วจะเปลี่ยนจาก /{old_url} เป็น /{new_url}{moved} "
        f"(would change an existing article's URL)",
        f"ใส่ 'Slug: {old_slug}' ในส่วนหัวเหมือนเดิม เพื่อให้ลิงก์ที่แชร์ไปแล้วยังใช้ได้",
        "slug-url-changed")
