"""Security headers: the publish build writes _headers; a server that sends
exactly those headers (tests/headers_server.py parses the file) serves the
site, and every page type and the search work in Chromium with no CSP
violation, console error or exception. The <meta> variant for GitHub Pages
is checked the same way on a server that sends no headers."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from headers_server import headers_for, parse_headers_file, start_server
from pagewatch import csp_violations, wait_for_results, wait_until, watch
from pelican.plugins.thai_search.contract import INDEX_DIRS
from sitebuild import ROOT, build_site
from thai_headers.headers import headers_file, policy_problems, policy_text
from thai_headers.thai_headers import DEFAULTS
from thai_headers.thai_headers import rules as header_rules

REQUIRED_CSP = {
    "default-src": "'self'", "script-src": "'self'", "style-src": "'self'",
    "img-src": "'self' data:", "font-src": "'self'", "connect-src": "'self'",
    "worker-src": "'self'", "object-src": "'none'", "base-uri": "'self'",
    "form-action": "'self'", "frame-ancestors": "'none'",
}
PAGES = {
    "home": "/",
    "article": "/news/2024/03/cabinet-durian-export-china/",
    "category": "/category/economy/",
    "archives": "/news/",
    "static-page": "/about/",
    "search": "/search.html?q=" + quote("ทุเรียน"),
    "404": "/no-such-page/",
}


def publish(tmp_path_factory, name, headers=True, extra=None):
    """publishconf.py build of the project's content, served on localhost
    (the server starts first: SITEURL must be its address)."""
    output = tmp_path_factory.mktemp(name) / "output"
    output.mkdir()
    server, url = start_server(output, headers=headers)
    build = build_site(ROOT / "content", output, settings="publishconf.py",
                       extra={"SITEURL": url, "FEED_DOMAIN": url, **(extra or {})})
    assert build.returncode == 0, build.log
    return build, server, url


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    build, server, url = publish(tmp_path_factory, "published")
    yield build, url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def meta_only(tmp_path_factory):
    build, server, url = publish(tmp_path_factory, "meta-csp", headers=False,
                                 extra={"THAI_HEADERS": {"meta_csp": True}})
    yield build, url
    server.shutdown()
    server.server_close()


def csp_directives(value: str) -> dict[str, str]:
    return {d.split()[0]: " ".join(d.split()[1:]) for d in value.split(";") if d.strip()}


def test_publish_writes_headers_file(published):
    build, _ = published
    rules = parse_headers_file(build.read("_headers"))
    page = dict(headers_for(rules, "/news/2024/03/x/"))
    csp = csp_directives(page["Content-Security-Policy"])
    for directive, sources in REQUIRED_CSP.items():
        assert csp[directive] == sources, directive
    assert "unsafe" not in page["Content-Security-Policy"]
    assert page["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert page["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in page["Permissions-Policy"]
    for folder in INDEX_DIRS:  # the index contract's: positions and pairs (p/) too
        name = next((build.output / "search" / folder).glob("*.json")).name
        assert ("Cache-Control", "public, max-age=31536000, immutable") in headers_for(
            rules, f"/search/{folder}/{name}"), folder
    assert ("Cache-Control", "no-cache") in headers_for(rules, "/search/manifest.json")
    assert ("Cache-Control", "no-cache") in headers_for(rules, "/sw.js")
    assert "Cache-Control" not in page


def test_every_index_folder_is_cached_for_a_year():
    """The folders come from the index contract (p/ was once left out)."""
    found = dict(header_rules({"THAI_HEADERS": DEFAULTS, "THAI_SEARCH": {"output": "search"}}))
    for folder in INDEX_DIRS:
        assert found[f"/search/{folder}/*"] == {"Cache-Control": DEFAULTS["immutable"]}
    assert found["/search/manifest.json"] == {"Cache-Control": DEFAULTS["revalidate"]}


def test_dev_build_has_no_headers_file(sample_site):
    assert not sample_site.exists("_headers")


@pytest.mark.browser
@pytest.mark.parametrize("kind", list(PAGES))
def test_pages_work_under_the_headers(published, worker_page, kind):
    _, url = published
    page = worker_page
    seen = watch(page)
    response = page.goto(url + PAGES[kind])
    assert response.status == (404 if kind == "404" else 200)
    csp = response.headers["content-security-policy"]
    assert csp_directives(csp)["script-src"] == "'self'"
    assert response.headers["x-content-type-options"] == "nosniff"
    if kind == "search":
        assert wait_for_results(page)
        assert page.inner_text("#search-status").startswith("พบ")
        assert page.query_selector("#search-results mark")  # highlighted snippets
    else:
        page.locator("#header-q").press_sequentially("ทุเรียน", delay=5)
        page.wait_for_selector("#header-results:not([hidden]) li a")
    # The service worker registers under worker-src 'self' and takes over.
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.active.scriptURL)") \
        == f"{url}/sw.js"
    wait_until(page, "navigator.serviceWorker.controller !== null")
    page.wait_for_load_state("networkidle")
    assert csp_violations(page) == []
    assert seen.errors == [] and seen.bad_responses == []
    assert seen.off_origin(url) == []


@pytest.mark.browser
def test_the_policy_is_enforced(published, worker_page):
    """Control: the listener sees violations, and inline code is refused."""
    _, url = published
    page = worker_page
    page.goto(url + "/")
    page.evaluate("""() => {
        const s = document.createElement("script");
        s.textContent = "window.__inline = 1";
        document.body.append(s);
        document.body.setAttribute("style", "background: red");
        const i = document.createElement("img");
        i.src = "https://tracker.example.com/p.gif";
        document.body.append(i);
    }""")
    wait_until(page, "window.__cspViolations.length >= 3")
    kinds = " ".join(csp_violations(page))
    assert "script-src-elem" in kinds and "style-src-attr" in kinds and "img-src" in kinds
    assert page.evaluate("window.__inline") is None
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 0, 0)"


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["home", "article", "search"])
def test_meta_csp_for_hosts_without_headers(meta_only, worker_page, kind):
    build, url = meta_only
    page = worker_page
    seen = watch(page)
    response = page.goto(url + PAGES[kind])
    assert "content-security-policy" not in response.headers
    head = BeautifulSoup(build.read("index.html"), "html.parser").head
    meta = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None and "frame-ancestors" not in meta["content"]
    first_script = head.find(["script", "link"])
    assert meta.sourceline < first_script.sourceline  # before anything it governs
    assert head.find("meta", attrs={"name": "referrer"})["content"] \
        == "strict-origin-when-cross-origin"
    if kind == "search":
        assert wait_for_results(page)
    page.wait_for_load_state("networkidle")
    assert csp_violations(page) == []
    assert seen.errors == [] and seen.bad_responses == []
    # Control: the <meta> policy refuses inline script.
    page.evaluate("""() => {
        const s = document.createElement("script");
        s.textContent = "window.__inline = 1";
        document.body.append(s);
    }""")
    wait_until(page, "window.__cspViolations.length >= 1")
    assert page.evaluate("window.__inline") is None
    assert "script-src-elem inline" in csp_violations(page)[0]


def test_policy_checks():
    assert policy_problems(DEFAULTS["csp"]) == []
    weak = {**DEFAULTS["csp"], "script-src": "'self' 'unsafe-inline'"}
    assert policy_problems(weak) == ["script-src allows 'unsafe-inline'"]
    assert "style-src is missing" in policy_problems(
        {k: v for k, v in DEFAULTS["csp"].items() if k != "style-src"})
    assert "frame-ancestors" not in policy_text(DEFAULTS["csp"], meta=True)
    with pytest.raises(ValueError):
        headers_file([("/*", {"X-Evil": "a\n/other\n  X-Injected: 1"})])
    with pytest.raises(ValueError):
        headers_file([("no-slash", {"A": "b"})])


def test_docs_show_the_same_policy():
    """docs/security.md (nginx, GitHub Pages) states the policy the build sends."""
    docs = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    policy = policy_text(DEFAULTS["csp"])
    assert f'add_header Content-Security-Policy "{policy}" always;' in docs
    assert policy_text(DEFAULTS["csp"], meta=True) in docs
    for name, value in DEFAULTS["headers"].items():
        assert re.search(rf'add_header {re.escape(name)} "{re.escape(value)}" always;', docs), name
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert policy in readme
