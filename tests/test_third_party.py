"""No third-party requests: every page type of a built site, loaded in
Chromium, requests nothing outside the site's origin, even an article whose
editor embedded images, frames and styles from elsewhere."""

from __future__ import annotations

import shutil
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from headers_server import start_server
from pagewatch import wait_for_results, watch
from sitebuild import ROOT, article, build_site, write_content

pytestmark = pytest.mark.browser

EMBEDS = """ย่อหน้าแรกของข่าวที่มีภาพและสื่อจากเว็บอื่น ทุเรียน

![ภาพจากเว็บอื่น](https://images.example.com/durian.jpg)

<img src="//cdn.example.net/pixel.gif" alt="pixel">
<img src="/images/local.png" srcset="https://cdn.example.net/big.png 2x" alt="srcset">
<iframe src="https://www.youtube.com/embed/xyz"></iframe>
<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Sarabun">
<script src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>
<video src="https://video.example.com/a.mp4" poster="https://video.example.com/a.jpg"></video>
<object data="https://plugins.example.com/x.swf"></object>
<p style="background: url(https://track.example.com/bg.png)">ย่อหน้ามีสไตล์</p>

[ลิงก์ไปเว็บอื่นเป็นเพียงลิงก์](https://www.example.org/)
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("third-party")
    shutil.copytree(ROOT / "content", root / "content")
    write_content(root / "content", {"news/2024/embeds.md": article(
        title="ข่าวมีสื่อจากเว็บอื่น", slug="embeds", tags="ทดสอบ", body=EMBEDS)})
    (root / "content" / "images").mkdir(exist_ok=True)
    shutil.copy(ROOT / "theme" / "static" / "img" / "favicon.svg",
                root / "content" / "images" / "local.png")
    build = build_site(root / "content", root / "output")
    assert build.returncode == 0, build.log
    assert "news/2024/embeds.md: removed from the HTML" in build.log
    server, url = start_server(build.output, headers=False)
    yield build, url
    server.shutdown()
    server.server_close()


def _first(output, pattern):
    path = sorted(output.glob(pattern))[0]
    return "/" + path.parent.relative_to(output).as_posix() + "/"


def page_paths(output):
    return {
        "home": "/",
        "article": _first(output, "news/*/*/*/index.html"),
        "article-with-embeds": "/news/2024/03/embeds/",
        "category": "/category/economy/",
        "tag": _first(output, "tag/*/index.html"),
        "archives": "/news/",
        "year-archive": "/news/2024/",
        "search": "/search.html?q=" + quote("ทุเรียน"),
        "static-page": "/about/",
        "404": "/no-such-page/",
    }


KINDS = ["home", "article", "article-with-embeds", "category", "tag", "archives",
         "year-archive", "search", "static-page", "404"]


@pytest.mark.parametrize("kind", KINDS)
def test_page_type_requests_only_its_own_origin(site, page, kind):
    build, url = site
    seen = watch(page)
    response = page.goto(url + page_paths(build.output)[kind])
    assert response.status == (404 if kind == "404" else 200)
    if kind == "search":
        assert wait_for_results(page), "the search found nothing"
    else:
        # The header box loads lunr and the engine on first use: use it too.
        page.locator("#header-q").press_sequentially("ทุเรียน", delay=5)
        page.wait_for_selector("#header-results:not([hidden]) li a")
    page.wait_for_load_state("networkidle")
    assert seen.off_origin(url) == []
    assert seen.errors == [] and seen.bad_responses == []
    assert any("/theme/vendor/sarabun/" in r for r in seen.requests)  # fonts: self-hosted


def test_embedded_media_became_links_or_went(site):
    build, _ = site
    soup = BeautifulSoup(build.read("news/2024/03/embeds/index.html"), "html.parser")
    body = soup.select_one(".article-body")
    assert not body.find_all(["iframe", "script", "link", "video", "object", "style"])
    assert [img["src"] for img in body.find_all("img")] == ["/images/local.png"]
    assert not body.find_all(style=True) and not body.find_all(srcset=True)
    links = [a["href"] for a in body.find_all("a")]
    assert "https://images.example.com/durian.jpg" in links  # the image, as a link
    assert "https://www.example.org/" in links


def test_no_page_refers_to_another_origin_for_a_resource(site):
    """Every built page, not only one per type: resources are local."""
    build, _ = site
    resource_links = ("stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch")
    for path in build.output.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        refs = [t.get("src") for t in soup.find_all(["script", "img", "iframe", "source",
                                                     "video", "audio", "embed"])]
        refs += [t.get("href") for t in soup.find_all("link")
                 if set(t.get("rel", [])) & set(resource_links)]
        for ref in filter(None, refs):
            assert ref.startswith("/") and not ref.startswith("//"), (path, ref)
