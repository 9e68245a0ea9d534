"""Share previews: Open Graph, X card, canonical URLs, NewsArticle JSON-LD,
share images and share links, on real builds (tests/trust_site.py)."""

from __future__ import annotations

import io
import json
import re
import shutil
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from PIL import Image, features

from sitebuild import ROOT, article, build_site, write_content
from thai_share import default_image
from thai_share.meta import check_site_url, page_path, script_json, share_links
from thai_share.share_image import cover_crop, render_share_image
from trust_site import GREEN, HOSTILE_TITLE, wide_jpeg

ORIGIN = "http://localhost:8000"
DURIAN = "news/2024/03/durian-photo/index.html"


def soup(build, relpath):
    return BeautifulSoup(build.read(relpath), "html.parser")


def og(page, prop):
    tag = page.find("meta", attrs={"property": prop}) or page.find("meta", attrs={"name": prop})
    return tag["content"] if tag else None


def json_ld(page) -> dict:
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


# schema.org NewsArticle: the properties Google's Article rich result needs
# (headline, image, datePublished, author, publisher with name and logo) and
# those it recommends; the types of their values.
def check_news_article(data: dict, url: str) -> None:
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    for key in ("headline", "image", "datePublished", "dateModified", "author", "publisher",
                "mainEntityOfPage", "description", "url", "inLanguage"):
        assert data.get(key), f"NewsArticle.{key} missing"
    assert isinstance(data["headline"], str) and len(data["headline"]) <= 110
    assert data["image"] and all(i.startswith(("http://", "https://")) for i in data["image"])
    for key in ("datePublished", "dateModified"):
        stamp = datetime.fromisoformat(data[key])
        assert stamp.tzinfo is not None, f"{key} needs a time zone"
    for author in data["author"]:
        assert author["@type"] in ("Person", "Organization") and author["name"]
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization" and publisher["name"]
    logo = publisher["logo"]
    assert logo["@type"] == "ImageObject" and logo["url"].startswith(("http://", "https://"))
    assert logo["width"] <= 600 and logo["height"] <= 60
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url} and data["url"] == url
    known = {"@context", "@type", "mainEntityOfPage", "url", "headline", "description", "image",
             "datePublished", "dateModified", "author", "publisher", "articleSection",
             "inLanguage", "isAccessibleForFree", "keywords"}
    assert set(data) <= known, set(data) - known


# --- pure functions ---------------------------------------------------------

