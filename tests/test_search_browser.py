"""Thai search end to end: a fixture site of our own Thai articles, built
with the real plugins, queried through search.html?q= in headless Chromium
using only the page contract (#search-results, first link, aria-busy)."""

from __future__ import annotations

import json
import shutil
from urllib.parse import quote, urlencode, urlsplit

import pytest

from sitebuild import ROOT, build_site, serve, serve_fixture

pytestmark = pytest.mark.browser
FIXTURE = ROOT / "tests" / "fixtures" / "search_site"


@pytest.fixture(scope="module")
def site_url(search_site_url):
    return search_site_url


def search(page, site_url, q, **filters):
    params = urlencode({"q": q, **filters}, quote_via=quote)
    page.goto(f"{site_url}/search.html?{params}")
    return read_results(page)


def read_results(page):
    # ?.: while a link's page loads, the element is not there yet
    page.wait_for_function(
        "document.getElementById('search-results')?.getAttribute('aria-busy') === 'false'")
    # the first link is the article, carrying the query (?highlight=)
    paths = page.eval_on_selector_all(
        "#search-results li.result",
        "items => items.map(li => new URL(li.querySelector('a').href).pathname)")
    return [p.rstrip("/").rsplit("/", 1)[-1] for p in paths]


CASES = {
    # a single word: every article containing it; title match first
    "ทุเรียน": ["durian-export", "durian-drought"],
    "ภัยแล้ง": ["durian-drought", "double-track"],
    # glued or spaced words: all required
    "ส่งออกทุเรียน": ["durian-export"],
    "ส่งออก ทุเรียน": ["durian-export"],
    "ข้าวหอมมะลิ": ["jasmine-rice"],
    # names and places no dictionary knows, and a part of a glued hotel name
    "อัมพวา": ["amphawa-market", "seminar-amphawa"],
    "ชูชัยบุรีศรีอัมพวา": ["seminar-amphawa"],
    # the unfinished last word
    "อุตสา": ["sme-industry"],
    "ทางคู": ["double-track"],
    # English, numbers and mixed text
    "SME": ["sme-industry"],
    "COVID-19": ["covid-vaccine", "covid-variant"],
    "4.0": ["sme-industry"],
    "Line@": ["seminar-amphawa"],
    "งบ 2566": ["double-track"],
    "๒๕๖๖": ["double-track"],
    # spelling variants from content/search/variants.txt
    # (the article with the form as typed first: seminar-amphawa has ดิจิตอล)
    "ดิจิตอล": ["seminar-amphawa", "sme-industry"],
    "ดิจิทัล": ["sme-industry", "seminar-amphawa"],
    "โซเชียล": ["seminar-amphawa"],
    "อินเตอร์เน็ต": ["covid-variant"],
    "เว็บไซต์": ["sme-industry", "seminar-amphawa"],
    "บ่อยๆ": ["covid-variant", "covid-vaccine"],
    "บ่อย ๆ": ["covid-variant", "covid-vaccine"],
    "โควิด": ["covid-variant", "covid-vaccine"],  # covid-variant has โควิด as typed
    # abbreviations and full forms from content/search/abbreviations.txt
    "ก.อุตฯ": ["sme-industry"],
    "กระทรวงอุตสาหกรรม": ["sme-industry"],
    "สธ.": ["covid-vaccine"],
    "ททท": ["amphawa-market"],
    "ธ.ก.ส.": ["farmer-debt"],
    "ธกส": ["farmer-debt"],
    # precision: tone and vowel marks matter; no match inside longer words
    "วัด": [],
    "ตา": [],
    "เสือ": ["tiger-patrol"],
    "เสื้อ": ["textile-week"],
    "ขาว": ["textile-week"],
    # (ข่าว is also in the category name ข่าวคณะโฆษก, which is indexed)
    "ข่าว": ["hostile", "holiday-2024", "holiday-2023", "seminar-amphawa"],
    # ties go to the newer article
    "ประกาศวันหยุดราชการ": ["holiday-2024", "holiday-2023"],
}


@pytest.mark.parametrize("query", list(CASES))
def test_query(page, site_url, query):
    assert search(page, site_url, query) == CASES[query]


def test_abbreviation_and_full_form_find_the_same(page, site_url):
    short = search(page, site_url, "ครม.")
    assert sorted(short) == ["double-track", "durian-export", "holiday-2023", "holiday-2024"]
    assert sorted(search(page, site_url, "คณะรัฐมนตรี")) == sorted(short)


