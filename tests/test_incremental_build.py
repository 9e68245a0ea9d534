"""Rebuilds: the incremental writer and the linear-time archive lists must
give byte-for-byte the output of a clean build with Pelican's own code."""

from __future__ import annotations

import filecmp
import os
import random
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import Environment

from sitebuild import article, build_site, write_content
from thai_core.memo import MemoSlot
from thai_speedups.linear_time import MemberList, dates_by_group
from thai_speedups.rendered_once import RenderedOnce

CATEGORIES = ["ด้านเศรษฐกิจ", "ด้านสังคม"]


def _content(root: Path, n: int = 8) -> Path:
    files = {}
    for i in range(n):
        month = 1 + i % 3
        files[f"news/a{i}.md"] = article(
            title=f"ข่าวที่ {i} เรื่องการส่งออกทุเรียน", date=f"2024-{month:02d}-{10 + i} 09:00",
            category=CATEGORIES[i % 2], slug=f"story-{i}", tags="ทุเรียน, ส่งออก",
            body=f"ย่อหน้าแรกของข่าวที่ {i}\n\nดูเพิ่ม [ข่าวแรก]({{filename}}a0.md)")
    files["pages/about.md"] = "Title: เกี่ยวกับเรา\n\nหน่วยงานของเรา\n"
    return write_content(root, files)


def _tree(root: Path) -> dict[str, Path]:
    return {str(p.relative_to(root)): p for p in root.rglob("*") if p.is_file()}


def assert_same_tree(a: Path, b: Path) -> None:
    ta, tb = _tree(a), _tree(b)
    assert sorted(ta) == sorted(tb)
    different = [name for name in ta if not filecmp.cmp(ta[name], tb[name], shallow=False)]
    assert different == []


def _cached(tmp: Path, name: str) -> dict:
    return {"CACHE_PATH": str(tmp / name), "LOAD_CONTENT_CACHE": True}


@pytest.fixture
def edited(tmp_path):
    """A site built once, then edited and rebuilt with the same cache."""
    content = _content(tmp_path / "content")
    out = tmp_path / "incremental"
    first = build_site(content, out, extra=_cached(tmp_path, "cache"), verbose=True)
    assert first.returncode == 0, first.log
    return tmp_path, content, out


def test_unchanged_rebuild_renders_and_writes_nothing(edited):
    tmp, content, out = edited
    # Pelican copies the theme's static files on every build; pages are ours.
    before = {name: p.stat().st_mtime_ns for name, p in _tree(out).items()
              if not name.startswith("theme/")}
    again = build_site(content, out, extra=_cached(tmp, "cache"), verbose=True)
    assert again.returncode == 0, again.log
    assert "thai_speedups: 9 unchanged pages not rendered again" in again.log  # 8 articles + 1 page
    after = {name: p.stat().st_mtime_ns for name, p in _tree(out).items()
             if not name.startswith("theme/")}
    assert after == before


def test_edit_and_add_rebuild_equals_clean_build(edited):
    tmp, content, out = edited
    page = out / "news/2024/03/story-2/index.html"
    unrelated = out / "news/2024/01/story-6/index.html"  # other month, not a neighbour
    stamps = {p: p.stat().st_mtime_ns for p in (page, unrelated)}
    write_content(content, {
        "news/a2.md": article(title="ข่าวที่สองฉบับแก้ไข", date="2024-03-12 09:00",
                              category=CATEGORIES[0], slug="story-2", body="แก้ไขแล้ว"),
        "news/new.md": article(title="ข่าวใหม่ล่าสุด", date="2024-03-30 08:00",
                               category=CATEGORIES[0], slug="story-new", body="ข่าวใหม่"),
    })
    rebuilt = build_site(content, out, extra=_cached(tmp, "cache"), verbose=True)
    assert rebuilt.returncode == 0, rebuilt.log
    clean = build_site(content, tmp / "clean", extra=_cached(tmp, "clean-cache"))
    assert clean.returncode == 0, clean.log
    assert_same_tree(out, tmp / "clean")
    assert "ข่าวที่สองฉบับแก้ไข" in page.read_text(encoding="utf-8")
    assert page.stat().st_mtime_ns != stamps[page]
    assert unrelated.stat().st_mtime_ns == stamps[unrelated]


