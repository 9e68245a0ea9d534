"""`invoke new`: a correct article skeleton with today's date and a valid slug."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from thai_core.rules.fields import nearest
from thai_core.slugs import is_valid_slug, romanized_slug

BANGKOK = ZoneInfo("Asia/Bangkok")
MAX_SLUG = 60


class ScaffoldError(ValueError):
    pass


def slug_for(title: str, taken: set[str]) -> str:
    """A readable ASCII slug from the title, unique among `taken`."""
    base = romanized_slug(title)
    if len(base) > MAX_SLUG:
        base = base[:MAX_SLUG].rsplit("-", 1)[0]
    base = base.strip("-") or "news"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def check_category(category: str, known: list[str]) -> None:
    if known and category not in known:
        near = nearest(category, known, cutoff=0.3)
        hint = f" หมายถึง '{near[0]}' หรือไม่? (did you mean)" if near else ""
        raise ScaffoldError(
            f"Category '{category}' ไม่อยู่ในรายการหมวด (not a known category).{hint} "
            f"หมวดที่ใช้ได้: {', '.join(known)}"
        )


def create_article(news_dir: Path, title: str, category: str, *, slug: str | None = None,
                   date: str | None = None, known_categories: list[str] | None = None) -> Path:
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("Title ว่างไม่ได้ (title is empty)")
    check_category(category, known_categories or [])
    when = dt.datetime.fromisoformat(date) if date else dt.datetime.now(BANGKOK)
    folder = news_dir / f"{when.year:04d}"
    taken = {p.stem for p in news_dir.glob("*/*.md")}
    if slug is None:
        slug = slug_for(title, taken)
    elif not is_valid_slug(slug):
        raise ScaffoldError(f"Slug '{slug}' ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข และขีด")
    elif slug in taken:
        raise ScaffoldError(f"Slug '{slug}' มีอยู่แล้ว (already used)")
    path = folder / f"{slug}.md"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"Title: {title}\n"
        f"Date: {when:%Y-%m-%d %H:%M}\n"
        f"Category: {category}\n"
        f"Slug: {slug}\n\n"
        "เขียนเนื้อข่าวที่นี่ เว้นหนึ่งบรรทัดว่างระหว่างย่อหน้า "
        "(ช่องอื่น เช่น Tags, Summary, Image ดูได้ที่ content/news/_template.md)\n",
        encoding="utf-8",
    )
    return path
