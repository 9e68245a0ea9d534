"""Security headers: the publish build writes _headers (the full CSP with
frame-ancestors, HSTS) and puts the CSP as a <meta> first in every page's
<head>. A server that sends exactly the headers of _headers
(tests/headers_server.py parses the file) serves the site, and every page
type and the search work in Chromium with no CSP violation, console error or
exception. The same is checked on a server that sends no headers at all, as
GitHub Pages, where the <meta> is the only policy."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from headers_server import headers_for, parse_headers_file, start_server
from pagewatch import csp_violations, wait_for_results, wait_until, watch
from pelican.plugins.thai_search.contract import INDEX_DIRS
from sitebuild import ROOT, build_site
from thai_cms.thai_cms import DEFAULTS as CMS_DEFAULTS
from thai_headers.headers import headers_file, hsts_problems, policy_problems, policy_text
from thai_headers.thai_headers import DEFAULTS
from thai_headers.thai_headers import rules as header_rules

REQUIRED_CSP = {
    "default-src": "'self'", "script-src": "'self'", "style-src": "'self'",
    "img-src": "'self' data:", "font-src": "'self'", "connect-src": "'self'",
    "worker-src": "'self'", "object-src": "'none'", "base-uri": "'self'",
    "form-action": "'self'", "frame-ancestors": "'none'",
}
# What a <meta http-equiv="Content-Security-Policy"> cannot carry (CSP 3, 6.1).
NOT_IN_META = {"frame-ancestors", "report-uri", "report-to", "sandbox"}
# Elements that load or run something a CSP governs.
GOVERNED = {"script", "style", "link", "img", "iframe", "object", "embed", "base", "body"}
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
    """The default production build on a server that sends no headers (GitHub Pages)."""
    build, server, url = publish(tmp_path_factory, "meta-csp", headers=False)
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
        name = next((build.output / "search" / folder).glob("*")).name
        assert ("Cache-Control", "public, max-age=31536000, immutable") in headers_for(
            rules, f"/search/{folder}/{name}"), folder
    assert ("Cache-Control", "no-cache") in headers_for(rules, "/search/manifest.json")
    assert ("Cache-Control", "no-cache") in headers_for(rules, "/sw.js")
    assert "Cache-Control" not in page
    hsts = [d.strip().lower() for d in page["Strict-Transport-Security"].split(";")]
    assert int(hsts[0].removeprefix("max-age=")) >= 31536000 and "includesubdomains" in hsts


def meta_policy(html: str, name: str) -> str:
    """The CSP <meta> of a page, checked to come before anything it governs."""
    soup = BeautifulSoup(html, "html.parser")
    metas = soup.find_all("meta", attrs={"http-equiv": re.compile("^content-security-policy$",
                                                                  re.I)})
    assert len(metas) == 1, f"{name}: {len(metas)} CSP <meta>"
    meta = metas[0]
    assert meta.parent is soup.head, f"{name}: the CSP <meta> is not in <head>"
    before = [tag.name for tag in meta.find_all_previous(True)]
    assert not GOVERNED & set(before), f"{name}: {before} before the CSP <meta>"
    return meta["content"]


def test_every_page_carries_the_meta_csp(published):
    """Every HTML file of the production build, not only the page types: its
    <meta> is the one policy _headers gives its own path, minus what a
    <meta> cannot carry. That is the site's strict policy for every page but
    the web editor's (/admin/, its own policy: test_admin_policy below)."""
    build, _ = published
    rules = parse_headers_file(build.read("_headers"))
    site = csp_directives(dict(headers_for(rules, "/"))["Content-Security-Policy"])
    pages = sorted(build.output.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        name = path.relative_to(build.output).as_posix()
        url = "/" + name.removesuffix("index.html")
        policies = [v for n, v in headers_for(rules, url) if n == "Content-Security-Policy"]
        assert len(policies) == 1, name
        header = csp_directives(policies[0])
        policy = meta_policy(path.read_text(encoding="utf-8"), name)
        meta = csp_directives(policy)
        assert not NOT_IN_META & set(meta), name
        assert meta == {d: v for d, v in header.items() if d not in NOT_IN_META}, name
        if name == "admin/index.html":
            continue
        assert "unsafe" not in policy, name
        assert header == site, name


def test_admin_policy(published):
    """/admin/ gets the web editor's policy instead of the site's (the `!`
    line drops the site's on Cloudflare Pages, else both would apply), not
    indexed, always revalidated. It allows what Decap needs and no more:
    eval for its config check, inline styles, blob: photos being uploaded,
    GitHub's API and avatars; never inline script."""
    build, _ = published
    rules = parse_headers_file(build.read("_headers"))
    admin = headers_for(rules, "/admin/")
    policies = [v for n, v in admin if n == "Content-Security-Policy"]
    assert len(policies) == 1
    policy = csp_directives(policies[0])
    assert policy == csp_directives("; ".join(f"{d} {v}" for d, v in CMS_DEFAULTS["csp"].items()))
    unsafe = {(d, s) for d, v in policy.items() for s in v.split() if "unsafe" in s}
    assert unsafe == {("script-src", "'unsafe-eval'"), ("style-src", "'unsafe-inline'")}
    assert policy["script-src"] == "'self' 'unsafe-eval'"
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert "https://api.github.com" in policy["connect-src"].split()
    assert dict(admin)["X-Robots-Tag"] == "noindex, nofollow"
    assert dict(admin)["Cache-Control"] == "no-cache"
    assert dict(admin)["Strict-Transport-Security"] == DEFAULTS["hsts"]
    # Published with the GitHub backend only (no local decap-server).
    config = json.loads(build.read("admin/config.json"))
    assert "local_backend" not in config and config["backend"]["name"] == "github"
    # The site's pages keep the site's policy.
    assert "unsafe" not in dict(headers_for(rules, "/news/"))["Content-Security-Policy"]


def test_every_index_folder_is_cached_for_a_year():
    """The folders come from the index contract (p/ was once left out)."""
    found = dict(header_rules({"THAI_HEADERS": DEFAULTS, "THAI_SEARCH": {"output": "search"}}))
    for folder in INDEX_DIRS:
        assert found[f"/search/{folder}/*"] == {"Cache-Control": DEFAULTS["immutable"]}
    assert found["/search/manifest.json"] == {"Cache-Control": DEFAULTS["revalidate"]}


def test_dev_build_has_no_headers_file(sample_site):
    """make build / make serve: no _headers (no HSTS for localhost) and no CSP
    <meta> (docs/security.md says why)."""
    assert not sample_site.exists("_headers")
    assert "Content-Security-Policy" not in sample_site.read("index.html")


@pytest.mark.parametrize("given, message", [
    ({"hsts": "max-age=86400"},
     "THAI_HEADERS['hsts'] must be 'max-age=<seconds>; includeSubDomains' with at least "
     "31536000 seconds (one year), or '' for none, not 'max-age=86400'"),
    ({"headers": {"strict-transport-security": "max-age=1"}},
     "THAI_HEADERS['headers'] has Strict-Transport-Security: set it with "
     "THAI_HEADERS['hsts'] instead"),
])
def test_weak_hsts_stops_the_build(tmp_path, given, message):
    build = build_site(ROOT / "content", tmp_path / "output", settings="publishconf.py",
                       extra={"THAI_HEADERS": given})
    assert build.returncode != 0
    assert f"Build failed: thai_headers: {message}" in build.log
    assert "Traceback" not in build.log


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
@pytest.mark.parametrize("kind", list(PAGES))
def test_meta_csp_for_hosts_without_headers(meta_only, worker_page, kind):
    """GitHub Pages: no headers at all, the <meta> is the policy; everything works."""
    build, url = meta_only
    page = worker_page
    seen = watch(page)
    response = page.goto(url + PAGES[kind])
    assert response.status == (404 if kind == "404" else 200)
    assert "content-security-policy" not in response.headers
    assert "strict-transport-security" not in response.headers
    policy = meta_policy(page.content(), kind)
    assert "frame-ancestors" not in policy and "unsafe" not in policy
    assert csp_directives(policy)["script-src"] == "'self'"
    head = BeautifulSoup(build.read("index.html"), "html.parser").head
    assert head.find("meta", attrs={"name": "referrer"})["content"] \
        == "strict-origin-when-cross-origin"
    if kind == "search":
        assert wait_for_results(page)
        assert page.inner_text("#search-status").startswith("พบ")
        assert page.query_selector("#search-results mark")
    else:
        page.locator("#header-q").press_sequentially("ทุเรียน", delay=5)
        page.wait_for_selector("#header-results:not([hidden]) li a")
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.active.scriptURL)") \
        == f"{url}/sw.js"
    page.wait_for_load_state("networkidle")
    assert csp_violations(page) == []
    assert seen.errors == [] and seen.bad_responses == []
    assert seen.off_origin(url) == []
    # Control: the <meta> policy refuses inline script and style attributes.
    page.evaluate("""() => {
        const s = document.createElement("script");
        s.textContent = "window.__inline = 1";
        document.body.append(s);
        document.body.setAttribute("style", "background: red");
    }""")
    wait_until(page, "window.__cspViolations.length >= 2")
    assert page.evaluate("window.__inline") is None
    kinds = " ".join(csp_violations(page))
    assert "script-src-elem inline" in kinds and "style-src-attr" in kinds


