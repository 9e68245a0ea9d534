"""What changed under content/ since a base ref (the pull request's target
branch), and the committed text of the changed files. Git glue only.

Without git, outside a repository or without the base ref, `changes()`
returns None with a note, and the URL rule is skipped; the other rules
do not need git.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

AUTO_BASES = ("origin/main", "main")


@dataclass(frozen=True)
class Change:
    status: str  # M, R (renamed), D (deleted), A, ...
    old: Path  # absolute path of the file at the base
    new: Path | None  # absolute path now (None when deleted)


@dataclass
class Changes:
    base: str
    commit: str  # the merge base compared against
    root: Path
    items: list[Change]

    def read_old(self, paths: list[Path]) -> dict[Path, bytes]:
        """The bytes of each file at the merge base (one git process)."""
        if not paths:
            return {}
        specs = "".join(f"{self.commit}:{p.relative_to(self.root).as_posix()}\n" for p in paths)
        out = _git(self.root, "cat-file", "--batch", stdin=specs.encode())
        found, pos = {}, 0
        for path in paths:
            end = out.index(b"\n", pos)
            fields = out[pos:end].split()
            pos = end + 1
            if len(fields) < 3 or fields[1] != b"blob":
                continue
            size = int(fields[2])
            found[path] = out[pos:pos + size]
            pos += size + 1
        return found


class GitError(Exception):
    pass


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True,
                              timeout=120)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise GitError(str(error)) from None
    if proc.returncode != 0:
        raise GitError(proc.stderr.decode("utf-8", "replace").strip())
    return proc.stdout


def changes(content: Path, base: str | None) -> tuple[Changes | None, str]:
    """(Changes, '') or (None, why not). `base` None means origin/main,
    else main, when present; 'none' turns the comparison off."""
    if base == "none":
        return None, "URL check off (--base none)"
    try:
        root = Path(_git(content, "rev-parse", "--show-toplevel").decode().strip()).resolve()
    except GitError:
        return None, "not a git repository: URL check skipped"
    candidates = [base] if base else list(AUTO_BASES)
    for candidate in candidates:
        try:
            _git(root, "rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}")
        except GitError:
            continue
        try:
            commit = _git(root, "merge-base", candidate, "HEAD").decode().strip()
        except GitError:
            commit = _git(root, "rev-parse", candidate).decode().strip()
        rel = content.resolve().relative_to(root).as_posix() or "."
        raw = _git(root, "diff", "--name-status", "-M", "-z", commit, "--", rel)
        return Changes(candidate, commit, root, _parse(raw, root)), ""
    if base:
        return None, f"base '{base}' not found: URL check skipped"
    return None, "no origin/main or main branch: URL check skipped"


def _parse(raw: bytes, root: Path) -> list[Change]:
    parts = raw.decode("utf-8", "surrogateescape").split("\0")
    items, i = [], 0
    while i < len(parts) and parts[i]:
        status = parts[i][0]
        if status in "RC":
            items.append(Change(status, root / parts[i + 1], root / parts[i + 2]))
            i += 3
        else:
            path = root / parts[i + 1]
            items.append(Change(status, path, None if status == "D" else path))
            i += 2
    return items
