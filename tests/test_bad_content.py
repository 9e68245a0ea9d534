"""Bad articles fail the build with the file, line, field and a fix; every
problem is reported in one run and nothing is silently dropped."""

from __future__ import annotations

import pytest

from sitebuild import article, build_site, write_content

GOOD = {"news/2024/good.md": article(title="ข่าวดี", slug="good")}


def build_with(tmp_path, files):
    write_content(tmp_path / "content", {**GOOD, **files})
    return build_site(tmp_path / "content", tmp_path / "output")


@pytest.mark.parametrize(
    ("source", "line", "field", "hint"),
    [
        (article(date=None), 1, "Date", "Date: 2024-01-15"),
        (article(date="พรุ่งนี้เช้า"), 2, "Date", "YYYY-MM-DD"),
        (article(date="2024-13-45"), 2, "Date", "YYYY-MM-DD"),
        (article(date="2567-01-15"), 2, "Date", "2024-01-15"),
        (article(title=None), 1, "Title", "Title:"),
        (article(title="   "), 1, "Title", "Title:"),
        (article(category=None), 1, "Category", "Category:"),
        (article(slug="ข่าวใหม่"), 4, "Slug", "Slug:"),
    ],
    ids=["no-date", "thai-date-text", "impossible-date", "buddhist-year",
         "no-title", "blank-title", "no-category", "thai-slug"],
)
def test_bad_field_names_file_line_field_and_fix(tmp_path, source, line, field, hint):
    build = build_with(tmp_path, {"news/2024/bad.md": source})
    assert build.returncode == 1, build.log
    assert f"news/2024/bad.md:{line}: {field}:" in build.log
    assert "แก้ไข:" in build.log and hint in build.log
    assert "Traceback" not in build.log


def test_invalid_utf8_names_the_line(tmp_path):
    data = "Title: ข่าว\nDate: 2024-01-01\nCategory: ด้านสังคม\n\nบรรทัดดี\n".encode()
    data += b"\xff\xfe broken bytes\n"
    build = build_with(tmp_path, {"news/2024/binary.md": data})
    assert build.returncode == 1
    assert "news/2024/binary.md:6: encoding:" in build.log
    assert "UTF-8" in build.log and "Traceback" not in build.log


def test_page_without_title(tmp_path):
    build = build_with(tmp_path, {"pages/about.md": "Slug: about\n\nเนื้อหา\n"})
    assert build.returncode == 1
    assert "pages/about.md:1: Title:" in build.log


def test_all_problems_reported_at_once(tmp_path):
    build = build_with(tmp_path, {
        "news/2024/a.md": article(date=None),
        "news/2024/b.md": article(title=None),
        "news/2024/c.md": article(date="ไม่ทราบ"),
    })
    assert build.returncode == 1
    assert "3 content problem(s)" in build.log
    for name in ("a.md:1: Date", "b.md:1: Title", "c.md:2: Date"):
        assert name in build.log


def test_fields_pelican_would_drop_or_crash_on_are_named(tmp_path):
    """Found by tests/test_reader_fuzz.py: Pelican dropped each of these
    articles ('Could not process', or an unknown status) or stopped with a
    traceback (an unknown template)."""
    build = build_with(tmp_path, {
        "news/2024/a.md": article(slug="a", settings="x"),
        "news/2024/b.md": article(slug="b", status="bogus"),
        "news/2024/c.md": article(slug="c", template="nonexistent"),
        "news/2024/d.md": article(slug="d", save_as="../../outside.html"),
        "news/2024/e.md": article(slug="e", date="2024-01-15T09:30:00+99:00"),
    })
    assert build.returncode == 1 and "Traceback" not in build.log, build.log
    assert "5 content problem(s)" in build.log
    for where in ("a.md:5: Settings:", "b.md:5: Status:", "c.md:5: Template:",
                  "d.md:5: Save_as:", "e.md:2: Date:"):
        assert f"news/2024/{where}" in build.log


def test_a_file_pelican_drops_for_any_other_reason_fails_the_build(tmp_path):
    """No article may vanish with the build passing: here every article's
    save_as (from the settings) is outside the output folder."""
    write_content(tmp_path / "content", GOOD)
    build = build_site(tmp_path / "content", tmp_path / "output",
                       extra={"ARTICLE_SAVE_AS": "../{slug}.html"})
    assert build.returncode == 1 and "Traceback" not in build.log, build.log
    assert "content/news/2024/good.md:1: file: Pelican" in build.log
    assert "[file-unreadable]" in build.log


def test_control_characters_pasted_from_word_are_removed_with_a_warning(tmp_path):
    """Found by tests/test_reader_fuzz.py: they stopped the build at the
    Atom feed, with a message naming no file."""
    build = build_with(tmp_path, {"news/2024/word.md": article(
        title="ข่าว\x0bวันนี้", slug="word", body="ย่อหน้า\x0bแรก\x0cต่อ")})
    assert build.returncode == 0, build.log
    assert "news/2024/word.md:1: Title: removed 1 control character(s)" in build.log
    assert "news/2024/word.md: removed from the HTML: 2× control character" in build.log
    feed = (tmp_path / "output" / "feeds" / "all.atom.xml").read_text("utf-8")
    assert "ข่าววันนี้" in feed and "ย่อหน้าแรกต่อ" in feed


def test_good_site_builds(tmp_path):
    build = build_with(tmp_path, {})
    assert build.returncode == 0, build.log
    assert build.exists("news/2024/03/good/index.html")