@pytest.mark.browser
@pytest.mark.parametrize("served", ["published", "meta_only"])
def test_the_editor_runs_under_its_policy(served, request, worker_page):
    """The web editor under its own policy: from _headers (Netlify,
    Cloudflare Pages), and from its <meta> alone (GitHub Pages, the deploy
    target). With the published config, Decap checks it (eval) and shows
    the GitHub login. GitHub cannot be reached from a test, so on GitHub
    Pages the same page and config then run with Decap's in-memory
    test-repo backend in place of GitHub (the one change, made by the
    browser): log in, open a new article, upload a photo (blob:), preview
    it with the site's stylesheet and fonts. The service worker, which
    controls the site, leaves /admin/ alone."""
    build, url = request.getfixturevalue(served)
    page = worker_page
    seen = watch(page)
    if served == "meta_only":
        page.goto(url + "/")
        wait_until(page, "navigator.serviceWorker.controller !== null")
        config = json.loads(build.read("admin/config.json"))
        page.route(f"{url}/admin/config.json",
                   lambda route: route.fulfill(json={**config, "backend": {"name": "test-repo"}}))
    response = page.goto(url + "/admin/")
    if served == "published":
        assert "'unsafe-eval'" in response.headers["content-security-policy"]
        page.get_by_role("button", name="เข้าสู่ระบบด้วย GitHub").wait_for()
    else:
        assert "content-security-policy" not in response.headers
        page.get_by_role("button", name="เข้าสู่ระบบ").click()
        page.goto(url + "/admin/#/collections/news/new")
        page.get_by_role("button", name="เลือกรูปภาพ").click()
        photo = ROOT / "theme" / "static" / "img" / "share-default.png"
        page.set_input_files("input[type=file]", str(photo))
        page.get_by_role("button", name="เลือกข้อมูลที่ถูกเลือก").click()
        frame = page.frame_locator("iframe").first
        frame.locator(".article-image img").wait_for()
        assert frame.locator("img").first.evaluate("img => img.complete && img.naturalWidth > 0")
        kept = page.evaluate("""caches.open("thai-news-pages")
            .then((c) => c.keys()).then((keys) => keys.map((r) => r.url))""")
        assert kept and not [u for u in kept if "/admin" in u], kept
    page.wait_for_load_state("networkidle")
    assert csp_violations(page) == []
    assert seen.errors == [] and seen.bad_responses == []
    assert seen.off_origin(url) == []


