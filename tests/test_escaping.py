"""Escaping fuzz: hostile text in every metadata field, in Markdown bodies,
in the query string and in typed queries. The built files and the pages in
Chromium must show it as text: no script runs (every payload sets
window.__xss), no element or attribute is injected, no bidi control
reorders what readers see."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from headers_server import start_server
from pagewatch import wait_for_results, watch
from pelican.plugins.thai_search.contract import TEXTS_DIR
from pelican.plugins.thai_search.text_files import decode_text
from sitebuild import article, build_site, write_content

MARK = "fuzzmark"  # every hostile article has it, so one search finds them all
PAYLOADS = [
    "<script>window.__xss=1</script>",
    '"><img src=x onerror="window.__xss=2">',
    "'><svg onload=window.__xss=3>",
    "javascript:window.__xss=4",
    "</title><script>window.__xss=5</script>",
    "\u202eเตือนภัย fdp.exe\u202c",
    "\u2067ขวา\u2069 \u202bฝัง\u202c",
    "\"'` &amp; &lt;b&gt;",
    "{{ 7*7 }} {% if true %}jinja{% endif %} {# c #}",
    "<a href=\"javascript:window.__xss=6\">ลิงก์</a>",
]
BODY = f"""ย่อหน้าแรก {MARK} ข้อความ &lt;script&gt;window.__xss=7&lt;/script&gt; ต้องเป็นข้อความ

<script>window.__xss=8</script>
<img src=x onerror="window.__xss=9">
<p onmouseover="window.__xss=10" style="position:fixed;inset:0">ย่อหน้าดัก</p>
<svg><script>window.__xss=11</script></svg>
<iframe srcdoc="<script>parent.__xss=12</script>"></iframe>
<form action="javascript:window.__xss=13"><button>ส่ง</button></form>

