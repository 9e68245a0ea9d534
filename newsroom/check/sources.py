"""Which files under content/ the site is built from, as Pelican decides.

Markdown under ARTICLE_PATHS is an article, under PAGE_PATHS a page;
files under STATIC_PATHS are copied as they are. Anything else an editor
put there (a .docx in content/news/, a photo next to an article, an
article outside content/news/) would be silently left out of the site,
so it is reported as `file-not-published`.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path

from thai_core.problems import Problem, relative

MARKDOWN = (".md", ".markdown", ".mkd", ".mdown")


@dataclass
class Inventory:
    sources: list[tuple[Path, str]] = field(default_factory=list)  # (path, kind)
    static: set[str] = field(default_factory=set)  # paths relative to content/, '/'-joined
    problems: list[Problem] = field(default_factory=list)


def _under(rel: str, folders) -> bool:
    return any(not f or rel == f or rel.startswith(f.rstrip("/") + "/") for f in folders)


def _ignored(name: str, patterns) -> bool:
    return name.startswith(".") or any(fnmatch.fnmatch(name, p) for p in patterns)


def _looks_like_article(path: Path) -> bool:
    try:
        head = path.read_bytes()[:400].decode("utf-8", "replace").lower()
    except OSError:
        return False
    return any(line.startswith(("title:", "date:")) for line in head.splitlines())


def _folders(settings: dict, key: str) -> list[str]:
    return [p.strip("/") for p in settings[key]]


def source_kind(rel: str, settings: dict) -> str | None:
    """'article' or 'page' for a Markdown file Pelican reads, else None."""
    ignore = settings.get("IGNORE_FILES") or []
    if not rel.lower().endswith(MARKDOWN) or any(
            _ignored(part, ignore) for part in rel.split("/")):
        return None
    if _under(rel, _folders(settings, "PAGE_PATHS")):
        return "page"
    if _under(rel, _folders(settings, "ARTICLE_PATHS")):
        return "article"
    return None


def inventory(content: Path, settings: dict) -> Inventory:
    found = Inventory()
    articles = _folders(settings, "ARTICLE_PATHS")
    pages = _folders(settings, "PAGE_PATHS")
    static = _folders(settings, "STATIC_PATHS")
    ignore = settings.get("IGNORE_FILES") or []
    for folder, dirs, files in os.walk(content):
        dirs[:] = sorted(d for d in dirs if not _ignored(d, ignore))
        for name in sorted(files):
            path = Path(folder, name)
            rel = path.relative_to(content).as_posix()
            if _ignored(name, ignore):
                continue
            is_md = name.lower().endswith(MARKDOWN)
            in_static = _under(rel, static)
            if in_static:
                found.static.add(rel)
            if _under(rel, pages) or _under(rel, articles):
                kind = "page" if _under(rel, pages) else "article"
                if is_md:
                    found.sources.append((path, kind))
                elif not in_static:
                    found.problems.append(_not_published(path, content, photo=_is_image(name)))
            elif is_md and not in_static and _looks_like_article(path):
                found.problems.append(_not_published(path, content, photo=False))
    return found


def _is_image(name: str) -> bool:
    return name.lower().endswith((".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".heic"))


def _not_published(path: Path, content: Path, photo: bool) -> Problem:
    shown = relative(path, content)
    if photo:
        return Problem(
            shown, 1, "file", "ภาพนี้อยู่นอก content/images/ จึงไม่ถูกเผยแพร่ "
            "(image outside the static folders is not published)",
            "ย้ายไฟล์ไปไว้ที่ content/images/<ปี>/ แล้วอ้างถึงด้วย {static}/images/<ปี>/<ชื่อไฟล์>",
            "file-not-published")
    return Problem(
        shown, 1, "file", "ไฟล์นี้ไม่ถูกสร้างเป็นหน้าเว็บ (file is not published): "
        "ข่าวต้องเป็นไฟล์ .md ใน content/news/ หน้าเว็บทั่วไปใน content/pages/",
        "บันทึกเป็นไฟล์ Markdown (.md) ในโฟลเดอร์ที่ถูกต้อง หรือลบไฟล์นี้ออก",
        "file-not-published")