def test_changed_setting_renders_every_page_again(edited):
    tmp, content, out = edited
    extra = {**_cached(tmp, "cache"), "SITENAME": "สำนักข่าวทดสอบ"}
    rebuilt = build_site(content, out, extra=extra, verbose=True)
    assert rebuilt.returncode == 0, rebuilt.log
    assert "thai_speedups: 0 unchanged pages not rendered again" in rebuilt.log
    clean = build_site(content, tmp / "clean", extra={**extra, **_cached(tmp, "c2")})
    assert clean.returncode == 0, clean.log
    assert_same_tree(out, tmp / "clean")


def test_deleted_output_file_is_written_again(edited):
    tmp, content, out = edited
    page = out / "news/2024/02/story-1/index.html"
    text = page.read_text(encoding="utf-8")
    os.remove(page)
    again = build_site(content, out, extra=_cached(tmp, "cache"), verbose=True)
    assert again.returncode == 0, again.log
    assert page.read_text(encoding="utf-8") == text


def test_a_list_page_changed_on_disk_is_written_again(edited):
    """An unchanged list page is known by the SHA-256 the last build kept
    with its size and time; a file changed since is compared and written."""
    tmp, content, out = edited
    index, feed = out / "index.html", out / "feeds/all.atom.xml"
    pages = {p: p.read_bytes() for p in (index, feed)}
    index.write_bytes(pages[index].replace(b"</html>", b"<!-- x --></html>"))
    feed.write_bytes(pages[feed][:-4] + b"xxxx")  # the same size, a new time
    again = build_site(content, out, extra=_cached(tmp, "cache"), verbose=True)
    assert again.returncode == 0, again.log
    assert {p: p.read_bytes() for p in pages} == pages


def test_linear_time_lists_equal_pelicans_own(tmp_path):
    content = _content(tmp_path / "content", n=12)
    fast = build_site(content, tmp_path / "fast")
    slow_config = {"linear_time": False, "incremental_writer": False, "frozen_urls": False,
                   "rendered_once": False}
    slow = build_site(content, tmp_path / "slow", extra={"THAI_SPEEDUPS": slow_config})
    assert fast.returncode == 0 and slow.returncode == 0, fast.log + slow.log
    assert_same_tree(tmp_path / "fast", tmp_path / "slow")


def test_each_groups_dates_are_pelicans_in_one_pass():
    """linear_time.dates_by_group: what Pelican's generate_tags and
    generate_categories compute for each group, `[a for a in dates if a in
    articles]` (identity), with articles in many groups, in none, listed
    twice in a group, and a group whose article is not in `dates`."""
    class Item:  # no __eq__, as Pelican's articles
        pass

    dates = [Item() for _ in range(30)]
    stray = Item()
    random.seed(3)
    groups = [(f"g{g}", MemberList(random.sample(dates, 7) + [dates[g]] * 2 + [stray]))
              for g in range(6)] + [("empty", MemberList())]
    found = dates_by_group(dates, groups)
    assert found == [[a for a in dates if a in articles] for _name, articles in groups]
    assert all(len(set(map(id, f))) == len(f) for f in found)


def test_a_fragment_in_once_is_rendered_once_for_the_same_values():
    """rendered_once.RenderedOnce: the text of `{% once a, b %}` is given
    again for the same objects (by identity), rendered for others."""
    env = Environment(extensions=[RenderedOnce], autoescape=True)
    calls = []
    env.globals["count"] = lambda: calls.append(1) or len(calls)
    page = env.from_string("{% for a in items %}{% once a, h %}[{{ a.name }} {{ count() }} {{ h }}]"
                           "{% endonce %}{% endfor %}")
    one, two = SimpleNamespace(name="ข่าว<b>"), SimpleNamespace(name="ข่าว<b>")  # equal, not one
    assert page.render(items=[one, two, one], h="h2") == \
        "[ข่าว&lt;b&gt; 1 h2][ข่าว&lt;b&gt; 2 h2][ข่าว&lt;b&gt; 1 h2]"
    assert page.render(items=[one], h="h3") == "[ข่าว&lt;b&gt; 3 h3]"  # another heading
    # Each text is read back alone, however many were kept after it.
    many = [SimpleNamespace(name=f"ข่าวที่ {i} " * (i % 7)) for i in range(300)]
    assert page.render(items=many, h="h2") == "".join(
        f"[{m.name} {4 + i} h2]" for i, m in enumerate(many))
    assert page.render(items=many[::-1], h="h2") == "".join(
        f"[{m.name} {4 + i} h2]" for i, m in reversed(list(enumerate(many))))
    env.extensions[RenderedOnce.identifier].enabled = False
    assert page.render(items=[one, one], h="h2") == "[ข่าว&lt;b&gt; 304 h2][ข่าว&lt;b&gt; 305 h2]"


