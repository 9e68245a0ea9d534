"""Work in another process while the build goes on: the search index is
written beside Pelican's page rendering (issue #17, docs/build-performance.md).

Once every article is segmented and the related news is ranked, the index
and the pages share nothing: the index reads the segmented terms, the pages
never read the index. So `start(target, job)` starts a process that runs
`target(job)` (the whole index step) and returns once it has started: the
build renders pages on the other core. `finish()` waits for it before the
build ends, and:

- replays the child's log records in the build's process, in order, so
  that Pelican's log, `--fatal-warnings` and any handler see them as if
  logged there (the child keeps them until it is done);
- fails the build, with an error, when `target` raised;
- dies by SIGKILL when the child was killed by it (a kill point, the
  out-of-memory killer), as a build that did the work itself would have,
  after logging what happened.

A child started with `talks=True` may start earlier and wait for the
build: in a rebuild the index process starts with the build, reads the
segmentation cache while Pelican reads the articles, and then waits for
the list of articles; `ask(child, message)` sends it a message and returns
its reply (the child's `Channel`), or raises Ended if it ended instead.

The process is spawned (a new interpreter), not forked: a forked child of
a build holding 63k articles shares its heap page by page, and as both
processes touch objects that lie on the same pages (refcounts, frees) each
copies most of them, 1.7 GB more memory in all at 63k. A spawned one holds
only what it reads itself. It dies with its parent (Linux's
PR_SET_PDEATHSIG: the death of the thread that started it, the build's
main thread), so a build that is killed or fails leaves no writer behind
(and a next build in the same process, pelican --autoreload, stops one
left over); without prctl (not Linux) `available()` is false and the caller
does the work itself. Pure of Pelican.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1


def _prctl():
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def available() -> bool:
    """Whether a child can be tied to the build's life (Linux)."""
    return sys.platform.startswith("linux") and _prctl() is not None


class _Records(logging.Handler):
    """The child's log records, kept as (logger, level, text) for the parent."""

    def __init__(self):
        super().__init__(logging.NOTSET)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        self.records.append((record.name, record.levelno, text))


def prctl_death_signal(number: int, parent: int | None = None) -> None:
    """In a child: be sent signal `number` when the parent dies (and exit at
    once if it already did, before this took effect). Linux (available())."""
    if _prctl()(_PR_SET_PDEATHSIG, number) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if parent is not None and os.getppid() != parent:
        os._exit(1)


class Channel:
    """The child's end of the pipe, for work that talks with the build
    (start(..., talks=True)): the build's next message, and replies."""

    def __init__(self, conn):
        self._conn = conn

    def recv(self):
        return self._conn.recv()

    def send(self, message) -> None:
        self._conn.send(("reply", message))


def _main(conn, parent: int, level: int, target: Callable, job, what: str,
          talks: bool) -> None:
    """The child: tied to the parent's life, its log kept for the parent."""
    prctl_death_signal(signal.SIGKILL, parent)
    records = _Records()
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(records)
    root.setLevel(level)
    failed = False
    try:
        target(job, Channel(conn)) if talks else target(job)
    except BaseException:
        failed = True
        log.exception("thai_search: %s failed", what)
    conn.send(("log", records.records))
    conn.close()
    if failed:
        sys.exit(1)


@dataclass
class Child:
    process: multiprocessing.process.BaseProcess
    conn: object  # the parent's end of the pipe: the child's replies, then its log records
    what: str  # for messages: what the child does
    records: list | None = None  # its log, once it came


def start(target: Callable, job, what: str, talks: bool = False) -> Child:
    """Run target(job) in a new process (target: a module-level function;
    job: picklable). Logged as the build logs, at its root level. With
    `talks`, target(job, channel): it may wait for the build's messages
    (ask()) and reply (Channel)."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(target=_main, name=what, daemon=True, args=(
        theirs, os.getpid(), logging.getLogger().getEffectiveLevel(), target, job, what,
        talks))
    process.start()
    theirs.close()
    return Child(process, ours, what)


def _next(child: Child):
    """The child's next message: ("reply", message) or ("log", records)."""
    try:
        return child.conn.recv()
    except (EOFError, OSError):  # it died before handing its log over
        return ("log", [])


class Ended(Exception):
    """The child ended instead of replying; finish() says how."""


def ask(child: Child, message):
    """Send a child that talks a message; its reply. Raises Ended when it
    ended instead (its log kept for finish())."""
    try:
        child.conn.send(message)
    except OSError:  # it is gone: what it sent before it went is still there
        pass
    kind, found = _next(child)
    if kind == "reply":
        return found
    child.records = found
    raise Ended(child.what)


def finish(child: Child) -> None:
    """Wait for the child, replay its log, and fail as it failed."""
    records = child.records
    while records is None:
        kind, found = _next(child)
        records = found if kind == "log" else None
    child.conn.close()
    child.process.join()
    for name, level, text in records:
        logging.getLogger(name).log(level, "%s", text)
    code = child.process.exitcode
    if code is not None and code < 0:
        log.error("thai_search: the process for %s was killed (signal %d)%s", child.what,
                  -code, "; the build stops as if it were killed itself"
                  if -code == signal.SIGKILL else "")
        if -code == signal.SIGKILL:
            os.kill(os.getpid(), signal.SIGKILL)
        raise RuntimeError(f"thai_search: {child.what} was killed (signal {-code})")
    if code != 0:
        raise RuntimeError(f"thai_search: {child.what} failed; the error is logged above")


def release_memory() -> None:
    """Give the memory the build freed back to the system (glibc keeps freed
    blocks in its heap for reuse): after handing the index to the child, the
    build's ~1 GB of segmented terms count only once."""
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None) if available() else None
    if trim is not None:
        trim(0)


def abandon(child: Child) -> None:
    """Stop a child whose build ended without finish() (an error elsewhere)."""
    child.process.kill()
    child.process.join()
    child.conn.close()
