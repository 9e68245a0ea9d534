"""A rebuild after one edit: the search package of a reference commit against
the working tree's, alternating, on the archive clone.

    .venv/bin/python bench/rebuild_ab.py --ref <commit> [--rounds R] [--name NAME]

On the clone that fresh_build.py built (bench/work/fresh: the whole archive,
its caches warm), each rebuild first installs one side's
`pelican.plugins.thai_search` into the clone's venv (the files of
packages/pelican-thai-search at `ref`, or of this working tree), appends a
paragraph to the middle article, and runs `invoke build` (`make build`
without its setup step, which would install the clone's package), timed as
fresh_build.py times it (wall, CPU of every process, peak PSS summed over
the process tree). One rebuild of the working tree first, not counted.

The machine varies by a fifth from run to run, so a rebuild's time means
something only beside the other side's in the same run. Neither Pelican's
content cache nor its rendered pages depend on the search package's code,
so switching sides costs nothing; the segmentation cache does depend on the
segmenter's code, so both sides must segment alike (checked: their
segmenters' code digests must be equal). The clone is left with the working
tree's package, in its venv and in its source (fresh_build.py --reuse resets
it). Prints the medians and their ratio; saves the table under bench/results/.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import tarfile
from pathlib import Path

import lib
from fresh_build import CLONE, run

PACKAGE = Path("packages/pelican-thai-search/pelican/plugins/thai_search")
INSTALLED = next(iter(sorted(CLONE.glob(".venv/lib/python*/site-packages"))),
                 CLONE / ".venv/lib/python3.11/site-packages") / "pelican/plugins/thai_search"
DIGEST = ("from pelican.plugins.thai_search.segment import CACHED_BY; "
          "from pelican.plugins.thai_search.sources import code_digest; "
          "print(code_digest(CACHED_BY, ['pelican.plugins.thai_search']))")


def install(ref: str | None) -> str:
    """One side's package into the clone's venv, and into the clone's source
    of it (the build installs that source again when the two differ:
    newsroom/search_package.py); its segmenter's code digest."""
    source = CLONE / PACKAGE
    shutil.rmtree(source)
    if ref is None:
        shutil.copytree(lib.ROOT / PACKAGE, source, ignore=shutil.ignore_patterns("__pycache__"))
    else:
        tar = subprocess.run(["git", "archive", ref, str(PACKAGE)], cwd=lib.ROOT, check=True,
                             capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
            for member in archive.getmembers():
                if member.isfile():
                    target = source / Path(member.name).relative_to(PACKAGE)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(archive.extractfile(member).read())
    shutil.rmtree(INSTALLED)
    shutil.copytree(source, INSTALLED)
    return subprocess.run([str(CLONE / ".venv/bin/python"), "-c", DIGEST], cwd=CLONE,
                          check=True, capture_output=True, text=True).stdout.strip()


def rebuild(side: str, ref: str | None, label: str, log: Path) -> dict:
    install(ref)
    files = sorted((CLONE / "content" / "news").rglob("*.md"))
    edited = files[len(files) // 2]
    edited.write_text(edited.read_text("utf-8") + f"\nย่อหน้าที่แก้ไข {label}\n", "utf-8")
    # `invoke build`: the build `make build` runs, without its setup step, which
    # would install the clone's own package over this side's.
    found = run([".venv/bin/invoke", "build"], CLONE, log)
    print(side, label, {k: round(v, 1) for k, v in found.items()}, flush=True)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", required=True, help="the reference commit")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--name", default="")
    args = parser.parse_args()
    if not (CLONE / "output" / "search" / "manifest.json").is_file():
        raise SystemExit(f"no built archive in {CLONE}: run bench/fresh_build.py first")
    ref = subprocess.run(["git", "rev-parse", "--short", args.ref], cwd=lib.ROOT, check=True,
                         capture_output=True, text=True).stdout.strip()
    head = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=lib.ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()
    if install(ref) != install(None):
        raise SystemExit(f"{ref} and the working tree segment differently: every rebuild "
                         "would segment the whole archive again")
    log = lib.WORK / f"rebuild-ab{args.name}.log"
    log.unlink(missing_ok=True)
    rebuild("working tree", None, "warm-up", log)
    runs: dict[str, list[dict]] = {"working tree": [], ref: []}
    try:
        for r in range(args.rounds):
            sides = [(ref, ref), ("working tree", None)]
            for side, which in sides if r % 2 == 0 else sides[::-1]:  # each first in turn
                runs[side].append(rebuild(side, which, f"{side}-{r}", log))
    finally:
        install(None)

    def median(side: str, key: str) -> float:
        return statistics.median(x[key] for x in runs[side])

    table = [f"Clone {CLONE.relative_to(lib.ROOT)} (whole archive, caches warm); the search "
             f"package of the working tree ({head}) against {ref}, alternating, "
             f"{args.rounds} rebuild(s) each after one edit (`invoke build`), after one "
             "uncounted.", "",
             "| search package | wall s, each | wall s (median) | CPU s (median) "
             "| peak PSS MB (median) |", "|---|---|---|---|---|"]
    for side in runs:
        each = ", ".join(f"{x['seconds']:.1f}" for x in runs[side])
        table.append(f"| {side} | {each} | {median(side, 'seconds'):.1f} | "
                     f"{median(side, 'cpu'):.0f} | {median(side, 'pss'):.0f} |")
    table += ["", f"Working tree / {ref}, wall: "
              f"{median('working tree', 'seconds') / median(ref, 'seconds'):.2f}."]
    lib.save_table(f"rebuild-ab{args.name}", "A rebuild after one edit: the search package "
                   "against a reference", table)


if __name__ == "__main__":
    main()
