"""A build killed at any point, or caches damaged on disk, never change what
the next build writes: it is byte for byte the output of a clean build.

Real builds of fixture content. A build is killed with SIGKILL at a named
point (THAI_KILL_AT, the search package's kill_points.py): while articles
are segmented, inside a store's write transaction (segmentation cache, HTML
memos), while index files or pages are written, while the render keys,
Pelican's content cache or the related lists are saved."""

from __future__ import annotations

import random
import re
import signal
from pathlib import Path

import pytest
from test_images import jpeg
from test_incremental_build import assert_same_tree

from sitebuild import article, build_site, write_content

PHOTO = "images/2024/photo.jpg"


def _v1() -> dict:
    files = {PHOTO: jpeg(1000, 600)}
    for i in range(8):
        files[f"news/a{i}.md"] = article(
            title=f"ข่าวที่ {i} การส่งออกทุเรียน", date=f"2024-03-{10 + i} 09:00",
            category=["ด้านเศรษฐกิจ", "ด้านสังคม"][i % 2], slug=f"story-{i}",
            tags="ทุเรียน, ส่งออก",
            body=f"ย่อหน้าแรกของข่าวที่ {i} กระทรวงพาณิชย์\n\nThe English passage {i} here.\n\n"
                 f"ดูเพิ่ม [ข่าวแรก]({{filename}}a0.md)")
    files["news/photo.md"] = article(
        title="ข่าวมีภาพ", date="2024-03-20 09:00", slug="with-photo", image=PHOTO,
        imagealt="ภาพประกอบ", body=f"มีภาพ\n\n![ภาพข่าว]({{static}}/{PHOTO})")
    files["pages/about.md"] = "Title: เกี่ยวกับเรา\n\nหน่วยงานของเรา\n"
    return files


def _v2() -> dict:
    """v1 edited: two articles changed, one added (new terms, pages, memo entries)."""
    files = _v1()
    for i in (2, 5):
        files[f"news/a{i}.md"] = article(
            title=f"ข่าวที่ {i} ฉบับแก้ไข ราคายางพารา", date=f"2024-03-{10 + i} 09:00",
            category="ด้านเศรษฐกิจ", slug=f"story-{i}",
            body=f"แก้ไขแล้ว ราคายางพาราสูงขึ้น {i}\n\nAnother English paragraph {i}.")
    files["news/new.md"] = article(title="ข่าวใหม่ล่าสุด เกษตรกรชาวสวน",
                                   date="2024-03-30 08:00", slug="story-new",
                                   body="ข่าวใหม่ เกษตรกรชาวสวนยาง\n\nNew English words.")
    return files


def _v2_undone() -> dict:
    """v2 with its edits undone (the added article kept: the build leaves the
    pages of deleted articles, killed or not)."""
    files = _v1()
    files["news/new.md"] = _v2()["news/new.md"]
    return files


VERSIONS = {"v1": _v1, "v2": _v2, "v2-undone": _v2_undone}


def _write(content: Path, version: str) -> Path:
    """Make `content` hold that version, touching only the files that differ
    (Pelican's content cache goes by modification times)."""
    files = VERSIONS[version]()
    for old in content.rglob("*.md"):
        if old.relative_to(content).as_posix() not in files:
            old.unlink()
    for name, text in files.items():
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        path = content / name
        if not path.is_file() or path.read_bytes() != data:
            write_content(content, {name: data})
    return content


def _build(tmp: Path):
    return build_site(tmp / "content", tmp / "out", verbose=True,
                      extra={"CACHE_PATH": str(tmp / "cache"), "LOAD_CONTENT_CACHE": True})


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """Each version built once from scratch."""
    outputs = {}
    for version in VERSIONS:
        tmp = tmp_path_factory.mktemp(f"clean-{version}")
        _write(tmp / "content", version)
        built = build_site(tmp / "content", tmp / "out",
                           extra={"CACHE_PATH": str(tmp / "cache"), "LOAD_CONTENT_CACHE": True})
        assert built.returncode == 0, built.log
        outputs[version] = tmp / "out"
    return outputs


