"""The Thai search as any Pelican site gets it: pelican-thai-search installed
into a fresh venv with `pip install pelican markdown ./packages/...`, a
stock site (Pelican's default theme, none of this project's files) with
PLUGINS = ["thai_search"], built with the `pelican` command and searched in
Chromium through the same page contract."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import zipfile
from urllib.parse import quote, urlsplit

import pytest

from sitebuild import ROOT, serve

PACKAGE = ROOT / "packages" / "pelican-thai-search"
FIXTURE = ROOT / "tests" / "fixtures" / "search_site" / "news"
STOCK_CONF = textwrap.dedent("""\
    SITENAME = "ข่าวทดสอบ"
    PATH = "content"
    TIMEZONE = "Asia/Bangkok"
    DEFAULT_LANG = "th"
    PLUGINS = ["thai_search"]
""")


@pytest.fixture(scope="module")
def stock_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("stock")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    install = subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "pelican",
                              "markdown", str(PACKAGE)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    site = root / "site"
    (site / "content").mkdir(parents=True)
    for article in FIXTURE.glob("*.md"):
        shutil.copy(article, site / "content" / article.name)
    (site / "pelicanconf.py").write_text(STOCK_CONF, encoding="utf-8")
    build = subprocess.run([str(venv / "bin" / "pelican"), "content", "-s", "pelicanconf.py",
                            "-o", "output"], cwd=site, capture_output=True, text=True)
    return venv, site, build


def test_the_stock_site_builds_with_no_file_of_this_project(stock_site):
    venv, site, build = stock_site
    assert build.returncode == 0, build.stdout + build.stderr
    out = site / "output"
    assert (out / "search" / "manifest.json").is_file()
    assert (out / "theme" / "vendor" / "lunr" / "lunr.min.js").is_file()
    page = (out / "search.html").read_text("utf-8")
    assert 'id="search-results"' in page and 'aria-busy="true"' in page
    assert "/theme/js/search/search-page.js" in page
    # Nothing of this project is importable there: only the package.
    probe = subprocess.run([str(venv / "bin" / "python"), "-c", "import thai_news"],
                           capture_output=True, cwd=site)
    assert probe.returncode != 0


@pytest.mark.browser
def test_the_stock_search_page_lists_the_right_article(stock_site, page):
    _, site, build = stock_site
    assert build.returncode == 0, build.stdout + build.stderr
    server, url = serve(site / "output")
    try:
        page.goto(f"{url}/search.html?q={quote('ส่งออกทุเรียน')}")
        page.wait_for_function(
            "document.getElementById('search-results').getAttribute('aria-busy') === 'false'")
        hrefs = page.eval_on_selector_all(
            "#search-results li.result a:first-of-type", "links => links.map(a => a.href)")
        # the article, carrying the query for the marks there (?highlight=)
        assert [urlsplit(h).path.rsplit("/", 1)[-1] for h in hrefs] == ["durian-export.html"]
        assert [urlsplit(h).query for h in hrefs] == [f"highlight={quote('ส่งออกทุเรียน')}"]
        assert page.input_value("#search-q") == "ส่งออกทุเรียน"
    finally:
        server.shutdown()


def test_the_wheel_carries_the_browser_code_and_templates(tmp_path):
    """`python -m build` makes a wheel with everything a site needs."""
    source = tmp_path / "source"  # a clean copy: no build/ left by an earlier install
    shutil.copytree(PACKAGE, source, ignore=shutil.ignore_patterns(
        "build", "*.egg-info", "__pycache__"))
    built = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
                            "--outdir", str(tmp_path), str(source)],
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = tmp_path.glob("pelican_thai_search-0.1.0-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    base = "pelican/plugins/thai_search/"
    for name in ("__init__.py", "thai_search.py", "contract.py", "static/js/search/engine.js",
                 "static/js/search/search-page.js", "static/js/search/contract.js",
                 "static/vendor/lunr/lunr.min.js", "templates/search.html",
                 "templates/thai_search/macros.html"):
        assert base + name in names
    # A namespace package: no __init__.py above the plugin, or it would hide Pelican's own.
    assert "pelican/__init__.py" not in names and "pelican/plugins/__init__.py" not in names
    metadata = next(n for n in names if n.endswith("METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    requires = sorted(line.split(":", 1)[1].split(">")[0].strip()
                      for line in text.splitlines() if line.startswith("Requires-Dist:"))
    assert requires == ["beautifulsoup4", "jinja2", "pelican", "pythainlp"]
