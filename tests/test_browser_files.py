"""The search's browser files as served: JavaScript without comment lines
(browser_files.py), made once per version of static/ in the cache."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from pelican.plugins.thai_search.browser_files import served_copy, strip_comment_lines
from pelican.plugins.thai_search.site_files import STATIC

SHIPPED = sorted(p for p in STATIC.rglob("*.js") if not p.name.endswith(".min.js"))


def test_code_after_a_block_comment_s_end_is_refused():
    with pytest.raises(ValueError, match="code after"):
        strip_comment_lines("/*\n * a block\n */ run();\n")


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


def lines_in_template_text(source: str) -> list[int]:
    """The numbers of the lines that start inside a template literal's text
    (where a // or /* would be text, not a comment). Tracks backticks and
    ${...} nesting, skipping comments; the shipped code keeps no backtick
    in a string or a regular expression (asserted by the scan ending in code)."""
    inside, stack, i, line, starts = [], ["code"], 0, 1, set()
    n = len(source)
    while i < n:
        c = source[i]
        if c == "\n":
            line += 1
            if stack[-1] == "text":
                starts.add(line)
            i += 1
            continue
        if stack[-1] == "text":
            if c == "\\":
                i += 2
                continue
            if c == "`":
                stack.pop()
            elif source.startswith("${", i):
                stack.append(0)
                i += 1
            i += 1
            continue
        if source.startswith("//", i):
            i = source.find("\n", i) if "\n" in source[i:] else n
            continue
        if source.startswith("/*", i):
            end = source.find("*/", i + 2)
            line += source.count("\n", i, end)
            i = end + 2
            continue
        if c == "`":
            stack.append("text")
        elif c == "{" and isinstance(stack[-1], int):
            stack[-1] += 1
        elif c == "}" and isinstance(stack[-1], int):
            if stack[-1] == 0:
                stack.pop()  # back in the template's text
            else:
                stack[-1] -= 1
        i += 1
    assert stack == ["code"], "the scan did not end in code"
    inside.extend(sorted(starts))
    return inside


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_every_shipped_file_strips_to_the_same_module(path, tmp_path):
    """Line-based stripping is exact only if no comment-like line starts
    inside a template literal's text, and no string continues on the next
    line: checked, then the copy must still parse as a module."""
    source = path.read_text("utf-8")
    lines = source.splitlines()
    for number in lines_in_template_text(source):
        text = lines[number - 1].strip()
        assert not text.startswith(("//", "/*")) and text, \
            f"{path.name}:{number}: a template literal's text would lose this line"
    for number, line in enumerate(lines, start=1):
        assert not line.endswith("\\"), f"{path.name}:{number}: a string continues on the next line"
    stripped = tmp_path / (path.stem + ".mjs")
    stripped.write_text(strip_comment_lines(source), "utf-8")
    subprocess.run(["node", "--check", str(stripped)], check=True)
    assert len(stripped.read_bytes()) < len(path.read_bytes())


def test_the_scan_sees_a_template_literal_over_lines():
    source = "const a = `one\n// kept\n${b({\n// a comment\n})} two`;\n"
    assert lines_in_template_text(source) == [2, 3]  # not 4, inside ${...}


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
    assert not [p for p in cache.rglob("*") if ".partial" in p.name]
    assert not [p for p in second.rglob("*") if "sha256" in p.name.lower()]  # never published


def test_a_damaged_copy_is_made_again_never_served(tmp_path, caplog):
    cache = tmp_path / "cache"
    first = served_copy(STATIC, cache)
    engine = first / "js" / "search" / "engine.js"
    whole = engine.read_bytes()
    engine.write_bytes(whole[: len(whole) // 2])  # a torn file
    again = served_copy(STATIC, cache)
    assert again == first and engine.read_bytes() == whole
    assert "damaged" in caplog.text
