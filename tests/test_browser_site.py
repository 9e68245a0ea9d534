"""The sample site in real headless Chromium: pages render in the
self-hosted Sarabun font and nothing is requested outside localhost."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def _first(sample_site, pattern):
    path = sorted(sample_site.output.glob(pattern))[0]
    return "/" + path.parent.relative_to(sample_site.output).as_posix() + "/"


@pytest.mark.parametrize("kind", ["home", "article", "category", "archive", "page"])
def test_page_renders_with_sarabun_and_stays_local(sample_site, sample_url, page, kind):
    path = {
        "home": "/",
        "article": _first(sample_site, "news/*/*/*/index.html"),
        "category": "/category/economy/",
        "archive": "/news/",
        "page": "/about/",
    }[kind]
    requests, failures = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failures.append(r.url))
    page.on("pageerror", lambda e: failures.append(str(e)))
    response = page.goto(sample_url + path)
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")

    outside = [u for u in requests if urlsplit(u).hostname not in ("127.0.0.1", "localhost")]
    assert outside == [] and failures == []
    fonts = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert "Sarabun" in fonts
    assert any("/theme/vendor/sarabun/" in u for u in requests)
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.startswith('"Sarabun"') or family.startswith("Sarabun")
    assert page.evaluate("document.documentElement.lang") == "th"
    # Responsive: nothing wider than a 320 px phone screen.
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_header_search_submits_to_search_page(sample_url, page):
    page.goto(sample_url + "/")
    page.fill("#header-q", "ทุเรียน")
    page.press("#header-q", "Enter")
    page.wait_for_url("**/search.html?q=*")
    assert "q=%E0%B8%97" in page.url
