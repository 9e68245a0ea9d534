"""Fixture content for the sharing and accessibility tests: articles with
and without an Image, an English article, a hostile title and enough
articles for a second list page. Images are drawn here with Pillow."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from sitebuild import article, write_content

GREEN = (0, 160, 0)


def wide_jpeg() -> bytes:
    """3000×1260 (cover-cropped to 1200×630: scaled by 1/2, 150 px cut from
    each side): red and blue 300 px edge bands that the crop removes, green
    between them."""
    image = Image.new("RGB", (3000, 1260), GREEN)
    image.paste((255, 0, 0), (0, 0, 300, 1260))
    image.paste((0, 0, 255), (2700, 0, 3000, 1260))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


def small_png() -> bytes:
    """400×400 half-transparent PNG: flattened on white, and too small."""
    image = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    image.paste((0, 0, 255, 255), (0, 0, 400, 200))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


HOSTILE_TITLE = '</script><script>alert(1)</script> ข่าว "อัญประกาศ" & <!-- \u2028'


def files() -> dict[str, str | bytes]:
    content = {
        "images/2024/wide.jpg": wide_jpeg(),
        "images/2024/small.png": small_png(),
        "news/2024/durian-photo.md": article(
            title="ครม. เห็นชอบมาตรการส่งออกทุเรียน", date="2024-03-01 09:00",
            category="ด้านเศรษฐกิจ", slug="durian-photo", tags="ทุเรียน, ส่งออก",
            summary="รัฐบาลเร่งส่งออกทุเรียนไปจีน", image="images/2024/wide.jpg",
            imagealt="ทุเรียนในสวน",
            body="""
            ย่อหน้าแรกของข่าวทุเรียน กระทรวงพาณิชย์เร่งส่งออก

            - Durian export to China
            - ตลาดใหม่ในอินเดีย

            The Ministry of Commerce expects exports to grow this year.
            """),
        "news/2024/small-image.md": article(
            title="ภาพเล็กโปร่งใส", date="2024-03-02 09:00", category="ด้านสังคม",
            slug="small-image", image="images/2024/small.png", imagealt="ภาพประกอบข่าว"),
        "news/2024/cabinet-english.md": article(
            title="Cabinet approves durian export plan", date="2024-03-03 09:00",
            category="Government News", slug="cabinet-english", tags="SME",
            body="""
            The Cabinet approved a plan to export more durian to China.

            สรุปข่าวภาษาไทย: ครม. อนุมัติแผนส่งออกทุเรียน

            The plan covers 2024 and 2025.
            """),
        "news/2024/hostile-title.md": article(
            title=HOSTILE_TITLE, date="2024-03-04 09:00", category="ด้านกฎหมายฯ",
            slug="hostile-title", summary='สรุป </script><img src=x onerror=alert(1)>'),
        "pages/about.md": "Title: เกี่ยวกับเรา\nSlug: about\n\nเกี่ยวกับเว็บไซต์\n",
    }
    for i in range(22):  # ด้านสังคม gets a second list page
        content[f"news/2023/bulk-{i:02d}.md"] = article(
            title=f"ข่าวสังคมลำดับที่ {i}", date=f"2023-06-{1 + i:02d} 09:00",
            category="ด้านสังคม", slug=f"bulk-{i:02d}", body=f"เนื้อหาข่าวสังคมลำดับที่ {i}")
    return content


def write(root: Path) -> Path:
    return write_content(root, files())
