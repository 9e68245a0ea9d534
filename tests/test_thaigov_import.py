"""The thaigov archive importer (newsroom.thaigov_format + newsroom.thaigov_import).

Fixtures in tests/fixtures/thaigov/data/ are invented articles in the corpus
text format, laid out like the corpus (data/YYYY/MM/DD/<section>_<n>_<uuid>.txt).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
from pathlib import Path

import invoke
import markdown
import pytest
from bs4 import BeautifulSoup

from newsroom import thaigov_format as fmt
from newsroom import thaigov_import as imp
from newsroom.thaigov_format import Article, SkipArticle, escape_markdown, parse_article
from newsroom.thaigov_import import ImportReport, run_import

DATA = Path(__file__).parent / "fixtures" / "thaigov" / "data"
PELICAN_EXTENSIONS = [
    "markdown.extensions.codehilite",
    "markdown.extensions.extra",
    "markdown.extensions.meta",
]

NORMAL = DATA / "2023/03/23/ด้านเศรษฐกิจ_1_0a1b2c3d-1111-4aaa-8bbb-000000000001.txt"
THAI_DIGITS = DATA / "2023/03/23/ข่าวรอง นรม  รมตนร _2_0a1b2c3d-1111-4aaa-8bbb-000000000002.txt"
BARE_PREFIX = DATA / "2023/03/24/_1_0a1b2c3d-1111-4aaa-8bbb-000000000003.txt"
TITLE_ONLY = DATA / "2023/03/25/ด้านความมั่นคง_1_0a1b2c3d-1111-4aaa-8bbb-000000000004.txt"
HASHTAGS = DATA / "2023/03/25/ด้านความมั่นคง_2_0a1b2c3d-1111-4aaa-8bbb-000000000005.txt"
DUP_FIRST = DATA / "2023/03/26/ด้านสังคม_1_0a1b2c3d-1111-4aaa-8bbb-000000000006.txt"
DUP_SECOND = DATA / "2023/03/27/ด้านสังคม_1_0a1b2c3d-1111-4aaa-8bbb-000000000007.txt"
BAD_DATE = DATA / "2023/04/01/ด้านกฎหมายฯ_1_0a1b2c3d-1111-4aaa-8bbb-000000000008.txt"
PLACEHOLDER = DATA / "2023/11/08/_2_0a1b2c3d-1111-4aaa-8bbb-000000000009.txt"
NO_SOURCE = DATA / "2023/04/02/ข่าวคณะโฆษก_1_0a1b2c3d-1111-4aaa-8bbb-000000000010.txt"
MARKUP = DATA / "2024/01/15/ทัน LINE ไทยคู่ฟ้า_1_0a1b2c3d-1111-4aaa-8bbb-000000000011.txt"

WRITTEN_IDS = {"91001", "91002", "91003", "91006", "91011"}
EXPECTED_SKIPS = {
    fmt.NO_BODY: 1,
    fmt.HASHTAGS_ONLY: 1,
    imp.DUPLICATE: 1,
    fmt.BAD_DATE: 1,
    fmt.PLACEHOLDER_DATE: 1,
    fmt.NO_SOURCE: 1,
}


def parse(path: Path) -> Article:
    return parse_article(path.read_text(encoding="utf-8"), path.name)


def skip_reason(path: Path) -> str:
    with pytest.raises(SkipArticle) as caught:
        parse(path)
    return caught.value.reason


def do_import(source: Path, dest: Path) -> tuple[ImportReport, str]:
    out = io.StringIO()
    report = run_import(source, dest, out=out)
    return report, out.getvalue()


def snapshot(dest: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(dest)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(dest.rglob("*")) if p.is_file()
    }


def visible_paragraphs(source: str) -> list[str]:
    """Render a body like Pelican (after a metadata header, which the meta
    extension consumes up to the first blank line); every top-level element
    must be a plain <p> with no markup inside."""
    html = markdown.Markdown(extensions=PELICAN_EXTENSIONS).convert("Title: t\n\n" + source)
    soup = BeautifulSoup(html, "html.parser")
    blocks = [node for node in soup.contents if getattr(node, "name", None)]
    assert [b.name for b in blocks] == ["p"] * len(blocks), html
    for block in blocks:
        assert block.find(True) is None, f"markup inside paragraph: {block}"
    return [b.get_text() for b in blocks]


# --- parsing -----------------------------------------------------------------


def test_seed_shaped_article():
    article = parse(NORMAL)
    assert article.title == "กระทรวงตัวอย่าง จัดอบรม “ตลาดชุมชนออนไลน์” ที่ จ.ตัวอย่างบุรี"
    assert article.date == dt.date(2023, 3, 23)
    assert article.category == "ด้านเศรษฐกิจ"
    assert article.slug == "thaigov-91001"
    assert article.source_url == "https://www.thaigov.go.th/news/contents/details/91001"
    # date line, 23/03/2566, พิมพ์, the title twice (once with an NBSP), the
    # zero-width and "." spacer lines and the ที่มา line are all gone; runs
    # of spaces are collapsed.
    assert article.paragraphs == (
        "วันนี้ (23 มีนาคม 2566) นายสมมติ ใจดี ผู้อำนวยการกองทดสอบ เปิดการอบรม "
        "ณ ศาลากลางจังหวัดตัวอย่างบุรี",
        "ผู้เข้าอบรมกว่า 80 คน ได้เรียนรู้การขายสินค้าชุมชนผ่าน Facebook และ LINE",
    )


def test_rendered_file_format():
    assert fmt.render_article(parse(NORMAL)) == (
        "Title: กระทรวงตัวอย่าง จัดอบรม “ตลาดชุมชนออนไลน์” ที่ จ.ตัวอย่างบุรี\n"
        "Date: 2023-03-23\n"
        "Category: ด้านเศรษฐกิจ\n"
        "Slug: thaigov-91001\n"
        "Source: https://www.thaigov.go.th/news/contents/details/91001\n"
        "\n"
        "วันนี้ (23 มีนาคม 2566) นายสมมติ ใจดี ผู้อำนวยการกองทดสอบ เปิดการอบรม "
        "ณ ศาลากลางจังหวัดตัวอย่างบุรี\n"
        "\n"
        "ผู้เข้าอบรมกว่า 80 คน ได้เรียนรู้การขายสินค้าชุมชนผ่าน Facebook และ LINE\n"
    )


def test_thai_digit_date_and_messy_section():
    article = parse(THAI_DIGITS)
    assert article.date == dt.date(2023, 3, 23)
    assert article.category == "ข่าวรอง นรม รมตนร"
    assert article.paragraphs == (
        "รองนายกรัฐมนตรีติดตามความคืบหน้าโครงการแหล่งน้ำ ๓ แห่ง ในอำเภอทดลอง",
    )


def test_bare_prefix_empty_section_and_credit_line():
    article = parse(BARE_PREFIX)
    assert article.title == "ความร่วมมือรัฐบาลไทย-ญี่ปุ่น ด้านการศึกษาสมมติ"
    assert article.category == "อื่นๆ"
    assert article.source_url.endswith("/91003")  # after an NBSP in "ที่มา : "
    # "..." between the title repeats is junk; a non-URL ที่มา credit is text.
    assert article.paragraphs == ("ทั้งสองฝ่ายตกลงแลกเปลี่ยนนักศึกษาปีละ 20 คน", "ที่มา : กรมสมมติ")


@pytest.mark.parametrize(
    ("name", "section"),
    [
        ("ด้านสังคม_12_5156ea0d-a1eb-4d4d-aac4-53572ae408b8.txt", "ด้านสังคม"),
        ("ข่าวทำเนียบรัฐบาล_3.txt", "ข่าวทำเนียบรัฐบาล"),
        ("Government News\t_1_5156ea0d-a1eb-4d4d-aac4-53572ae408b8.txt", "Government News"),
        ("ข่าวรอง นรม  รมตนร _2.txt", "ข่าวรอง นรม รมตนร"),
        ("_1_5156ea0d-a1eb-4d4d-aac4-53572ae408b8.txt", "อื่นๆ"),
        ("  _7.txt", "อื่นๆ"),
        ("000_c5001b433e880da4.txt", "อื่นๆ"),  # not the corpus naming scheme
    ],
)
def test_section_from_filename(name, section):
    assert fmt.section_from_filename(name) == section


def test_no_body_decision():
    """Title-only photo posts and posts whose only text is hashtags are both
    skipped. In the real corpus about 200 articles have nothing after the
    repeated title and about 120 more have only a hashtag line such as
    `#กระทรวงกลาโหม #กองทัพไทย` (photo posts of the defence ministry): a
    page showing only hashtags tells the reader nothing, so it is "no body",
    reported under its own reason. A body is anything with a letter or digit
    left once hashtags are removed; a single short sentence is kept."""
    assert skip_reason(TITLE_ONLY) == fmt.NO_BODY
    assert skip_reason(HASHTAGS) == fmt.HASHTAGS_ONLY
    text = NORMAL.read_text(encoding="utf-8")
    short = text.replace("ผู้เข้าอบรมกว่า", "#อบรม ผู้เข้าอบรมกว่า")
    assert len(parse_article(short, NORMAL.name).paragraphs) == 2


def test_unparsable_and_placeholder_dates():
    assert skip_reason(BAD_DATE) == fmt.BAD_DATE  # 31 เมษายน does not exist
    assert skip_reason(PLACEHOLDER) == fmt.PLACEHOLDER_DATE  # 1 มกราคม 2513 = 1970
    text = NORMAL.read_text(encoding="utf-8").replace("วันพฤหัสบดีที่ 23 มีนาคม 2566\n", "")
    with pytest.raises(SkipArticle) as caught:
        parse_article(text, NORMAL.name)
    assert caught.value.reason == fmt.BAD_DATE  # first line after the title is not a date


def test_missing_source_line():
    assert skip_reason(NO_SOURCE) == fmt.NO_SOURCE


def test_metadata_values_are_single_line():
    article = Article(
        title="หัวข้อ\u2028บรรทัดสอง\tและ\u000bสาม",
        date=dt.date(2024, 1, 2),
        category="หมวด\nทดสอบ",
        source_id="1",
        source_url="https://www.thaigov.go.th/news/contents/details/1",
        paragraphs=("เนื้อหา",),
    )
    header = fmt.render_article(article).split("\n\n")[0].split("\n")
    assert header[0] == "Title: หัวข้อ บรรทัดสอง และ สาม"
    assert header[2] == "Category: หมวด ทดสอบ"
    assert len(header) == 5


def test_text_is_nfc():
    # Thai marks in non-canonical order (tone mai ek before sara u) and a
    # decomposed é: both come out in NFC.
    text = NORMAL.read_text(encoding="utf-8").replace("LINE", "\u0e01\u0e48\u0e38 Cafe\u0301")
    body = parse_article(text, NORMAL.name).paragraphs[1]
    assert body.endswith("\u0e01\u0e38\u0e48 Caf\u00e9")


# --- Markdown escaping -------------------------------------------------------

TRICKY = [
    "#กระทรวงกลาโหม #กองทัพไทย",
    "# หัวข้อ",
    "- รายการ",
    "--------------------",
    "* ดอกจัน",
    "****************************** 23 มีนาคม 2566",
    "+++++++++++++++++++",
    "+ บวก",
    "> อ้างอิง",
    "1. ข้อแรก",
    "12.ไม่มีเว้นวรรค",
    "๑. ข้อที่หนึ่งเลขไทย",
    "= 2,739.96",
    "==========",
    "| ตาราง | ข้อมูล |",
    ": คำนิยาม",
    "~~~",
    "```",
    "ข้อความ *เอียง* และ **หนา** และ _ขีด_ และ __หนา__",
    "snake_case_name และ 2*3*4",
    "โค้ด `inline` และ ``สอง``",
    "[ลิงก์](http://example.invalid) ![ภาพ](x.png) [^1] [อ้างอิง][1]",
    "*[HTML]: Hyper Text",
    "[1]: http://example.invalid",
    "C:\\path\\ไฟล์ และ \\* และ \\\\",
    "<b>หนา</b> <!-- ความเห็น --> <http://example.invalid> <div markdown=\"1\">",
    "AT&T &amp; &nbsp; &#42; &lt;",
    "ย่อหน้า {: .class #id} และ {@attr}",
    "ท้ายย่อหน้า {: .class}",
    "ราคา 5 < 10 > 3",
    "ข้อ (ก) และ (ข) ! ? . , ; \" '",
    "หมายเหตุ: ข้อความ",
]


@pytest.mark.parametrize("text", TRICKY)
def test_escaped_paragraph_renders_as_the_original_text(text):
    assert visible_paragraphs(escape_markdown(text)) == [text.strip()]


def test_escaped_body_round_trip():
    article = parse(MARKUP)
    assert "1. ยื่นแบบภายใน 31 มีนาคม" in article.paragraphs
    assert "#ไทยคู่ฟ้า #สื่อสารรัฐบาลไทย" in article.paragraphs
    body = fmt.render_article(article).split("\n\n", 1)[1]
    assert visible_paragraphs(body) == list(article.paragraphs)
    assert "&lt;b&gt;" in body and "&amp;amp;" in body and "\\#ไทยคู่ฟ้า" in body


def test_pelican_reads_the_output(tmp_path):
    from pelican.readers import MarkdownReader
    from pelican.settings import DEFAULT_CONFIG

    do_import(MARKUP, tmp_path)
    path = tmp_path / "2024" / "thaigov-91011.md"
    settings = dict(DEFAULT_CONFIG, MARKDOWN={"extensions": PELICAN_EXTENSIONS})
    content, meta = MarkdownReader(settings).read(str(path))
    assert meta["title"] == "สรุป 5 ข้อ <ต้องรู้> เรื่องภาษี & ค่าธรรมเนียม [สมมติ]"
    assert meta["date"].date() == dt.date(2024, 1, 15)
    assert str(meta["category"]) == "ทัน LINE ไทยคู่ฟ้า"
    assert meta["slug"] == "thaigov-91011"
    assert meta["source"] == "https://www.thaigov.go.th/news/contents/details/91011"
    assert visible_paragraphs(content) == list(parse(MARKUP).paragraphs)


# --- importing files ---------------------------------------------------------


def test_folder_import_counts_and_layout(tmp_path):
    report, out = do_import(DATA, tmp_path / "news")
    assert report.ok
    assert report.written == len(WRITTEN_IDS)
    assert report.unchanged == 0
    assert dict(report.skipped) == EXPECTED_SKIPS
    assert report.total == 11  # every *.txt, recursively; README.md ignored
    written = sorted(p.relative_to(tmp_path / "news").as_posix()
                     for p in (tmp_path / "news").rglob("*"))
    assert written == [
        "2023", "2023/thaigov-91001.md", "2023/thaigov-91002.md", "2023/thaigov-91003.md",
        "2023/thaigov-91006.md", "2024", "2024/thaigov-91011.md",
    ]
    skip_lines = [line for line in out.splitlines() if line.startswith("skip ")]
    assert len(skip_lines) == 6
    assert f"skip {PLACEHOLDER}: {fmt.PLACEHOLDER_DATE}: " in out
    assert f"skip {TITLE_ONLY}: {fmt.NO_BODY}\n" in out
    assert "written" in out and "unchanged" in out and "elapsed seconds" in out


def test_duplicates_keep_first_in_path_order(tmp_path):
    report, out = do_import(DATA, tmp_path)
    assert report.skipped[imp.DUPLICATE] == 1
    assert f"skip {DUP_SECOND}: duplicate: thaigov-91006 already from {DUP_FIRST}" in out
    assert "(ฉบับแรก)" in (tmp_path / "2023" / "thaigov-91006.md").read_text(encoding="utf-8")


def test_single_file_import(tmp_path):
    report, out = do_import(NORMAL, tmp_path)
    assert (report.written, report.total, report.ok) == (1, 1, True)
    assert "skip" not in out
    assert (tmp_path / "2023" / "thaigov-91001.md").read_text(encoding="utf-8") == (
        fmt.render_article(parse(NORMAL))
    )


def test_bad_files_do_not_stop_the_rest(tmp_path, monkeypatch):
    src = tmp_path / "src"
    shutil.copytree(DATA, src)
    bad = src / "2023" / "03" / "23" / "ด้านสังคม_9.txt"
    bad.write_bytes(NORMAL.read_bytes().replace(b"\xe0\xb8\x9c", b"\xff\xfe", 1))
    crash = src / "2023" / "03" / "24" / "ด้านสังคม_5.txt"
    crash.write_text(NORMAL.read_text(encoding="utf-8"), encoding="utf-8")
    real_parse = imp.parse_article

    def exploding_parse(text, filename):
        if filename == crash.name:
            raise RuntimeError("boom")
        return real_parse(text, filename)

    monkeypatch.setattr(imp, "parse_article", exploding_parse)
    report, out = do_import(src, tmp_path / "news")
    assert report.written == len(WRITTEN_IDS)
    assert report.skipped[imp.INVALID_UTF8] == 1
    assert report.skipped[imp.ERROR] == 1
    assert f"skip {bad}: invalid UTF-8: byte " in out
    assert f"skip {crash}: error: RuntimeError: boom" in out
    assert not report.ok  # a crash is a failure; junk input alone is not


def test_invalid_utf8_alone_is_not_a_failure(tmp_path):
    bad = tmp_path / "ด้านสังคม_1.txt"
    bad.write_bytes(b"\xe0\xb8\x00\xff junk")
    report, out = do_import(bad, tmp_path / "news")
    assert report.ok and report.skipped == {imp.INVALID_UTF8: 1}


def test_missing_source_path_is_a_failure(tmp_path):
    report, out = do_import(tmp_path / "nope", tmp_path / "news")
    assert not report.ok and "no such file or folder" in out


def test_second_run_changes_nothing(tmp_path):
    dest = tmp_path / "news"
    first, _ = do_import(DATA, dest)
    old = 1_000_000_000_000_000_000  # 2001, so a rewrite could not go unnoticed
    for path in dest.rglob("*.md"):
        os.utime(path, ns=(old, old))
    before = snapshot(dest)
    second, out = do_import(DATA, dest)
    assert (second.written, second.unchanged) == (0, first.written)
    assert dict(second.skipped) == EXPECTED_SKIPS
    assert snapshot(dest) == before
    assert all(mtime == old for _, mtime in before.values())


def test_edited_output_is_not_overwritten(tmp_path):
    dest = tmp_path / "news"
    do_import(DATA, dest)
    target = dest / "2023" / "thaigov-91002.md"
    edited = target.read_text(encoding="utf-8").replace("๓ แห่ง", "สาม แห่ง")
    target.write_text(edited, encoding="utf-8")
    report, out = do_import(DATA, dest)
    assert target.read_text(encoding="utf-8") == edited
    assert report.skipped[imp.EDITED] == 1
    assert (report.written, report.unchanged) == (0, len(WRITTEN_IDS) - 1)
    assert f"skip {THAI_DIGITS}: edited output kept: {target} differs" in out
    assert report.ok


def test_invoke_task_entry_point(tmp_path, capsys):
    import tasks

    with pytest.raises(SystemExit) as exited:
        tasks.import_thaigov(invoke.Context(), str(DATA), dest=str(tmp_path / "news"))
    assert exited.value.code == 0
    assert len(list((tmp_path / "news").rglob("*.md"))) == len(WRITTEN_IDS)
    assert "skip " in capsys.readouterr().out