def test_script_json_cannot_end_the_script_element():
    text = script_json({"t": "</script><script>alert(1)</script> <!-- & \u2028 ข่าว"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"t": "</script><script>alert(1)</script> <!-- & \u2028 ข่าว"}


def test_page_paths_and_site_url():
    assert page_path("index.html") == ""
    assert page_path("category/economy/page/2/index.html") == "category/economy/page/2/"
    assert page_path("search.html") == "search.html"
    assert check_site_url("https://news.example.go.th/") == "https://news.example.go.th"
    for bad in ("", "/", "news.example.go.th", "ftp://x.example", "https://x.example/?a=1"):
        with pytest.raises(ValueError):
            check_site_url(bad)


def test_share_links_encode_the_url_and_title():
    url = "https://news.example.go.th/news/2024/03/a-b/?x=1&y=2#top"
    title = "ครม. & งบ 100% #ข่าว"
    links = {link["service"]: urlsplit(link["href"]) for link in share_links(url, title)}
    assert set(links) == {"facebook", "line", "x"}
    assert (links["facebook"].netloc, links["facebook"].path) == (
        "www.facebook.com", "/sharer/sharer.php")
    assert parse_qs(links["facebook"].query) == {"u": [url]}
    assert (links["line"].scheme, links["line"].netloc, links["line"].path) == (
        "https", "social-plugins.line.me", "/lineit/share")
    assert parse_qs(links["line"].query) == {"url": [url]}
    assert (links["x"].netloc, links["x"].path) == ("twitter.com", "/intent/tweet")
    assert parse_qs(links["x"].query) == {"url": [url], "text": [title]}
    for link in share_links(url, title):
        query = urlsplit(link["href"]).query
        assert re.fullmatch(r"[A-Za-z0-9%=&._~-]*", query), query  # all encoded


def test_cover_crop_is_centred_both_ways():
    tall = Image.new("RGB", (600, 1800), (255, 0, 0))
    tall.paste(GREEN, (0, 300, 600, 1500))
    out = cover_crop(tall, (1200, 630))
    assert out.size == (1200, 630)
    assert out.getpixel((600, 0)) == GREEN and out.getpixel((600, 629)) == GREEN


def test_share_image_flattens_rotates_and_rejects_non_images():
    rgba = Image.new("RGBA", (1300, 700), (0, 0, 0, 0))
    buffer = io.BytesIO()
    rgba.save(buffer, "PNG")
    jpeg, size = render_share_image(buffer.getvalue(), (1200, 630), 85)
    assert size == (1300, 700)
    with Image.open(io.BytesIO(jpeg)) as image:
        assert image.format == "JPEG" and image.size == (1200, 630)
        assert min(image.getpixel((600, 315))) > 245  # transparent became white
    portrait = Image.new("RGB", (630, 1200), (0, 0, 255))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90°: the photo is really landscape
    buffer = io.BytesIO()
    portrait.save(buffer, "JPEG", exif=exif)
    jpeg, _ = render_share_image(buffer.getvalue(), (1200, 630), 85)
    assert Image.open(io.BytesIO(jpeg)).size == (1200, 630)
    with pytest.raises(OSError):
        render_share_image(b"not an image", (1200, 630), 85)


@pytest.mark.skipif(not features.check_feature("raqm"), reason="Thai layout needs raqm")
def test_default_images_are_reproducible(tmp_path):
    """The committed images are exactly what the script draws."""
    import pelicanconf

    made = default_image.write_images(tmp_path, pelicanconf.SITENAME, pelicanconf.SITESUBTITLE)
    for path in made:
        committed = ROOT / "theme" / "static" / "img" / path.name
        with Image.open(path) as new, Image.open(committed) as old:
            assert new.size == old.size and new.tobytes() == old.tobytes(), path.name
    with Image.open(made[0]) as image:
        assert image.size == (1200, 630)


# --- built pages ------------------------------------------------------------

def test_article_open_graph_and_x_card(trust_site):
    page = soup(trust_site, DURIAN)
    url = f"{ORIGIN}/news/2024/03/durian-photo/"
    assert page.find("link", rel="canonical")["href"] == url
    assert og(page, "og:type") == "article"
    assert og(page, "og:title") == "ครม. เห็นชอบมาตรการส่งออกทุเรียน"
    assert og(page, "og:description") == "รัฐบาลเร่งส่งออกทุเรียนไปจีน"
    assert og(page, "og:url") == url
    assert og(page, "og:locale") == "th_TH" and og(page, "og:site_name") == "ศูนย์ข่าวรัฐบาล"
    assert og(page, "article:published_time") == "2024-03-01T09:00:00+07:00"
    assert og(page, "article:section") == "ด้านเศรษฐกิจ"
    assert [t["content"] for t in page.find_all("meta", property="article:tag")] == [
        "ทุเรียน", "ส่งออก"]
    image = og(page, "og:image")
    assert re.fullmatch(rf"{ORIGIN}/share/[0-9a-f]{{20}}\.jpg", image)
    assert (og(page, "og:image:width"), og(page, "og:image:height")) == ("1200", "630")
    assert og(page, "og:image:type") == "image/jpeg"
    assert og(page, "og:image:alt") == "ครม. เห็นชอบมาตรการส่งออกทุเรียน"
    assert og(page, "twitter:card") == "summary_large_image"
    assert og(page, "twitter:image") == image
    assert og(page, "twitter:title") == og(page, "og:title")
    check_news_article(json_ld(page), url)
    assert json_ld(page)["image"] == [image]
    # The lead image in the body is thai_images' responsive copy, not the share crop.
    lead = page.select_one(".article-image img")
    assert lead["src"].startswith("/img/wide-") and lead.get("srcset")
    assert not image.endswith(lead["src"])


def test_share_image_is_a_centred_1200x630_crop(trust_site):
    name = og(soup(trust_site, DURIAN), "og:image").removeprefix(ORIGIN + "/")
    with Image.open(trust_site.output / name) as image:
        assert image.format == "JPEG" and image.size == (1200, 630)
        for x in (2, 600, 1197):  # the red and blue edge bands were cut off
            r, g, b = image.getpixel((x, 315))
            assert g > 120 and r < 40 and b < 40, (x, (r, g, b))


def test_article_without_image_uses_the_default(trust_site):
    page = soup(trust_site, "news/2024/03/cabinet-english/index.html")
    assert og(page, "og:image") == f"{ORIGIN}/theme/img/share-default.png"
    assert og(page, "og:image:type") == "image/png"
    assert trust_site.exists("theme/img/share-default.png")
    check_news_article(json_ld(page), f"{ORIGIN}/news/2024/03/cabinet-english/")


def test_small_transparent_image_is_flattened_with_a_warning(trust_site):
    page = soup(trust_site, "news/2024/03/small-image/index.html")
    name = og(page, "og:image").removeprefix(ORIGIN + "/")
    with Image.open(trust_site.output / name) as image:
        assert image.size == (1200, 630) and image.mode == "RGB"
    assert "small.png is 400×400; share previews look blurry" in trust_site.log


def test_hostile_title_stays_inside_the_json_ld(trust_site):
    raw = trust_site.read("news/2024/03/hostile-title/index.html")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S).group(1)
    assert "<" not in block
    data = json.loads(block)
    assert data["headline"] == HOSTILE_TITLE.replace("\u2028", "").strip()
    check_news_article(data, f"{ORIGIN}/news/2024/03/hostile-title/")
    page = BeautifulSoup(raw, "html.parser")
    assert [s.get("src") for s in page.find_all("script") if s.get("type") != "module"] == [
        "/theme/js/text-size-early.js", None]  # no script element but ours
    assert og(page, "og:title") == data["headline"]


