"""Phone first, in real headless Chromium at 390×844: the header's height,
the menu button by keyboard, one search box and the first result in view on
the search page, and layout shift on every page type while fonts, scripts
and the index arrive over a slow network."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from page_kinds import KINDS, page_path

from sitebuild import ROOT

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
HEADER_MAX = PHONE["height"] * 0.25  # 211 px
CLS_MAX = 0.02
# Chrome's "Fast 3G" as Lighthouse's mobile run has it: 150 ms round trip,
# 1.6 Mbit/s down, 750 kbit/s up. Fonts, modules and index files all arrive
# late, as on a phone, so whatever moves when they land is seen.
FAST_3G = {"offline": False, "latency": 150,
           "downloadThroughput": 1.6 * 1024 * 1024 / 8, "uploadThroughput": 750 * 1024 / 8}
# Sums layout-shift entries as Core Web Vitals does (input-driven ones aside),
# from before the first paint: an init script runs before any page script.
SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__shifts.push({value: entry.value,
      sources: (entry.sources || []).map((s) => s.node ? (s.node.id || s.node.className
        || s.node.nodeName) : '?')});
  }
}).observe({type: 'layout-shift', buffered: true});
"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, service_workers="block")
    tab = context.new_page()
    yield tab
    context.close()


def wait_settled(page, path: str) -> None:
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    if path.startswith("/search.html"):
        page.wait_for_function(
            "document.getElementById('search-results').getAttribute('aria-busy') === 'false'")
    page.wait_for_timeout(300)  # a late shift still gets reported


@pytest.mark.parametrize("kind", KINDS)
def test_header_is_at_most_a_quarter_of_the_phone_screen(sample_site, sample_url, phone, kind):
    path = page_path(sample_site, kind)
    phone.goto(sample_url + path)
    wait_settled(phone, path)
    header = phone.locator(".site-header").bounding_box()
    assert header["height"] <= HEADER_MAX, header
    # One row: the site name, the box (not on the search page) and the menu button.
    tops = phone.evaluate("""() => [...document.querySelectorAll(
        '.site-name, .header-search-wrap, .menu-button')].map((e) => e.getBoundingClientRect())
        .map((r) => Math.round(r.top + r.height / 2))""")
    assert len(tops) == (2 if kind == "search" else 3)
    assert max(tops) - min(tops) <= 4, tops
    assert phone.locator("#site-menu").is_hidden()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("kind", KINDS)
def test_no_layout_shift_while_the_page_loads_on_3g(sample_site, sample_url, browser, kind,
                                                     width):
    context = browser.new_context(viewport={"width": width, "height": 844},
                                  service_workers="block")
    context.add_init_script(SHIFTS)
    page = context.new_page()
    try:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", FAST_3G)
        path = page_path(sample_site, kind)
        page.goto(sample_url + path, timeout=60_000)
        wait_settled(page, path)
        shifts = page.evaluate("window.__shifts")
        fonts = page.evaluate("[...document.fonts].filter((f) => f.status === 'loaded').length")
    finally:
        context.close()
    total = sum(s["value"] for s in shifts)
    print(f"\n{kind} at {width} px: CLS {total:.4f}, {fonts} font faces loaded, {shifts}")
    assert total <= CLS_MAX, shifts


def test_menu_button_by_keyboard(sample_url, phone):
    phone.goto(sample_url + "/category/economy/")
    button = phone.get_by_role("button", name="เมนู")
    assert button.get_attribute("aria-expanded") == "false"
    assert button.get_attribute("aria-controls") == "site-menu"
    nav = phone.get_by_role("navigation", name="เมนูหลัก")
    assert nav.is_hidden()
    for _ in range(20):
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.matches('.menu-button')"):
            break
    else:
        raise AssertionError("Tab never reached the menu button")
    phone.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert nav.is_visible()
    # Tab goes on into the menu: its links, then the text-size buttons.
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.closest('#site-menu nav') !== null")
    assert phone.evaluate("document.activeElement.textContent") == "หน้าแรก"
    phone.keyboard.press("Escape")  # closes it, focus back on the button
    assert button.get_attribute("aria-expanded") == "false"
    assert nav.is_hidden()
    assert phone.evaluate("document.activeElement.matches('.menu-button')")
    phone.keyboard.press("Space")  # a real button: Space works too
    assert button.get_attribute("aria-expanded") == "true"
    phone.keyboard.press("Space")
    assert button.get_attribute("aria-expanded") == "false"
    # The text-size control works from inside the menu.
    button.click()
    phone.get_by_role("button", name="ก+ เพิ่มขนาดตัวอักษร", exact=True).click()
    assert phone.evaluate("document.documentElement.getAttribute('data-text-size')") == "1"
    header = phone.locator(".header-inner").bounding_box()
    assert header["height"] <= HEADER_MAX  # still one row at the larger size


def test_every_link_reachable_without_javascript(sample_url, browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(sample_url + "/")
        assert page.locator(".menu-button").is_hidden()
        links = page.locator("#site-menu nav a")
        assert links.count() >= 3
        assert all(links.nth(i).is_visible() for i in range(links.count()))
        assert page.locator(".text-size").is_hidden()  # its buttons need JavaScript
    finally:
        context.close()


def test_desktop_shows_navigation_and_text_size_without_a_menu(sample_url, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(sample_url + "/")
        assert page.locator(".menu-button").is_hidden()
        assert page.get_by_role("navigation", name="เมนูหลัก").is_visible()
        assert page.locator(".text-size").is_visible()
        assert page.locator("#header-q").is_visible()
        assert page.locator(".site-subtitle").is_visible()
    finally:
        context.close()


def test_search_page_has_one_box_and_the_first_result_in_view(sample_url, phone):
    phone.goto(sample_url + "/search.html?q=" + quote("ทุเรียน"))
    phone.wait_for_function(
        "document.getElementById('search-results').getAttribute('aria-busy') === 'false'")
    boxes = phone.locator("input[type=search]")
    assert boxes.count() == 1 and boxes.first.get_attribute("id") == "search-q"
    title = phone.locator("#search-results li.result h2").first.bounding_box()
    assert title["y"] + title["height"] <= PHONE["height"], title
    # The filters share one row.
    category = phone.locator("#search-category").bounding_box()
    year = phone.locator("#search-year").bounding_box()
    assert abs(category["y"] - year["y"]) < 2, (category, year)
    assert year["x"] + year["width"] <= PHONE["width"]


def test_header_results_span_the_phone_screen(sample_url, phone):
    phone.goto(sample_url + "/category/economy/")
    phone.locator("#header-q").press_sequentially("ทุเรียน", delay=10)
    phone.wait_for_selector("#header-results:not([hidden]) li a")
    panel = phone.locator("#header-results").bounding_box()
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= PHONE["width"]
    assert panel["width"] >= PHONE["width"] * 0.9, panel


def test_fonts_never_swap_late_and_the_thai_faces_are_preloaded(sample_site):
    """Every page but the search page preloads the two Thai faces; the
    search page fetches them after its results (the next test)."""
    css = (ROOT / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8")
    displays = re.findall(r"font-display:\s*(\w+)", css)
    assert displays and set(displays) == {"optional"}  # a late swap moves every line
    def font_preloads(page: str) -> list[str]:
        soup = BeautifulSoup((sample_site.output / page).read_text("utf-8"), "html.parser")
        return [link["href"] for link in soup.select('link[rel="preload"][as="font"]')]

    search = BeautifulSoup((sample_site.output / "search.html").read_text("utf-8"), "html.parser")
    assert font_preloads("search.html") == [] and search.html["class"] == ["fonts-later"]
    for page in ("index.html", "404.html", "category/economy/index.html"):
        preloads = font_preloads(page)
        assert [h.rsplit("/", 1)[1] for h in preloads] == [
            "sarabun-thai-400-normal.woff2", "sarabun-thai-700-normal.woff2"], page
        for href in preloads:  # each preload is a file the output has
            assert (sample_site.output / href.lstrip("/")).is_file(), href


# When the results were shown, and when each font file was asked for, in
# the page's own clock.
FONT_TIMES = """
new MutationObserver((changes, watch) => {
  const results = document.getElementById('search-results');
  if (results && results.getAttribute('aria-busy') === 'false') {
    window.__shownAt = performance.now(); watch.disconnect(); }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['aria-busy']});
