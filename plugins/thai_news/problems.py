"""Content problems: where, which field, what is wrong and how to fix it.

Every message names the file, the line and the field, so that an editor
can go straight to the mistake.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    hint: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message} (แก้ไข: {self.hint})"


class ContentError(Exception):
    """Raised once, at the end of reading, with every problem found."""

    exitcode = 1

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} content problem(s):\n{lines}")


_found: list[Problem] = []


def record(problem: Problem) -> None:
    _found.append(problem)


def take_all() -> list[Problem]:
    """Problems recorded since the last call, and forget them."""
    found = sorted(_found, key=lambda p: (p.path, p.line))
    _found.clear()
    return found


class FileProblem(Exception):
    """One file cannot be read; carries its Problem."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def field_line(text: str, field: str) -> int:
    """1-based line of `Field:` in a metadata header, or 1 when absent."""
    pattern = re.compile(rf"^\s*{re.escape(field)}\s*:", re.IGNORECASE)
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
        if not line.strip():
            break  # the header ends at the first blank line
    return 1


def decode_line(data: bytes, error: UnicodeDecodeError) -> int:
    """1-based line holding the first undecodable byte."""
    return data.count(b"\n", 0, error.start) + 1


def relative(path: str | Path, base: str | Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path(base).resolve().parent))
    except ValueError:
        return str(path)