# (kill point, whether a build of v1 came first, the version built after the kill)
KILLS = [
    ("thai_search.segment:2", True, "v2"),
    ("segments.write", True, "v2"),
    ("thai_search.index:5", True, "v2"),
    ("html.write", True, "v2"),
    ("marks.write", True, "v2"),
    ("thai_speedups.page:3", True, "v2"),
    ("thai_speedups.render_keys", True, "v2"),
    ("thai_speedups.content_cache", True, "v2"),
    ("thai_related.lists", True, "v2"),
    # The edit undone after the kill: pages written by the killed build must
    # not pass for the old ones, whose keys are still on disk.
    ("thai_speedups.page:3", True, "v2-undone"),
    ("thai_search.index:5", True, "v2-undone"),
    # A first build killed.
    ("thai_search.segment:4", False, "v2"),
    ("thai_search.index:40", False, "v2"),
]


@pytest.mark.parametrize("point, warm, after", KILLS,
                         ids=[f"{p}-{'rebuild' if w else 'first'}-then-{a}" for p, w, a in KILLS])
def test_a_build_killed_at_any_point_is_repaired_by_the_next(tmp_path, monkeypatch, clean,
                                                             point, warm, after):
    if warm:
        _write(tmp_path / "content", "v1")
        first = _build(tmp_path)
        assert first.returncode == 0, first.log
    _write(tmp_path / "content", "v2")
    with monkeypatch.context() as env:
        env.setenv("THAI_KILL_AT", point)
        killed = _build(tmp_path)
    assert killed.returncode == -signal.SIGKILL, killed.log  # it died where it was meant to
    _write(tmp_path / "content", after)
    repaired = _build(tmp_path)
    assert repaired.returncode == 0, repaired.log
    assert " damaged (" not in repaired.log  # a kill leaves nothing to repair by force
    assert_same_tree(tmp_path / "out", clean[after])


def _cache_files(cache: Path) -> dict[str, Path]:
    """Every cache file a build of v1 leaves, by what it is."""
    def one(pattern: str) -> Path:
        [found] = cache.glob(pattern)
        return found
    return {
        "segmentation cache": one("thai_search/segments-*.sqlite"),
        "sanitizer memo": one("thai_news/html-*.sqlite"),
        "English marking memo": one("thai_lang/marks-*.sqlite"),
        "render keys": one("thai_speedups/rendered-keys.marshal"),
        "Pelican's content cache": one("ArticlesGenerator-Readers.v*"),
        "image copy": sorted(cache.glob("thai_images/*.jpg"))[0],
        "share image": one("thai_share/*.checked"),
        "related lists": one("thai_related/lists.marshal"),
    }


WARNINGS = {
    "segmentation cache": "thai_search: cache file {path} is damaged",
    "sanitizer memo": "thai_news: cache file {path} is damaged",
    "English marking memo": "thai_lang: cache file {path} is damaged",
    "render keys": "thai_speedups: render keys file {path} is damaged",
    "Pelican's content cache": "thai_speedups: Pelican's content cache {path} is damaged",
    "image copy": "thai_images: cached copies of",
    "share image": "thai_share: cached share image {name}",
    "related lists": "thai_related: lists file {path} is damaged",
}


def _corrupt(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "truncated":
        data = data[: len(data) // 2]
    else:  # garbage over the second half, the length kept
        half = len(data) // 2
        data[half:] = random.Random(path.name).randbytes(len(data) - half)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["truncated", "garbage"])
def test_damaged_cache_files_are_reported_made_again_and_never_served(tmp_path, clean, how):
    _write(tmp_path / "content", "v1")
    first = _build(tmp_path)
    assert first.returncode == 0, first.log
    files = _cache_files(tmp_path / "cache")
    for path in files.values():
        _corrupt(path, how)
    repaired = _build(tmp_path)
    assert repaired.returncode == 0, repaired.log
    for kind, path in files.items():
        warning = WARNINGS[kind].format(path=path, name=path.name)
        assert warning in repaired.log, kind
    assert "Traceback" not in repaired.log
    assert_same_tree(tmp_path / "out", clean["v1"])
    # Made again: the next build takes everything from sound caches.
    again = _build(tmp_path)
    assert again.returncode == 0, again.log
    assert " damaged (" not in again.log
    assert re.search(r"thai_search: 9 articles \(0 segmented, 9 from cache\)", again.log)
    assert "thai_speedups: 10 unchanged pages not rendered again" in again.log
    assert "thai_share: 1 share images (0 made, 1 from the cache)" in again.log
    assert_same_tree(tmp_path / "out", clean["v1"])
