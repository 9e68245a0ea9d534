"""A document's text for its snippet, as the browser reads it: x/<hash>.txt.

Thai takes three bytes a letter in UTF-8 and one in windows-874, the Thai
single-byte encoding every browser's TextDecoder reads (Python calls it
cp874, and decodes each byte it writes as the browser does; the shared
vectors check it). A snippet text, 2,000 characters at most, then fits one
4 KB disk block instead of two: at 63k articles the texts took 419 MB of
disk for 269 MB of UTF-8, and gzipped a quarter fewer bytes to download.

A text that windows-874 cannot spell (an emoji, a zero-width space, an
accented Latin letter: 2 % of the archive's) is written as UTF-8 after a
byte order mark, which is how the browser tells the two apart
(static/js/search/text-file.js). No windows-874 file starts with those
three bytes: a text whose windows-874 would (๏ปฟ…) is written as UTF-8 too.
"""

from __future__ import annotations

import codecs

from .contract import TEXT_ENCODING

# Python's name for the WHATWG encoding contract.TEXT_ENCODING names.
CODEC = {"windows-874": "cp874"}[TEXT_ENCODING]
UTF8_MARK = codecs.BOM_UTF8


def encode_text(text: str) -> bytes:
    """The bytes of a text file: windows-874 where it can, else marked UTF-8."""
    try:
        raw = text.encode(CODEC)
    except UnicodeEncodeError:
        return UTF8_MARK + text.encode("utf-8")
    return UTF8_MARK + text.encode("utf-8") if raw.startswith(UTF8_MARK) else raw


def decode_text(raw: bytes) -> str:
    """What the browser reads from a text file's bytes (text-file.js)."""
    if raw.startswith(UTF8_MARK):
        return raw[len(UTF8_MARK):].decode("utf-8")
    return raw.decode(CODEC)
