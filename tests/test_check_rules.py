"""Every `invoke check` rule, each with a fixture that breaks it: the report
names the exact file, line and field, in Thai with the English name, says
how to fix it, and errors (not warnings) make the exit status non-zero."""

from __future__ import annotations

import re

import pytest

from checkrun import PHOTO, check, png
from sitebuild import ROOT, article
from thai_core.rules import CODES

GOOD = {"news/2024/good.md": article(title="ข่าวดี", slug="good")}
BAD = "content/news/2024/bad.md"


TITLE_151 = "ก" * 151

# (id, files, rule, the start of the expected report line, text it contains)
CASES = [
    ("encoding", {"news/2024/bad.md": "Title: ข่าว\nDate: 2024-01-01\nCategory: ด้านสังคม\n\n"
                  "บรรทัดดี\n".encode() + b"\xff\xfe broken\n"},
     "encoding", f"{BAD}:6: encoding:", "UTF-8"),
    ("docx-in-news", {"news/2024/ข่าว.docx": b"PK\x03\x04"},
     "file-not-published", "content/news/2024/ข่าว.docx:1: file:", ".md"),
    ("photo-in-news", {"news/2024/photo.jpg": png()},
     "file-not-published", "content/news/2024/photo.jpg:1: file:", "content/images/"),
    ("article-outside-news", {"ข่าวใหม่.md": article()},
     "file-not-published", "content/ข่าวใหม่.md:1: file:", "content/news/"),
    ("no-date", {"news/2024/bad.md": article(date=None)},
     "field-missing", f"{BAD}:1: Date:", "Date: 2024-01-15"),
    ("empty-title", {"news/2024/bad.md": article(title="  ")},
     "field-missing", f"{BAD}:1: Title:", "required field is empty"),
    ("misspelled-category", {"news/2024/bad.md": article(category=None, catgory="ด้านสังคม")},
     "field-missing", f"{BAD}:3: Category:", "'Category:'"),
    ("page-no-title", {"pages/about.md": "Slug: about\n\nเนื้อหา\n"},
     "field-missing", "content/pages/about.md:1: Title:", "Title:"),
    ("title-twice", {"news/2024/bad.md": "Title: หนึ่ง\nDate: 2024-03-15\nCategory: ด้านสังคม\n"
                     "Title: สอง\n\nเนื้อหา\n"},
     "field-duplicate", f"{BAD}:4: Title:", "บรรทัด 1"),
    ("unknown-field", {"news/2024/bad.md": article(sumary="สรุป")},
     "field-unknown", f"{BAD}:4: Sumary:", "'Summary:'"),
    ("reserved-field", {"news/2024/bad.md": article(settings="x")},
     "field-reserved", f"{BAD}:4: Settings:", "Pelican"),
    ("unknown-status", {"news/2024/bad.md": article(status="bogus")},
     "status-invalid", f"{BAD}:4: Status:", "'Status: draft'"),
    ("unknown-template", {"news/2024/bad.md": article(template="nonexistent")},
     "template-unknown", f"{BAD}:4: Template:", "article"),
    ("save-as-invalid", {"news/2024/bad.md": article(save_as="../../outside.html")},
     "save-as-invalid", f"{BAD}:4: Save_as:", "Slug"),
    ("lang-invalid", {"news/2024/bad.md": article(lang="a/../../x.html")},
     "lang-invalid", f"{BAD}:4: Lang:", "'Lang: en'"),
    ("day-long-utc-offset", {"news/2024/bad.md": article(date="2024-01-15T09:30:00+99:00")},
     "date-invalid", f"{BAD}:2: Date:", "YYYY-MM-DD"),
    ("thai-words-date", {"news/2024/bad.md": article(date="พรุ่งนี้เช้า")},
     "date-invalid", f"{BAD}:2: Date:", "YYYY-MM-DD"),
    ("thai-calendar-date", {"news/2024/bad.md": article(date="15 มกราคม 2567")},
     "date-invalid", f"{BAD}:2: Date:", "'Date: 2024-01-15'"),
    ("buddhist-year", {"news/2024/bad.md": article(date="2567-01-15 09:30")},
     "date-buddhist-year", f"{BAD}:2: Date:", "'2024-01-15 09:30'"),
    ("future-date", {"news/2024/bad.md": article(date="2100-01-15")},
     "date-future", f"{BAD}:2: Date:", "future"),
    ("future-modified", {"news/2024/bad.md": article(modified="2100-01-15")},
     "date-future", f"{BAD}:4: Modified:", "future"),
    ("category-typo", {"news/2024/bad.md": article(category="ด้านเศรษฐกิ")},
     "category-unknown", f"{BAD}:3: Category:", "'Category: ด้านเศรษฐกิจ'"),
    ("category-new", {"news/2024/bad.md": article(category="ข่าวกีฬาแห่งชาติ")},
     "category-new", f"{BAD}:3: Category:", "pelicanconf.py"),
    ("category-slug", {"news/2024/bad.md": article(category="economy")},
     "category-slug", f"{BAD}:3: Category:", "'Category: ด้านเศรษฐกิจ'"),
    ("thai-slug", {"news/2024/bad.md": article(slug="ข่าวใหม่")},
     "slug-invalid", f"{BAD}:4: Slug:", "must be ASCII"),
    ("duplicate-slug", {"news/2024/bad.md": article(slug="good", date="2024-05-01")},
     "slug-duplicate", f"{BAD}:4: Slug:", "content/news/2024/good.md"),
    ("duplicate-file-name", {"news/2023/good.md": article(date="2023-05-01")},
     "slug-duplicate", "content/news/2023/good.md:1: Slug:", "content/news/2024/good.md"),
    ("long-title", {"news/2024/bad.md": article(title=TITLE_151)},
     "title-too-long", f"{BAD}:1: Title:", "151"),
    ("empty-summary", {"news/2024/bad.md": article(summary="")},
     "summary-empty", f"{BAD}:4: Summary:", "Summary"),
    ("long-summary", {"news/2024/bad.md": article(summary="ข" * 301)},
     "summary-too-long", f"{BAD}:4: Summary:", "301"),
    ("missing-image", {"news/2024/bad.md": article(body="ย่อหน้า\n\n![ภาพ]({static}/images/x.jpg)")},
     "image-missing", f"{BAD}:7: image:", "content/images/x.jpg"),
    ("image-wrong-case", {**PHOTO, "news/2024/bad.md": article(
        body="![ภาพ]({static}/images/2024/Photo.PNG)")},
     "image-missing", f"{BAD}:5: image:", "'images/2024/photo.png'"),
    ("missing-lead-image", {"news/2024/bad.md": article(image="images/2024/none.jpg",
                                                         imagealt="ภาพ")},
     "image-missing", f"{BAD}:4: Image:", "content/images/2024/none.jpg"),
    ("image-not-static", {"news/2024/bad.md": article(body="![ภาพ]({static}/pages/p.png)"),
                          "pages/p.png": png()},
     "image-not-static", f"{BAD}:5: image:", "content/images/"),
    ("external-image", {"news/2024/bad.md": article(body="![ภาพ](https://cdn.example.com/a.jpg)")},
     "image-external", f"{BAD}:5: image:", "content/images/"),
    ("not-an-image", {"images/2024/fake.jpg": b"not a jpeg",
                      "news/2024/bad.md": article(body="![ภาพ]({static}/images/2024/fake.jpg)")},
     "image-unreadable", f"{BAD}:5: image:", "JPEG"),
    ("no-alt", {**PHOTO, "news/2024/bad.md": article(body="![]({static}/images/2024/photo.png)")},
     "image-no-alt", f"{BAD}:5: image:", "alt text"),
    ("html-no-alt", {**PHOTO, "news/2024/bad.md": article(
        body='<img src="/images/2024/photo.png">')},
     "image-no-alt", f"{BAD}:5: image:", "alt text"),
    ("lead-no-alt", {**PHOTO, "news/2024/bad.md": article(image="images/2024/photo.png")},
     "image-no-alt", f"{BAD}:4: ImageAlt:", "ImageAlt:"),
    ("broken-filename-link", {"news/2024/bad.md": article(
        body="ดู[ข่าวเก่า]({filename}/news/2023/nope.md)")},
     "link-broken", f"{BAD}:5: link:", "content/news/2023/nope.md"),
    ("broken-site-link", {"news/2024/bad.md": article(body="ย่อหน้า\n\nดู[ข่าว](/news/2024/03/nope/)")},
     "link-broken", f"{BAD}:7: link:", "/news/2024/03/nope/"),
    ("relative-link", {"news/2024/bad.md": article(body="ดู[ข่าวดี](good.md)")},
     "link-relative", f"{BAD}:5: link:", "'{filename}/news/2024/good.md'"),
    ("space-before-mark", {"news/2024/bad.md": article(body="ย่อหน้า\n\nน ายกรัฐมนตรีกล่าว")},
     "thai-space-before-mark", f"{BAD}:7: body:", "น␣าย"),
    ("decomposed-sara-am", {"news/2024/bad.md": article(title="ข่าวส\u0e4d\u0e32คัญ")},
     "thai-decomposed-sara-am", f"{BAD}:1: Title:", "ํา"),
    ("zero-width", {"news/2024/bad.md": article(body="ประชา\u200bชน")},
     "thai-zero-width", f"{BAD}:5: body:", "⟨U+200B⟩"),
    ("double-tone", {"news/2024/bad.md": article(body="ซึ\u0e48\u0e48งมี")},
     "thai-double-tone", f"{BAD}:5: body:", "doubled tone mark"),
    ("private-use", {"news/2024/bad.md": article(body="การแข\uf70aงขัน")},
     "thai-private-use", f"{BAD}:5: body:", "⟨U+F70A⟩"),
]
# Rules tested elsewhere: git (tests/test_check_git.py) and limits from settings (below).
ELSEWHERE = {"slug-url-changed", "article-removed", "image-too-large"}


