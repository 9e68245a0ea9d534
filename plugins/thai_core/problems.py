"""Content problems: where, which field, what is wrong and how to fix it.

Every message names the file, the line and the field, so that an editor
can go straight to the mistake. `code` names the rule (CONTRIBUTING.md
explains each one); an "error" stops the build and `invoke check`, a
"warning" is reported by `invoke check` only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    hint: str
    code: str = ""
    severity: str = ERROR
    fixable: bool = False  # `invoke check --fix` repairs it

    def __str__(self) -> str:
        fix = "; หรือใช้ invoke check --fix" if self.fixable else ""
        code = f" [{self.code}]" if self.code else ""
        return (f"{self.path}:{self.line}: {self.field}: {self.message} "
                f"(แก้ไข: {self.hint}{fix}){code}")

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


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
    found = sorted(_found, key=sort_key)
    _found.clear()
    return found


def sort_key(problem: Problem) -> tuple:
    return (problem.path, problem.line, problem.code)


class FileProblem(Exception):
    """One file cannot be read; carries its Problem."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def decode_line(data: bytes, error: UnicodeDecodeError) -> int:
    """1-based line holding the first undecodable byte."""
    return data.count(b"\n", 0, error.start) + 1


def relative(path: str | Path, base: str | Path) -> str:
    return shown_path(Path(path).resolve(), Path(base).resolve().parent, path)


def shown_path(resolved: Path, root: Path, given: str | Path) -> str:
    """relative() for a path and a root (the base's parent) resolved
    already: the reader resolves each file once."""
    try:
        return str(resolved.relative_to(root))
    except ValueError:
        return str(given)
