"""`invoke check --fix` repairs what is safe, in place, and keeps every
other byte of the file; what it cannot repair stays reported."""

from __future__ import annotations

from checkrun import check, check_command
from sitebuild import article, write_content

DAMAGED = (
    "Title: ข่าวส\u0e4d\u0e32คัญ\r\n"  # decomposed sara am in the title
    "Date: 2567-01-15 09:30\r\n"  # Buddhist-era year
    "Category: ด้านสังคม\r\n"
    "Slug: damaged\r\n"
    "\r\n"
    "น ายกรัฐมนตรี ซึ\u0e48\u0e48ง ประชา\u200bชน การแข\uf70aงขัน ท\u0e4d\u0e49\u0e32\r\n"
    "\r\n"
    "ย\u0e48\u0e49ำ \uf0a7 หัวข้อ และ 👨\u200d👩\u200d👧 ครอบครัว\r\n"
)
REPAIRED = (
    "Title: ข่าวสำคัญ\r\n"
    "Date: 2024-01-15 09:30\r\n"
    "Category: ด้านสังคม\r\n"
    "Slug: damaged\r\n"
    "\r\n"
    "นายกรัฐมนตรี ซึ่ง ประชาชน การแข่งขัน ท้ำ\r\n"
    "\r\n"
    "ย\u0e48\u0e49ำ \uf0a7 หัวข้อ และ 👨\u200d👩\u200d👧 ครอบครัว\r\n"
)


def test_fix_repairs_in_place_and_keeps_everything_else(tmp_path):
    bom = b"\xef\xbb\xbf"
    content = write_content(tmp_path / "content", {
        "news/2024/damaged.md": bom + DAMAGED.encode(),
        "news/2024/clean.md": article(slug="clean"),
    })
    clean = content / "news/2024/clean.md"
    before = clean.stat().st_mtime_ns
    result = check_command(content, "--fix", "--base", "none")
    assert (content / "news/2024/damaged.md").read_bytes() == bom + REPAIRED.encode()
    assert clean.stat().st_mtime_ns == before
    assert "แก้แล้ว (fixed): content/news/2024/damaged.md" in result.out
    # Not safe to guess: two different tone marks, a symbol-font bullet.
    assert result.lines("thai-double-tone")[0].startswith("content/news/2024/damaged.md:8: body:")
    assert result.lines("thai-private-use")[0].startswith("content/news/2024/damaged.md:8: body:")
    assert "แก้ด้วยมือ" in result.lines("thai-private-use")[0]
    assert not result.lines("thai-zero-width"), "ZWJ inside an emoji is not damage"
    assert result.returncode == 0, result.out  # only warnings are left
    again = check_command(content, "--fix", "--base", "none")
    assert "แก้แล้ว" not in again.out
    assert (content / "news/2024/damaged.md").read_bytes() == bom + REPAIRED.encode()


def test_without_fix_nothing_is_written(capsys, tmp_path):
    result = check(capsys, tmp_path, {"news/2024/damaged.md": DAMAGED})
    assert (tmp_path / "content/news/2024/damaged.md").read_bytes() == DAMAGED.encode()
    assert result.returncode == 1  # the Buddhist-era year is an error
    assert "invoke check --fix" in result.out
    assert len([line for line in result.out.splitlines() if "; หรือใช้ invoke check --fix" in line
                ]) == 7  # line 1 sara am, line 2 year, line 6 five kinds
