"""Build a fixture site with the real theme and plugins; assert on output files."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from sitebuild import article, build_site, write_content

ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _many(n: int) -> dict[str, str]:
    """n economy articles, one a day from 2022-01-01."""
    files = {}
    for i in range(n):
        day = 1 + i % 28
        month = 1 + i // 28
        files[f"news/2022/bulk-{i:03d}.md"] = article(
            title=f"ข่าวเศรษฐกิจลำดับที่ {i}", date=f"2022-{month:02d}-{day:02d} 09:00",
            category="ด้านเศรษฐกิจ", slug=f"bulk-{i:03d}", body=f"ย่อหน้าแรกของข่าวที่ {i}",
        )
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    files = {
        "news/2023/new-year-eve.md": article(
            title="ส่งท้ายปีเก่า", date="2023-12-31 20:00", category="ด้านสังคม",
            slug="new-year-eve", tags="ปีใหม่, ความปลอดภัย",
            summary="สรุปข่าวส่งท้ายปีเก่า", source="https://www.example.go.th/n/1",
            author="กองประชาสัมพันธ์"),
        "news/2024/new-year-day.md": article(
            title="วันขึ้นปีใหม่", date="2024-01-01 08:00", category="ด้านสังคม",
            slug="new-year-day", tags="ปีใหม่"),
        "news/2018/seed.md": article(
            title="ก.อุตฯ จัดสัมมนา", date="2018-07-20", category="ด้านเศรษฐกิจ", slug="seed"),
        # No Slug: the file name is the slug when it is one...
        "news/2024/plain-file-name.md": article(title="ไม่มีสลัก", date="2024-02-02"),
        # ...and a Thai file name gets a deterministic ASCII fallback.
        "news/2024/ข่าวภาษาไทย.md": article(title="ชื่อไฟล์ภาษาไทย", date="2024-02-03"),
        "news/2024/unknown-category.md": article(
            title="หมวดใหม่", date="2024-02-04", category="หมวดที่ไม่มีในรายการ",
            slug="unknown-category"),
        "news/2024/hostile.md": article(
            title='<script>alert("t")</script> ข่าว', date="2024-02-05",
            category="ด้านกฎหมายฯ", slug="hostile", tags="<b>แท็ก</b>",
            summary='"><img src=x onerror=alert(1)>', author="<i>ผู้เขียน</i>",
            source="javascript:alert(1)"),
        "pages/about.md": "Title: เกี่ยวกับเรา\nSlug: about\n\nเนื้อหาเกี่ยวกับเรา\n",
        **_many(45),
    }
    write_content(root / "content", files)
    build = build_site(root / "content", root / "output")
    assert build.returncode == 0, build.log
    return build


def soup(site, relpath):
    return BeautifulSoup(site.read(relpath), "html.parser")


def test_article_urls_are_ascii_and_dated(site):
    assert site.exists("news/2023/12/new-year-eve/index.html")
    assert site.exists("news/2024/01/new-year-day/index.html")
    assert site.exists("news/2024/02/plain-file-name/index.html")
    assert site.exists("about/index.html")
    for path in site.output.rglob("*"):
        assert path.relative_to(site.output).as_posix().isascii(), path


def test_thai_file_name_gets_stable_ascii_slug(site, tmp_path):
    found = [p for p in (site.output / "news/2024/02").iterdir() if p.name.startswith("news-")]
    assert len(found) == 1 and re.fullmatch(r"news-[0-9a-f]{8}", found[0].name)
    # Deterministic: a second build of the same file name gives the same URL.
    write_content(tmp_path / "content", {"news/2024/ข่าวภาษาไทย.md": article(date="2024-02-03")})
    again = build_site(tmp_path / "content", tmp_path / "output")
    assert again.exists(f"news/2024/02/{found[0].name}/index.html")


def test_category_and_tag_urls(site):
    assert site.exists("category/society/index.html")
    assert site.exists("category/economy/index.html")
    unknown = [p.name for p in (site.output / "category").iterdir() if p.is_dir()]
    assert all(name.isascii() for name in unknown)
    assert len(unknown) == 4  # society, economy, law, and the unknown Thai category
    tags = [p.name for p in (site.output / "tag").iterdir() if p.is_dir()]
    assert tags and all(re.fullmatch(r"[a-z0-9-]+", t) for t in tags)


def test_buddhist_era_dates_around_new_year(site):
    eve = soup(site, "news/2023/12/new-year-eve/index.html")
    day = soup(site, "news/2024/01/new-year-day/index.html")
    assert eve.select_one(".article-meta time").get_text() == "วันอาทิตย์ที่ 31 ธันวาคม 2566"
    assert eve.select_one(".article-meta time")["datetime"].startswith("2023-12-31T20:00")
    assert day.select_one(".article-meta time").get_text() == "วันจันทร์ที่ 1 มกราคม 2567"
    seed = soup(site, "news/2018/07/seed/index.html")
    assert seed.select_one(".article-meta time").get_text() == "วันศุกร์ที่ 20 กรกฎาคม 2561"
    listing = soup(site, "category/society/index.html").get_text()
    assert "31 ธ.ค. 2566" in listing and "1 ม.ค. 2567" in listing


def test_period_archives_use_buddhist_era(site):
    year = soup(site, "news/2024/index.html")
    assert "2567" in year.h1.get_text()
    month = soup(site, "news/2023/12/index.html")
    assert month.h1.get_text() == "ข่าวประจำเดือนธันวาคม 2566"
    archives = soup(site, "news/index.html").get_text()
    assert "พ.ศ. 2565" in archives and "พ.ศ. 2561" in archives and "2022" not in archives


def test_every_page_is_thai(site):
    pages = list(site.output.rglob("*.html"))
    assert len(pages) > 60
    for path in pages:
        html = re.search(r"<html\b[^>]*>", path.read_text(encoding="utf-8")).group(0)
        assert re.search(r'\slang="th"[\s>]', html), (path, html)


def test_no_inline_script_or_style(site):
    for path in site.output.rglob("*.html"):
        html = soup(site, path.relative_to(site.output).as_posix())
        for script in html.find_all("script"):
            if script.get("type") == "application/ld+json":
                # A data block, never run (CSP script-src does not apply): it
                # must hold only JSON, with nothing that could end the element.
                assert "<" not in script.string, path
                json.loads(script.string)
                continue
            assert script.get("src"), f"inline script in {path}"
        assert not html.find_all("style"), path
        assert not html.find_all(style=True), path


def test_article_page_parts(site):
    page = soup(site, "news/2023/12/new-year-eve/index.html")
    assert page.select_one("h1.article-title").get_text() == "ส่งท้ายปีเก่า"
    assert page.select_one(".article-lead").get_text() == "สรุปข่าวส่งท้ายปีเก่า"
    assert page.select_one(".article-category a")["href"] == "/category/society/"
    assert page.select_one(".article-source a")["href"] == "https://www.example.go.th/n/1"
    assert [a.get_text() for a in page.select(".tag-list a")] == ["#ปีใหม่", "#ความปลอดภัย"]
    newer = page.select_one(".neighbours .newer a")
    assert newer["href"] == "/news/2024/01/new-year-day/"
    assert page.select_one("a.skip-link")["href"] == "#main"
    form = page.select_one("form.header-search")
    assert form["action"] == "/search.html" and form.select_one("input")["name"] == "q"


def test_pagination(site):
    # 48 economy articles (45 bulk + 3) at 20 a page: 3 pages, linked both ways.
    first = soup(site, "category/economy/index.html")
    assert len(first.select(".card")) == 20
    assert first.select_one('a[rel="next"]')["href"] == "/category/economy/page/2/"
    third = soup(site, "category/economy/page/3/index.html")
    assert len(third.select(".card")) == 8
    assert third.select_one('a[rel="prev"]')["href"] == "/category/economy/page/2/"
    assert site.exists("page/2/index.html") and site.exists("page/3/index.html")
    assert site.exists("news/2022/page/2/index.html")


def test_feeds(site):
    feed = ET.fromstring(site.read("feeds/all.atom.xml"))
    entries = feed.findall(f"{ATOM}entry")
    assert 0 < len(entries) <= 50
    updated = entries[0].find(f"{ATOM}updated").text
    assert re.match(r"\d{4}-\d\d-\d\dT", updated)  # ISO, not Buddhist era
    society = ET.fromstring(site.read("feeds/category/society.atom.xml"))
    titles = [e.find(f"{ATOM}title").text for e in society.findall(f"{ATOM}entry")]
    assert titles == ["วันขึ้นปีใหม่", "ส่งท้ายปีเก่า"]


def test_sitemap_robots_404(site):
    urls = {u.find(f"{SM}loc").text for u in ET.fromstring(site.read("sitemap.xml"))}
    assert "http://localhost:8000/news/2023/12/new-year-eve/" in urls
    assert "http://localhost:8000/about/" in urls
    assert "http://localhost:8000/category/economy/" in urls
    assert len([u for u in urls if "/news/" in u]) == 52
    assert "Sitemap: http://localhost:8000/sitemap.xml" in site.read("robots.txt")
    assert "404" in soup(site, "404.html").h1.get_text()


def test_metadata_is_escaped(site):
    raw = site.read("news/2024/02/hostile/index.html")
    assert "<script>alert" not in raw and "&lt;script&gt;" in raw
    assert "<img src=x" not in raw
    assert "<i>ผู้เขียน</i>" not in raw
    page = soup(site, "news/2024/02/hostile/index.html")
    assert not page.select('a[href^="javascript:"]')
    assert page.select_one("h1").get_text() == '<script>alert("t")</script> ข่าว'
    listing = site.read("category/law/index.html")
    assert "<script>alert" not in listing and "<img src=x" not in listing
    feed = site.read("feeds/all.atom.xml")
    assert "<script>alert" not in feed
