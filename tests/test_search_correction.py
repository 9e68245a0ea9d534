"""Forgiving search in the browser: a misspelled word or the wrong keyboard
layout is corrected when nothing matches as typed, with a link to the search
as typed; a word that could mean several is offered as suggestions; a real
word on no page is never turned into another (tests/fixtures/search_site)."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlencode, urlsplit

import pytest
from test_search_browser import read_results

pytestmark = pytest.mark.browser


def open_search(page, url, q, **params):
    page.goto(f"{url}/search.html?{urlencode({'q': q, **params}, quote_via=quote)}")
    return read_results(page)


def status(page):
    return page.text_content("#search-status")


@pytest.mark.parametrize("typed, meant, slugs", [
    ("ทุเรียญ", "ทุเรียน", ["durian-export", "durian-drought"]),  # ญ for น
    ("วักซีน", "วัคซีน", ["covid-vaccine"]),  # ก for ค
    ("ส่งออกทุเรียญ", "ส่งออกทุเรียน", ["durian-export"]),  # a glued run: a known word and a typo
    ("m6giupo", "ทุเรียน", ["durian-export", "durian-drought"]),  # the English layout on
    ("แนอรก", "covid", ["covid-vaccine", "covid-variant"]),  # the Thai layout on
])
def test_a_query_that_finds_nothing_shows_what_was_meant(page, search_site_url, typed, meant,
                                                         slugs):
    assert sorted(open_search(page, search_site_url, typed)) == sorted(slugs)
    notice = page.locator("#search-results .search-corrected")
    assert notice.text_content().startswith(f"แสดงผลของ {meant} · ค้นหา {typed} ตามที่พิมพ์")
    assert meant in status(page) and f"พบ {len(slugs)} ข่าว" in status(page)
    # The second part searches exactly as typed: nothing, and no correction.
    href = notice.locator("a").get_attribute("href")
    assert parse_qs(urlsplit(href).query) == {"q": [typed], "typed": ["1"]}
    notice.locator("a").click()
    assert read_results(page) == []
    assert page.locator(".search-corrected, .search-suggest").count() == 0
    assert "ไม่พบข่าว" in status(page)


@pytest.mark.parametrize("word", ["เชื่อ", "ถั่ว", "เสือดาว", "ทุเรียนเชื่อ"])
def test_a_real_word_on_no_page_is_not_turned_into_another(page, search_site_url, word):
    """เชื่อ (believe) is on no page, เชื้อ (germ) is, one tone mark away;
    ถั่ว (bean) and ทั่ว alike: tone-mark twins are where correction stops."""
    assert open_search(page, search_site_url, word) == []
    assert page.locator(".search-corrected, .search-suggest").count() == 0


def test_the_search_as_typed_stays_so_when_a_filter_changes(page, search_site_url):
    open_search(page, search_site_url, "ทุเรียญ", typed="1")
    assert page.locator(".search-corrected").count() == 0
    page.select_option("#search-sort", "newest")
    page.wait_for_function("new URLSearchParams(location.search).get('sort') === 'newest'")
    read_results(page)
    assert parse_qs(urlsplit(page.url).query)["typed"] == ["1"]
    assert page.locator(".search-corrected").count() == 0


def test_a_less_certain_reading_is_suggested_instead_of_results(page, search_site_url):
    assert open_search(page, search_site_url, "เมือะ") == []
    suggestion = page.locator("#search-results .search-suggest")
    assert suggestion.text_content() == "คุณหมายถึง เมื่อ"
    assert "คุณหมายถึง เมื่อ" in status(page)
    suggestion.locator("a").click()
    assert read_results(page)  # an ordinary search for the suggestion


def test_a_query_with_results_is_never_corrected(page, search_site_url):
    assert open_search(page, search_site_url, "ทุเรียน")
    assert page.locator(".search-corrected, .search-suggest").count() == 0


def test_the_header_box_corrects_as_you_type(page, search_site_url):
    page.goto(f"{search_site_url}/")
    page.fill("#header-q", "ทุเรียญ")
    panel = page.locator("#header-results")
    panel.locator(".search-corrected").wait_for()
    assert "แสดงผลของ ทุเรียน" in panel.text_content()
    assert panel.locator("li a").count() == 2
    assert "typed=1" in panel.locator(".search-corrected a").get_attribute("href")


HOSTILE = ["ก" * 120 + "ขคฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ" * 2,  # 200 letters of nonsense
           "\u0e48\u0e49\u0e4a\u0e4b\u0e4c" * 4,  # marks only
           "ทุเรียญ covud 2566 ข่าวว",  # mixed scripts, two misspellings
           "🍉🍉 ทุเรียญ 🙂",  # emoji
           "bcdfghjklmnpqrstvwxz" * 5]  # all Latin consonants


@pytest.mark.parametrize("query", HOSTILE,
                         ids=["nonsense", "marks", "mixed", "emoji", "consonants"])
def test_correcting_bad_input_ends_with_a_message(page, search_site_url, query):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_search(page, search_site_url, query)
    assert status(page) and not errors
    assert page.locator(".search-error").count() == 0
