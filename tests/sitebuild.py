"""Build real sites for tests: the project's pelicanconf.py and theme, with
fixture content, into temporary folders, through the same entry point as
`invoke build` (python -m newsroom.build)."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Build:
    content: Path
    output: Path
    returncode: int
    log: str

    def read(self, relpath: str) -> str:
        return (self.output / relpath).read_text(encoding="utf-8")

    def exists(self, relpath: str) -> bool:
        return (self.output / relpath).exists()


def article(title="ข่าวทดสอบ", date="2024-03-15 10:00", category="ด้านเศรษฐกิจ",
            body="เนื้อหาข่าวทดสอบ", **fields) -> str:
    """Markdown source of an article; pass None to leave a field out."""
    header = {"Title": title, "Date": date, "Category": category}
    header.update({k.capitalize(): v for k, v in fields.items()})
    lines = [f"{k}: {v}" for k, v in header.items() if v is not None]
    return "\n".join(lines) + "\n\n" + textwrap.dedent(body).strip() + "\n"


def write_content(root: Path, files: dict[str, str | bytes]) -> Path:
    for relpath, text in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def build_site(content: Path, output: Path, settings: str = "pelicanconf.py",
               extra: dict | None = None, verbose: bool = False,
               args: tuple[str, ...] = (), timeout: float = 600) -> Build:
    overrides = {"CACHE_PATH": str(output.parent / "pelican-cache"),
                 "LOAD_CONTENT_CACHE": False}
    if not (content / "search").is_dir():  # use the project's own search tables
        tables = ROOT / "content" / "search"
        overrides["THAI_SEARCH"] = {
            "word_list": str(tables / "words.txt"),
            "variant_tables": [str(tables / "variants.txt"), str(tables / "abbreviations.txt")],
        }
    overrides.update(extra or {})
    cmd = [sys.executable, "-m", "newsroom.build", str(content), "-s", str(ROOT / settings),
           "-o", str(output), "--log-handler", "plain", *(["--verbose"] if verbose else []),
           *args]
    # One -e for all: Pelican keeps only the pairs of the last -e it is given.
    cmd += ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    return Build(content, output, proc.returncode, proc.stdout + proc.stderr)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that drops a connection (a page left while it loads) is no
    error of the site: not printed as a traceback among the test results."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(directory: Path):
    """Serve a built site on a free localhost port; returns (server, base URL)."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def serve_fixture(root: Path, name: str):
    """tests/fixtures/<name> copied under root, built and served; returns
    (server, base URL). Callers shut the server down."""
    shutil.copytree(ROOT / "tests" / "fixtures" / name, root / "content")
    build = build_site(root / "content", root / "output")
    assert build.returncode == 0, build.log
    return serve(build.output)