[คลิก](javascript:window.__xss=14) [คลิก](JaVaScRiPt:window.__xss=15)
[คลิก](java&#x09;script:window.__xss=16) [ข้อมูล](data:text/html,<script>window.__xss=17</script>)
<a href="&#x6A;avascript:window.__xss=18">คลิก</a>

## หัวข้อ {{: onclick="window.__xss=19" }}

ข้อความกลับทิศ \u202eabc.exe\u202c และ {{{{ 7*7 }}}} กับ {{% raw %}}

`<script>window.__xss=20</script>` ในโค้ด
"""


def hostile_articles() -> dict[str, str]:
    files = {}
    for i, payload in enumerate(PAYLOADS):
        files[f"news/2024/fuzz-{i}.md"] = article(
            title=f"{payload} {MARK}", date=f"2024-02-{i + 1:02d} 10:00", slug=f"fuzz-{i}",
            category=f"หมวด {payload}" if i % 2 else "ด้านกฎหมายฯ",
            tags=f"{payload.replace(',', ' ')}, แท็กปกติ", summary=f"{payload} สรุป {MARK}",
            author=payload, source=payload if i % 3 else f"https://example.go.th/{payload}",
            body=BODY)
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("escaping")
    write_content(root / "content", {
        **hostile_articles(),
        "pages/about.md": "Title: เกี่ยวกับ <script>window.__xss=30</script>\nSlug: about\n\n"
                          + BODY,
    })
    build = build_site(root / "content", root / "output")
    assert build.returncode == 0, build.log
    server, url = start_server(build.output, headers=False)
    yield build, url
    server.shutdown()
    server.server_close()


BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def injected(soup: BeautifulSoup) -> list[str]:
    found = []
    for script in soup.find_all("script"):
        if not script.get("src") and script.get("type") != "application/ld+json":
            found.append(f"inline script: {script}")
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else value
            if attr.startswith("on") or (attr == "style"):
                found.append(f"{tag.name}@{attr}")
            if attr in ("href", "src", "action", "formaction") and re.match(
                    r"\s*(javascript|data|vbscript):", text.replace("\t", ""), re.I) \
                    and not text.startswith("data:image/"):
                found.append(f"{tag.name}@{attr}={text}")
    found += [t.name for t in soup.find_all(["svg", "iframe", "object", "embed", "form"])
              if t.find_parent(class_="article-body")]
    return found


def test_built_pages_have_no_injected_markup(site):
    build, _ = site
    pages = list(build.output.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert injected(BeautifulSoup(text, "html.parser")) == [], path
        assert not BIDI.search(text), path


def test_metadata_is_shown_as_text(site):
    build, _ = site
    # Bidi controls are removed from the fields with a warning naming file, line and field.
    for where, count in (("fuzz-5.md:1: Title", 2), ("fuzz-5.md:3: Category", 2),
                         ("fuzz-6.md:1: Title", 4), ("fuzz-6.md:7: Author", 4)):
        assert f"thai_news: content/news/2024/{where}: removed {count} bidi control " \
            "character(s)" in build.log
    for i, payload in enumerate(PAYLOADS):
        soup = BeautifulSoup(build.read(f"news/2024/02/fuzz-{i}/index.html"), "html.parser")
        shown = BIDI.sub("", payload)
        assert soup.h1.get_text() == f"{shown} {MARK}"
        assert soup.title.get_text().startswith(shown)
        assert soup.select_one(".article-author").get_text() == shown
        given = BIDI.sub("", f"{payload}, แท็กปกติ")  # Pelican splits on ';' if any, else ','
        expected = {t.strip() for t in given.split(";" if ";" in given else ",") if t.strip()}
        assert {a.get_text()[1:] for a in soup.select(".tag-list a")} == expected
        assert MARK in soup.select_one(".article-lead").get_text()
        # Share previews (thai_share): attributes and JSON-LD data hold the text as given.
        assert soup.find("meta", property="og:title")["content"] == f"{shown} {MARK}"
        ld = soup.find_all("script", type="application/ld+json")
        assert len(ld) == 1 and "<" not in ld[0].string
        assert json.loads(ld[0].string)["headline"] == f"{shown} {MARK}"
        source = soup.select_one(".article-source")
        assert shown in source.get_text()
        if i % 3:
            assert source.a is None  # not an http(s) link: text only
        if i % 2:
            assert soup.select_one(".article-category a").get_text() == f"หมวด {shown}"
        body = soup.select_one(".article-body")
        assert "<script>window.__xss=7</script>" in body.get_text()  # text stays text
        assert "{{ 7*7 }}" in body.get_text() and "49" not in soup.get_text()


def test_feeds_and_search_data_are_escaped(site):
    build, _ = site
    feed = ET.fromstring(build.read("feeds/all.atom.xml"))
    atom = "{http://www.w3.org/2005/Atom}"
    for entry in feed.iter(f"{atom}entry"):
        for part in ("summary", "content"):
            node = entry.find(f"{atom}{part}")
            if node is not None and node.text:
                assert injected(BeautifulSoup(node.text, "html.parser")) == []
    for path in (build.output / "search").rglob("*.json"):
        assert not BIDI.search(path.read_text(encoding="utf-8")), path
    texts = list((build.output / "search" / TEXTS_DIR).glob("*.txt"))  # snippet texts
    assert texts
    for path in texts:
        assert not BIDI.search(decode_text(path.read_bytes())), path


SCAN = """() => {
  const bad = [];
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      if (a.name.startsWith("on") || a.name === "style") bad.push(`${el.tagName}@${a.name}`);
      const url = ["href", "src", "action", "formaction", "data"].includes(a.name);
      if (url && /^\\s*(javascript|vbscript|data:text)/i.test(a.value)) {
        bad.push(`${el.tagName}@${a.name}=${a.value}`);
      }
    }
  }
  for (const s of document.querySelectorAll("script:not([src])")) {
    if (s.type !== "application/ld+json") bad.push("inline script");
  }
  for (const x of document.querySelectorAll("main svg, main iframe, main object, main embed")) {
    bad.push(x.tagName);
  }
  return {xss: window.__xss ?? null, bad};
}"""


def assert_clean(page, dialogs):
    page.wait_for_timeout(150)  # let any onerror / timers fire
    assert page.evaluate(SCAN) == {"xss": None, "bad": []}
    assert dialogs == []


@pytest.mark.browser
def test_pages_run_no_injected_script(site, page):
    build, url = site
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    paths = ["/", "/news/", "/news/2024/02/", "/category/law/", "/about/", "/tag/"]
    paths += [f"/news/2024/02/fuzz-{i}/" for i in range(len(PAYLOADS))]
    tags = sorted(p.parent for p in (build.output / "tag").glob("*/index.html"))
    paths += ["/" + t.relative_to(build.output).as_posix() + "/" for t in tags[:6]]
    categories = sorted(p.parent for p in (build.output / "category").glob("*/index.html"))
    paths += ["/" + c.relative_to(build.output).as_posix() + "/" for c in categories]
    for path in paths:
        page.goto(url + path)
        page.mouse.move(200, 300)  # a hover handler, if one had survived
        assert_clean(page, dialogs)


@pytest.mark.browser
def test_search_results_and_snippets_are_text(site, page):
    _, url = site
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{url}/search.html?q={MARK}")
    results = wait_for_results(page)
    assert len(results) == len(PAYLOADS)
    page.wait_for_timeout(300)  # snippets arrive after the titles
    titles = page.eval_on_selector_all("#search-results li.result h2",
                                       "hs => hs.map(h => h.innerText)")
    assert sorted(titles) == sorted(f"{BIDI.sub('', p)} {MARK}" for p in PAYLOADS)
    snippets = page.inner_text("#search-results")
    assert "<script>window.__xss=7</script>" in snippets
    assert_clean(page, dialogs)
    # The header box, on another page, renders the same titles as text.
    page.goto(f"{url}/news/")
    page.locator("#header-q").press_sequentially(MARK, delay=5)
    page.wait_for_selector("#header-results:not([hidden]) li a")
    assert_clean(page, dialogs)


QUERIES = PAYLOADS + [
    "<img src=x onerror=window.__xss=40>",
    "<iframe src=javascript:window.__xss=41>",
    "%3Cscript%3Ewindow.__xss=42%3C/script%3E",
    "'-window.__xss=43-'",
    "\u202e" + MARK,
]


@pytest.mark.browser
@pytest.mark.parametrize("query", QUERIES, ids=range(len(QUERIES)))
def test_hostile_query_string_is_text(site, page, query):
    _, url = site
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    seen = watch(page)
    page.goto(f"{url}/search.html?q={quote(query)}")
    wait_for_results(page)
    assert_clean(page, dialogs)
    assert page.input_value("#search-q") == query
    shown = page.eval_on_selector_all("#search-results .search-empty bdi",
                                      "bs => bs.map(b => b.textContent)")
    assert shown in ([], [query.strip()])
    # The looser searches offered are text too, each an ordinary ?q= link.
    for href in page.eval_on_selector_all("#search-results .search-looser a",
                                          "xs => xs.map(x => x.getAttribute('href'))"):
        assert href.startswith("/search.html?q="), href
    # Typed, then sent from the header box.
    page.fill("#search-q", "")
    page.locator("#search-q").press_sequentially(query[:60], delay=2)
    page.press("#search-q", "Enter")
    wait_for_results(page)
    assert_clean(page, dialogs)
    assert seen.errors == []
