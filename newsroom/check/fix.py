"""`invoke check --fix`: repair, in place, what is safe to repair.

Thai copy-paste damage (thai_core.rules.thai_text.repair) and a
Buddhist-era year in Date/Modified. Everything else in the file is kept
byte for byte: line endings, a BOM, other fields, the body.
"""

from __future__ import annotations

import re
from pathlib import Path

from thai_core.rules import parse_header
from thai_core.rules.dates import gregorian_value
from thai_core.rules.thai_text import repair

BOM = b"\xef\xbb\xbf"
DATE_FIELDS = ("date", "modified")


def fixed_text(text: str) -> str:
    text = repair(text)
    header = parse_header(text)
    lines = re.split(r"(?<=\n)", text)  # keeps line ends; counts lines as the header does
    for name in DATE_FIELDS:
        found = header.get(name)
        if not found:
            continue
        line = lines[found.line - 1]
        start = line.index(":") + 1
        value = gregorian_value(line[start:])
        if value is not None:
            lines[found.line - 1] = line[:start] + value
    return "".join(lines)


def fix_file(path: Path) -> bool:
    """Repair one file in place; True when it changed."""
    data = path.read_bytes()
    bom = BOM if data.startswith(BOM) else b""
    text = data[len(bom):].decode("utf-8")
    new = fixed_text(text)
    if new == text:
        return False
    path.write_bytes(bom + new.encode("utf-8"))
    return True
