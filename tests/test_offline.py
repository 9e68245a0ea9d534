"""Offline reading: the service worker written at the site root keeps the
pages a reader opened, the search code and fonts, and the index pieces a
search fetched; offline (Chromium offline and the server stopped), the
pages reload and the same searches give the same results."""

from __future__ import annotations

import re
import shutil
from urllib.parse import quote

import pytest

from headers_server import start_server
from pagewatch import wait_for_results, wait_until, watch
from sitebuild import ROOT, build_site
from thai_offline.offline import build_version, matching_files

FIXTURE = ROOT / "tests" / "fixtures" / "search_site"
ARTICLE = "/news/2024/03/durian-export/"
UNREAD = "/news/2025/05/textile-week/"  # never opened in the test


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("offline")
    shutil.copytree(FIXTURE, root / "content")
    build = build_site(root / "content", root / "output")
    assert build.returncode == 0, build.log
    return build


def test_worker_is_at_the_root_with_a_build_version(built):
    worker = built.read("sw.js")
    version = re.search(r'const VERSION = "([0-9a-f]{12})";', worker)
    assert version
    for name in ("theme/css/site.css", "theme/js/search/engine.js",
                 "theme/vendor/lunr/lunr.min.js",
                 "theme/vendor/sarabun/sarabun-thai-400-normal.woff2"):
        assert f'"{name}"' in worker, name
    page = built.read("index.html")
    assert 'data-service-worker="/sw.js"' in page and "/theme/js/offline.js" in page
    assert "<script>" not in worker and "{{" not in worker  # fully rendered


def test_version_changes_with_any_precached_file(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text("a{}")
    (tmp_path / "js.js").write_text("x")
    files = matching_files(tmp_path, ["css/*.css", "*.js"])
    assert files == ["css/site.css", "js.js"]
    first = build_version(tmp_path, files, "worker source")
    assert build_version(tmp_path, files, "worker source") == first
    (tmp_path / "css" / "site.css").write_text("a{color:red}")
    assert build_version(tmp_path, files, "worker source") != first
    assert build_version(tmp_path, files, "new worker source") != first


def index_sources(page):
    """(matched, final) router sources of the index files this page fetched."""
    return [tuple(pair) for pair in page.evaluate(
        """performance.getEntriesByType('resource')
             .filter((e) => new URL(e.name).pathname.startsWith('/search/'))
             .map((e) => [e.workerMatchedSourceType, e.workerFinalSourceType])""")]


def first_snippet(page) -> str:
    """The first result's snippet, once its text file has come."""
    wait_until(page, "document.querySelector('#search-results .result-snippet')"
                     "?.textContent.length > 0")
    return page.inner_text("#search-results .result-snippet")


def results(page):
    return [href.rsplit("/", 2)[-2] for href in wait_for_results(page)]


@pytest.mark.browser
def test_read_and_search_again_offline(built, worker_page):
    server, url = start_server(built.output, headers=False)
    page = worker_page
    seen = watch(page)
    try:
        page.goto(url + "/")  # the first page: opened before the worker ran
        wait_until(page, "navigator.serviceWorker.ready"
                         ".then(r => r.active.state === 'activated')")
        wait_until(page, "navigator.serviceWorker.controller !== null")
        wait_until(page, "caches.open('thai-news-pages').then(c => c.match(location.href))"
                         ".then(Boolean)")
        page.goto(url + ARTICLE)
        title = page.inner_text("h1")
        page.goto(f"{url}/search.html?q={quote('ทุเรียน')}")
        online = results(page)
        assert online == ["durian-export", "durian-drought"]
        snippet = first_snippet(page)
        assert "ทุเรียน" in snippet
        page.fill("#search-q", "อัมพวา")  # a second search, typed
        page.press("#search-q", "Enter")
        typed = results(page)
        assert typed == ["amphawa-market", "seminar-amphawa"]
        page.wait_for_load_state("networkidle")
        # The worker's static route sent the index files to the network (its
        # code never ran for them); the page stored them, when idle, in the
        # index cache, for offline searches.
        sources = index_sources(page)
        assert sources and set(sources) == {("network", "network")}, sources
        wait_until(page, "caches.open('thai-news-index').then(c => c.keys()).then(keys =>"
                         " keys.filter(k => k.url.includes('/search/t/')).length >= 2)")
        wait_until(page, "caches.open('thai-news-index').then(c => c.keys()).then(keys =>"
                         " keys.some(k => /\\/search\\/x\\/[0-9a-f]+\\.txt$/.test(k.url)))")
    finally:
        server.shutdown()
        server.server_close()
    page.context.set_offline(True)
    assert seen.errors == [] and seen.bad_responses == []

    page.goto(url + ARTICLE)
    assert page.inner_text("h1") == title
    page.reload()
    assert page.inner_text("h1") == title
    assert page.evaluate("document.fonts.check('16px Sarabun')")
    page.goto(url + "/")
    assert page.query_selector(".card-title a")

    page.goto(f"{url}/search.html?q={quote('ทุเรียน')}")
    assert results(page) == online
    assert first_snippet(page) == snippet  # its text file, from the index cache
    page.reload()
    assert results(page) == online
    page.fill("#search-q", "อัมพวา")
    page.press("#search-q", "Enter")
    assert results(page) == typed

    # The header box on an article, offline, uses the same cached pieces.
    page.goto(url + ARTICLE)
    page.locator("#header-q").press_sequentially("ทุเรียน", delay=5)
    page.wait_for_selector("#header-results:not([hidden]) li a")
    assert "พบ 2 ข่าว" in page.inner_text("#header-results")

    # A page never opened: a Thai message, not the browser's error page.
    response = page.goto(url + UNREAD)
    assert response.status == 503
    assert "ไม่มีการเชื่อมต่อ" in page.inner_text("h1")
