"""Work on the other core: a forked process whose results come back
through a temporary file (Linux: index_process.available()).

The index process uses it for what can run beside its own work: half of
the terms' entries (term_entries.py), the correction files
(index_writer.py). A fork shares the parent's memory, so the child reads
what the parent computed without copying it; it writes only its results,
pickled one by one. It dies with the parent (PR_SET_PDEATHSIG), and when
it is killed (a kill point, the out-of-memory killer), so is the parent,
as a build that did the work itself would have been (index_process.finish).
A kill point's passes (THAI_KILL_AT=<point>:<n>, kill_points.py) are
counted in each process apart from the fork on.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .index_process import available, prctl_death_signal, release_memory


class Forked:
    """`work()`'s items, computed by a forked process; `results()` waits
    for them. `what` names the work in an error. Use it as a context
    manager: leaving the block early (an error) kills the child."""

    def __init__(self, work: Callable[[], Iterable], what: str, spill_dir: Path | None = None):
        self.what = what
        self._spill = tempfile.TemporaryFile(dir=spill_dir)  # unlinked at once
        parent = os.getpid()
        # Pages the parent freed go back to the system rather than being
        # shared, then copied when the parent reuses them; and while the
        # child lives, no collection in the parent touches (and so copies)
        # the objects they share (unless someone else froze them already).
        release_memory()
        self._frozen = gc.get_freeze_count() == 0
        if self._frozen:
            gc.freeze()
        try:
            self._pid = os.fork()
        except OSError:
            self._spill.close()
            self._thaw()
            raise
        if self._pid == 0:  # the child: never returns
            status = 1
            try:
                # A full collection would touch every object the parent
                # holds, and copy each page it lies on: the child makes
                # little garbage, most of it freed by reference counting.
                gc.disable()
                prctl_death_signal(signal.SIGKILL, parent)
                for item in work():
                    pickle.dump(item, self._spill, pickle.HIGHEST_PROTOCOL)
                self._spill.flush()
                status = 0
            except BaseException:
                traceback.print_exc()  # the build's log: this process's stderr is the build's
            finally:
                os._exit(status)

    def __enter__(self) -> Forked:
        return self

    def __exit__(self, *exc) -> None:
        if self._pid is not None:  # results() not waited for: an error
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            self._pid = None
        self._thaw()
        self._spill.close()

    def _thaw(self) -> None:
        if self._frozen:
            gc.unfreeze()
            self._frozen = False

    def results(self) -> Iterator:
        """Wait for the child; its items, in order. Fails as it failed."""
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        self._thaw()
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            os.kill(os.getpid(), signal.SIGKILL)  # as if this process were killed
        if status != 0:
            raise RuntimeError(f"thai_search: the process {self.what} failed (exit code "
                               f"{os.waitstatus_to_exitcode(status)}); its error is above")
        self._spill.seek(0)
        while True:
            try:
                yield pickle.load(self._spill)
            except EOFError:
                return


class Done:
    """Forked's interface, for work done at once in this process."""

    def __init__(self, work: Callable[[], Iterable]):
        self._items = list(work())

    def __enter__(self) -> Done:
        return self

    def __exit__(self, *exc) -> None:
        pass

    def results(self) -> Iterator:
        return iter(self._items)


def beside(work: Callable[[], Iterable], what: str, spill_dir: Path | None,
           fork: bool) -> Forked | Done:
    """work() forked with `fork` (where a child can be tied to the build:
    index_process.available()), else done at once; done at once as well
    when the system cannot fork (no memory for another process)."""
    if fork and available():
        try:
            return Forked(work, what, spill_dir)
        except OSError:
            pass
    return Done(work)
