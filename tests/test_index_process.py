"""The search index written by a process of its own beside page rendering
(thai_search/index_process.py): the same output as a build that writes it
itself, its log in the build's log, its failure the build's failure, and
no writer left behind by a build that dies."""

from __future__ import annotations

import logging
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest
from test_segment_ahead import _counts, _files, _search_files

from pelican.plugins.thai_search import index_process
from sitebuild import ROOT, article, build_site, write_content

TABLES = ROOT / "content" / "search"
pytestmark = pytest.mark.skipif(not index_process.available(), reason="Linux only (prctl)")


EARLY = "which read the segmentation cache while Pelican read the articles"
# early_postings.py: the last build's postings read from the file it kept
# (kept_postings.py), or added again from the cache's terms
PATCHED = "the postings of the last build's 80 articles were read from its file while " \
    "Pelican read; "
ADDED = PATCHED.replace("read from its file", "added")


def _build(tmp_path, name: str, beside: bool, edited: int = 0, output=None, least: int = 1,
           files=None):
    content = tmp_path / name / "content"
    if files is None:
        files = _files(edited)
    else:  # exactly these: the others are gone
        shutil.rmtree(content, ignore_errors=True)
    write_content(content, files)
    search = {"word_list": str(TABLES / "words.txt"), "processes": 2,
              "index_beside_pages": beside, "index_beside_min": least,
              "variant_tables": [str(TABLES / "variants.txt"),
                                 str(TABLES / "abbreviations.txt")]}
    return build_site(tmp_path / name / "content", output or tmp_path / name / "output",
                      verbose=True, extra={"CACHE_PATH": str(tmp_path / name / "cache"),
                                           "THAI_SEARCH": search})


def _all_files(build) -> dict[str, bytes]:
    return {str(p.relative_to(build.output)): p.read_bytes()
            for p in build.output.rglob("*") if p.is_file()}


def test_the_index_written_beside_the_pages_is_the_index_written_in_the_build(tmp_path):
    beside = _build(tmp_path, "beside", True)
    inline = _build(tmp_path, "inline", False)
    assert beside.returncode == 0, beside.log
    assert inline.returncode == 0, inline.log
    assert _all_files(beside) == _all_files(inline)  # every page and index file
    assert "the index is written by process" in beside.log
    assert EARLY not in beside.log  # nothing cached yet: started once the terms are
    assert "the index is written by process" not in inline.log
    # The child's log is the build's, replayed when the build waits for it
    # (Pelican's `finalized`, before the plugins that come after the search).
    assert _counts(beside.log)[0] == 80
    assert beside.log.index("pieces written in") < beside.log.index("thai_offline: sw.js")
    # A rebuild after an edit: the index process starts with the build and
    # reads the cache while Pelican reads; the build reads none of it.
    again = _build(tmp_path, "beside", True, edited=3)
    fresh = _build(tmp_path, "fresh", False, edited=3)
    assert again.returncode == 0, again.log
    assert EARLY in again.log
    assert _counts(again.log)[:2] == (3, 77)
    assert PATCHED + "3 articles changed since" in again.log  # early_postings.py
    assert _all_files(again) == _all_files(fresh)


