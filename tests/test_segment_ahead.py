"""Segmentation ahead (thai_search/ahead.py): articles segmented by workers
while Pelican still reads give the very index of a build that segments
them afterwards, and a rebuild sends only what the cache lacks."""

from __future__ import annotations

import re

from sitebuild import ROOT, article, build_site, write_content

TABLES = ROOT / "content" / "search"


def _files(edited: int = 0) -> dict[str, str]:
    """80 articles (ahead.FORK_AT and a part-batch), the first
    `edited` of them edited."""
    files = {}
    for i in range(80):
        body = f"ข่าวที่ {i} ราคายางพาราในจังหวัดสงขลา ประชาชนได้รับผลกระทบ กระทรวงเกษตรและสหกรณ์"
        if i < edited:
            body = f"ข่าวที่ {i} แก้ไขรอบ {edited} มังคุดหวาน"
        files[f"news/2024/a{i}.md"] = article(title=f"ข่าวเกษตร ลำดับ {i}", slug=f"a{i}",
                                               body=body)
    return files


def _build(tmp_path, name: str, ahead: bool, edited: int = 0):
    write_content(tmp_path / name / "content", _files(edited))
    search = {"word_list": str(TABLES / "words.txt"), "processes": 2, "segment_ahead": ahead,
              "variant_tables": [str(TABLES / "variants.txt"),
                                 str(TABLES / "abbreviations.txt")]}
    return build_site(tmp_path / name / "content", tmp_path / name / "output", verbose=True,
                      extra={"CACHE_PATH": str(tmp_path / name / "cache"),
                             "THAI_SEARCH": search})


def _search_files(build) -> dict[str, bytes]:
    root = build.output / "search"
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _counts(log: str) -> tuple[int, int, int]:
    found = re.search(r"thai_search: \d+ articles \((\d+) segmented, (\d+) from cache\) .*"
                      r"; (\d+) articles segmented while Pelican read", log)
    assert found, log
    return tuple(map(int, found.groups()))


def test_ahead_gives_the_same_index_and_a_rebuild_sends_only_the_edit(tmp_path):
    ahead = _build(tmp_path, "ahead", True)
    after = _build(tmp_path, "after", False)
    assert ahead.returncode == 0, ahead.log
    assert after.returncode == 0, after.log
    assert _counts(ahead.log) == (80, 0, 80)  # every article by the workers, while read
    assert _counts(after.log) == (80, 0, 0)
    assert _search_files(ahead) == _search_files(after)

    # A rebuild's few edits (fewer than ahead.FORK_AT) fork no workers: the
    # build segments them.
    again = _build(tmp_path, "ahead", True, edited=1)
    assert again.returncode == 0, again.log
    assert _counts(again.log) == (1, 79, 0)
    fresh = _build(tmp_path, "fresh", False, edited=1)
    assert _search_files(again) == _search_files(fresh)
    again = _build(tmp_path, "ahead", True, edited=40)
    assert again.returncode == 0, again.log
    assert _counts(again.log) == (40, 40, 0)
    fresh = _build(tmp_path, "fresh", False, edited=40)
    assert _search_files(again) == _search_files(fresh)
    # Every article edited: the workers are forked once FORK_AT are read.
    again = _build(tmp_path, "ahead", True, edited=80)
    assert again.returncode == 0, again.log
    assert _counts(again.log) == (80, 0, 80)
    fresh = _build(tmp_path, "fresh", False, edited=80)
    assert _search_files(again) == _search_files(fresh)
