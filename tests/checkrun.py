"""Run the content checker (`invoke check`) on fixture content for tests."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from newsroom.check.__main__ import main
from sitebuild import ROOT, write_content


def png(width=40, height=30) -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 200)).save(data, "PNG")
    return data.getvalue()


PHOTO = {"images/2024/photo.png": png()}


@dataclass
class Check:
    returncode: int
    out: str

    def lines(self, code: str) -> list[str]:
        """The report lines of one rule."""
        return [line.strip() for line in self.out.splitlines() if line.endswith(f"[{code}]")]


def _argv(content: Path, args, settings: Path | None) -> list[str]:
    argv = ["--content", str(content), "--settings", str(settings or ROOT / "pelicanconf.py"),
            *args]
    return argv if "--base" in args else [*argv, "--base", "none"]


def check(capsys, tmp_path: Path, files: dict, *args: str,
          settings: Path | None = None) -> Check:
    """The checker's main() in this process, on tmp_path/content."""
    content = write_content(tmp_path / "content", files)
    code = main(_argv(content, args, settings))
    captured = capsys.readouterr()
    return Check(code, captured.out + captured.err)


def check_command(content: Path, *args: str, cwd: Path = ROOT) -> Check:
    """`invoke check` as a command, exactly as an editor or CI runs it."""
    cmd = [sys.executable, "-m", "invoke", "check", "--content", str(content), *args]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300, env=env)
    return Check(proc.returncode, proc.stdout + proc.stderr)
