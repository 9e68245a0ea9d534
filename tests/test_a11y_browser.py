"""WCAG 2.1 AA in real headless Chromium: axe-core on each page type, the
text-size control, reflow at 320 px and 200 % zoom, and search by keyboard.

Run only these with `.venv/bin/python -m pytest tests/test_a11y_browser.py -s`
(-s prints the axe results per page)."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from page_kinds import KINDS, first_article, page_path

from sitebuild import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FAILING = ("serious", "critical")
LARGEST = 3  # MAX_LEVEL in theme/static/js/text-size-levels.js


def open_page(page, base: str, path: str) -> None:
    response = page.goto(base + path)
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")
    if path.startswith("/search.html"):
        page.wait_for_function(
            "document.getElementById('search-results').getAttribute('aria-busy') === 'false'")
        assert page.locator("#search-results li.result").count() > 0
    page.wait_for_selector(".text-size[data-ready]", state="attached")


def run_axe(page) -> dict:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async (tags) => {
      const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
      const brief = (list) => list.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
        count: v.nodes.length}));
      return {violations: brief(r.violations), incomplete: brief(r.incomplete),
              passes: r.passes.length, version: axe.version};
    }""", AXE_TAGS)


@pytest.mark.parametrize("kind", KINDS)
def test_axe_finds_no_serious_or_critical_violation(sample_site, sample_url, browser, kind):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        open_page(page, sample_url, page_path(sample_site, kind))
        result = run_axe(page)
    finally:
        context.close()
    failing = [v for v in result["violations"] if v["impact"] in FAILING]
    print(f"\naxe-core {result['version']} {kind} ({page_path(sample_site, kind)}): "
          f"{len(result['violations'])} violations "
          f"({len(failing)} serious/critical), {result['passes']} rules passed, "
          f"{len(result['incomplete'])} need review")
    for v in result["violations"] + result["incomplete"]:
        print(f"  [{'violation' if v in result['violations'] else 'review'}] "
              f"{v['impact']} {v['id']}: {v['help']} ({v['count']} nodes: {v['nodes'][:3]})")
    assert failing == [], json.dumps(failing, ensure_ascii=False, indent=1)