def test_policy_checks():
    assert policy_problems(DEFAULTS["csp"]) == []
    weak = {**DEFAULTS["csp"], "script-src": "'self' 'unsafe-inline'"}
    assert policy_problems(weak) == ["script-src allows 'unsafe-inline'"]
    assert "style-src is missing" in policy_problems(
        {k: v for k, v in DEFAULTS["csp"].items() if k != "style-src"})
    assert "frame-ancestors" not in policy_text(DEFAULTS["csp"], meta=True)
    assert hsts_problems(DEFAULTS["hsts"]) == []
    assert hsts_problems("max-age=63072000; includeSubDomains; preload") == []
    assert hsts_problems("max-age=300; includeSubDomains") == [
        "max-age=300 is under a year (31536000)"]
    assert hsts_problems("max-age=31536000") == ["includeSubDomains is missing"]
    assert "needs one max-age=<seconds>" in hsts_problems("includeSubDomains")
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
    headers = {**DEFAULTS["headers"], "Strict-Transport-Security": DEFAULTS["hsts"]}
    for name, value in headers.items():
        assert re.search(rf'add_header {re.escape(name)} "{re.escape(value)}" always;', docs), name
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert policy in readme
    admin = "; ".join(f"{d} {v}" for d, v in CMS_DEFAULTS["csp"].items())
    assert f'add_header Content-Security-Policy "{admin}" always;' in docs
    assert admin in readme