@pytest.fixture(scope="module")
def marks_url(tmp_path_factory):
    """Two articles: the Ministry of Industry written อก., and the word อก
    (chest) in ordinary text; the project's own tables."""
    server, url = serve_fixture(tmp_path_factory.mktemp("marks-site"), "marks_site")
    yield url
    server.shutdown()


def test_an_abbreviation_that_is_also_a_word_is_found_only_with_its_dots(page, marks_url):
    assert search(page, marks_url, "อก.") == ["industry-visit"]
    assert "อก." in [m.inner_text() for m in page.query_selector_all("#search-results mark")]
    assert search(page, marks_url, "กระทรวงอุตสาหกรรม") == ["industry-visit"]
    assert search(page, marks_url, "อก") == ["chest-pain"]
    assert search(page, marks_url, "ผู้บริหารอก.") == ["industry-visit"]
    # the looser reading keeps the dot: it is still the ministry
    assert search(page, marks_url, "อก.ผู้บริหาร") == []
    assert looser_links(page) == [["อก. ผู้บริหาร", "อก. ผู้บริหาร"]]
    page.click("#search-results .search-looser a")
    assert read_results(page) == ["industry-visit"]


def looser_links(page):
    return page.eval_on_selector_all(
        "#search-results .search-looser a",
        "xs => xs.map(x => [x.textContent, new URL(x.href).searchParams.get('q')])")


def test_glued_words_must_stand_together(page, site_url):
    # road-repair has ราคา (in ราคากลาง) and ยาง (in ยางมะตอย), far apart
    assert search(page, site_url, "ราคายาง") == ["rubber-price"]
    assert sorted(search(page, site_url, "ราคา ยาง")) == ["road-repair", "rubber-price"]


def test_glued_words_never_together_offer_the_looser_search(page, site_url):
    assert search(page, site_url, "ถนนพัง") == []
    assert "ไม่พบ" in page.inner_text("#search-status")
    assert looser_links(page) == [["ถนน พัง", "ถนน พัง"]]
    assert "ค้นหาแบบแยกคำ" in page.inner_text("#search-results .search-looser")
    page.click("#search-results .search-looser a")
    assert read_results(page) == ["road-repair"]
    assert page.input_value("#search-q") == "ถนน พัง"
    assert page.inner_text("#search-status") == "พบ 1 ข่าว"


def test_spaced_words_never_together_offer_each_word(page, site_url):
    assert search(page, site_url, "ทุเรียน ข้าวหอมมะลิ") == []
    assert looser_links(page) == [["ทุเรียน", "ทุเรียน"], ["ข้าวหอมมะลิ", "ข้าวหอมมะลิ"]]
    assert "ทีละคำ" in page.inner_text("#search-results .search-looser")


def common_words_site(tmp_path_factory, name, positions_max):
    """The fixture site built with every word very common, and those found
    more than positions_max times keeping no positions: as the commonest
    words of a whole archive are. Yields (build, base URL)."""
    root = tmp_path_factory.mktemp(name)
    shutil.copytree(FIXTURE, root / "content")
    build = build_site(root / "content", root / "output", extra={"THAI_SEARCH": {
        "fields": {"title": 10, "meta": 3, "body": 1}, "word_list": "search/words.txt",
        "variant_tables": ["search/variants.txt", "search/abbreviations.txt"],
        "common_min": 1, "common_fraction": 0.001, "positions_max": positions_max}})
    assert build.returncode == 0, build.log
    server, url = serve(build.output)
    yield build, url
    server.shutdown()


@pytest.fixture(scope="module")
def unpositioned_url(tmp_path_factory):
    """No word keeps positions, nor any pair (each occurs more than 0 times)."""
    for _build, url in common_words_site(tmp_path_factory, "unpositioned-site", 0):
        yield url


def test_glued_words_that_cannot_be_checked_say_so(page, unpositioned_url):
    # Word order cannot be checked without positions: no result is claimed,
    # and the page says why instead of saying the words never stand together.
    assert search(page, unpositioned_url, "ราคายาง") == []
    text = page.inner_text("#search-results .search-looser")
    assert "ตรวจไม่ได้ว่าคำอยู่ติดกัน" in text and "ไม่พบคำเหล่านี้อยู่ติดกัน" not in text
    assert looser_links(page) == [["ราคา ยาง", "ราคา ยาง"]]
    with page.expect_navigation():
        page.click("#search-results .search-looser a")
    assert sorted(read_results(page)) == ["road-repair", "rubber-price"]


