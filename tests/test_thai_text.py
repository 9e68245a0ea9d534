"""Thai copy-paste damage: found line by line, repaired only where no
guess is needed, and good Thai (tone marks, ๆ, ฯ, Thai digits) untouched."""

from __future__ import annotations

import pytest

from sitebuild import ROOT
from thai_core.rules.thai_text import PUA_THAI, find_damage, repair, visible


@pytest.mark.parametrize(("damaged", "repaired", "code"), [
    ("น ายก", "นายก", "thai-space-before-mark"),
    ("ผู\u00a0้ว่า", "ผู้ว่า", "thai-space-before-mark"),
    ("วงจรพิมพ ์", "วงจรพิมพ์", "thai-space-before-mark"),
    ("ส\u0e4d\u0e32นัก", "สำนัก", "thai-decomposed-sara-am"),
    ("ท\u0e4d\u0e49\u0e32", "ท้ำ", "thai-decomposed-sara-am"),  # nikhahit, tone, aa
    ("ท\u0e49\u0e4d\u0e32", "ท้ำ", "thai-decomposed-sara-am"),  # tone, nikhahit, aa
    ("ประชา\u200bชน", "ประชาชน", "thai-zero-width"),
    ("ข่าว\u2060ด่วน\ufeff", "ข่าวด่วน", "thai-zero-width"),
    ("ก\u200cข", "กข", "thai-zero-width"),
    ("ซึ\u0e48\u0e48ง", "ซึ่ง", "thai-double-tone"),
    ("ที\u0e48\u0e48\u0e48", "ที่", "thai-double-tone"),
    ("ก\u0e47\u0e47", "ก็", "thai-double-tone"),  # mai taikhu
    ("พิมพ\u0e4c\u0e4c", "พิมพ์", "thai-double-tone"),  # thanthakhat
    ("การแข\uf70aงขัน", "การแข่งขัน", "thai-private-use"),
    ("สิ\uf70bงแวดล\uf70bอม", "สิ\u0e49งแวดล้อม", "thai-private-use"),
])
def test_damage_is_found_and_repaired(damaged, repaired, code):
    found = list(find_damage(f"บรรทัดแรก\n{damaged}\n"))
    assert [(d.line, d.code, d.fixable) for d in found] == [(2, code, True)]
    assert repair(damaged) == repaired


@pytest.mark.parametrize(("damaged", "code"), [
    ("ย\u0e48\u0e49ำ", "thai-double-tone"),  # which tone was meant?
    ("\uf0a7 หัวข้อ", "thai-private-use"),  # a symbol font's bullet
])
def test_ambiguous_damage_is_reported_not_repaired(damaged, code):
    (found,) = find_damage(damaged)
    assert found.code == code and not found.fixable
    assert repair(damaged) == damaged


@pytest.mark.parametrize("good", [
    "ข่าว ขาว ข้าว", "ต่าง ๆ ในกรุงเทพฯ", "พ.ศ. ๒๕๖๗", "สำนักนายกรัฐมนตรี", "ก๊วยเตี๋ยว",
    "ครอบครัว 👨\u200d👩\u200d👧", "ศักดิ์สิทธิ์", "ฤๅษี", "English text, 2024",
])
def test_good_thai_is_not_damage(good):
    assert list(find_damage(good)) == []
    assert repair(good) == good


def test_the_site_content_has_no_damage():
    for path in (ROOT / "content").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert list(find_damage(text)) == [], path
        assert repair(text) == text


def test_pdf_font_glyphs_map_to_thai_marks():
    assert sorted(PUA_THAI) == list(range(0xF700, 0xF71B))
    assert all("\u0e01" <= ch <= "\u0e4e" for ch in PUA_THAI.values())


def test_a_mark_that_starts_a_context_is_shown_on_a_dotted_circle():
    """Only the marks that attach to the letter before (thai_chars.COMBINING)."""
    assert visible("\u0e49ว่า") == "◌\u0e49ว่า"
    assert visible("\u0e31ก") == "◌\u0e31ก"
    assert visible("เรื่อง") == "เรื่อง"  # a leading vowel stands on its own
    assert visible(" \u0e49") == "␣\u0e49"  # after the space sign it has a base


def test_one_problem_per_line_and_kind_with_count_and_column():
    (found,) = find_damage("ส\u0e4d\u0e32นัก ท\u0e4d\u0e32งาน ค\u0e4d\u0e32")
    assert (found.column, found.count) == (2, 3)
    assert "ํา" in found.context


def test_lines_are_counted_as_editors_count_them():
    """U+2028 (from Word) or a form feed is not a new line in an editor."""
    (found,) = find_damage("ก\u2028ข\x0cค\r\nน ายก\r\n")
    assert found.line == 2
