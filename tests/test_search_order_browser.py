"""Finding more on the search page (issue #18), in headless Chromium over a
built site: sort and date range through the URL and Back, with the
category filter and results as you type; the count and "show more" by
keyboard; bad input ignored with a note."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlencode, urlsplit

import pytest

from sitebuild import ROOT, article, build_site, serve, write_content

pytestmark = pytest.mark.browser

COUNT = 45  # articles on มะม่วง: more than two pages of 20
TITLED = {i for i in range(COUNT) if i % 5 == 0}  # these have the word in the title too


def _month(i: int) -> str:
    """Two articles a month from January 2022: 2022-01, 2022-01, 2022-02, ..."""
    return f"{2022 + i // 24}-{i // 2 % 12 + 1:02d}"


def _articles() -> dict[str, str]:
    files = {}
    for i in range(COUNT):
        day = 10 + i % 2 * 10
        title = f"รายงานผลผลิตมะม่วงรอบที่ {i}" if i in TITLED else f"รายงานผลผลิตผลไม้รอบที่ {i}"
        files[f"news/m{i}.md"] = article(
            title=title, date=f"{_month(i)}-{day} 10:00", slug=f"mango-{i:02d}",
            category="ด้านสังคม" if i % 3 == 0 else "ด้านเศรษฐกิจ",
            body=f"ชาวสวนรายงานผลผลิตมะม่วงรอบที่ {i} ในตลาดกลาง")
    # and an older one without the word: 46 documents in all
    files["news/other.md"] = article(title="ตลาดผ้าฝ้าย", date="2021-06-01 10:00", slug="other",
                                     body="ผ้าฝ้ายสีขาวจากชุมชน")
    return files


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("order-site")
    write_content(root / "content", _articles())
    build = build_site(root / "content", root / "output")
    assert build.returncode == 0, build.log
    server, url = serve(build.output)
    yield url
    server.shutdown()


def open_search(page, site_url, **params):
    page.goto(f"{site_url}/search.html?{urlencode(params, quote_via=quote)}")
    return read(page)


def read(page):
    """[(slug, ISO date)] of the results shown, once aria-busy is false."""
    page.wait_for_function(  # null while a link's page is still loading
        "document.getElementById('search-results')?.getAttribute('aria-busy') === 'false'")
    return page.eval_on_selector_all(
        "#search-results li.result", """items => items.map(li => [
            new URL(li.querySelector('a').href).pathname.split('/').filter(Boolean).pop(),
            li.querySelector('time').getAttribute('datetime')])""")


def url_params(page):
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


def newest_dates(n, first="", last="9999"):
    dates = sorted((f"{_month(i)}-{10 + i % 2 * 10:02d}" for i in range(COUNT)), reverse=True)
    return [d for d in dates if first <= d[:7] <= last][:n]


def test_count_pages_of_twenty_and_relevance_first(page, site_url):
    results = open_search(page, site_url, q="มะม่วง")
    assert len(results) == 20
    assert page.inner_text("#search-status") == f"พบ {COUNT} ข่าว"
    # relevance: the titles with the word first
    assert {slug for slug, _ in results[:len(TITLED)]} == {f"mango-{i:02d}" for i in TITLED}
    assert page.input_value("#search-sort") == ""
    assert page.inner_text(".search-period-label") == "ทุกช่วงเวลา"


def test_newest_first_through_the_url_fetches_only_the_rows_it_shows(page, site_url):
    rows = []
    page.on("request", lambda r: "/search/d/" in r.url and rows.append(urlsplit(r.url).path))
    results = open_search(page, site_url, q="มะม่วง", sort="newest")
    assert [date for _, date in results] == newest_dates(20)
    assert page.inner_text("#search-status") == f"พบ {COUNT} ข่าว"
    assert page.input_value("#search-sort") == "newest"
    # 46 documents, 8 rows a chunk (0-5): the newest 20 are in the last three
    assert sorted(p.rsplit("/", 1)[1].split("-")[0] for p in rows) == ["3", "4", "5"]
    # each result's first link is the article, carrying the query
    href = page.get_attribute("#search-results li.result a", "href")
    assert urlsplit(href).path == "/news/2023/11/mango-44/"
    assert parse_qs(urlsplit(href).query) == {"highlight": ["มะม่วง"]}


def test_range_through_the_url_with_buddhist_era_labels(page, site_url):
    spring = {"from": "2022-03", "to": "2022-05"}
    results = open_search(page, site_url, q="มะม่วง", sort="newest", **spring)
    assert [date for _, date in results] == newest_dates(6, "2022-03", "2022-05")
    assert page.inner_text("#search-status") == "พบ 6 ข่าว"
    assert page.inner_text(".search-period-label") == "มี.ค. 2565 – พ.ค. 2565"
    assert page.input_value("#search-from-year") == "2022"
    assert page.input_value("#search-from-month") == "03"
    assert page.input_value("#search-to-month") == "05"
    # with the category filter: the society articles (every third) of those months
    results = open_search(page, site_url, q="มะม่วง", category="ด้านสังคม", **spring)
    assert sorted(slug for slug, _ in results) == ["mango-06", "mango-09"]
    # relevance within a range: the titled one first
    results = open_search(page, site_url, q="มะม่วง", **spring)
    assert results[0][0] == "mango-05" and len(results) == 6


def test_sort_and_range_from_the_controls_then_back(page, site_url):
    first = open_search(page, site_url, q="มะม่วง")
    page.select_option("#search-sort", "newest")
    assert [d for _, d in read(page)] == newest_dates(20)
    assert url_params(page) == {"q": "มะม่วง", "sort": "newest"}
    page.click("#search-period summary")
    page.select_option("#search-from-month", "06")  # no year yet: no range, no new entry
    assert url_params(page) == {"q": "มะม่วง", "sort": "newest"}
    page.select_option("#search-from-year", "2023")
    page.wait_for_function("new URLSearchParams(location.search).get('from') === '2023-06'")
    assert [d for _, d in read(page)] == newest_dates(20, "2023-06")
    assert page.inner_text(".search-period-label") == "ตั้งแต่ มิ.ย. 2566"
    # results as you type keep the sort and the range
    page.fill("#search-q", "")
    page.locator("#search-q").press_sequentially("ผลผลิต", delay=10)
    page.wait_for_function("new URLSearchParams(location.search).get('q') === 'ผลผลิต'")
    assert [d for _, d in read(page)] == newest_dates(20, "2023-06")
    assert url_params(page) == {"q": "ผลผลิต", "sort": "newest", "from": "2023-06"}
    # Back: the range, then the sort, come off again
    page.go_back()
    page.wait_for_function("new URLSearchParams(location.search).get('q') === 'มะม่วง'"
                           " && new URLSearchParams(location.search).get('from') === '2023-06'")
    page.go_back()
    page.wait_for_function("new URLSearchParams(location.search).get('from') === null"
                           " && new URLSearchParams(location.search).get('sort') === 'newest'")
    assert [d for _, d in read(page)] == newest_dates(20)
    assert page.input_value("#search-from-year") == ""
    page.go_back()
    page.wait_for_function("new URLSearchParams(location.search).get('sort') === null")
    assert read(page) == first
    assert page.input_value("#search-sort") == ""


@pytest.mark.parametrize("params, note", [
    ({"from": "2023-06", "to": "2022-01"}, "อยู่หลังเดือนสิ้นสุด"),
    ({"from": "2023-13"}, "ไม่มีเดือน"),
    ({"to": "2023-00"}, "ไม่มีเดือน"),
    ({"sort": "oldest"}, "ไม่มีการเรียงลำดับแบบ"),
])
def test_bad_range_or_sort_is_ignored_with_a_note(page, site_url, params, note):
    results = open_search(page, site_url, q="มะม่วง", **params)
    assert page.inner_text("#search-status") == f"พบ {COUNT} ข่าว"  # nothing filtered
    assert len(results) == 20
    notes = page.locator("#search-results .search-note")
    assert notes.count() == 1 and notes.first.is_visible()
    assert note in notes.first.inner_text()
    assert page.inner_text(".search-period-label") == "ทุกช่วงเวลา"


def test_a_hostile_range_value_is_shown_cut_as_text(page, site_url):
    alerts = []
    page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
    open_search(page, site_url, q="มะม่วง", **{"from": "<img src=x onerror=alert(1)>" * 500})
    note = page.inner_text("#search-results .search-note")
    assert "<img src=x" in note and len(note) < 200
    assert page.query_selector("#search-results img") is None and alerts == []


def test_show_more_by_keyboard_keeps_focus_in_place(page, site_url):
    open_search(page, site_url, q="มะม่วง")
    more = page.locator("#search-results button.search-more")
    assert "20" in more.inner_text() and "25" in more.inner_text()
    page.locator("#search-results li.result a").nth(19).focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('button.search-more')")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('#search-results li.result').length === 40")
    # focus is on the first result added
    def focus_on(n):  # the focused element is in the nth result
        page.wait_for_function(
            "n => document.activeElement.closest('li.result')"
            " === document.querySelectorAll('#search-results li.result')[n]", arg=n)

    focus_on(20)
    assert page.evaluate("document.activeElement.tagName") == "A"
    # the button remains, saying what is left; Tab reaches it again
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('button.search-more')"):
            break
    assert page.evaluate("document.activeElement.textContent").endswith("(เหลือ 5 ข่าว)")
    page.keyboard.press("Space")
    page.wait_for_function("document.querySelectorAll('#search-results li.result').length === 45")
    focus_on(40)
    assert page.locator("#search-results button.search-more").count() == 0
    assert page.inner_text("#search-status") == f"พบ {COUNT} ข่าว"


def test_the_open_period_and_a_note_pass_axe(page, site_url):
    from test_a11y_browser import FAILING, run_axe

    open_search(page, site_url, q="มะม่วง", sort="newest", **{"from": "2023-13", "to": "2023-06"})
    page.click("#search-period summary")
    failing = [v for v in run_axe(page)["violations"] if v["impact"] in FAILING]
    assert failing == []


@pytest.fixture(scope="module")
def capped_url(tmp_path_factory):
    """The same articles with มะม่วง a very common word whose relevance list
    keeps its newest 5 and its 2 best documents (common_limit, common_best)."""
    root = tmp_path_factory.mktemp("capped-site")
    write_content(root / "content", _articles())
    tables = ROOT / "content" / "search"
    build = build_site(root / "content", root / "output", extra={"THAI_SEARCH": {
        "word_list": str(tables / "words.txt"),
        "variant_tables": [str(tables / "variants.txt"), str(tables / "abbreviations.txt")],
        "common_min": 1, "common_fraction": 0.001, "common_limit": 5, "common_best": 2}})
    assert build.returncode == 0, build.log
    server, url = serve(build.output)
    yield url
    server.shutdown()


def test_relevance_that_ranked_some_links_to_all_newest_first(page, capped_url):
    results = open_search(page, capped_url, q="มะม่วง")
    assert page.inner_text("#search-status") == f"พบ {COUNT} ข่าว"
    assert 5 <= len(results) < 20
    assert page.locator("#search-results button.search-more").count() == 0
    capped = page.locator("#search-results .search-capped")
    assert f"จาก {COUNT} ข่าว" in capped.inner_text()
    capped.locator("a").click()
    # the link's page, not the one it left (still showing its results)
    page.wait_for_function("new URLSearchParams(location.search).get('sort') === 'newest'")
    assert [d for _, d in read(page)] == newest_dates(20)
    assert url_params(page) == {"q": "มะม่วง", "sort": "newest"}
    assert page.locator("#search-results button.search-more").count() == 1
