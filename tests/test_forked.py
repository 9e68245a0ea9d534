"""Work on the other core (thai_search/forked.py): a forked child's results
come back in order, as work done at once would; a child that fails fails
the parent with its error; a parent that fails first leaves no child."""

from __future__ import annotations

import os
import time

import pytest
from test_index_process import _alive

from pelican.plugins.thai_search import index_process
from pelican.plugins.thai_search.forked import Done, Forked, beside

pytestmark = pytest.mark.skipif(not index_process.available(), reason="Linux only (prctl)")


def _squares():
    return [(n, n * n, {"pid": os.getpid()}) for n in range(2000)]


def test_a_forked_child_hands_back_its_items_in_order(tmp_path):
    with Forked(_squares, "squaring", tmp_path) as side:
        items = list(side.results())
    assert [(n, sq) for n, sq, _ in items] == [(n, sq) for n, sq, _ in Done(_squares).results()]
    assert {pid["pid"] for _, _, pid in items} != {os.getpid()}  # computed by the child
    assert not list(tmp_path.iterdir())  # its temporary file is gone
    with beside(_squares, "squaring", tmp_path, fork=False) as done:
        assert [pid["pid"] for _, _, pid in done.results()] == [os.getpid()] * 2000


def test_a_failing_child_fails_the_parent_with_its_error(tmp_path, capfd):
    def fails():
        raise ValueError("no room for corrections")

    with pytest.raises(RuntimeError, match=r"the process writing corrections failed \(exit"):
        with Forked(fails, "writing corrections", tmp_path) as side:
            list(side.results())
    assert "ValueError: no room for corrections" in capfd.readouterr().err


def test_a_parent_that_fails_first_leaves_no_child(tmp_path):
    pid_file = tmp_path / "child.pid"

    def sleeps():
        pid_file.write_text(str(os.getpid()))
        time.sleep(60)
        return []

    with pytest.raises(KeyError):
        with Forked(sleeps, "sleeping", tmp_path):
            while not pid_file.exists():
                time.sleep(0.01)
            raise KeyError("the parent's own work failed")
    assert not _alive(int(pid_file.read_text()))


def test_work_is_done_at_once_when_the_system_cannot_fork(tmp_path, monkeypatch):
    def no_fork():
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(os, "fork", no_fork)
    with beside(_squares, "squaring", tmp_path, fork=True) as side:
        assert [pid["pid"] for _, _, pid in side.results()] == [os.getpid()] * 2000
    assert not list(tmp_path.iterdir())


def test_the_parent_collects_nothing_it_shares_while_the_child_lives(tmp_path):
    """A collection in the parent would write to every object it shares with
    the child, and so copy their pages: they are frozen until the child is
    done, and thawed after (success, failure, or leaving early)."""
    import gc

    gc.unfreeze()  # whatever another test may have left frozen
    kept = [[n] for n in range(1000)]  # objects the child shares
    with Forked(_squares, "squaring", tmp_path) as side:
        assert gc.get_freeze_count() >= len(kept)
        list(side.results())
        assert gc.get_freeze_count() == 0
    with Forked(_squares, "squaring", tmp_path):
        assert gc.get_freeze_count() >= len(kept)
    assert gc.get_freeze_count() == 0
    # Frozen by someone else (the build's related news): left as it is.
    gc.freeze()
    try:
        with Forked(_squares, "squaring", tmp_path) as side:
            list(side.results())
        assert gc.get_freeze_count() >= len(kept)  # not thawed by Forked
    finally:
        gc.unfreeze()
