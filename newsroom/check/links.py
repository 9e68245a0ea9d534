"""Rules for links and images: broken, relative, external, missing, too
large, no alt text. Reads image headers with Pillow (no full decode)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from thai_core.problems import Problem
from thai_images.paths import lead_image_path

from .refs import Ref, classify
from .site_map import SiteMap

NOT_RASTER = (".svg",)


@dataclass
class Targets:
    """What links may point at: content sources and static files, as paths
    relative to content/ ('/'-joined), and the site's URL paths."""

    content: Path
    sources: set[str]
    static: set[str]
    site: SiteMap
    image_limits: tuple[int, int]  # (max bytes, max pixels)
    _sizes: dict[str, tuple] = field(default_factory=dict)

    def image_size(self, rel: str) -> tuple[int, int, int] | None:
        """(bytes, width, height) of a static file; None if Pillow cannot read it."""
        if rel not in self._sizes:
            path = self.content / rel
            size = path.stat().st_size
            if rel.lower().endswith(NOT_RASTER):
                self._sizes[rel] = (size, 0, 0)
            else:
                try:
                    with Image.open(path) as image:
                        self._sizes[rel] = (size, *image.size)
                except (OSError, ValueError, Image.DecompressionBombError):
                    self._sizes[rel] = None
        return self._sizes[rel]


def _resolve(target: str, source_rel: str) -> str:
    """A {filename}/{static} path relative to content/ ('/'-joined)."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_rel), target))


def _case_twin(rel: str, names: set[str]) -> str | None:
    lowered = rel.lower()
    return next((n for n in sorted(names) if n.lower() == lowered), None)


def link_problems(ref: Ref, shown: str, source_rel: str, targets: Targets) -> list[Problem]:
    kind, target = classify(ref.url)
    if kind == "relative":
        return [Problem(
            shown, ref.line, "link",
            f"ลิงก์ '{ref.url}' เป็นแบบสัมพัทธ์ จะเสียบนเว็บจริง (relative link breaks on the site)",
            f"เขียนเป็น '{{filename}}/{_resolve(target, source_rel)}' สำหรับไฟล์ในเว็บ "
            "หรือใส่ URL เต็ม https://", "link-relative")]
    if kind == "intrasite":
        prefix, path = target.split("}", 1)
        rel = _resolve(path, source_rel)
        if rel in targets.sources or rel in targets.static:
            return []
        twin = _case_twin(rel, targets.sources | targets.static)
        hint = (f"ชื่อไฟล์ต้องตรงทั้งตัวพิมพ์เล็ก/ใหญ่: ใช้ '{prefix}}}/{twin}'" if twin
                else "ตรวจชื่อไฟล์และโฟลเดอร์ เริ่มด้วย / เพื่ออ้างจาก content/ "
                "เช่น '{filename}/news/2024/durian.md'")
        return [Problem(shown, ref.line, "link",
                        f"ลิงก์ไปยัง '{ref.url}' ไม่พบไฟล์ content/{rel} (broken internal link)",
                        hint, "link-broken")]
    if kind == "site" and not targets.site.has(target):
        return [Problem(shown, ref.line, "link",
                        f"ลิงก์ '{ref.url}' ไม่มีหน้านี้ในเว็บ (broken internal link)",
                        "คัดลอก URL จากหน้าเว็บที่ต้องการอีกครั้ง หรือใช้ "
                        "'{filename}/news/<ปี>/<ไฟล์>.md' ซึ่งระบบตรวจให้", "link-broken")]
    return []


def image_problems(ref: Ref, shown: str, source_rel: str, targets: Targets) -> list[Problem]:
    field_name = "Image" if ref.field == "Image" else "image"
    problems = []
    if ref.field != "Image" and not (ref.alt or "").strip():
        problems.append(Problem(
            shown, ref.line, "image",
            f"ภาพ '{ref.url}' ไม่มีคำบรรยายภาพ (image lacks alt text)",
            "ใส่คำบรรยายในวงเล็บเหลี่ยม เช่น ![นายกรัฐมนตรีเยี่ยมชมสวนทุเรียน](...)",
            "image-no-alt"))
    kind, target = classify(ref.url)
    if ref.field == "Image" and kind != "external":
        rel = lead_image_path(ref.url)
        return problems + (_file_problems(ref, shown, rel, field_name, targets) if rel else [])
    if kind == "external":
        return [*problems, Problem(
            shown, ref.line, field_name,
            f"ภาพ '{ref.url}' โหลดจากเว็บอื่น (image from another site: privacy and it may vanish)",
            "ดาวน์โหลดภาพ แล้วเพิ่มไฟล์ใน content/images/<ปี>/", "image-external")]
    if kind == "intrasite":
        rel = _resolve(target.split("}", 1)[1], source_rel)
    elif kind == "site":
        rel = posixpath.normpath(target.lstrip("/"))
    elif kind == "relative":
        return [*problems, Problem(
            shown, ref.line, field_name,
            f"ภาพ '{ref.url}' ใช้ที่อยู่แบบสัมพัทธ์ จะไม่แสดงบนเว็บ (relative image path)",
            f"เขียนเป็น '{{static}}/{_resolve(target, source_rel)}'", "link-relative")]
    else:
        return problems
    return problems + _file_problems(ref, shown, rel, field_name, targets)


def _file_problems(ref: Ref, shown: str, rel: str, field_name: str,
                   targets: Targets) -> list[Problem]:
    path = targets.content / rel
    if rel not in targets.static:
        if path.is_file():
            return [Problem(
                shown, ref.line, field_name,
                f"ภาพ content/{rel} อยู่นอก content/images/ จึงไม่ถูกเผยแพร่ "
                "(image outside the static folders)",
                "ย้ายภาพไปไว้ที่ content/images/<ปี>/ แล้วแก้ที่อยู่ให้ตรง", "image-not-static")]
        twin = _case_twin(rel, targets.static)
        hint = (f"ชื่อไฟล์ต้องตรงทั้งตัวพิมพ์เล็ก/ใหญ่: ใช้ '{twin}'" if twin
                else "อัปโหลดภาพไปที่ content/images/<ปี>/ และตรวจชื่อไฟล์ให้ตรง")
        return [Problem(shown, ref.line, field_name,
                        f"ไม่พบไฟล์ภาพ content/{rel} (image file is missing)", hint,
                        "image-missing")]
    size = targets.image_size(rel)
    if size is None:
        return [Problem(shown, ref.line, field_name,
                        f"ไฟล์ content/{rel} ไม่ใช่ภาพที่เปิดได้ (not a readable image)",
                        "บันทึกภาพใหม่เป็น JPEG หรือ PNG (ภาพ HEIC จาก iPhone ให้แปลงก่อน)",
                        "image-unreadable")]
    max_bytes, max_pixels = targets.image_limits
    size_bytes, width, height = size
    if size_bytes > max_bytes or width * height > max_pixels:
        return [Problem(
            shown, ref.line, field_name,
            f"ภาพ content/{rel} ใหญ่เกินไป: {size_bytes / 1e6:.1f} MB, {width}×{height} พิกเซล "
            f"(image too large: limit {max_bytes / 1e6:.0f} MB, {max_pixels / 1e6:.0f} megapixels)",
            "ย่อภาพให้ด้านยาวไม่เกิน 4000 พิกเซล หรือส่งออกเป็น JPEG คุณภาพ 85% ก่อนอัปโหลด",
            "image-too-large")]
    return []
