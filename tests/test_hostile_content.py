"""The build survives hostile content: it either builds correctly or fails
with a clear message naming the file; it never hangs (every build here has
a timeout) and never ends in a traceback."""

from __future__ import annotations

import json
import time

import pytest
from bs4 import BeautifulSoup

from pelican.plugins.thai_search.segment import RUN_CHARS, TERM_CHARS, Segmenter, chunks
from pelicanconf import THAI_NEWS
from sitebuild import article, build_site, write_content

WORDS = ["ทุเรียน", "ส่งออก", "รัฐบาล", "ประชาชน", "เศรษฐกิจ", "การศึกษา", "โครงการ", "พัฒนา"]
MARKER = "zqxjmarker"  # a word only at the very end of the 5 MB article
BUILD_SECONDS = 420


def five_megabytes() -> str:
    """About 5 MB of Markdown: spaced paragraphs and long runs with no space at all."""
    spaced = " ".join(WORDS[i % 8] + WORDS[(i * 3) % 8] for i in range(4000))
    glued = "".join(WORDS[(i * 5) % 8] for i in range(12_000))  # ~80,000 characters, no space
    parts, size = [], 0
    while size < 5_000_000:
        block = f"{spaced}\n\n{glued}\n\n"
        parts.append(block)
        size += len(block.encode())
    return "".join(parts) + f"ย่อหน้าสุดท้าย {MARKER}\n"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    tags = ", ".join(f"แท็ก{i}" for i in range(10_000))
    write_content(root / "content", {
        "news/2024/huge.md": article(title="ข่าวยาวห้าเมกะไบต์", slug="huge",
                                     body=five_megabytes()),
        "news/2024/many-tags.md": article(title="ข่าวหนึ่งหมื่นแท็ก", slug="many-tags",
                                          tags=tags, body="ข่าวที่มีแท็กมาก"),
        "news/2024/empty.md": article(title="ข่าวไม่มีเนื้อหา", slug="empty-body", body=""),
        "news/2024/🎉🎉.md": article(title="🎉🇹🇭🔥👍🏽", date="2024-03-16", body="ข่าวอีโมจิ",
                                   tags="🎉, 🇹🇭"),
        "news/2024/punct.md": article(title="?!…—«»!!! ...", slug="punct", date="2024-03-17",
                                      tags="!!!, ???, ...", body="ข่าวเครื่องหมาย"),
        "news/2024/long-names.md": article(
            title="ชื่อยาว", slug="long-names", date="2024-03-18",
            category="หมวด" + "ยาวมาก" * 2000,
            tags=", ".join(["ก" * 20_000, "x" * 400, "ข้อความ" * 3000]), body="ข่าวชื่อยาว"),
    })
    started = time.perf_counter()
    build = build_site(root / "content", root / "output", timeout=BUILD_SECONDS)
    build.seconds = time.perf_counter() - started
    return build


def test_hostile_site_builds_without_traceback(hostile):
    assert hostile.returncode == 0, hostile.log[-3000:]
    assert "Traceback" not in hostile.log
    assert hostile.seconds < BUILD_SECONDS


def test_five_megabyte_article_is_built_and_searchable(hostile):
    page = hostile.read("news/2024/03/huge/index.html")
    assert len(page.encode()) > 4_000_000
    assert MARKER in page
    soup = BeautifulSoup(page, "html.parser")
    assert soup.h1.get_text() == "ข่าวยาวห้าเมกะไบต์"
    # Its last word is in the index, and no term is absurdly long.
    pieces = [json.loads(p.read_text(encoding="utf-8"))
              for p in (hostile.output / "search" / "t").glob("*.json")]
    terms = {t for piece in pieces if "terms" in piece for t in piece["terms"]}
    assert MARKER in terms
    assert max(len(t) for t in terms) <= TERM_CHARS
    # Result data stays small: the snippet text is clipped.
    texts = [p.stat().st_size for p in (hostile.output / "search" / "x").glob("*.txt")]
    assert texts and max(texts) <= 3 + 4 * 2000  # a UTF-8 mark, 2,000 characters