def test_other_pages_are_websites_with_their_own_canonical(trust_site):
    for relpath, url in (("index.html", f"{ORIGIN}/"),
                         ("category/society/index.html", f"{ORIGIN}/category/society/"),
                         ("category/society/page/2/index.html",
                          f"{ORIGIN}/category/society/page/2/"),
                         ("about/index.html", f"{ORIGIN}/about/"),
                         ("search.html", f"{ORIGIN}/search.html")):
        page = soup(trust_site, relpath)
        assert page.find("link", rel="canonical")["href"] == url, relpath
        assert og(page, "og:type") == "website" and og(page, "og:url") == url
        assert og(page, "og:title") == page.title.get_text()
        assert og(page, "og:image") == f"{ORIGIN}/theme/img/share-default.png"
        assert og(page, "og:image:width") == "1200" and og(page, "og:locale") == "th_TH"
        assert og(page, "twitter:card") == "summary_large_image"
        assert not page.find_all("script", type="application/ld+json")
    assert og(soup(trust_site, "about/index.html"), "og:description") == "เกี่ยวกับเว็บไซต์"
    missing = soup(trust_site, "404.html")
    assert missing.find("link", rel="canonical") is None
    # Served with status 404 (never indexed) and left out of the sitemap.
    assert missing.find("meta", attrs={"name": "robots"}) is None
    assert "404" not in (trust_site.output / "sitemap.xml").read_text("utf-8")


def test_share_buttons_are_plain_links(trust_site):
    page = soup(trust_site, DURIAN)
    url = f"{ORIGIN}/news/2024/03/durian-photo/"
    links = page.select(".share a.share-link")
    assert [a.get_text(" ", strip=True).split(" ")[0] for a in links] == ["Facebook", "LINE", "X"]
    for a in links:
        assert a["target"] == "_blank" and set(a["rel"]) == {"noopener", "noreferrer"}
        assert a["href"].startswith("https://") and "line://" not in a["href"]
        assert url in [v[0] for v in parse_qs(urlsplit(a["href"]).query).values()]
    copy = page.select_one(".share button.share-copy")
    # Hidden without JavaScript by site.css (html.js shows it; the browser
    # test test_controls_that_need_js_are_hidden_without_it checks it).
    assert copy["data-url"] == url and "share-copy-item" in copy.find_parent("li")["class"]
    assert not page.select(".share script, .share iframe, .share img")


