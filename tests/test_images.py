"""A large phone photo dropped into content/images/ gets resized, compressed
copies (never upscaled, upright, without EXIF), and the <img> gets srcset,
sizes, width and height; the original file is not changed. Real builds."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from PIL import Image

from sitebuild import article, build_site, write_content


def jpeg(width, height, orientation=1, gps=False) -> bytes:
    image = Image.new("RGB", (width, height), (180, 90, 40))
    for x in range(0, width, 50):  # some detail so JPEG sizes are realistic
        image.paste((20, 20, 160), (x, 0, x + 10, height))
    exif = Image.Exif()
    exif[0x0112] = orientation
    if gps:
        exif.get_ifd(0x8825).update({1: "N", 2: (13.0, 45.0, 0.0)})
    data = io.BytesIO()
    image.save(data, "JPEG", quality=95, exif=exif.tobytes())
    return data.getvalue()


def png(width, height) -> bytes:
    data = io.BytesIO()
    Image.new("RGBA", (width, height), (0, 120, 60, 200)).save(data, "PNG")
    return data.getvalue()


def gif() -> bytes:
    data = io.BytesIO()
    Image.new("P", (64, 48)).save(data, "GIF")
    return data.getvalue()


PHOTOS = {
    "images/2024/phone.jpg": jpeg(3000, 2000, orientation=6, gps=True),  # shown 2000 x 3000
    "images/2024/chart.png": png(600, 300),
    "images/2024/anim.gif": gif(),
    "images/2024/ภาพข่าว.jpg": jpeg(900, 600),
}
ARTICLE = article(
    title="ข่าวมีภาพ", slug="photos", image="images/2024/phone.jpg",
    imagealt="นายกรัฐมนตรีเยี่ยมชมสวนทุเรียน",
    body="""
    ย่อหน้าแรก

    ![กราฟการส่งออก]({static}/images/2024/chart.png "ที่มา: กรมศุลกากร")

    <img src="/images/2024/anim.gif" alt="ภาพเคลื่อนไหว" class="wide">

    ![ภาพข่าว]({static}/images/2024/ภาพข่าว.jpg)
    """)


def img_tags(html: str) -> list[dict[str, str]]:
    tags = []
    for tag in re.findall(r"<img\b[^>]*>", html):
        tags.append({k: unescape(v) for k, v in re.findall(r'([a-z-]+)="([^"]*)"', tag)})
    return tags


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("images")
    write_content(root / "content", {**PHOTOS, "news/2024/photos.md": ARTICLE})
    build = build_site(root / "content", root / "output", verbose=True)
    assert build.returncode == 0, build.log
    return build


def test_copies_are_resized_upright_and_never_upscaled(site):
    copies = {p.name: p for p in (site.output / "img").iterdir()}
    phone = sorted((n for n in copies if n.startswith("phone-")),
                   key=lambda n: int(n.rsplit("-", 1)[1].split(".")[0]))
    sizes = [Image.open(copies[n]).size for n in phone]
    assert sizes == [(480, 720), (800, 1200), (1200, 1800), (1600, 2400)]
    chart = sorted(n for n in copies if n.startswith("chart-"))
    assert sorted(Image.open(copies[n]).size for n in chart) == [(480, 240), (600, 300)]
    assert not [n for n in copies if n.startswith("anim")], "GIFs are used as they are"
    thai = [n for n in copies if n.startswith("image-")]
    assert len(thai) == 3 and all(n.isascii() for n in copies)  # 480, 800, own 900


def test_copies_are_compressed_and_carry_no_exif(site):
    original = (site.content / "images/2024/phone.jpg").stat().st_size
    for path in (site.output / "img").glob("phone-*"):
        with Image.open(path) as image:
            assert image.format == "JPEG"
            assert len(image.getexif()) == 0, "no GPS position or orientation tag"
        assert path.stat().st_size < original


def test_originals_are_untouched(site):
    for rel, data in PHOTOS.items():
        assert (site.content / rel).read_bytes() == data
        assert (site.output / rel).read_bytes() == data


def test_lead_photo_is_a_responsive_figure(site):
    html = site.read("news/2024/03/photos/index.html")
    figure = re.search(r'<figure class="article-image">(.*?)</figure>', html, re.S)[1]
    (lead,) = img_tags(figure)
    assert lead["alt"] == "นายกรัฐมนตรีเยี่ยมชมสวนทุเรียน"
    assert (lead["width"], lead["height"]) == ("1600", "2400")
    assert re.fullmatch(r"/img/phone-[0-9a-f]{10}-1600\.jpg", lead["src"])
    candidates = [c.split() for c in lead["srcset"].split(", ")]
    assert [w for _, w in candidates] == ["480w", "800w", "1200w", "1600w"]
    assert lead["sizes"] and "loading" not in lead
    for url, _ in candidates:
        assert site.exists(url.lstrip("/"))


def test_body_images_get_srcset_width_and_height(site):
    html = site.read("news/2024/03/photos/index.html")
    body = html.split('<div class="article-body"')[1].split(">", 1)[1]
    chart, anim, thai = img_tags(body)[:3]
    assert chart["alt"] == "กราฟการส่งออก" and chart["title"] == "ที่มา: กรมศุลกากร"
    assert (chart["width"], chart["height"]) == ("600", "300")
    assert chart["srcset"].count("w,") == 1 and chart["loading"] == "lazy"
    assert anim == {"src": "/images/2024/anim.gif", "width": "64", "height": "48",
                    "alt": "ภาพเคลื่อนไหว", "class": "wide", "loading": "lazy",
                    "decoding": "async"}
    assert (thai["width"], thai["height"]) == ("900", "600")
    for tag in (chart, thai):
        for candidate in tag["srcset"].split(", "):
            assert site.exists(candidate.split()[0].lstrip("/"))


def test_rebuild_encodes_nothing(site):
    again = build_site(site.content, site.output, verbose=True)
    assert again.returncode == 0, again.log
    assert re.search(r"thai_images: 9 copies used, 0 written, 0 encoded", again.log), again.log
    assert re.search(r"thai_images: 9 copies used, 9 written, 9 encoded", site.log), site.log


def test_missing_photo_fails_the_ci_build(tmp_path):
    write_content(tmp_path / "content", {"news/2024/a.md": article(
        slug="a", image="images/2024/none.jpg", imagealt="ภาพ")})
    local = build_site(tmp_path / "content", tmp_path / "out1")
    assert local.returncode == 0 and 'class="article-image"' not in local.read(
        "news/2024/03/a/index.html")
    ci = build_site(tmp_path / "content", tmp_path / "out2", args=("--fatal-warnings",))
    assert ci.returncode == 1
    assert "Build failed: 1 warning(s), treated as errors (--fatal-warnings)" in ci.log
    assert "thai_images: news/2024/a.md: Image images/2024/none.jpg not found" in ci.log
    assert "Traceback" not in ci.log
