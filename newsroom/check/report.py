"""How `invoke check` shows its findings: errors first, then warnings, one
line each (`file:line: Field: what (แก้ไข: how) [rule]`), then counts.

In GitHub Actions each problem also becomes an annotation on the changed
file, and the counts go to the job summary.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import TextIO

from thai_core.problems import Problem

from .runner import Result

ANNOTATION_LIMIT = 200  # GitHub shows only the first ones anyway


def _escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def annotation(problem: Problem) -> str:
    level = "error" if problem.is_error else "warning"
    return (f"::{level} file={_escape(problem.path, True)},line={problem.line},"
            f"title={_escape(problem.code or problem.field, True)}::"
            f"{_escape(f'{problem.field}: {problem.message} (แก้ไข: {problem.hint})')}")


def summary_line(result: Result, seconds: float) -> str:
    errors, warnings = len(result.errors), len(result.warnings)
    return (f"ตรวจ {result.files} ไฟล์: ข้อผิดพลาด {errors} คำเตือน {warnings} "
            f"(checked {result.files} files: {errors} error(s), {warnings} warning(s)) "
            f"in {seconds:.1f} s")


def print_report(result: Result, seconds: float, out: TextIO, fixed: list[str] = ()) -> None:
    for path in fixed:
        print(f"แก้แล้ว (fixed): {path}", file=out)
    if result.errors:
        print(f"\nข้อผิดพลาด ต้องแก้ก่อนรวมเข้าเว็บ ({len(result.errors)} error(s)):", file=out)
        for problem in result.errors:
            print(f"  {problem}", file=out)
    if result.warnings:
        print(f"\nคำเตือน ควรแก้ ({len(result.warnings)} warning(s)):", file=out)
        for problem in result.warnings:
            print(f"  {problem}", file=out)
    if result.problems:
        counts = Counter(p.code for p in result.problems)
        print("\nแยกตามกฎ (by rule, see CONTRIBUTING.md):", file=out)
        for code, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {count:>7}  {code}", file=out)
    fixable = sum(1 for p in result.problems if p.fixable)
    if fixable:
        print(f"\nแก้อัตโนมัติได้ {fixable} รายการ: invoke check --fix "
              f"({fixable} can be repaired automatically)", file=out)
    for note in result.notes:
        print(f"note: {note}", file=out)
    print(summary_line(result, seconds), file=out)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        _github(result, seconds, out)


def _github(result: Result, seconds: float, out: TextIO) -> None:
    for problem in result.problems[:ANNOTATION_LIMIT]:
        print(annotation(problem), file=out)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary:
        return
    with open(summary, "a", encoding="utf-8") as handle:
        handle.write(f"### invoke check\n\n{summary_line(result, seconds)}\n\n")
        for problem in result.problems[:ANNOTATION_LIMIT]:
            mark = "❌" if problem.is_error else "⚠️"
            handle.write(f"- {mark} `{problem.path}:{problem.line}` {problem.field}: "
                         f"{problem.message} (แก้ไข: {problem.hint})\n")
        handle.write("\n")