@pytest.fixture(scope="module")
def paired_url(tmp_path_factory):
    """Words found more than once keep no positions, but pairs with their
    neighbours in the title and the lead (the default pair_fields)."""
    for build, url in common_words_site(tmp_path_factory, "paired-site", 1):
        manifest = json.loads((build.output / "search" / "manifest.json").read_text("utf-8"))
        assert manifest["pairFields"] == [0, 1]  # title and meta (lead, tags)
        yield url


def test_glued_common_words_are_checked_as_pairs_in_title_and_lead(page, paired_url):
    # ราคา and ยาง are in several articles: the run stands in one title
    # (ราคายางพารา...); the page says where it was checked and offers the
    # looser search beside the result.
    assert search(page, paired_url, "ราคายาง") == ["rubber-price"]
    assert page.inner_text("#search-status") == "พบ 1 ข่าว"
    text = page.inner_text("#search-results .search-looser")
    assert "เฉพาะในหัวข้อและย่อหน้านำ" in text
    assert looser_links(page) == [["ราคา ยาง", "ราคา ยาง"]]
    # apart in road-repair's body, never together: nothing, and said so
    assert search(page, paired_url, "ถนนพัง") == []
    assert "ไม่พบคำเหล่านี้อยู่ติดกัน" in page.inner_text("#search-results .search-looser")
    assert looser_links(page) == [["ถนน พัง", "ถนน พัง"]]


def test_quoted_phrase_matches_exactly_that_sequence(page, site_url):
    assert search(page, site_url, '"ราคา ยาง"') == ["rubber-price"]
    assert search(page, site_url, "“ราคายาง”") == ["rubber-price"]
    assert search(page, site_url, '"ยาง ราคา"') == []
    assert looser_links(page) == [["ยาง ราคา", "ยาง ราคา"]]
    # a quote still open (typing) or around nothing is no error
    assert search(page, site_url, '"ราคายาง') == ["rubber-price"]
    assert search(page, site_url, '""') == []
    assert page.query_selector("#search-results .search-error") is None


def test_unfinished_last_word_completes_on_the_page(page, site_url):
    assert search(page, site_url, "ราคายางพ") == ["rubber-price"]
    assert search(page, site_url, "กรมทางหล") == ["road-repair"]
    assert page.inner_text("#search-status") == "พบ 1 ข่าว"


def test_unfinished_last_word_completes_in_the_header_box(page, site_url):
    page.goto(f"{site_url}/category/economy/")
    page.locator("#header-q").press_sequentially("ราคายางพ", delay=10)
    page.wait_for_selector("#header-results:not([hidden]) li a")
    links = page.eval_on_selector_all("#header-results li a",
                                      "xs => xs.map(x => x.getAttribute('href'))")
    assert links == [f"/news/2023/09/rubber-price/?highlight={quote('ราคายางพ')}"]
    assert page.inner_text("#header-results [role=status]") == "พบ 1 ข่าว"
    page.fill("#header-q", "")
    page.locator("#header-q").press_sequentially("ถนนพัง", delay=10)
    page.wait_for_function("document.querySelector('#header-results [role=status]')"
                           ".textContent === 'ไม่พบข่าวที่ตรงกับคำค้น'")
    assert "ถนน พัง" in page.inner_text("#header-results a.header-results-all")


def test_filters_by_category_and_year(page, site_url):
    assert search(page, site_url, "ครม.", category="ข่าวคณะโฆษก") == [
        "holiday-2024", "holiday-2023"]
    assert search(page, site_url, "ครม.", year="2022") == ["double-track"]
    assert search(page, site_url, "ทุเรียน", year="2023") == []
    assert page.input_value("#search-year") == "2023"


