from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest
from sitebuild import ROOT, build_site

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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    """Serve a built site on a free localhost port; returns (server, base URL)."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def sample_url(sample_site):
    server, url = serve(sample_site.output)
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
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    yield tab
    context.close()
