"""A rebuild with the postings added while Pelican reads, against one without.

    .venv/bin/python bench/early_postings.py [--rounds R] [--name NAME]

On the archive clone that fresh_build.py built (bench/work/fresh: the whole
archive, its caches warm), alternate rebuilds after one edit each (a
paragraph appended to the middle article, as fresh_build.py's): "kept"
leaves the last build's list of articles beside the segmentation cache, so
the index process adds their postings while Pelican reads
(early_postings.py); "removed" deletes it first, so the index process adds
them once the build hands it the list, as before. One rebuild first, not
counted (the first after a code change renders more). Each runs
`newsroom.build ... -v` (the `make build` path, with its info log, which
says whether the postings were patched). Prints the medians and their
ratio, and saves the table under bench/results/.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
from pathlib import Path

import lib
from fresh_build import CLONE, run

BUILD = [".venv/bin/python", "-m", "newsroom.build", "content", "-s", "pelicanconf.py", "-v"]


def rebuild(round_name: str, keep: bool, log: Path) -> dict:
    files = sorted((CLONE / "content" / "news").rglob("*.md"))
    edited = files[len(files) // 2]
    edited.write_text(edited.read_text("utf-8") + f"\nย่อหน้าที่แก้ไข {round_name}\n", "utf-8")
    if not keep:
        for order in (CLONE / "cache").rglob("segments-*.sqlite.order"):
            order.unlink()
    found = run(BUILD, CLONE, log)
    last = log.read_text("utf-8").rsplit("\n$ ", 1)[-1]
    # (Pelican's rich log handler wraps long lines.)
    found["patched"] = "the postings of the last" in last
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--name", default="")
    args = parser.parse_args()
    if not (CLONE / "output" / "search" / "manifest.json").is_file():
        raise SystemExit(f"no built archive in {CLONE}: run bench/fresh_build.py first")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=CLONE, check=True,
                            capture_output=True, text=True).stdout.strip()
    log = lib.WORK / f"early-postings{args.name}.log"
    log.unlink(missing_ok=True)
    rebuild("warm-up", True, log)
    runs: dict[str, list[dict]] = {"kept": [], "removed": []}
    for r in range(args.rounds):
        for side in ("removed", "kept"):
            runs[side].append(rebuild(f"{side}-{r}", side == "kept", log))
            print(side, runs[side][-1], flush=True)
    medians = {side: {k: statistics.median(x[k] for x in found)
                      for k in ("seconds", "cpu", "pss")} for side, found in runs.items()}
    table = [f"Commit {commit} on bench/work/fresh (the whole archive, built by fresh_build.py); "
             f"{args.rounds} rounds, alternating, after one counted-out rebuild; one edit each; "
             "`newsroom.build -v`.", "",
             "| the last build's list | wall s (each) | wall s median | CPU s median "
             "| peak PSS MB median | postings patched |",
             "|---|---|---|---|---|---|"]
    for side, found in runs.items():
        each = ", ".join(f"{x['seconds']:.1f}" for x in found)
        table.append(f"| {side} | {each} | "
                     f"{medians[side]['seconds']:.1f} | {medians[side]['cpu']:.0f} | "
                     f"{medians[side]['pss']:.0f} | "
                     f"{sum(x['patched'] for x in found)} of {len(found)} |")
    ratio = medians["kept"]["seconds"] / medians["removed"]["seconds"]
    table += ["", f"Kept / removed, wall: {ratio:.2f}."]
    lib.save_table(f"early-postings{args.name}", "A rebuild's postings added while Pelican "
                   "reads, against one without", table)


if __name__ == "__main__":
    main()