def test_result_shows_date_category_count_and_highlight(page, site_url):
    search(page, site_url, "ส่งออกทุเรียน")
    item = page.query_selector("#search-results li.result")
    assert item.query_selector("time").inner_text() == "1 มี.ค. 2567"
    assert "ด้านเศรษฐกิจ" in item.inner_text()
    marks = [m.inner_text() for m in item.query_selector_all("mark")]
    assert "ทุเรียน" in marks and "ส่งออก" in marks
    assert page.inner_text("#search-status") == "พบ 1 ข่าว"
    assert page.get_attribute("#search-status", "role") == "status"
    # The snippet comes after, read from a windows-874 text file (one byte a
    # letter, text_files.py): the article's words as written, marks and all.
    page.wait_for_function("document.querySelector('#search-results .result-snippet')"
                           "?.textContent.includes('ตรวจสอบย้อนกลับ')")
    snippet = item.query_selector(".result-snippet").inner_text()
    assert "คณะรัฐมนตรีเห็นชอบแผนส่งเสริมการส่งออกทุเรียนไทยไปตลาดจีน" in snippet
    assert "ส่งออก" in [m.inner_text() for m in item.query_selector_all(".result-snippet mark")]


def test_query_and_title_are_shown_as_text(page, site_url):
    alerts = []
    page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
    hostile = "<img src=x onerror=alert(1)>"
    search(page, site_url, hostile)
    assert page.query_selector("#search-results img") is None
    assert hostile in page.inner_text("#search-results")
    assert search(page, site_url, "ทดสอบความปลอดภัย") == ["hostile"]
    title = page.inner_text("#search-results li.result h2")
    assert title.startswith("<img src=x onerror=alert(1)>")
    assert page.query_selector("#search-results img") is None and alerts == []


def test_typing_updates_results_url_and_back_button(page, site_url):
    search(page, site_url, "ทุเรียน")
    page.fill("#search-q", "")
    page.locator("#search-q").press_sequentially("อัมพวา", delay=20)
    page.wait_for_function("location.search.includes('q=')"
                           " && decodeURIComponent(location.search).includes('อัมพวา')")
    assert read_results(page) == ["amphawa-market", "seminar-amphawa"]
    page.press("#search-q", "Enter")
    page.fill("#search-q", "โควิด")
    page.press("#search-q", "Enter")
    assert read_results(page) == ["covid-variant", "covid-vaccine"]
    page.go_back()
    page.wait_for_function("decodeURIComponent(location.search).includes('อัมพวา')")
    assert read_results(page) == ["amphawa-market", "seminar-amphawa"]
    assert page.input_value("#search-q") == "อัมพวา"


def test_failed_index_download_shows_message_and_retry(page, site_url):
    page.route("**/search/manifest.json", lambda route: route.abort())
    assert search(page, site_url, "ทุเรียน") == []
    assert page.query_selector("#search-results .search-error") is not None
    page.unroute("**/search/manifest.json")
    page.click("#search-results button.search-retry")
    assert read_results(page) == ["durian-export", "durian-drought"]


def test_corrupt_piece_is_an_error_not_wrong_results(page, site_url):
    page.route("**/search/t/*.json", lambda route: route.fulfill(body="{\"nope\":1}"))
    assert search(page, site_url, "ทุเรียน") == []
    assert page.query_selector("#search-results .search-error") is not None


def test_no_console_errors_during_search(page, site_url):
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    for q in ("ทุเรียน", "อุตสา", "", "title:x ~^*+-"):
        search(page, site_url, q)
    assert errors == []


def test_header_box_shows_results_as_you_type_on_any_page(page, site_url):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{site_url}/category/economy/")
    # Nothing of the engine or the index until typing: only the box's own
    # helpers (dom.js, lang.js and its thai-chars.js) load with the page.
    loaded = {urlsplit(u).path for u in requests}
    assert not any("lunr" in path or path.startswith("/search/") for path in loaded)
    assert {p for p in loaded if p.startswith("/theme/js/search/")} == {
        "/theme/js/search/dom.js", "/theme/js/search/lang.js", "/theme/js/search/thai-chars.js"}
    page.locator("#header-q").press_sequentially("ส่งออกทุเรียน", delay=10)
    page.wait_for_selector("#header-results:not([hidden]) li a")
    links = page.eval_on_selector_all("#header-results li a",
                                      "xs => xs.map(x => x.getAttribute('href'))")
    assert links == [f"/news/2024/03/durian-export/?highlight={quote('ส่งออกทุเรียน')}"]
    assert page.inner_text("#header-results [role=status]") == "พบ 1 ข่าว"
    assert page.get_attribute("#header-q", "aria-expanded") == "true"
    page.press("#header-q", "Escape")
    assert page.is_hidden("#header-results")
    assert page.input_value("#header-q") == "ส่งออกทุเรียน"
    page.press("#header-q", "Enter")
    page.wait_for_url("**/search.html?q=*")
    assert read_results(page) == ["durian-export"]
