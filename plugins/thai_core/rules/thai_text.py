"""Thai text damaged by copy-paste from PDF or Word: find it, and repair
what can be repaired without guessing.

Never strips a tone or vowel mark that belongs to a word (ข่าว is not ขาว):
a repair only removes invisible characters, a space that splits a word,
the second of two identical marks, or maps a PDF font's private glyph back
to the Thai mark it draws.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pelican.plugins.thai_search import thai_chars

from .header import split_lines

# Vowels and marks that never begin a word: a space before one splits a word.
_FOLLOWING = thai_chars.FOLLOWING
_TONES = thai_chars.TONE_MARKS
# The marks written where a tone mark is: one of them twice is damage.
_STACKED = _TONES + thai_chars.MAITAIKHU + thai_chars.THANTHAKHAT
_THAI = thai_chars.LETTERS_AND_MARKS
# Shown after a dotted circle when they start a context: alone they would
# stack on the quote or the space before them.
_COMBINING = re.compile(f"[{thai_chars.COMBINING}]")
# Thai PDF fonts draw shifted marks at U+F700..U+F71A (the Windows/Mac Thai
# font convention); text extraction copies the glyph, not the character.
PUA_THAI = {
    0xF700: "\u0e10", 0xF701: "\u0e34", 0xF702: "\u0e35", 0xF703: "\u0e36",
    0xF704: "\u0e37", 0xF705: "\u0e48", 0xF706: "\u0e49", 0xF707: "\u0e4a",
    0xF708: "\u0e4b", 0xF709: "\u0e4c", 0xF70A: "\u0e48", 0xF70B: "\u0e49",
    0xF70C: "\u0e4a", 0xF70D: "\u0e4b", 0xF70E: "\u0e4c", 0xF70F: "\u0e0d",
    0xF710: "\u0e31", 0xF711: "\u0e4d", 0xF712: "\u0e47", 0xF713: "\u0e48",
    0xF714: "\u0e49", 0xF715: "\u0e4a", 0xF716: "\u0e4b", 0xF717: "\u0e4c",
    0xF718: "\u0e38", 0xF719: "\u0e39", 0xF71A: "\u0e3a",
}
# Invisible: zero width space, word joiner, BOM inside text, LRM/RLM; and
# ZWNJ/ZWJ next to Thai (elsewhere they may join an emoji sequence).
_INVISIBLE = "\u200b\u2060\ufeff\u200e\u200f"

RULES = {
    # code: (English name, Thai explanation)
    "thai-space-before-mark": (
        "space before a vowel or tone mark",
        "มีช่องว่างหน้าสระหรือวรรณยุกต์ ทำให้คำขาดและเห็นวงกลมประ"),
    "thai-decomposed-sara-am": (
        "decomposed sara am (ํ + า)",
        "สระอำแยกเป็นนิคหิต (ํ) กับสระอา (า) บางฟอนต์แสดงผิด และค้นด้วย Ctrl+F หรือ Google ไม่เจอ"),
    "thai-zero-width": (
        "zero-width character", "มีอักขระที่มองไม่เห็น (zero-width) แทรกอยู่"),
    "thai-double-tone": (
        "doubled tone mark", "วรรณยุกต์หรือเครื่องหมายซ้อนกันสองตัว"),
    "thai-private-use": (
        "private-use glyph from a PDF font",
        "มีอักขระพิเศษจากฟอนต์ของ PDF ที่แสดงผลไม่ได้"),
}

_SARA_AM = re.compile(rf"{thai_chars.NIKHAHIT}([{_TONES}]?){thai_chars.SARA_AA}")
_REPEATED_MARK = re.compile(rf"([{_STACKED}])\1+")
_PATTERNS = {
    "thai-space-before-mark": re.compile(rf"[ \u00a0]+(?=[{_FOLLOWING}])"),
    "thai-decomposed-sara-am": _SARA_AM,
    "thai-zero-width": re.compile(
        rf"[{_INVISIBLE}]|(?<=[{_THAI}])[\u200c\u200d]|[\u200c\u200d](?=[{_THAI}])"),
    "thai-double-tone": re.compile(rf"([{_STACKED}])[{_STACKED}]"),
    "thai-private-use": re.compile("[\ue000-\uf8ff]"),
}
# Quick tests that a text may hold damage (three simple scans are several
# times faster than one alternation over the patterns above).
_SUSPECTS = (
    re.compile(f"[{_INVISIBLE}\u200c\u200d\ue000-\uf8ff{thai_chars.NIKHAHIT}]"),
    re.compile(f"[ \u00a0][{_FOLLOWING}]"),
    re.compile(f"[{_STACKED}][{_STACKED}]"),
)


def maybe_damaged(text: str) -> bool:
    return any(suspect.search(text) for suspect in _SUSPECTS)


@dataclass(frozen=True)
class Damage:
    line: int  # 1-based
    column: int  # 1-based, of the first occurrence on the line
    code: str
    count: int  # occurrences of this code on the line
    context: str  # the text around the first one, invisible characters shown
    fixable: bool


def visible(text: str) -> str:
    """Show spaces and invisible characters: ␣ and ⟨U+200B⟩."""
    out = []
    for ch in text:
        if ch in " \u00a0":
            out.append("␣")
        elif ch in _INVISIBLE or ch in "\u200c\u200d" or "\ue000" <= ch <= "\uf8ff":
            out.append(f"⟨U+{ord(ch):04X}⟩")
        elif not out and _COMBINING.match(ch):
            out.append("◌" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _is_fixable(code: str, match: re.Match) -> bool:
    if code == "thai-double-tone":
        return match[0][0] == match[0][1]
    if code == "thai-private-use":
        return ord(match[0]) in PUA_THAI
    return True


def find_damage(text: str, first_line: int = 1) -> Iterator[Damage]:
    """Every damaged line of text, one Damage per line and kind."""
    if not maybe_damaged(text):
        return
    for offset, line in enumerate(split_lines(text)):
        if not maybe_damaged(line):
            continue
        for code, pattern in _PATTERNS.items():
            matches = list(pattern.finditer(line))
            if not matches:
                continue
            first = matches[0]
            start = max(0, first.start() - 8)
            context = visible(line[start:first.end() + 8])
            fixable = all(_is_fixable(code, m) for m in matches)
            yield Damage(first_line + offset, first.start() + 1, code, len(matches),
                         context, fixable)


def repair(text: str) -> str:
    """The text with every fixable damage repaired; the rest unchanged."""
    if not maybe_damaged(text):
        return text
    text = _PATTERNS["thai-private-use"].sub(
        lambda m: PUA_THAI.get(ord(m[0]), m[0]), text)
    text = _PATTERNS["thai-zero-width"].sub("", text)
    text = _SARA_AM.sub(f"\\1{thai_chars.SARA_AM}", text)
    text = _PATTERNS["thai-space-before-mark"].sub("", text)
    return _REPEATED_MARK.sub(r"\1", text)