def test_same_day_articles_keep_their_order_from_build_to_build(tmp_path):
    """Pelican reads files in set order (it changes with each process's hash
    seed): ties in date must not reorder neighbours or list pages."""
    files = {f"news/d{i}.md": article(title=f"ข่าววันเดียวกัน {i}", date="2024-05-01 09:00",
                                      slug=f"same-day-{i}", body=f"เนื้อหา {i}")
             for i in range(8)}
    content = write_content(tmp_path / "content", files)
    first = build_site(content, tmp_path / "one")
    second = build_site(content, tmp_path / "two")
    assert first.returncode == 0 and second.returncode == 0, first.log + second.log
    assert_same_tree(tmp_path / "one", tmp_path / "two")
    index = first.read("index.html")
    assert index.index("same-day-0/") < index.index("same-day-1/") < index.index("same-day-7/")


def test_a_replaced_photo_renders_its_article_again(edited):
    """The share image and photo copies are named by content hash: an article
    whose photo changed (same file name) must not keep the old names."""
    from PIL import Image

    tmp, content, out = edited
    photo = content / "images" / "p.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1600, 900), (200, 0, 0)).save(photo)
    write_content(content, {"news/a5.md": article(
        title="ข่าวมีภาพ", date="2024-03-15 09:00", category=CATEGORIES[1], slug="story-5",
        image="images/p.jpg", imagealt="ภาพสีแดง", body="มีภาพ")})
    assert build_site(content, out, extra=_cached(tmp, "cache")).returncode == 0
    Image.new("RGB", (1600, 900), (0, 0, 200)).save(photo)
    rebuilt = build_site(content, out, extra=_cached(tmp, "cache"))
    clean = build_site(content, tmp / "clean", extra=_cached(tmp, "clean-cache"))
    assert rebuilt.returncode == 0 and clean.returncode == 0, rebuilt.log + clean.log
    page = "news/2024/03/story-5/index.html"
    assert rebuilt.read(page) == clean.read(page)


def test_memoized_sanitizer_and_lang_marks_warn_and_render_the_same(tmp_path):
    """The sanitizer and the English marking are memoized on disk: a second
    build takes their results from the memo, warns again and writes the same."""
    content = write_content(tmp_path / "content", {"news/x.md": article(
        title="ข่าวมีสคริปต์", slug="with-script",
        body='ย่อหน้าไทย\n\n<script>alert(1)</script>\n\nThe English passage here.')})
    runs = [build_site(content, tmp_path / f"out{i}", extra=_cached(tmp_path, "cache"))
            for i in (1, 2)]
    for run in runs:
        assert run.returncode == 0, run.log
        assert "news/x.md: removed from the HTML: 1× <script>" in run.log
    assert len(list((tmp_path / "cache" / "thai_news").glob("html-*.sqlite"))) == 1
    assert len(list((tmp_path / "cache" / "thai_lang").glob("marks-*.sqlite"))) == 1
    page = "news/2024/03/with-script/index.html"
    assert runs[0].read(page) == runs[1].read(page)
    assert "<script>alert" not in runs[1].read(page)
    assert '<p lang="en">The English passage here.</p>' in runs[1].read(page)


def test_a_pass_that_changes_nothing_is_remembered_as_unchanged(tmp_path):
    """Most articles leave the sanitizer and the English marking as they came:
    the memo then stores a marker, and a hit gives the input back."""
    slot, calls = MemoSlot(), []

    def compute(html):
        calls.append(html)
        return html.replace("<b>", "")

    for build in (1, 2):
        slot.open(tmp_path, "memo", "v1")
        for html in ["<p>ข่าว</p>", "<p><b>ข่าว</p>"]:
            assert slot.memoized(("k", html), lambda h=html: compute(h),
                                 same_as=html) == html.replace("<b>", "")
        if build == 2:
            stored = sorted(len(v) for (v,) in slot.store.db.execute("SELECT value FROM store"))
        slot.close()
    assert calls == ["<p>ข่าว</p>", "<p><b>ข่าว</p>"]  # the second build used the memo
    assert stored[0] < stored[1]  # the unchanged page is stored as a marker, not a copy
