"""The security plugins with the rest of the build: the sanitizer runs before
thai_images adds its srcset, and neither the sanitizer nor the service
worker makes the incremental writer's keys or files change between two
builds of the same input. Real builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_images import jpeg
from test_incremental_build import assert_same_tree

from sitebuild import article, build_site, write_content

PHOTO = "images/2024/photo.jpg"
HOSTILE = article(
    title="ข่าวมี HTML แปลกปลอม", slug="cleaned", summary="สรุป <b onclick='x()'>ข่าว</b>",
    body="""
    ย่อหน้าแรก <span style="color:red" onclick="window.__xss=1">ข่าว</span>

    <script>window.__xss=2</script>

    ![ภาพข่าว]({static}/images/2024/photo.jpg)

    <img src="/images/2024/photo.jpg" alt="ภาพเดิม" srcset="https://tracker.example/x.jpg 2x">

    | ซ้าย | กลาง |
    |:-----|:----:|
    | ก    | ข    |
    """)


def _content(root: Path) -> Path:
    return write_content(root, {
        PHOTO: jpeg(1600, 1000),
        "news/cleaned.md": HOSTILE,
        "news/plain.md": article(title="ข่าวปกติ", slug="plain", date="2024-03-16 10:00"),
    })


def _stamps(root: Path) -> dict[str, int]:
    # Pelican copies the theme's and content's static files on every build
    # (STATIC_CHECK_IF_MODIFIED is off); the rest is written by the writer and plugins.
    copied = ("theme/", PHOTO)
    return {name: p.stat().st_mtime_ns for p in root.rglob("*")
            if p.is_file() and not (name := p.relative_to(root).as_posix()).startswith(copied)}


def _version(output: Path) -> str:
    return re.search(r'const VERSION = "([0-9a-f]+)";', (output / "sw.js").read_text()).group(1)


def test_cleaned_html_comes_before_thai_images(tmp_path):
    content = _content(tmp_path / "content")
    build = build_site(content, tmp_path / "out")
    assert build.returncode == 0, build.log
    assert "news/cleaned.md: removed from the HTML" in build.log
    page = BeautifulSoup(build.read("news/2024/03/cleaned/index.html"), "html.parser")
    body = page.select_one(".article-body")
    assert not body.find("script") and not body.select("[onclick], [style]")
    assert body.select(".align-center")  # Markdown's table alignment, as a class
    # thai_images ran after the sanitizer: its srcset is there, the editor's is not.
    images = body.find_all("img")
    assert len(images) == 2 and all(img.get("srcset") for img in images)
    assert all("tracker.example" not in img["srcset"] for img in images)


@pytest.mark.parametrize("load_cache", [True, False], ids=["content-cache", "no-content-cache"])
def test_sanitized_pages_and_sw_js_are_stable_across_rebuilds(tmp_path, load_cache):
    """With the content cache the articles come from it; without, the
    sanitizer runs again. Either way a rebuild renders and writes nothing,
    sw.js keeps its VERSION, and the output equals a clean build."""
    content = _content(tmp_path / "content")
    out = tmp_path / "out"
    cache = {"CACHE_PATH": str(tmp_path / "cache"), "LOAD_CONTENT_CACHE": load_cache}
    first = build_site(content, out, extra=cache, verbose=True)
    assert first.returncode == 0, first.log
    version, stamps = _version(out), _stamps(out)
    again = build_site(content, out, extra=cache, verbose=True)
    assert again.returncode == 0, again.log
    assert "thai_speedups: 2 unchanged pages not rendered again" in again.log
    assert _stamps(out) == stamps
    assert _version(out) == version
    clean = build_site(content, tmp_path / "clean",
                       extra={**cache, "CACHE_PATH": str(tmp_path / "clean-cache")})
    assert clean.returncode == 0, clean.log
    assert_same_tree(out, tmp_path / "clean")