def test_a_rebuild_patches_the_postings_added_while_pelican_read_or_adds_them_again(
        tmp_path):
    """The index process adds the last build's postings before the build
    has read the articles (early_postings.py), and patches them: the index
    is the one a build writes from scratch, whichever way it went."""
    assert _build(tmp_path, "site", True).returncode == 0
    files = _files(3)  # three edited, and the newest article added
    files["news/2024/new.md"] = article(title="ข่าวใหม่", slug="new", date="2024-03-16 10:00",
                                        body="ราคายางพาราวันนี้ ทางรถไฟสายใหม่")
    patched = _build(tmp_path, "site", True, files=files)
    assert PATCHED + "4 articles changed since" in patched.log, patched.log
    assert _all_files(patched) == _all_files(_build(tmp_path, "fresh", False, files=files))
    # An article's category changed (its key too): patched as well.
    files["news/2024/a5.md"] = files["news/2024/a5.md"].replace("Category: ด้านเศรษฐกิจ",
                                                                "Category: ด้านไอที")
    category = _build(tmp_path, "site", True, files=files)
    assert PATCHED.replace("80", "81") + "1 articles changed since" in category.log
    assert _all_files(category) == _all_files(_build(tmp_path, "fresh", False, files=files))
    # The oldest article dated newest: every id moves, so all are added again.
    files["news/2024/a0.md"] = files["news/2024/a0.md"].replace("2024-03-15", "2024-03-17")
    moved = _build(tmp_path, "site", True, files=files)
    assert "are of no use (81 articles changed or moved)" in moved.log, moved.log
    assert _all_files(moved) == _all_files(_build(tmp_path, "fresh", False, files=files))
    # The postings the last build kept damaged, or missing: added again.
    [kept] = (tmp_path / "site" / "cache" / "thai_search").glob("*.postings")
    raw = bytearray(kept.read_bytes())
    raw[len(raw) // 2] ^= 1
    kept.write_bytes(raw)
    files["news/2024/a7.md"] = article(title="ข่าวเกษตร ลำดับ 7", slug="a7",
                                        body="ทุเรียนหมอนทอง")
    damaged = _build(tmp_path, "site", True, files=files)
    assert ADDED.replace("80", "81") + "1 articles changed since" in damaged.log, damaged.log
    assert _all_files(damaged) == _all_files(_build(tmp_path, "fresh", False, files=files))
    kept.unlink()
    files["news/2024/a7.md"] = article(title="ข่าวเกษตร ลำดับ 7", slug="a7",
                                        body="ทุเรียนก้านยาว")
    missing = _build(tmp_path, "site", True, files=files)
    assert ADDED.replace("80", "81") + "1 articles changed since" in missing.log, missing.log
    assert _all_files(missing) == _all_files(_build(tmp_path, "fresh", False, files=files))
    # The last build's list of articles damaged: nothing is guessed.
    [order] = (tmp_path / "site" / "cache" / "thai_search").glob("*.order")
    order.write_bytes(order.read_bytes()[:-3])
    files["news/2024/a6.md"] = article(title="ข่าวแก้ไข", slug="a6", body="มังคุดหวาน")
    damaged = _build(tmp_path, "site", True, files=files)
    assert EARLY in damaged.log
    assert "were added while Pelican read" not in damaged.log
    assert "added while Pelican read are of no use" not in damaged.log  # none were
    assert _all_files(damaged) == _all_files(_build(tmp_path, "fresh", False, files=files))


def test_an_index_process_started_for_a_site_that_shrank_leaves_the_index_to_the_build(
        tmp_path):
    """The cache holds more articles than index_beside_min, the site now
    fewer: the index process started with the build stops, and the build
    writes the index itself."""
    first = _build(tmp_path, "site", True, least=50)
    assert first.returncode == 0, first.log
    fewer = dict(list(_files().items())[:40])
    shrunk = _build(tmp_path, "site", True, least=50, files=fewer)
    clean = _build(tmp_path, "clean", False, files=fewer)
    assert shrunk.returncode == 0, shrunk.log
    assert "the index is written by process" not in shrunk.log
    assert _search_files(shrunk) == _search_files(clean)  # (the pages of the 40 gone stay)


def test_a_build_whose_index_process_is_killed_dies_and_the_next_repairs_it(tmp_path,
                                                                           monkeypatch):
    with monkeypatch.context() as env:  # the 5th index file written, in the index process
        env.setenv("THAI_KILL_AT", "thai_search.index:5")
        killed = _build(tmp_path, "site", True)
    assert killed.returncode == -signal.SIGKILL, killed.log
    assert "the process for writing the search index was killed (signal 9)" in killed.log
    repaired = _build(tmp_path, "site", True)
    clean = _build(tmp_path, "clean", False)
    assert repaired.returncode == 0, repaired.log
    assert _all_files(repaired) == _all_files(clean)


def test_a_build_killed_while_it_keeps_its_postings_leaves_the_next_its_index(tmp_path,
                                                                             monkeypatch):
    """Killed once the postings file is written, before it takes its name
    (kept_postings.save): the next build, edited, writes a clean build's
    index, not from the file left half done."""
    assert _build(tmp_path, "site", True).returncode == 0
    with monkeypatch.context() as env:
        env.setenv("THAI_KILL_AT", "thai_search.kept_postings")
        killed = _build(tmp_path, "site", True, edited=2)
    assert killed.returncode == -signal.SIGKILL, killed.log
    [partial] = (tmp_path / "site" / "cache" / "thai_search").glob("*.postings.partial")
    again = _build(tmp_path, "site", True, edited=3)
    assert again.returncode == 0, again.log
    assert "were read from its file" not in again.log, again.log
    assert _all_files(again) == _all_files(_build(tmp_path, "fresh", False, edited=3))


@pytest.mark.parametrize("beside", [True, False], ids=["beside", "in-build"])
def test_a_value_damaged_in_the_segmentation_cache_is_segmented_again(tmp_path, beside):
    """The cache says it holds an article, but its value cannot be read:
    the file is made again and the articles segmented again; the build then
    writes the index itself, as the new file lacks the values read before
    the damage (test_store.py: a later batch)."""
    first = _build(tmp_path, "site", beside)
    assert first.returncode == 0, first.log
    [segments] = (tmp_path / "site" / "cache" / "thai_search").glob("segments-*.sqlite")
    with sqlite3.connect(segments) as db:
        db.execute("UPDATE store SET value = ? WHERE rowid = (SELECT max(rowid) FROM store)",
                   (b"not zlib data",))
    db.close()
    again = _build(tmp_path, "site", beside)
    assert again.returncode == 0, again.log
    assert f"thai_search: cache file {segments} is damaged" in again.log
    assert _counts(again.log)[:2] == (80, 0)  # every article segmented again
    assert ("the index is written by the build itself" in again.log) == beside
    clean = _build(tmp_path, "clean", False)
    assert _all_files(again) == _all_files(clean)


def test_a_cache_damaged_in_its_structure_is_made_again_before_the_index_process_starts(
        tmp_path):
    """The file's second half overwritten: the count that decides on an
    early index process finds it damaged, and the build makes it again."""
    first = _build(tmp_path, "site", True)
    assert first.returncode == 0, first.log
    [segments] = (tmp_path / "site" / "cache" / "thai_search").glob("segments-*.sqlite")
    data = bytearray(segments.read_bytes())
    half = len(data) // 2
    data[half:] = random.Random(2).randbytes(len(data) - half)
    segments.write_bytes(bytes(data))
    again = _build(tmp_path, "site", True)
    assert again.returncode == 0, again.log
    assert f"thai_search: cache file {segments} is damaged" in again.log
    assert EARLY not in again.log
    assert _counts(again.log)[:2] == (80, 0)  # every article segmented again
    clean = _build(tmp_path, "clean", False)
    assert _all_files(again) == _all_files(clean)


def test_an_index_that_cannot_be_written_fails_the_build_with_its_error(tmp_path):
    output = tmp_path / "broken" / "output"
    (output / "search").mkdir(parents=True)
    (output / "search" / "t").write_text("a file where the term pieces' folder goes")
    broken = _build(tmp_path, "broken", True, output=output)
    assert broken.returncode != 0
    assert "thai_search: writing the search index failed" in broken.log
    assert "Traceback" in broken.log and "search/t" in broken.log  # the child's own error


def _log_twice(name: str) -> None:
    logging.getLogger(name).info("first %d", 1)
    logging.getLogger(name).warning("then a warning")


def _raise(message: str) -> None:
    raise ValueError(message)


def _raise_talking(message: str, channel) -> None:
    raise ValueError(message)


def test_a_talking_child_that_fails_before_it_is_asked_keeps_its_log(caplog):
    child = index_process.start(_raise_talking, "the segmenters differ", "a test", talks=True)
    with pytest.raises(index_process.Ended):
        index_process.ask(child, "the articles")
    with pytest.raises(RuntimeError, match="a test failed"):
        index_process.finish(child)
    [record] = caplog.records
    assert "ValueError: the segmenters differ" in record.getMessage()


def test_the_log_of_the_child_is_replayed_in_order_with_its_levels(caplog):
    caplog.set_level(logging.INFO)
    child = index_process.start(_log_twice, "thai_search.child", "a test")
    index_process.finish(child)
    found = [(r.name, r.levelno, r.getMessage()) for r in caplog.records]
    assert found == [("thai_search.child", logging.INFO, "first 1"),
                     ("thai_search.child", logging.WARNING, "then a warning")]


def test_work_that_raises_fails_with_its_traceback_in_the_log(caplog):
    child = index_process.start(_raise, "no room for pieces", "a test")
    with pytest.raises(RuntimeError, match="a test failed"):
        index_process.finish(child)
    [record] = caplog.records
    assert record.levelno == logging.ERROR
    assert "ValueError: no room for pieces" in record.getMessage()


def _script(body: str, tmp_path) -> subprocess.CompletedProcess:
    """A build-like process (a script file: a spawned child imports it)."""
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent("""
        import os, signal, sys, time
        from pelican.plugins.thai_search import index_process

        def kill_self(_job):
            os.kill(os.getpid(), signal.SIGKILL)

        def sleep(folder):
            open(os.path.join(folder, "child.pid"), "w").write(str(os.getpid()))
            time.sleep(60)
    """) + textwrap.dedent(body))
    return subprocess.run([sys.executable, str(script), str(tmp_path)], capture_output=True,
                          text=True, timeout=60)


def test_a_child_killed_kills_the_build_as_if_it_were_killed(tmp_path):
    done = _script("""
        if __name__ == "__main__":
            child = index_process.start(kill_self, None, "a test")
            index_process.finish(child)
            print("not reached")
    """, tmp_path)
    assert done.returncode == -signal.SIGKILL
    assert "not reached" not in done.stdout
    assert "the process for a test was killed (signal 9)" in done.stderr


def test_no_child_outlives_a_build_that_dies(tmp_path):
    pid_file = tmp_path / "child.pid"
    done = _script("""
        if __name__ == "__main__":
            index_process.start(sleep, sys.argv[1], "a test")
            while not os.path.exists(os.path.join(sys.argv[1], "child.pid")):
                time.sleep(0.01)
            time.sleep(0.05)
            os.kill(os.getpid(), signal.SIGKILL)
    """, tmp_path)
    assert done.returncode == -signal.SIGKILL
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid)


def _alive(pid: int) -> bool:
    """Whether the process runs (a zombie, dead but not yet reaped, does not)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
