"""Shared helpers for the benchmarks: machine info, building, serving,
Chromium, Pagefind and result tables. Benchmarks are scripts, never tests."""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import http.server
import io
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from pss import descendants

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
WORK = ROOT / "bench" / "work"  # git-ignored scratch space
ARCHIVE = WORK / "corpus" / "data"  # the unpacked archive: archive_files()
PAGEFIND = ROOT / "node_modules" / ".bin" / "pagefind"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def archive_files() -> list[Path]:
    """The archive's article files, unpacked once into bench/work/corpus.

    Unpacked into a temporary folder that is renamed when tar has finished,
    so an interrupted or failed unpack never leaves a partial corpus that a
    later run would take for the whole archive."""
    corpus = ARCHIVE.parent
    if not ARCHIVE.is_dir():
        source = ROOT.parent / "shared" / "data" / "thaigov-v2.tar.xz"
        partial = WORK / "corpus.partial"
        shutil.rmtree(partial, ignore_errors=True)
        shutil.rmtree(corpus, ignore_errors=True)
        partial.mkdir(parents=True)
        subprocess.run(["tar", "-xJf", str(source), "-C", str(partial)], check=True)
        partial.rename(corpus)
    files = sorted(ARCHIVE.rglob("*.txt"))
    if not files:
        raise SystemExit(f"no archive articles in {ARCHIVE}: remove {corpus} and run again")
    return files


# Chrome's "Fast 3G" as Lighthouse's mobile run has it (DevTools protocol
# Network.emulateNetworkConditions): 150 ms round trip, 1.6 Mbit/s down,
# 750 kbit/s up.
FAST_3G = {"offline": False, "latency": 150,
           "downloadThroughput": 1.6 * 1024 * 1024 / 8, "uploadThroughput": 750 * 1024 / 8}


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{socket.gethostname()} · {platform.system()} {platform.machine()} · "
            f"{os.cpu_count()} cores · {mem:.0f} GiB · {cpu} · Python {platform.python_version()}")


