"""Memory of a process tree, sampled: the peak of the sum of its processes'
PSS (proportional set size: a page shared by n processes counts 1/n in
each, so forked workers are not counted twice) and of their RSS.

    with TreeMemory(pid) as memory:
        ...wait for the process...
    memory.peak_pss_kb, memory.peak_rss_kb

Linux only (/proc/<pid>/smaps_rollup). A sample every `interval` seconds
(reading a 4 GB process's rollup costs a few milliseconds): a peak shorter
than that can be missed. `write_csv` keeps the samples, to see when a peak
happened, and each process's CPU seconds so far, to see which process
was busy when (a core idle while the build waits on one process).
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

_HZ = os.sysconf("SC_CLK_TCK")


def descendants(pid: int) -> list[int]:
    """pid and every process below it."""
    return [p for p, _ in family(pid)]


def family(pid: int, cpu: dict[int, float] | None = None) -> list[tuple[int, int]]:
    """(pid, its parent's pid) of pid and every process below it; `cpu`,
    when given, receives each one's CPU seconds (user and system)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
            if cpu is not None:
                cpu[int(stat.parent.name)] = (int(fields[11]) + int(fields[12])) / _HZ
        except (OSError, IndexError, ValueError):
            continue
    found, todo = [], [(pid, 0)]
    while todo:
        p, parent = todo.pop()
        found.append((p, parent))
        todo.extend((c, p) for c in children.get(p, []))
    return found


def rollup_kb(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in KB; (0, 0) once it is gone."""
    pss = rss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
            elif line.startswith("Rss:"):
                rss = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return pss, rss


class TreeMemory:
    def __init__(self, pid: int, interval: float = 1.0) -> None:
        self.pid, self.interval = pid, interval
        self.peak_pss_kb = self.peak_rss_kb = self.peak_processes = 0
        # (s, PSS KB, RSS KB, processes, "pid<parent:PSS MB:CPU s ..." of each live process)
        self.samples: list[tuple[float, int, int, int, str]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        started = time.monotonic()
        while not self._stop.is_set():
            cpu: dict[int, float] = {}
            tree = family(self.pid, cpu)
            sizes = [rollup_kb(p) for p, _ in tree]
            pss, rss = sum(s[0] for s in sizes), sum(s[1] for s in sizes)
            alive = sum(1 for s in sizes if s[1])
            each = " ".join(f"{p}<{parent}:{s[0] // 1024}:{cpu.get(p, 0):.1f}"
                            for (p, parent), s in zip(tree, sizes, strict=True) if s[1])
            self.samples.append((time.monotonic() - started, pss, rss, alive, each))
            self.peak_pss_kb = max(self.peak_pss_kb, pss)
            self.peak_rss_kb = max(self.peak_rss_kb, rss)
            self.peak_processes = max(self.peak_processes, alive)
            self._stop.wait(self.interval)

    def write_csv(self, path: Path) -> None:
        """The samples: seconds, PSS MB, RSS MB, processes, and each process
        as pid<parent's pid:PSS MB:CPU seconds so far."""
        path.write_text("seconds,pss_mb,rss_mb,processes,each\n" + "".join(
            f"{t:.1f},{p / 1024:.0f},{r / 1024:.0f},{n},{e}\n" for t, p, r, n, e in self.samples))

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop.set()
        self._thread.join()
