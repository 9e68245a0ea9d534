"""`invoke edit` (`make edit`): decap-server, the local backend of the web
editor, for as long as the development server runs.

decap-server (npm, pinned in package-lock.json) reads and writes the files
of this working copy for the editor at http://localhost:8000/admin/: an
article saved there is a file in content/news/<year>/, ready for
`invoke check` and git. Its address comes from THAI_CMS["local_backend"]
(pelicanconf.py), which the build also writes into admin/config.json. It
listens on 127.0.0.1 only (it has no login), in its "fs" mode: files are
written in place, no branches are made (the editorial workflow is the
GitHub backend's).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

SERVER = Path("decap-server") / "dist" / "index.js"  # under node_modules


def server_command(node_modules: Path) -> list[str]:
    return ["node", str(node_modules / SERVER)]


def server_env(api_url: str, repo: Path, mode: str = "fs",
               environ: dict | None = None) -> dict[str, str]:
    """decap-server's environment for an API at `api_url` over `repo`: "fs"
    writes the files in place; "git" (tests) keeps each new entry on a
    branch of its own with its workflow status, as the GitHub backend does."""
    address = urlsplit(api_url)
    if address.hostname not in ("localhost", "127.0.0.1") or not address.port:
        raise ValueError(f"THAI_CMS['local_backend'] must be http://localhost:<port>/api/v1, "
                         f"not {api_url!r}")
    return {**(os.environ if environ is None else environ), "MODE": mode,
            "GIT_REPO_DIRECTORY": str(repo), "PORT": str(address.port),
            "BIND_HOST": "127.0.0.1", "LOG_LEVEL": "warn"}


def wait_until_up(api_url: str, process: subprocess.Popen, timeout: float = 20.0) -> None:
    """Until decap-server answers (its API takes a POST; any answer will do)."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"decap-server stopped (exit status {process.returncode})")
        try:
            urllib.request.urlopen(api_url, timeout=1)  # noqa: S310 (a localhost URL)
            return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"decap-server did not answer at {api_url}") from None
            time.sleep(0.1)


@contextlib.contextmanager
def decap_server(api_url: str, node_modules: Path, repo: Path, mode: str = "fs"):
    """decap-server answering at `api_url` over the files of `repo`,
    stopped on exit."""
    if not api_url:
        raise ValueError("THAI_CMS['local_backend'] is empty: no address for decap-server")
    process = subprocess.Popen(server_command(node_modules),
                               env=server_env(api_url, repo, mode), cwd=repo)
    try:
        wait_until_up(api_url, process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
