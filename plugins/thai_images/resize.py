"""Resized, compressed copies of a photo. Pillow only; no Pelican.

Phone photos are stored sideways with an EXIF orientation tag: sizes here
are as displayed (after the rotation), and copies are written upright.
Copies carry no EXIF (no GPS position of the photographer), but keep the
colour profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

# Pillow format -> file extension of the copies. Other formats (GIF, which
# may be animated; SVG, which Pillow cannot read) are used as they are.
RESIZABLE = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
_ORIENTATION = 0x0112
_SIDEWAYS = (5, 6, 7, 8)


@dataclass(frozen=True)
class Probe:
    width: int  # as displayed
    height: int
    format: str  # Pillow's name, e.g. "JPEG"


def probe(path: Path) -> Probe | None:
    """Displayed size and format from the file header; None if unreadable."""
    try:
        with Image.open(path) as image:
            width, height = image.size
            if image.getexif().get(_ORIENTATION, 1) in _SIDEWAYS:
                width, height = height, width
            return Probe(width, height, image.format or "")
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def target_widths(width: int, widths: list[int]) -> list[int]:
    """The configured widths narrower than the photo, plus the photo's own
    width when it is not wider than the largest: never upscaled."""
    chosen = sorted({w for w in widths if w < width})
    if not widths or width <= max(widths):
        chosen.append(width)
    return chosen


def height_for(probe_: Probe, width: int) -> int:
    return max(1, round(probe_.height * width / probe_.width))


def write_copy(source: Path, dest: Path, width: int, quality: int) -> tuple[int, int]:
    """Write `source` scaled to `width` (aspect kept) to `dest`, in the
    source's format; returns the copy's (width, height)."""
    with Image.open(source) as image:
        fmt = image.format
        sideways = image.getexif().get(_ORIENTATION, 1) in _SIDEWAYS
        shown_w, shown_h = (image.height, image.width) if sideways else image.size
        height = max(1, round(shown_h * width / shown_w))
        if fmt == "JPEG":  # decode at a reduced scale when much larger
            image.draft(None, (height, width) if sideways else (width, height))
        icc = image.info.get("icc_profile")
        upright = ImageOps.exif_transpose(image)
    if upright.size != (width, height):
        upright = upright.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    options = {"icc_profile": icc} if icc else {}
    if fmt == "JPEG":
        if upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        upright.save(tmp, "JPEG", quality=quality, optimize=True, progressive=True, **options)
    elif fmt == "WEBP":
        upright.save(tmp, "WEBP", quality=quality, method=4, **options)
    else:
        upright.save(tmp, "PNG", optimize=True, **options)
    tmp.replace(dest)
    return upright.size