def test_every_rule_has_a_failing_fixture():
    assert {rule for _, _, rule, _, _ in CASES} | ELSEWHERE == set(CODES)


@pytest.mark.parametrize(("files", "rule", "where", "text"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule_reports_file_line_field_and_fix(capsys, tmp_path, files, rule, where, text):
    result = check(capsys, tmp_path, {**GOOD, **files})
    lines = [line for line in result.lines(rule) if line.startswith(where)]
    assert len(lines) == 1, result.out
    line = lines[0]
    assert text in line and "(แก้ไข: " in line
    assert re.search(r"\([A-Za-z][^)]*\)", line), "an English explanation"
    severity = CODES[rule][0]
    assert result.returncode == (1 if severity == "error" else 0), result.out
    assert "Traceback" not in result.out


def test_clean_content_passes(capsys, tmp_path):
    result = check(capsys, tmp_path, {**GOOD, **PHOTO, "news/2024/other.md": article(
        title="ข่าวอื่น", slug="other", image="images/2024/photo.png", imagealt="ภาพถ่าย",
        body="ดู[ข่าวดี]({filename}/news/2024/good.md) และ[หน้าเดิม](/news/2024/03/good/)\n\n"
             "![ภาพถ่าย]({static}/images/2024/photo.png) [หมวด](/category/economy/) "
             "[ค้นหา](/search.html?q=ข่าว) [เว็บอื่น](https://www.example.go.th/)")})
    assert result.returncode == 0, result.out
    assert "0 error(s), 0 warning(s)" in result.out


def test_thresholds_come_from_thai_news_settings(capsys, tmp_path):
    settings = tmp_path / "strictconf.py"
    settings.write_text(
        "from pelicanconf import *  # noqa\n"
        "THAI_NEWS = {**THAI_NEWS, 'title_max_length': 10, 'image_max_pixels': 1000,\n"
        "             'future_date_margin_hours': 0}\n", encoding="utf-8")
    result = check(capsys, tmp_path, {**PHOTO, "news/2024/bad.md": article(
        title="หัวข้อที่ยาวกว่าสิบตัว", body="![ภาพ]({static}/images/2024/photo.png)")},
        settings=settings)
    assert result.lines("title-too-long")[0].startswith(f"{BAD}:1: Title:")
    assert result.lines("image-too-large")[0].startswith(f"{BAD}:5: image:")
    assert "40×30" in result.out and result.returncode == 1


def test_unknown_thai_news_setting_is_refused(capsys, tmp_path):
    settings = tmp_path / "badconf.py"
    settings.write_text("from pelicanconf import *  # noqa\n"
                        "THAI_NEWS = {**THAI_NEWS, 'title_max': 10}\n", encoding="utf-8")
    result = check(capsys, tmp_path, GOOD, settings=settings)
    assert result.returncode == 2
    assert "unknown THAI_NEWS keys: title_max" in result.out


def test_escaped_brackets_and_code_are_not_links(capsys, tmp_path):
    body = ("ข้อความ \\[ไม่ใช่ลิงก์\\](nope.md)\n\n`[ในโค้ด](nope.md)`\n\n"
            "```\n![](nope.png)\n```\n\n<!-- [ในคอมเมนต์](nope.md) -->")
    result = check(capsys, tmp_path, {**GOOD, "news/2024/code.md": article(slug="code", body=body)})
    assert result.returncode == 0, result.out


def test_real_content_folder_passes(capsys, tmp_path):
    code = __import__("newsroom.check.__main__", fromlist=["main"]).main(
        ["--content", str(ROOT / "content"), "--base", "none"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "0 error(s), 0 warning(s)" in out
