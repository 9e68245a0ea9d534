"""Search survives hostile queries in Chromium: very long, only punctuation,
lunr syntax, invalid UTF-16, empty. Each ends with results or a message
(never the error message), quickly, with no exception or console error."""

from __future__ import annotations

import shutil
import time
from urllib.parse import quote

import pytest

from headers_server import start_server
from pagewatch import wait_until, watch
from sitebuild import ROOT, build_site

pytestmark = pytest.mark.browser
FIXTURE = ROOT / "tests" / "fixtures" / "search_site"
SECONDS = 8


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-queries")
    shutil.copytree(FIXTURE, root / "content")
    build = build_site(root / "content", root / "output")
    assert build.returncode == 0, build.log
    server, url = start_server(build.output, headers=False)
    yield url
    server.shutdown()
    server.server_close()


def outcome(page) -> dict:
    """What the search page shows once it is done."""
    wait_until(page, "document.getElementById('search-results').getAttribute('aria-busy')"
                     " === 'false'", timeout=SECONDS)
    return page.evaluate("""() => {
        const r = document.getElementById("search-results");
        return {
          results: r.querySelectorAll("li.result").length,
          empty: r.querySelector(".search-empty")?.textContent ?? null,
          note: r.querySelector(".search-partial")?.textContent ?? null,
          error: r.querySelector(".search-error")?.textContent ?? null,
          status: document.getElementById("search-status").textContent,
        };
    }""")


# query -> what the reader must see: "results", "empty" (a message), or "prompt".
# Operators are text: title:ทุเรียน is the words title and ทุเรียน, which no
# article has together (the page offers each word as its own search).
URL_QUERIES = {
    "a" * 10_000: "empty",
    ("ทุเรียน " * 1300)[:5000]: "results",  # 45 KB of URL, under the server's limit
    "!!!???...,,,;;;": "empty",
    "«»—…‘’“”()[]{}<>": "empty",
    "🎉🇹🇭🔥": "empty",
    "title:ทุเรียน": "empty",
    "title:": "empty",
    "ทุเรียน~1": "results",
    "ทุเรียน^10": "empty",
    "ทุเร*": "results",
    "+ทุเรียน -ส่งออก": "results",
    "*": "empty", "~": "empty", "^": "empty", "-": "empty", "+": "empty", ":": "empty",
    "+-~^*:": "empty",
    "constructor": "empty",
    "__proto__": "empty",
    "ทุเรียน constructor": "empty",
    "": "prompt",
    "   ": "prompt",
}


@pytest.mark.parametrize("query", list(URL_QUERIES), ids=range(len(URL_QUERIES)))
def test_hostile_query_in_the_url(site_url, page, query):
    seen = watch(page)
    started = time.monotonic()
    page.goto(f"{site_url}/search.html?q={quote(query)}")
    shown = outcome(page)
    assert time.monotonic() - started < SECONDS
    assert shown["error"] is None, shown
    expected = URL_QUERIES[query]
    if expected == "results":
        assert shown["results"] > 0 and shown["status"].startswith("พบ"), shown
    elif expected == "empty":
        assert shown["results"] == 0 and shown["empty"], shown
    else:
        assert shown["results"] == 0 and shown["status"] == "พิมพ์คำค้นเพื่อค้นหาข่าว"
    if len(query) > 200:
        assert "ยาวเกิน 200" in (shown["note"] or "")
    assert seen.errors == [] and seen.bad_responses == []


def test_invalid_utf8_and_lone_surrogates(site_url, page):
    seen = watch(page)
    # Bytes of a UTF-16 surrogate encoded as UTF-8 are invalid UTF-8.
    page.goto(f"{site_url}/search.html?q=%ED%A0%80")
    shown = outcome(page)
    assert shown["error"] is None and shown["empty"] and shown["results"] == 0
    page.goto(f"{site_url}/search.html?q=%ED%A0%80%E0%B8%97%E0%B8%B8%E0%B9%80%E0%B8%A3%E0%B8%B5"
              "%E0%B8%A2%E0%B8%99")  # ...followed by ทุเรียน
    assert outcome(page)["results"] > 0
    # Typed: lone surrogates in the box itself (an IME or a paste can do this).
    for value in ["\\ud800", "\\udc00ทุเรียน", "ทุเรียน\\ud83d", "\\udfff\\ud800"]:
        page.evaluate(f"""() => {{
            const input = document.getElementById("search-q");
            input.value = "{value}";
            input.dispatchEvent(new Event("input", {{bubbles: true}}));
        }}""")
        shown = outcome(page)
        assert shown["error"] is None, (value, shown)
        assert (shown["results"] > 0) == ("ทุเรียน" in value), (value, shown)
        page.press("#search-q", "Enter")
        assert outcome(page)["error"] is None
        assert "%EF%BF%BD" in page.url  # the URL holds U+FFFD, valid UTF-8
    assert seen.errors == [] and seen.bad_responses == []


def test_ten_thousand_typed_characters(site_url, page):
    seen = watch(page)
    page.goto(f"{site_url}/search.html")
    started = time.monotonic()
    page.fill("#search-q", "ทุเรียน" * 1430)  # 10,010 characters, no space
    shown = outcome(page)
    assert time.monotonic() - started < SECONDS
    assert shown["error"] is None and "ยาวเกิน 200" in shown["note"]
    # Glued, its 28 words must stand together: no article repeats ทุเรียน so.
    assert shown["results"] == 0 and shown["empty"]
    page.fill("#search-q", "ทุเรียน " * 1430)  # spaced: every word anywhere
    shown = outcome(page)
    assert time.monotonic() - started < 2 * SECONDS
    assert shown["error"] is None and shown["results"] > 0
    assert seen.errors == []


def test_header_box_survives_hostile_queries(site_url, page):
    seen = watch(page)
    page.goto(f"{site_url}/news/")
    for value, expected in [("!!!", "พิมพ์คำ"), ("title:", "ไม่พบ"), ("\\ud800", "พิมพ์คำ"),
                            ("ก" * 10_000, None), ("ทุเรียน", "พบ"), ("constructor", "ไม่พบ")]:
        page.evaluate(f"""() => {{
            const input = document.getElementById("header-q");
            input.value = "{value}";
            input.dispatchEvent(new Event("input", {{bubbles: true}}));
        }}""")
        status = "#header-results:not([hidden]) [role=status]"
        if expected:
            wait_until(page, f"document.querySelector('{status}')?.textContent"
                             f".startsWith('{expected}')", timeout=SECONDS)
        else:
            page.wait_for_timeout(1000)
        assert "ไม่สำเร็จ" not in page.inner_text(status), value[:10]
    assert seen.errors == [] and seen.bad_responses == []
