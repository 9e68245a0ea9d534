"""Which process kept the cores busy when: a build's CPU timeline.

    .venv/bin/python bench/timeline.py bench/work/fresh-full.csv [--bucket 20]

Reads the samples bench/fresh_build.py saves (bench/pss.py: each process's
CPU seconds so far, a sample a second) and prints, for each stretch of
`bucket` seconds, how many cores the build used in all and each of its
busiest processes (the cores' worth of CPU it had in that stretch). A
stretch where the sum stays near 1 is one where the second core waited.
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from pathlib import Path


def read(path: Path, bucket: float) -> tuple[dict[int, dict[int, float]], dict[int, int]]:
    """CPU seconds per bucket and process, and each process's parent."""
    used: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    last: dict[int, float] = {}
    parent: dict[int, int] = {}
    with path.open(newline="") as f:
        for row in csv.DictReader(f):
            at = int(float(row["seconds"]) // bucket)
            for item in row["each"].split():
                fields = item.split(":")
                if len(fields) < 3:
                    raise SystemExit(f"{path}: no CPU seconds in the samples "
                                     "(saved before bench/pss.py recorded them)")
                pid, ppid = map(int, fields[0].split("<"))
                cpu = float(fields[2])
                parent[pid] = ppid
                used[at][pid] += max(cpu - last.get(pid, 0.0), 0.0)
                last[pid] = cpu
    return used, parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path)
    parser.add_argument("--bucket", type=float, default=20.0, help="seconds a line")
    parser.add_argument("--processes", type=int, default=5, help="columns for the busiest")
    args = parser.parse_args()
    used, parent = read(args.csv, args.bucket)
    total: dict[int, float] = defaultdict(float)
    for stretch in used.values():
        for pid, seconds in stretch.items():
            total[pid] += seconds
    busiest = sorted(total, key=lambda p: -total[p])[: args.processes]
    print("| from s | cores | " + " | ".join(f"{p} (parent {parent[p]}, {total[p]:.0f} s)"
                                           for p in busiest) + " |")
    print("|---|---|" + "---|" * len(busiest))
    for at in sorted(used):
        share = [used[at].get(p, 0.0) / args.bucket for p in busiest]
        print(f"| {at * args.bucket:.0f} | {sum(used[at].values()) / args.bucket:.2f} | "
              + " | ".join(f"{s:.2f}" for s in share) + " |")
    print(f"\nCPU of all processes: {sum(total.values()):.0f} s")


if __name__ == "__main__":
    main()
