from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsroom.search_package import ensure_current
from sitebuild import ROOT, build_site, serve, serve_fixture

# Tests use the installed pelican-thai-search, as the site does: first make
# it the same as packages/pelican-thai-search (a reinstall only after edits).
ensure_current()

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The project's own content/, built once per test session."""
    out = tmp_path_factory.mktemp("sample") / "output"
    build = build_site(ROOT / "content", out)
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def sample_url(sample_site):
    server, url = serve(sample_site.output)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def search_site_url(tmp_path_factory):
    """tests/fixtures/search_site (our own Thai articles), built and served once."""
    server, url = serve_fixture(tmp_path_factory.mktemp("search-site"), "search_site")
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def trust_site(tmp_path_factory):
    """tests/trust_site.py content (share images, English, hostile title), built once."""
    import trust_site as content

    root = tmp_path_factory.mktemp("trust")
    build = build_site(content.write(root / "content"), root / "output")
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def trust_url(trust_site):
    server, url = serve(trust_site.output)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is required for browser tests: apt-get install chromium")
    with playwright_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    # The site registers a service worker (thai_offline); requests it makes
    # bypass page.route, so it is blocked here. Tests of the worker itself
    # use worker_page below.
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  service_workers="block")
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def worker_page(browser):
    """A page in a context that allows service workers (as a reader's browser
    does) and records Content-Security-Policy violations (pagewatch)."""
    from pagewatch import CSP_LISTENER

    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  service_workers="allow")
    context.add_init_script(CSP_LISTENER)
    tab = context.new_page()
    yield tab
    context.close()
