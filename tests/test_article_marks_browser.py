"""The search words marked on the article a search result leads to (issue
#18), in headless Chromium over a built site: the same reading of the query
as the search's (tone marks respected, glued runs only where their words
stand together), the URL left as the article's own, the marks cleared by a
button, and hostile highlight parameters cut and shown as text."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlencode, urlsplit

import pytest

from sitebuild import article, build_site, serve, write_content

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """A tone-mark twin beside the word: ข่าว (news) and ขาว (white); a glued
    run that stands together once, and whose words stand apart elsewhere."""
    root = tmp_path_factory.mktemp("marks-site")
    write_content(root / "content", {
        "news/twin.md": article(
            title="ข่าวดีของชาวสวนยาง", date="2021-06-01 10:00", slug="twin", tags="ข่าวเกษตร",
            body="""
            ราคายางพาราวันนี้สูงขึ้น ชาวสวนสวมเสื้อสีขาวมารับข่าวสาร

            ส่วนราคากลางของยางมะตอยไม่เปลี่ยน และผ้าขาวยังขายดี
            """),
        "news/other.md": article(title="ตลาดผ้าฝ้าย", date="2021-07-01 10:00", slug="other",
                                 body="ผ้าฝ้ายสีขาวจากชุมชน"),
    })
    build = build_site(root / "content", root / "output")
    assert build.returncode == 0, build.log
    server, url = serve(build.output)
    yield url
    server.shutdown()


def search(page, site_url, q):
    page.goto(f"{site_url}/search.html?{urlencode({'q': q}, quote_via=quote)}")
    page.wait_for_function(
        "document.getElementById('search-results').getAttribute('aria-busy') === 'false'")
    return page.eval_on_selector_all(
        "#search-results li.result a:first-of-type", "xs => xs.map(x => x.href)")


def test_result_links_carry_the_query(page, site_url):
    (href,) = search(page, site_url, "ข่าว")
    assert urlsplit(href).path == "/news/2021/06/twin/"
    assert parse_qs(urlsplit(href).query) == {"highlight": ["ข่าว"]}


def marks(page):
    return page.eval_on_selector_all("mark.search-mark", "ms => ms.map(m => m.textContent)")


def test_the_words_searched_are_marked_on_the_article(page, site_url):
    search(page, site_url, "ข่าว")
    page.click("#search-results li.result a")
    page.wait_for_selector(".search-marks-bar")
    # the URL is the article's own again
    assert urlsplit(page.url).path == "/news/2021/06/twin/" and urlsplit(page.url).query == ""
    found = marks(page)
    assert found == ["ข่าว", "ข่าว", "ข่าว"]  # title, body, tag; never ขาว
    assert "ขาว" in page.inner_text(".article-body")
    assert "3 แห่ง" in page.inner_text(".search-marks-bar")
    # scrolled to the first, which is on screen
    assert page.evaluate("""(() => { const r = document.querySelector('mark.search-mark')
        .getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()""")
    before = page.inner_text("article")
    page.click(".search-marks-bar button")
    assert marks(page) == [] and page.locator(".search-marks-bar").count() == 0
    assert page.inner_text("article") == before
    assert page.evaluate("document.activeElement.matches('h1')")


def test_the_tone_mark_twin_and_glued_runs_on_the_article(page, site_url):
    page.goto(f"{site_url}/news/2021/06/twin/?highlight={quote('ขาว')}")
    page.wait_for_selector(".search-marks-bar")
    assert marks(page) == ["ขาว", "ขาว"]  # สีขาว, ผ้าขาว; not ข่าว
    page.goto(f"{site_url}/news/2021/06/twin/?highlight={quote('ราคายาง')}")
    page.wait_for_selector(".search-marks-bar")
    assert marks(page) == ["ราคายาง"]  # not ราคา(กลางของ)ยาง
    page.goto(f"{site_url}/news/2021/06/twin/?highlight={quote('ราคา ยาง')}")
    page.wait_for_selector(".search-marks-bar")
    assert marks(page) == ["ยาง", "ราคา", "ยาง", "ราคา", "ยาง"]  # title, then body


# 10,000 characters: Latin, so that the URL stays within what servers take
# (the Thai cut is unit-tested in tests/js/query-marks.test.js).
@pytest.mark.parametrize("value", ["ข่าว " + "a" * 9995, "<img src=x onerror=alert(1)>ข่าว",
                                   "</mark><script>alert(1)</script>"])
def test_a_hostile_highlight_is_cut_and_escaped(page, site_url, value):
    alerts = []
    page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
    page.goto(f"{site_url}/news/2021/06/twin/?{urlencode({'highlight': value})}")
    page.wait_for_selector(".search-marks-bar")
    assert urlsplit(page.url).query == ""
    shown = page.inner_text(".search-marks-bar bdi")
    assert len(shown) <= 41 and value.startswith(shown.rstrip("…"))
    assert page.query_selector("article img, article script, .search-marks-bar img") is None
    assert alerts == []
    for text in marks(page):
        assert text in value  # only words of the query, as written in the article


def test_a_marked_article_passes_axe(page, site_url):
    from test_a11y_browser import FAILING, run_axe

    page.goto(f"{site_url}/news/2021/06/twin/?highlight={quote('ข่าว')}")
    page.wait_for_selector(".search-marks-bar")
    failing = [v for v in run_axe(page)["violations"] if v["impact"] in FAILING]
    assert failing == []