def test_ten_thousand_tags(hostile):
    soup = BeautifulSoup(hostile.read("news/2024/03/many-tags/index.html"), "html.parser")
    assert len(soup.select(".tag-list a")) == 10_000
    tag_pages = [p for p in (hostile.output / "tag").iterdir() if p.is_dir()]
    assert len(tag_pages) >= 10_000
    assert all(len(p.name) <= 60 for p in tag_pages)


def test_empty_body(hostile):
    soup = BeautifulSoup(hostile.read("news/2024/03/empty-body/index.html"), "html.parser")
    assert soup.h1.get_text() == "ข่าวไม่มีเนื้อหา"
    assert soup.select_one(".article-body").get_text(strip=True) == ""


def test_emoji_and_punctuation_titles(hostile):
    emoji = [p for p in (hostile.output / "news/2024/03").iterdir()
             if p.name.startswith("news-")]
    assert len(emoji) == 1  # an ASCII slug from the emoji file name
    soup = BeautifulSoup((emoji[0] / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.h1.get_text() == "🎉🇹🇭🔥👍🏽"
    punct = BeautifulSoup(hostile.read("news/2024/03/punct/index.html"), "html.parser")
    assert punct.h1.get_text() == "?!…—«»!!! ..."
    slugs = [a["href"] for a in punct.select(".tag-list a")]
    assert len(slugs) == 3 and all(s.isascii() for s in slugs)


def test_huge_category_and_tag_names_get_short_slugs(hostile):
    soup = BeautifulSoup(hostile.read("news/2024/03/long-names/index.html"), "html.parser")
    links = [soup.select_one(".article-category a")["href"],
             *(a["href"] for a in soup.select(".tag-list a"))]
    assert len(links) == 4
    assert all(len(href) < 80 and href.isascii() for href in links)


def test_unbearable_files_fail_with_a_clear_message(tmp_path):
    limits = {**THAI_NEWS, "render_seconds": 3, "max_file_bytes": 2_000_000}
    write_content(tmp_path / "content", {
        "news/2024/good.md": article(slug="good"),
        # Python-Markdown needs time growing with the cube of these.
        "news/2024/brackets.md": article(slug="brackets", body="[" * 200_000),
        "news/2024/images.md": article(slug="images", body="![" * 100_000),
        "news/2024/footnotes.md": article(slug="footnotes", summary="[^" * 50_000),
        "news/2024/big.md": article(slug="big", body="ข่าว " * 300_000),  # 3.9 MB
        "news/2024/long-slug.md": article(slug="a" * 150),
    })
    started = time.perf_counter()
    build = build_site(tmp_path / "content", tmp_path / "output", extra={"THAI_NEWS": limits},
                       timeout=240)
    assert build.returncode == 1, build.log[-2000:]
    assert time.perf_counter() - started < 120
    assert "5 content problem(s)" in build.log
    for name in ("brackets.md", "images.md", "footnotes.md"):
        assert f"news/2024/{name}:1: file: แปลง Markdown นานเกิน 3 วินาที" in build.log
    assert "news/2024/big.md:1: file: ไฟล์ขนาด 3.9 MB ใหญ่เกิน 2 MB" in build.log
    assert "news/2024/long-slug.md:4: Slug:" in build.log and "at most 100" in build.log
    assert "แก้ไข:" in build.log and "Traceback" not in build.log


def test_long_runs_are_segmented_in_chunks():
    run = "ทุเรียน" * 3000  # 21,000 characters, no space
    parts = chunks(run)
    assert "".join(parts) == run
    assert all(len(p) <= RUN_CHARS for p in parts) and len(parts) == 5
    for left, right in zip(parts, parts[1:], strict=False):
        assert right[0] not in "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49"
        assert left[-1] not in "เแโใไ"
    segmenter = Segmenter()
    started = time.perf_counter()
    terms = segmenter.terms("ส่งออกทุเรียน" * 40_000)  # 520,000 characters
    assert time.perf_counter() - started < 30
    assert set(terms) >= {"ส่งออก", "ทุเรียน"}
    assert segmenter.terms("กขฃคฅฆ" * 100) == [] and segmenter.terms("x" * 500) == []