def build(content: Path, output: Path, cache: Path, settings: str = "pelicanconf.py",
          extra: dict | None = None) -> tuple[float, int, str]:
    """Build a site; returns (seconds, peak RSS in KB of the build, log).
    The venv's copy of the Thai search is made current first, as the build,
    serve and test commands make it (newsroom/search_package.py): a bench
    build never measures the package as it was before an edit."""
    subprocess.run([sys.executable, "-m", "newsroom.search_package"], cwd=ROOT, check=True)
    cmd = [sys.executable, "-m", "newsroom.build", str(content), "-s", str(ROOT / settings),
           "-o", str(output), "--verbose", "--log-handler", "plain",
           # One -e for all: Pelican keeps only the last -e group it is given.
           "-e", f"CACHE_PATH={json.dumps(str(cache))}",
           *(f"{key}={json.dumps(value)}" for key, value in (extra or {}).items())]
    started = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "PEAK_RSS_KB=%M", *cmd], cwd=ROOT,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{log[-4000:]}")
    peak = int(log.rsplit("PEAK_RSS_KB=", 1)[1].split()[0])
    return seconds, peak, log


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KB."""
    total = 0
    for p in descendants(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def run_pagefind(site: Path, limit_gb: float = 18) -> tuple[float, int, str]:
    """Index the article pages of a built site with Pagefind (same machine, same run).

    Pagefind needs memory in proportion to the archive (it was killed at
    23.9 GB on all 63k articles); it is stopped at `limit_gb` so the machine
    survives, and the result says so. Returns (seconds, peak RSS KB, log);
    seconds is None when it did not finish.
    """
    if not PAGEFIND.exists():
        raise SystemExit("Pagefind missing: run 'npm ci' (pagefind is a devDependency)")
    cmd = [str(PAGEFIND), "--site", str(site), "--glob", "news/[0-9]*/[0-9]*/*/index.html",
           "--root-selector", "article.article"]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        if peak > limit_gb * 2**20:
            subprocess.run(["pkill", "-KILL", "-P", str(proc.pid)])
            proc.kill()
            proc.wait()
            return None, peak, f"stopped above {limit_gb} GB"
        time.sleep(0.5)
    seconds = time.perf_counter() - started
    log = proc.stdout.read()
    if proc.returncode != 0:
        return None, peak, f"pagefind failed: {log[-2000:]}"
    (site / "pagefind-bench.html").write_text(PAGEFIND_HARNESS, encoding="utf-8")
    return seconds, peak, log


PAGEFIND_HARNESS = """<!DOCTYPE html><html lang="th"><head><meta charset="utf-8">
<script type="module">
import * as pagefind from "/pagefind/pagefind.js";
window.pagefindSearch = async (q, n) => {
  const r = await pagefind.search(q);
  const data = await Promise.all(r.results.slice(0, n).map((x) => x.data()));
  return { count: r.results.length, urls: data.map((d) => d.url) };
};
window.pagefindReady = true;
// Like search.html?q=: the first search starts at page load, its end is timed in the page.
const first = new URLSearchParams(window.location.search).get("q");
if (first) {
  window.pagefindSearch(first, 10).then(() => { window.pagefindDoneAt = performance.now(); });
}
</script></head><body></body></html>
"""


# Text files a static host sends gzipped (GitHub Pages, Netlify, Cloudflare
# Pages, nginx with gzip on); Pagefind's own index files are gzipped already.
GZIP_SUFFIXES = {".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as any real static host
    gzipped: dict[str, bytes] = {}  # path -> gzip bytes, made once per run

    def send_head(self):
        """Like a real static host: text files gzipped when the browser
        accepts it (over Fast 3G an uncompressed index would cost ours three
        times its bytes, while Pagefind's files are compressed by itself)."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # its redirect to the folder's URL
            path = path / "index.html"
        if (path.suffix not in GZIP_SUFFIXES or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        key = str(path)
        if key not in self.gzipped:
            self.gzipped[key] = gzip.compress(path.read_bytes(), 6)
        body = self.gzipped[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)
    # Send replies at once: a small write followed by a read otherwise waits
    # for the client's delayed ACK (about 40 ms per request on loopback).
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def handle(self):
        try:
            super().handle()
        except ConnectionError:  # the browser closed a tab mid-transfer
            pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class _Server:
    """A static server in its own process: in the benchmark's process it would
    wait for the GIL while Playwright drives the browser (12 ms a request)."""

    def __init__(self, directory: Path):
        self.proc = subprocess.Popen(
            [sys.executable, __file__, str(directory)], stdout=subprocess.PIPE, text=True)
        self.url = self.proc.stdout.readline().strip()

    def shutdown(self):
        self.proc.terminate()
        self.proc.wait()


SEARCH_STATIC = (ROOT / "packages" / "pelican-thai-search" / "pelican" / "plugins"
                 / "thai_search" / "static")


SEARCH_JS = "packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search"


def search_code_at(ref: str, folder: Path) -> Path:
    """The search code (SEARCH_JS) as commit `ref` has it, written into
    `folder` (made if missing); returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    listing = subprocess.run(["git", "ls-tree", "--name-only", f"{ref}:{SEARCH_JS}"], cwd=ROOT,
                             check=True, capture_output=True, text=True).stdout.split()
    for name in listing:
        data = subprocess.run(["git", "show", f"{ref}:{SEARCH_JS}/{name}"], cwd=ROOT,
                              check=True, capture_output=True).stdout
        (folder / name).write_bytes(data)
    return folder


def refresh_browser_code(output: Path) -> None:
    """Copy the current browser code over a built site's: the theme's JS and
    the search package's static files (JS, CSS, lunr), for a change that
    touches only the browser side, measured on a site built before it."""
    from pelican.plugins.thai_search.browser_files import served_copy

    # As the build serves them: without comment lines (browser_files.py).
    shutil.copytree(served_copy(SEARCH_STATIC, WORK / "cache"), output / "theme",
                    dirs_exist_ok=True)
    # The theme's own files after the package's, as the build copies them
    # (site_files.py puts the package first in THEME_STATIC_PATHS).
    shutil.copytree(ROOT / "theme" / "static" / "js", output / "theme" / "js",
                    dirs_exist_ok=True)


def serve(directory: Path):
    server = _Server(directory)
    return server, server.url


class _H2Server:
    """bench/h2_server.mjs (Node's http2): HTTP/2 over TLS with a throwaway
    self-signed certificate for 127.0.0.1; browsers take it with
    ignore_https_errors."""

    def __init__(self, directory: Path):
        self.tmp = Path(tempfile.mkdtemp(prefix="bench-h2-"))
        key, cert = self.tmp / "key.pem", self.tmp / "cert.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                        "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
        self.proc = subprocess.Popen(
            ["node", str(ROOT / "bench" / "h2_server.mjs"), str(directory), str(key), str(cert)],
            stdout=subprocess.PIPE, text=True)
        self.url = self.proc.stdout.readline().strip()

    def shutdown(self):
        self.proc.terminate()
        self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


def serve_h2(directory: Path):
    server = _H2Server(directory)
    return server, server.url


def _serve_forever(directory: str) -> None:
    handler = functools.partial(_Quiet, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    _serve_forever(sys.argv[1])


def chromium():
    from playwright.sync_api import sync_playwright

    path = shutil.which("chromium") or "/usr/bin/chromium"
    manager = sync_playwright().start()
    browser = manager.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
    return manager, browser


def git_head() -> str:
    """The commit measured, with "+changes" when the working tree differs."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           check=True, capture_output=True, text=True).stdout.strip()
    return head + ("+changes" if dirty else "")


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def save_table(name: str, title: str, lines: list[str]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y-%m-%d")
    host = socket.gethostname().split(".")[0]
    path = RESULTS / f"{stamp}-{name}-{host}.md"
    text = "\n".join([f"# {title}", "", f"- date: {dt.datetime.now():%Y-%m-%d %H:%M}",
                      f"- machine: {machine()}", "", *lines, ""])
    path.write_text(text, encoding="utf-8")
    print(text)
    print(f"saved {path.relative_to(ROOT)}")
    return path