"""
FONT_REQUESTS = """performance.getEntriesByType('resource')
  .filter((e) => e.name.endsWith('.woff2')).map((e) => e.startTime)"""
BODY_FONT = "getComputedStyle(document.body).fontFamily.replaceAll('\"', '').split(',')[0]"


def drawn_with(session, selector: str) -> set[str]:
    """The fonts Chromium drew the element's text with."""
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"] for font in fonts}


def test_the_search_page_fetches_the_web_font_after_its_results(sample_url, phone):
    """A first visit to the search page draws it in the reader's own Thai
    font and fetches Sarabun only once the results are shown, over a phone's
    network; a later visit, with Sarabun in the cache, uses it."""
    session = phone.context.new_cdp_session(phone)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", FAST_3G)
    phone.add_init_script(FONT_TIMES)
    phone.goto(f"{sample_url}/search.html?q={quote('ทุเรียน')}")
    phone.wait_for_function("window.__shownAt !== undefined")
    assert phone.evaluate(BODY_FONT) == "Noto Sans Thai"
    phone.wait_for_function(f"{FONT_REQUESTS}.length >= 2", timeout=30_000)
    phone.wait_for_function("localStorage.getItem('fonts-loaded') === '1'", timeout=30_000)
    shown = phone.evaluate("window.__shownAt")
    assert all(start >= shown for start in phone.evaluate(FONT_REQUESTS)), shown
    assert phone.evaluate(BODY_FONT) == "Noto Sans Thai"  # never swapped on this page
    assert "Sarabun" not in drawn_with(session, "#search-results a")

    # The next visit (the test server sends no Cache-Control, so the cached
    # faces are revalidated: on a fast network, as a host's or the service
    # worker's cache would serve them).
    session.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    phone.goto(f"{sample_url}/search.html?q={quote('ทุเรียน')}")
    phone.wait_for_function("document.fonts.ready.then(() => true)")
    assert phone.evaluate("document.documentElement.classList.contains('fonts-later')") is False
    assert phone.evaluate(BODY_FONT) == "Sarabun"
    phone.wait_for_function(
        "document.getElementById('search-results').getAttribute('aria-busy') === 'false'")
    assert "Sarabun" in drawn_with(session, "#search-results a")


def test_any_page_that_loaded_the_web_font_remembers_it(sample_url, phone):
    phone.goto(f"{sample_url}/")
    phone.wait_for_function("localStorage.getItem('fonts-loaded') === '1'")
    phone.goto(f"{sample_url}/search.html")
    assert phone.evaluate("document.documentElement.classList.contains('fonts-later')") is False
