"""Import thaigov corpus text files as Pelican Markdown articles.

    invoke import-thaigov <file or folder> --dest content/news

Each file becomes `<dest>/<gregorian year>/thaigov-<source id>.md` (the
format lives in newsroom.thaigov_format). The import is idempotent: an
output file whose bytes would not change is left alone (not even its mtime),
and an existing output that differs from what the importer would write (an
editor corrected it) is never overwritten but skipped and counted.

Every skipped file gets one `skip <path>: <reason>` line; written files get
none, so stdout stays readable for the 63,000-file corpus. The summary table
comes last. Skipped junk (no body, duplicates, bad dates, ...) is expected
and keeps `report.ok` true; only a file whose import crashed (unreadable,
unwritable, a bug) makes it false. Invalid UTF-8 counts as junk input.

Files are handled in sorted path order, so when two files share a source id
the first one that parses is kept and the later ones are skipped as
duplicates, identically on every run.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from newsroom.thaigov_format import SkipArticle, parse_article, render_article

DUPLICATE = "duplicate"
EDITED = "edited output kept"
INVALID_UTF8 = "invalid UTF-8"
ERROR = "error"


@dataclass
class ImportReport:
    written: int = 0
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> count
    skips: list[tuple[Path, str]] = field(default_factory=list)  # (path, message)
    elapsed: float = 0.0

    @property
    def failed(self) -> int:
        return self.skipped[ERROR]

    @property
    def ok(self) -> bool:
        return self.failed == 0

    @property
    def total(self) -> int:
        return self.written + self.unchanged + sum(self.skipped.values())


def find_sources(source: Path) -> list[Path]:
    """A file as given, or every *.txt under a folder, in sorted path order."""
    if source.is_dir():
        return sorted(p for p in source.rglob("*.txt") if p.is_file())
    return [source]


def output_path(dest: Path, article) -> Path:
    return dest / f"{article.date.year:04d}" / f"{article.slug}.md"


def _write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file so a crash never leaves half a file
    (which a later run would then keep as an 'edited' article)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class _Importer:
    def __init__(self, dest: Path, out: TextIO):
        self.dest = dest
        self.out = out
        self.report = ImportReport()
        self.seen: dict[str, Path] = {}  # source id -> first file
        self.made_dirs: set[Path] = set()

    def skip(self, path: Path, reason: str, detail: str = "") -> None:
        message = f"{reason}: {detail}" if detail else reason
        self.report.skipped[reason] += 1
        self.report.skips.append((path, message))
        print(f"skip {path}: {message}", file=self.out)

    def import_file(self, path: Path) -> None:
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            return self.skip(path, INVALID_UTF8, f"byte {exc.start}")
        try:
            article = parse_article(text, path.name)
        except SkipArticle as exc:
            return self.skip(path, exc.reason, exc.detail)
        first = self.seen.setdefault(article.source_id, path)
        if first != path:
            return self.skip(path, DUPLICATE, f"{article.slug} already from {first}")
        target = output_path(self.dest, article)
        data = render_article(article).encode("utf-8")
        try:
            existing = target.read_bytes()
        except FileNotFoundError:
            existing = None
        if existing == data:
            self.report.unchanged += 1
        elif existing is not None:
            self.skip(path, EDITED, f"{target} differs, not overwritten")
        else:
            if target.parent not in self.made_dirs:
                target.parent.mkdir(parents=True, exist_ok=True)
                self.made_dirs.add(target.parent)
            _write_atomic(target, data)
            self.report.written += 1

    def run(self, paths: list[Path]) -> None:
        for path in paths:
            try:
                self.import_file(path)
            except Exception as exc:  # one bad file never stops the rest
                self.skip(path, ERROR, f"{type(exc).__name__}: {exc}")


def format_summary(report: ImportReport) -> str:
    rows = [("written", report.written), ("unchanged", report.unchanged)]
    rows += [(f"skipped: {reason}", n) for reason, n in sorted(report.skipped.items())]
    rows.append(("total files", report.total))
    width = max(len(label) for label, _ in rows)
    lines = [f"{label:<{width}}  {n:>7}" for label, n in rows]
    lines.append(f"{'elapsed seconds':<{width}}  {report.elapsed:>7.1f}")
    rule = "-" * len(lines[0])
    return "\n".join([rule, *lines, rule])


def run_import(source: Path, dest: Path, out: TextIO | None = None) -> ImportReport:
    """Import a file or a folder (recursively) into dest; print skips and a
    summary to out (sys.stdout at call time when None)."""
    started = time.perf_counter()
    out = sys.stdout if out is None else out
    importer = _Importer(Path(dest), out)
    source = Path(source)
    if not source.exists():
        importer.skip(source, ERROR, "no such file or folder")
    else:
        importer.run(find_sources(source))
    report = importer.report
    report.elapsed = time.perf_counter() - started
    print(format_summary(report), file=out)
    return report