def test_publish_build_uses_siteurl(tmp_path):
    content = write_content(tmp_path / "content", {
        "images/p.jpg": wide_jpeg(),
        "news/2024/pub.md": article(title="ข่าวเผยแพร่", date="2024-05-01 10:00", slug="pub",
                                    image="images/p.jpg", imagealt="ภาพประกอบข่าว")})
    site = "https://news.example.go.th"
    build = build_site(content, tmp_path / "output", settings="publishconf.py",
                       extra={"SITEURL": site})
    assert build.returncode == 0, build.log
    page = soup(build, "news/2024/05/pub/index.html")
    assert page.find("link", rel="canonical")["href"] == f"{site}/news/2024/05/pub/"
    assert og(page, "og:image").startswith(f"{site}/share/")
    assert json_ld(page)["publisher"]["logo"]["url"] == f"{site}/theme/img/publisher-logo.png"
    home = soup(build, "index.html")
    assert og(home, "og:url") == f"{site}/" and og(home, "og:image").startswith(site)


def test_share_images_are_cached_by_content(tmp_path):
    files = {"images/a.jpg": wide_jpeg(),
             "news/2024/a.md": article(title="ภาพ", date="2024-05-01", slug="a",
                                       image="images/a.jpg", imagealt="ภาพประกอบข่าว")}
    content = write_content(tmp_path / "content", files)
    first = build_site(content, tmp_path / "out1")
    assert first.returncode == 0, first.log
    cache = tmp_path / "pelican-cache" / "thai_share"
    [cached] = list(cache.glob("*.checked"))  # the JPEG and its checksum
    stamp = cached.stat().st_mtime_ns
    again = build_site(content, tmp_path / "out1", verbose=True)
    assert "thai_share: 1 share images (0 made, 1 from the cache)" in again.log
    assert cached.stat().st_mtime_ns == stamp
    name = og(soup(first, "news/2024/05/a/index.html"), "og:image")
    # A changed picture is a new file (and URL): caches and previews refresh.
    image = Image.new("RGB", (1200, 630), (9, 9, 9))
    image.save(content / "images" / "a.jpg", "JPEG")
    changed = build_site(content, tmp_path / "out1", verbose=True)
    assert "(1 made, 0 from the cache)" in changed.log
    assert og(soup(changed, "news/2024/05/a/index.html"), "og:image") != name
    assert [p.name for p in cache.glob("*.checked")] != [cached.name]  # the old one is gone


@pytest.mark.parametrize("image, problem", [
    ("images/missing.jpg", "Image images/missing.jpg not found"),
    ("../../etc/passwd", "Image ../../etc/passwd not found"),
    ("images/broken.jpg", "bad.md:5: Image: 'images/broken.jpg': อ่านไฟล์ภาพไม่ได้"),
])
def test_bad_image_field_is_a_clear_warning_and_a_ci_error(tmp_path, image, problem):
    content = write_content(tmp_path / "content", {
        "images/broken.jpg": b"this is not a jpeg",
        "news/2024/bad.md": article(title="ภาพเสีย", date="2024-05-01", slug="bad",
                                    image=image, imagealt="ภาพ")})
    local = build_site(content, tmp_path / "local")
    assert local.returncode == 0, local.log  # the preview still builds...
    assert problem in local.log and "Traceback" not in local.log
    default = og(soup(local, "news/2024/05/bad/index.html"), "og:image")
    assert default.endswith("share-default.png")  # ...with the site's share image
    ci = build_site(content, tmp_path / "ci", args=("--fatal-warnings",))
    assert ci.returncode == 1 and problem in ci.log and "Traceback" not in ci.log
    assert "treated as errors (--fatal-warnings)" in ci.log


def test_unknown_settings_and_bad_default_image_are_refused(tmp_path):
    content = write_content(tmp_path / "content", {"news/a.md": article(slug="a")})
    bad = build_site(content, tmp_path / "o1", extra={"THAI_SHARE": {"colour": 1}})
    assert bad.returncode == 1 and "unknown THAI_SHARE keys: colour" in bad.log
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    Image.new("RGB", (800, 800)).save(theme / "static" / "img" / "share-default.png")
    wrong = build_site(content, tmp_path / "o2", extra={"THEME": str(theme)})
    assert wrong.returncode == 1 and "share-default.png must be 1200×630" in wrong.log
