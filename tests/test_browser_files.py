"""The search's browser files as served: JavaScript without comment lines
(browser_files.py), made once per version of static/ in the cache."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from pelican.plugins.thai_search.browser_files import served_copy, strip_comment_lines
from pelican.plugins.thai_search.site_files import STATIC

SHIPPED = sorted(p for p in STATIC.rglob("*.js") if not p.name.endswith(".min.js"))


def test_whole_comment_lines_go_and_code_stays():
    source = "\n".join([
        "// a line comment",
        "/**",
        " * a block: // inside it, and /* too",
        " */",
        "const url = \"http://example.com\"; // after code: kept",
        "  /* one line */",
        "/* closed */ const b = 1;",
        "",
        "const re = /\\/\\//;",
    ])
    assert strip_comment_lines(source) == "\n".join([
        "const url = \"http://example.com\"; // after code: kept",
        "/* closed */ const b = 1;",
        "const re = /\\/\\//;",
    ]) + "\n"


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_every_shipped_file_strips_to_the_same_module(path, tmp_path):
    """Line-based stripping is exact only if no string or template literal
    spans lines: checked, then the copy must still parse as a module."""
    source = path.read_text("utf-8")
    for number, line in enumerate(source.splitlines(), start=1):
        assert line.count("`") % 2 == 0, f"{path.name}:{number}: a template literal spans lines"
        assert not line.endswith("\\"), f"{path.name}:{number}: a string continues on the next line"
    stripped = tmp_path / (path.stem + ".mjs")
    stripped.write_text(strip_comment_lines(source), "utf-8")
    subprocess.run(["node", "--check", str(stripped)], check=True)
    assert len(stripped.read_bytes()) < len(path.read_bytes())


def test_the_copy_is_made_once_per_version_and_replaces_the_old(tmp_path):
    static = tmp_path / "static"
    shutil.copytree(STATIC, static)
    cache = tmp_path / "cache"
    first = served_copy(static, cache)
    assert served_copy(static, cache) == first
    engine = first / "js" / "search" / "engine.js"
    assert "\n//" not in "\n" + engine.read_text("utf-8").replace(" ", "")
    lunr = "vendor/lunr/lunr.min.js"
    assert (first / lunr).read_bytes() == (static / lunr).read_bytes()  # as shipped
    (static / "js" / "search" / "dom.js").write_text("// changed\nexport const x = 1;\n")
    second = served_copy(static, cache)
    assert second != first and not first.exists()
    assert (second / "js" / "search" / "dom.js").read_text() == "export const x = 1;\n"
    assert not list(cache.rglob("*.partial"))