def test_axe_with_header_results_open_and_largest_text(sample_url, browser):
    """The results-as-you-type panel (a combobox popup) and the largest text."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(f"localStorage.setItem('text-size', '{LARGEST}')")
    page = context.new_page()
    try:
        open_page(page, sample_url, "/category/economy/")
        page.locator("#header-q").press_sequentially("ทุเรียน", delay=10)
        page.wait_for_selector("#header-results:not([hidden]) li a")
        result = run_axe(page)
    finally:
        context.close()
    failing = [v for v in result["violations"] if v["impact"] in FAILING]
    print(f"\naxe-core {result['version']} category, header results open, largest text: "
          f"{len(result['violations'])} violations ({len(failing)} serious/critical), "
          f"{result['passes']} rules passed")
    assert failing == [], json.dumps(failing, ensure_ascii=False, indent=1)


# --- text size -----------------------------------------------------------------

def text_size_state(page) -> dict:
    return page.evaluate("""() => {
      const b = (step) => document.querySelector(`.text-size [data-text-size-step="${step}"]`);
      return {level: document.documentElement.getAttribute('data-text-size'),
              fontSize: getComputedStyle(document.documentElement).fontSize,
              stored: localStorage.getItem('text-size'),
              minus: b(-1).getAttribute('aria-disabled'),
              reset: b(0).getAttribute('aria-pressed'),
              plus: b(1).getAttribute('aria-disabled')};
    }""")


def open_menu(page) -> None:
    """On a phone the text-size control is in the menu (#site-menu)."""
    button = page.locator(".menu-button")
    if button.is_visible() and button.get_attribute("aria-expanded") != "true":
        button.click()
    assert page.locator(".text-size").is_visible()


def test_text_size_control_steps_persists_and_reports_state(sample_site, sample_url, page):
    open_page(page, sample_url, "/")
    open_menu(page)
    group = page.get_by_role("group", name="ขนาดตัวอักษร")
    plus = group.get_by_role("button", name="ก+ เพิ่มขนาดตัวอักษร", exact=True)
    minus = group.get_by_role("button", name="ก- ลดขนาดตัวอักษร", exact=True)
    reset = group.get_by_role("button", name="ก ขนาดปกติ", exact=True)
    state = text_size_state(page)
    assert state == {"level": None, "fontSize": "18px", "stored": None,
                     "minus": "false", "reset": "true", "plus": "false"}
    plus.click()
    assert text_size_state(page)["fontSize"] == "22.5px"
    assert text_size_state(page)["reset"] == "false"
    plus.focus()
    for _ in range(5):  # by keyboard; stops at the largest size
        page.keyboard.press("Enter")
    state = text_size_state(page)
    assert state["level"] == str(LARGEST) and state["fontSize"] == "36px"
    assert state["plus"] == "true" and state["stored"] == str(LARGEST)
    assert page.evaluate("document.activeElement.dataset.textSizeStep") == "1"  # focus kept

    # Every page, from the first paint: the early head script sets the size
    # even when the control's module never runs.
    page.route("**/js/text-size.js", lambda route: route.abort())
    page.goto(sample_url + first_article(sample_site))
    assert text_size_state(page)["fontSize"] == "36px"
    page.unroute("**/js/text-size.js")
    open_page(page, sample_url, "/category/economy/")
    assert text_size_state(page)["plus"] == "true"

    open_menu(page)
    reset.click()
    state = text_size_state(page)
    assert state["level"] is None and state["fontSize"] == "18px" and state["reset"] == "true"
    minus.click()
    state = text_size_state(page)
    assert state["level"] == "-1" and state["minus"] == "true" and state["fontSize"] == "15.75px"
    minus.focus()
    page.keyboard.press("Space")  # at the smallest size ก- does nothing
    assert text_size_state(page)["level"] == "-1"


def test_controls_that_need_js_are_hidden_without_it(sample_site, sample_url, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(sample_url + first_article(sample_site))
        assert page.locator(".text-size").is_hidden()
        assert page.locator(".share-copy").is_hidden()
        assert page.locator(".share a.share-link").count() == 3
        assert all(page.locator(".share a.share-link").nth(i).is_visible() for i in range(3))
    finally:
        context.close()


# --- reflow ------------------------------------------------------------------------

def horizontal_overflow(page) -> list:
    """The page scrolls sideways? Then name the elements that stick out."""
    return page.evaluate("""() => {
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= width) return [];
      return [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > width + 0.5)
        .slice(0, 5).map((e) => e.tagName + '.' + e.className);
    }""")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("level", [0, LARGEST])
def test_no_horizontal_scrolling_at_320px(sample_site, sample_url, browser, kind, level):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    context.add_init_script(f"localStorage.setItem('text-size', '{level}')")
    page = context.new_page()
    try:
        open_page(page, sample_url, page_path(sample_site, kind))
        expected = {0: None, LARGEST: str(LARGEST)}[level]
        assert page.evaluate("document.documentElement.getAttribute('data-text-size')") == expected
        assert horizontal_overflow(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("kind", KINDS)
def test_layout_holds_at_200_percent_zoom(sample_site, sample_url, browser, kind):
    # A 1280×800 window zoomed to 200 % lays out a 640×400 CSS-pixel viewport.
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    page = context.new_page()
    try:
        open_page(page, sample_url, page_path(sample_site, kind))
        assert horizontal_overflow(page) == []
        if kind != "search":  # the search page's one box is its own
            assert page.locator("#header-q").is_visible()
        open_menu(page)
        assert horizontal_overflow(page) == []
    finally:
        context.close()


# --- keyboard -------------------------------------------------------------------

def focus_ring(page) -> dict:
    return page.evaluate("""() => {
      const s = getComputedStyle(document.activeElement);
      return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth) || 0,
              color: s.outlineColor, shadow: s.boxShadow,
              visible: document.activeElement.matches(':focus-visible')};
    }""")


def assert_visible_focus(page) -> None:
    ring = focus_ring(page)
    assert ring["visible"], ring
    assert (ring["outline"] not in ("none", "hidden") and ring["width"] >= 2) \
        or ring["shadow"] != "none", ring


def tab_until(page, selector: str, limit: int = 40) -> int:
    for count in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return count
    raise AssertionError(f"Tab never reached {selector}")


def test_search_end_to_end_by_keyboard(trust_site, trust_url, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(trust_url + "/")
        tab_until(page, "#header-q")
        assert_visible_focus(page)
        page.keyboard.type("ทุเรียน")
        page.keyboard.press("Enter")
        page.wait_for_url("**/search.html?q=*")
        page.wait_for_function(
            "document.getElementById('search-results').getAttribute('aria-busy') === 'false'")
        results = page.locator("#search-results li.result")
        count = results.count()
        assert count == 2
        status = page.locator("#search-status")
        assert status.get_attribute("role") == "status"
        assert status.get_attribute("aria-live") == "polite"
        assert status.inner_text() == f"พบ {count} ข่าว"

        # On the search page, from the top: through the header and the form
        # to the first result.
        tab_until(page, "#search-q")
        assert_visible_focus(page)
        tab_until(page, "#search-results li.result a")
        assert_visible_focus(page)
        href = page.evaluate("document.activeElement.getAttribute('href')")
        page.keyboard.press("Enter")
        page.wait_for_url("**" + href)
        assert page.locator("h1.article-title").is_visible()
        # Focus stays visible on the article's own controls too.
        tab_until(page, ".text-size button")
        assert_visible_focus(page)
        tab_until(page, ".share a.share-link")
        assert_visible_focus(page)
    finally:
        context.close()


def test_search_results_mark_english_titles(trust_site, trust_url, page):
    page.goto(trust_url + "/search.html?q=" + quote("durian"))
    page.wait_for_function(
        "document.getElementById('search-results').getAttribute('aria-busy') === 'false'")
    title = page.locator("#search-results li.result h2 a").first
    assert title.inner_text() == "Cabinet approves durian export plan"
    assert title.get_attribute("lang") == "en"


# --- sharing in the browser -------------------------------------------------------

def test_copy_link_copies_the_canonical_url(trust_site, trust_url, browser):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(trust_url + "/news/2024/03/durian-photo/")
        page.wait_for_load_state("networkidle")
        copy = page.get_by_role("button", name="คัดลอกลิงก์")
        copy.click()
        status = page.locator(".share-status")
        page.wait_for_function("document.querySelector('.share-status').textContent !== ''")
        assert status.inner_text() == "คัดลอกลิงก์แล้ว"
        assert status.get_attribute("role") == "status"
        canonical = page.get_attribute('link[rel="canonical"]', "href")
        assert page.evaluate("navigator.clipboard.readText()") == canonical
        # Share buttons load nothing from Facebook, LINE or X until clicked.
        assert all(u.startswith(trust_url) for u in requests), requests
    finally:
        context.close()
