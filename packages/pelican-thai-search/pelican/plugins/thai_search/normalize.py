"""Text normalization shared by the index (Python) and the query (JS).

static/js/search/text.js implements the same steps; the shared test
vectors in tests/vectors/text_pipeline.json prove that both agree.

Only these changes are made, in this order:
1. Unicode NFC;
2. zero-width characters removed (ZWSP, ZWNJ, ZWJ, word joiner, BOM/ZWNBSP);
3. decomposed sara am (nikhahit + sara aa, a tone mark on either side of
   the nikhahit) recomposed into SARA AM;
4. Thai digits to Arabic digits;
5. lower case (Latin);
6. whitespace folded to single spaces and trimmed.
Tone and vowel marks are never removed: ข่าว and ขาว stay different.
"""

from __future__ import annotations

import re
import unicodedata

from .thai_chars import NIKHAHIT, SARA_AA, SARA_AM, TONE_MARKS

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# ํ + า = ำ, with an optional tone mark before or after the nikhahit.
DECOMPOSED_SARA_AM = re.compile(f"([{TONE_MARKS}]?){NIKHAHIT}([{TONE_MARKS}]?){SARA_AA}")
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Spelled out: Python's and JavaScript's \s differ (\x1c-\x1f, \x85).
WHITESPACE = re.compile(
    "[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+"
)


# Most text has no Thai digit (nor a nikhahit): finding none costs less than
# a replacement that changes nothing.
_ANY_THAI_DIGIT = re.compile("[๐-๙]")


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = ZERO_WIDTH.sub("", text)
    if NIKHAHIT in text:
        text = DECOMPOSED_SARA_AM.sub(f"\\1\\2{SARA_AM}", text)
    if _ANY_THAI_DIGIT.search(text):
        text = text.translate(THAI_DIGITS)
    text = text.lower()
    return WHITESPACE.sub(" ", text).strip(" ")
