"""A test hook: end the build abruptly at a named point.

With THAI_KILL_AT=<point> in the environment, the first pass through
kill_point(<point>) sends SIGKILL to the process, as a power cut or the
out-of-memory killer would; THAI_KILL_AT=<point>:<n> waits for the n-th pass.
tests/test_kill_safety.py uses it to check that the next build gives the
output of a clean one. Without the variable a call does nothing.

The points: thai_search.segment (an article segmented), thai_search.index
(an index file written, before it takes its name), <store>.write (inside a
store's write transaction: segments, html, marks), thai_speedups.page (a
page written), thai_speedups.render_keys, thai_speedups.content_cache and
thai_search.kept_postings (the render keys, Pelican's content cache and the
postings kept for the next build written, before they take their names).
"""

from __future__ import annotations

import os
import signal

_AT = os.environ.get("THAI_KILL_AT", "")
_passes: dict[str, int] = {}


def kill_point(name: str) -> None:
    if not _AT:
        return
    point, _, count = _AT.partition(":")
    if name == point:
        _passes[name] = _passes.get(name, 0) + 1
        if _passes[name] >= int(count or 1):
            os.kill(os.getpid(), signal.SIGKILL)
