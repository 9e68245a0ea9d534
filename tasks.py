"""Invoke tasks: the project's commands. The Makefile only bootstraps .venv
and node_modules, then calls these.

    invoke build | publish [--fatal-warnings] | serve | edit | test | lint
    invoke check [--fix] [--base REF]
    invoke new "<Thai title>" --category ด้านเศรษฐกิจ
    invoke import-thaigov <file or folder> --dest content/news
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
PY = shlex.quote(sys.executable)


def _run(c, command: str) -> None:
    """Run; on failure exit with its status, without invoke's extra report
    (the command already printed a readable one). No stdin is passed on: a
    build reads none, and invoke's thread that would copy it polls all the
    while (about 5 % of a core through a 17-minute archive build)."""
    result = c.run(command, pty=False, warn=True, in_stream=False)
    if result.exited:
        sys.exit(result.exited)


def _current_search_package() -> None:
    """The venv's pelican-thai-search as the source is now (search_package.py)."""
    from newsroom.search_package import ensure_current

    ensure_current()


def _pelican(c, settings: str, output: str | None = None, extra: str = "") -> None:
    _current_search_package()
    out = f" -o {shlex.quote(output)}" if output else ""
    _run(c, f"{PY} -m newsroom.build content -s {settings}{out} {extra}".rstrip())


def _fatal(fatal_warnings: bool) -> str:
    return "--fatal-warnings" if fatal_warnings else ""


@task(help={"fatal-warnings": "fail when Pelican or a plugin logs any warning (CI)"})
def build(c, output=None, fatal_warnings=False):
    """Build the site into output/ with pelicanconf.py."""
    _pelican(c, "pelicanconf.py", output, _fatal(fatal_warnings))


@task(help={"fatal-warnings": "fail when Pelican or a plugin logs any warning (CI)"})
def publish(c, output=None, fatal_warnings=False):
    """Build the production site with publishconf.py."""
    _pelican(c, "publishconf.py", output, _fatal(fatal_warnings))


@task(help={
    "fix": "repair Thai copy-paste damage and Buddhist-era years in place",
    "base": "git ref whose published URLs must not change (default origin/main, else main; "
            "'none' skips)",
    "content": "content folder (default content)",
    "settings": "Pelican settings file (default pelicanconf.py)",
})
def check(c, fix=False, base=None, content="content", settings="pelicanconf.py"):
    """Check every article and page; report every problem at once (non-zero exit on errors)."""
    from newsroom.check.__main__ import main

    args = ["--content", content, "--settings", settings]
    if fix:
        args.append("--fix")
    if base:
        args += ["--base", base]
    sys.exit(main(args))  # in this process: a long report prints at full speed


@task
def serve(c, port=8000, bind="127.0.0.1"):
    """Build, then serve output/ at http://localhost:PORT and rebuild on change."""
    build(c)
    _pelican(c, "pelicanconf.py", extra=f"--listen --autoreload --port {port} --bind {bind}")


@task
def edit(c, port=8000, bind="127.0.0.1"):
    """The web editor: decap-server (files written in content/), then `serve`;
    open http://localhost:PORT/admin/."""
    from newsroom.editor import decap_server
    from pelicanconf import THAI_CMS

    api = THAI_CMS.get("local_backend", "")
    try:
        server = decap_server(api, Path(THAI_CMS["node_modules"]), ROOT)
        with server:
            print(f"decap-server: {api}; the editor: http://localhost:{port}/admin/", flush=True)
            serve(c, port=port, bind=bind)
    except (ValueError, RuntimeError) as error:
        sys.exit(f"invoke edit: {error}")


@task
def lint(c):
    """ruff on all Python."""
    c.run(f"{PY} -m ruff check .")


@task
def test(c, k=None, browser=True):
    """Every test: ruff, pytest (incl. headless Chromium) and node --test."""
    lint(c)
    _current_search_package()
    select = f" -k {shlex.quote(k)}" if k else ""
    marker = "" if browser else " -m 'not browser'"
    # Two processes (pytest-xdist), each a whole test file at a time so a
    # file's built site is built once: 16 minutes become 10 on two cores.
    # The slowest tests listed at the end: CI must stay under 15 minutes.
    workers = min(2, os.cpu_count() or 1)
    c.run(f"{PY} -m pytest -n {workers} --dist loadfile --durations=15{select}{marker}",
          pty=False)
    if Path(ROOT, "tests", "js").is_dir():
        c.run("node --test tests/js/", pty=False)


@task(name="import-thaigov")
def import_thaigov(c, source, dest="content/news"):
    """Import thaigov corpus text files (a file or a folder, recursively)."""
    from newsroom.thaigov_import import run_import

    report = run_import(Path(source), Path(dest))
    sys.exit(0 if report.ok else 1)


@task
def new(c, title, category, slug=None, date=None, dest="content/news"):
    """Scaffold content/news/<year>/<slug>.md with today's date and a valid slug."""
    from newsroom.scaffold import ScaffoldError, create_article
    from pelicanconf import THAI_NEWS

    try:
        path = create_article(Path(dest), title, category, slug=slug, date=date,
                              known_categories=list(THAI_NEWS["category_slugs"]))
    except ScaffoldError as error:
        sys.exit(f"invoke new: {error}")
    print(path)
