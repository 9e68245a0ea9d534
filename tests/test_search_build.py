"""The search index inside the normal Pelican build: output files and the
segmentation cache across rebuilds."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from jinja2 import Environment, FileSystemLoader

from pelican.plugins.thai_search.contract import INDEX_DIRS
from pelican.plugins.thai_search.index_writer import FORMAT_VERSION
from pelican.plugins.thai_search.site_files import TEMPLATES, search_page_settings
from sitebuild import ROOT, article, build_site, write_content
from thai_core.thai_date import MONTHS_SHORT


def _build(tmp_path, files):
    write_content(tmp_path / "content", files)
    return build_site(tmp_path / "content", tmp_path / "output",
                      extra={"CACHE_PATH": str(tmp_path / "cache")}, verbose=True)


def test_rebuild_resegments_only_the_edited_article(tmp_path):
    files = {f"news/2024/a{i}.md": article(title=f"ข่าวที่ {i}", slug=f"a{i}",
                                            body=f"เนื้อหาข่าวทุเรียนลำดับ {i}")
             for i in range(3)}
    first = _build(tmp_path, files)
    assert first.returncode == 0, first.log
    assert "(3 segmented, 0 from cache)" in first.log
    files["news/2024/a1.md"] = article(title="ข่าวที่ 1 แก้ไข", slug="a1", body="มังคุด")
    second = _build(tmp_path, files)
    assert "(1 segmented, 2 from cache)" in second.log
    manifest = json.loads(second.read("search/manifest.json"))
    assert manifest["docCount"] == 3 and manifest["version"] == FORMAT_VERSION
    assert manifest["calendar"] == {"months": list(MONTHS_SHORT), "eraOffset": 543}
    names = [p.name for p in (second.output / "search" / "t").iterdir()]
    pieces = manifest["pieces"]  # t/<piece>-<its group's version>
    assert sorted(names) == sorted(f"{p}-{pieces['groups'][p // pieces['perGroup']]}.json"
                                   for p in range(pieces["count"]))
    # w/<piece>-<its group's version>: each piece's terms and words without
    # their postings, for the query parser's exploring (piece-data.js WordList)
    assert sorted(p.name for p in (second.output / "search" / "w").iterdir()) == sorted(names)
    for name in names:
        piece = json.loads(second.read(f"search/t/{name}"))
        listed = json.loads(second.read(f"search/w/{name}"))
        assert listed == {"terms": sorted(piece["terms"]), "words": sorted(piece["words"])}
        assert listed["terms"] or listed["words"]
    chunks = sorted(p.name for p in (second.output / "search" / "d").iterdir())
    version = manifest["docs"]["groups"][0]
    # d/<chunk>-<group version>, and after the last chunk, in its group, the
    # month table (date ranges): named from the manifest, which holds no more
    assert chunks == [f"0-{version}.json", f"1-{version}.json"]
    months = json.loads(second.read(f"search/d/1-{version}.json"))
    assert months == {"months": [["2024-03", 0, 2]]}
    folders = {p.name for p in (second.output / "search").iterdir() if p.is_dir()}
    assert folders == set(INDEX_DIRS)  # the index contract's, and only those


def test_search_page_points_at_the_index(tmp_path):
    build = _build(tmp_path, {"news/2024/a.md": article(slug="a")})
    page = build.read("search.html")
    assert 'data-index="/search/"' in page
    assert 'src="/theme/vendor/lunr/lunr.min.js"' in page
    assert build.exists("theme/vendor/lunr/lunr.min.js")
    assert 'id="search-results"' in page and 'aria-busy="true"' in page
    assert 'action="/search.html"' in page
    # The engine as served: its code, without the comment lines (browser_files.py)
    served = build.read("theme/js/search/engine.js")
    assert "export class SearchEngine" in served
    assert not [line for line in served.splitlines() if line.strip().startswith(("//", "/*", "*"))]


def test_the_plugin_decides_where_the_search_page_is():
    """SEARCH_SAVE_AS is always set: search.html, or what the site says."""
    stock = search_page_settings({"DIRECT_TEMPLATES": ["index"]})
    assert stock == {"DIRECT_TEMPLATES": ["index", "search"], "SEARCH_SAVE_AS": "search.html"}
    own = {"DIRECT_TEMPLATES": ["search", "index"], "SEARCH_SAVE_AS": "find/index.html"}
    assert search_page_settings(own) == own


def test_every_form_of_the_macros_goes_to_the_search_page():
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True)
    page = env.from_string(
        '{% from "thai_search/macros.html" import search_app, search_box with context %}'
        "{{ search_app() }}{{ search_box() }}").render(
        SITEURL="", THAI_SEARCH={"output": "search"},
        **search_page_settings({"DIRECT_TEMPLATES": [], "SEARCH_SAVE_AS": "find/"}))
    assert re.findall(r'action="([^"]*)"', page) == ["/find/", "/find/"]


def _static_imports(entry):
    """The modules `entry` imports, and theirs (not the dynamic import()s)."""
    graph, todo = set(), [entry]
    while todo:
        module = todo.pop()
        for name in re.findall(r'^import [^;]*? from "(\.[^"]+)";', module.read_text("utf-8"),
                               re.MULTILINE | re.DOTALL):
            found = (module.parent / name).resolve()
            if found not in graph:
                graph.add(found)
                todo.append(found)
    return graph


@pytest.mark.parametrize("page_name, entries, least", [
    ("search.html", ["search/search-page.js"], 6),  # the search page
    ("index.html", ["header-search.js"], 3),        # the header box on every other page
    # an article: the header box, and the marks of the search that led there
    ("news/2024/03/a/index.html", ["header-search.js", "search/article-marks.js"], 4),
])
def test_pages_preload_their_whole_module_graph(tmp_path, page_name, entries, least):
    """Each import a module makes would otherwise cost the first search one
    more round trip before it can start."""
    build = _build(tmp_path, {"news/2024/a.md": article(slug="a")})
    page = build.read(page_name)
    js = build.output / "theme" / "js"
    graph = set().union(*(_static_imports(js / entry) for entry in entries))
    assert len(graph) >= least
    preloaded = set(re.findall(r'<link rel="modulepreload" href="/theme/js/([^"]+)"', page))
    assert {m.relative_to(js.resolve()).as_posix() for m in graph} == preloaded


def test_a_bad_count_setting_is_refused_at_start(tmp_path):
    """Checked before minutes of segmentation, with the key and the fix."""
    write_content(tmp_path / "content", {"news/2024/a.md": article(slug="a")})
    build = build_site(tmp_path / "content", tmp_path / "output",
                       extra={"THAI_SEARCH": {"common_best": "many"}})
    assert build.returncode != 0
    assert "THAI_SEARCH['common_best'] must be a whole number >= 0, not 'many'" in build.log


@pytest.mark.parametrize("value", [["title", "title"], ["lead"], "title"])
def test_bad_pair_fields_are_refused_at_start(tmp_path, value):
    write_content(tmp_path / "content", {"news/2024/a.md": article(slug="a")})
    build = build_site(tmp_path / "content", tmp_path / "output",
                       extra={"THAI_SEARCH": {"pair_fields": value}})
    assert build.returncode != 0
    assert ("THAI_SEARCH['pair_fields'] lists fields of THAI_SEARCH['fields'] "
            "(title, meta, body), each once") in build.log


def test_a_bad_compound_parts_rule_is_refused_at_start(tmp_path):
    write_content(tmp_path / "content", {"news/2024/a.md": article(slug="a")})
    build = build_site(tmp_path / "content", tmp_path / "output",
                       extra={"THAI_SEARCH": {"compound_parts": {"min_length": 1}}})
    assert build.returncode != 0
    assert "THAI_SEARCH['compound_parts'] must be None or" in build.log


def _search(index, queries):
    """{query: (urls found, tokens searched)}: the real engine (lunr.js and
    the page's code) over a built index on disk (tests/js/site-search.mjs)."""
    path = index.parent / "queries.json"
    path.write_text(json.dumps(queries, ensure_ascii=False), "utf-8")
    done = subprocess.run(["node", str(ROOT / "tests/js/site-search.mjs"), str(index), str(path)],
                          capture_output=True, text=True, timeout=120, check=True)
    return {r["query"]: ([u.rsplit("/", 2)[-2] for u in r["urls"]],
                         [tuple(t) for t in r["tokens"]]) for r in json.loads(done.stdout)}


def test_an_abbreviation_that_is_also_a_word_is_found_only_with_its_dots(tmp_path):
    """อก. (กระทรวงอุตสาหกรรม in abbreviations.txt) is written อก without its
    dot, a word (chest): the build decides that the form needs its dot, so
    the ministry is found only where the text has it, and the word อก never
    finds the ministry nor the ministry the word. ครม keeps finding ครม."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests/fixtures/marks_site", content)
    build = build_site(content, tmp_path / "output")
    assert build.returncode == 0, build.log
    manifest = json.loads(build.read("search/manifest.json"))
    assert manifest["variants"]["marked"]["อก."] == "~กอุต"
    assert "อก" not in manifest["variants"]["terms"]
    assert manifest["variants"]["terms"]["ครม"] == "~ครม"  # not a word: with or without dots
    found = _search(build.output / "search", [
        "กระทรวงอุตสาหกรรม", "อก.", "ก.อุตฯ", "ผู้บริหารอก.", "ผู้บริหาร อก.",
        "อก", "ปวดอก", "อก ", "ผู้บริหารอก", "อก.ผู้บริหาร"])
    ministry, chest = ["industry-visit"], ["chest-pain"]
    for query in ["กระทรวงอุตสาหกรรม", "อก.", "ก.อุตฯ"]:
        assert found[query] == (ministry, [("~กอุต", False)]), query
    # the key stands where อก. does (positions without the dot): glued, in order
    assert found["ผู้บริหารอก."] == (ministry, [("ผู้บริหาร", False), ("~กอุต", False)])
    assert found["ผู้บริหาร อก."][0] == ministry
    assert found["อก.ผู้บริหาร"][0] == []  # never in that order
    assert found["อก"] == (chest, [("อก", False)])
    assert found["อก "] == (chest, [("อก", False)])
    assert found["ปวดอก"][0] == chest
    assert found["ผู้บริหารอก"][0] == []  # the word อก is not the ministry
