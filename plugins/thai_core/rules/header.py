"""The metadata header of a Markdown article, with the line of every field.

Parsed exactly as Python-Markdown's `meta` extension does (which Pelican's
Markdown reader uses): `Key: value` lines, indented continuation lines, an
optional `---` fence, ending at the first blank line. Pure; no Pelican.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_META = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)")
_BEGIN = re.compile(r"^-{3}(\s.*)?")
_END = re.compile(r"^(-{3}|\.{3})(\s.*)?")


@dataclass(frozen=True)
class Field:
    name: str  # lower case, as Pelican stores it
    key: str  # as written in the file
    value: str  # the first value
    line: int  # 1-based line of `Key:`
    values: tuple[str, ...] = ()  # every value, continuation lines included


@dataclass
class Header:
    fields: dict[str, Field] = field(default_factory=dict)
    repeated: list[Field] = field(default_factory=list)  # a second `Key:` line
    body_line: int = 1  # 1-based line where the body starts

    def get(self, name: str) -> Field | None:
        return self.fields.get(name)

    def value(self, name: str) -> str:
        found = self.fields.get(name)
        return found.value if found else ""

    def line(self, name: str) -> int:
        found = self.fields.get(name)
        return found.line if found else 1


def split_lines(text: str) -> list[str]:
    """Lines as editors count them (str.splitlines also splits at U+2028,
    form feeds and other characters an editor does not see as a new line)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def parse_header(text: str) -> Header:
    lines = split_lines(text)
    header = Header()
    number = 0
    if lines and _BEGIN.match(lines[0]):
        number = 1
    current: Field | None = None
    while number < len(lines):
        line = lines[number]
        number += 1
        if not line.strip() or _END.match(line):
            break
        meta = _META.match(line)
        if meta:
            key = meta["key"]
            name = key.lower().strip()
            value = meta["value"].strip()
            if name in header.fields:
                old = header.fields[name]
                header.repeated.append(Field(name, key, value, number, (value,)))
                current = Field(old.name, old.key, old.value, old.line, (*old.values, value))
            else:
                current = Field(name, key, value, number, (value,))
            header.fields[name] = current
            continue
        more = _MORE.match(line)
        if more and current is not None:
            current = Field(current.name, current.key, current.value, current.line,
                            (*current.values, more["value"].strip()))
            header.fields[current.name] = current
            continue
        number -= 1  # not metadata: the body starts here
        break
    header.body_line = number + 1
    return header
