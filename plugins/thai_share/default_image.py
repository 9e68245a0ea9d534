"""Draw the theme's default share image and the publisher logo.

    .venv/bin/python -m thai_share.default_image [--out theme/static/img]

Writes share-default.png (1200×630, used by pages and by articles without
an Image) and publisher-logo.png (600×60, the NewsArticle publisher logo)
from SITENAME and SITESUBTITLE in pelicanconf.py, in self-hosted Sarabun
from node_modules. The output is committed; the same inputs (pinned Pillow,
Sarabun and settings) give the same pixels, which tests/test_share.py checks.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "node_modules" / "@fontsource" / "sarabun" / "files"
BOLD = FONTS / "sarabun-thai-700-normal.woff2"
REGULAR = FONTS / "sarabun-thai-400-normal.woff2"

NAVY = (18, 52, 107)  # --brand in site.css
DEEP = (13, 39, 81)   # the nav bar
GOLD = (255, 210, 122)  # focus colour on the header
WHITE = (255, 255, 255)
PALE = (222, 230, 242)


def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.RAQM)


def _fit(draw: ImageDraw.ImageDraw, text: str, path: Path, size: int, box: tuple[int, int]):
    """The largest font up to `size` in which `text`, marks included, fits `box`."""
    while size > 10:
        font = _font(path, size)
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font, language="th")
        if right - left <= box[0] and bottom - top <= box[1]:
            return font
        size -= 2
    return _font(path, size)


def _draw(draw, xy, text, font, fill) -> tuple[int, int, int, int]:
    """Draw `text` with the top of its ink at xy; return the ink box."""
    _, top, _, _ = draw.textbbox((0, 0), text, font=font, language="th")
    x, y = xy
    draw.text((x, y - top), text, font=font, fill=fill, language="th")
    return draw.textbbox((x, y - top), text, font=font, language="th")


def share_default(title: str, subtitle: str, size=(1200, 630)) -> Image.Image:
    width, height = size
    band = 110  # the darker strip at the bottom
    image = Image.new("RGB", size, NAVY)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height - band, width, height), fill=DEEP)
    draw.rectangle((0, height - band, width, height - band + 8), fill=GOLD)
    left, text_width = 130, width - 130 - 80
    name = _fit(draw, title, BOLD, 140, (text_width, 200))
    sub = _fit(draw, subtitle, REGULAR, 54, (text_width, 90))
    name_box = draw.textbbox((0, 0), title, font=name, language="th")
    sub_box = draw.textbbox((0, 0), subtitle, font=sub, language="th")
    gap = 44
    block = (name_box[3] - name_box[1]) + gap + (sub_box[3] - sub_box[1])
    top = (height - band - block) // 2
    drawn = _draw(draw, (left, top), title, name, WHITE)
    last = _draw(draw, (left, drawn[3] + gap), subtitle, sub, PALE)
    draw.rectangle((left - 48, top, left - 36, last[3]), fill=GOLD)  # accent bar
    return image


def publisher_logo(title: str, size=(600, 60)) -> Image.Image:
    width, height = size
    image = Image.new("RGB", size, NAVY)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 8, height), fill=GOLD)
    font = _fit(draw, title, BOLD, 48, (width - 48, height - 10))
    left, top, _, bottom = draw.textbbox((0, 0), title, font=font, language="th")
    y = (height - (bottom - top)) // 2
    _draw(draw, (24, y), title, font, WHITE)
    return image


def write_images(out: Path, title: str, subtitle: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "share-default.png", out / "publisher-logo.png"]
    share_default(title, subtitle).save(paths[0], optimize=True)
    publisher_logo(title).save(paths[1], optimize=True)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "theme" / "static" / "img")
    args = parser.parse_args(argv)
    if not features.check_feature("raqm"):
        print("thai_share: Pillow has no raqm text layout here, so Thai vowel and tone "
              "marks would be drawn wrongly; install libraqm/libfribidi", file=sys.stderr)
        return 1
    if not BOLD.is_file():
        print(f"thai_share: {BOLD} missing; run 'make setup' (npm ci)", file=sys.stderr)
        return 1
    sys.path.insert(0, str(ROOT))
    import pelicanconf

    for path in write_images(args.out, pelicanconf.SITENAME, pelicanconf.SITESUBTITLE):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
