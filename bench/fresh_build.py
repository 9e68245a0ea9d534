"""The whole archive built as a new user builds it (issue #17).

    .venv/bin/python bench/fresh_build.py [--reuse] [--profile] [--name NAME]

1. Clone this repository (its HEAD, committed work only) into
   bench/work/fresh, then `make setup`: a new venv and node_modules.
   With --reuse, a clone already there is reset to HEAD and keeps its venv
   and node_modules (`make setup` then finds them current); its output and
   caches are removed all the same.
2. `invoke import-thaigov` of the unpacked archive (bench/work/corpus/data,
   as scale.py unpacks it) into the clone's content/news.
3. `make build`: the full build from nothing, exactly as the README says.
4. One article edited (a paragraph appended), then `make build` again: the
   rebuild an editor's pull request costs.

Each build is timed (wall clock, CPU of every process), with the peak of
the summed PSS and RSS of its process tree (bench/pss.py) and the output's
size on disk (`du`); the memory samples go to bench/work/fresh<NAME>-*.csv
(when a peak happened). With --profile, py-spy samples every process of both
builds (`--subprocesses --nonblocking`, 29 samples a second) and writes
collapsed stacks under bench/work/ for bench/profile_summary.py. Saves a
table under bench/results/.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import subprocess
import time
from pathlib import Path

import lib
from pss import TreeMemory

CLONE = lib.WORK / "fresh"
PY_SPY = lib.ROOT / ".venv" / "bin" / "py-spy"


def run(cmd: list[str], cwd: Path, log: Path, profile: Path | None = None,
        memory_csv: Path | None = None) -> dict:
    """Run a command; its time, CPU, peak memory and log (appended to `log`)."""
    if profile is not None:
        cmd = [str(PY_SPY), "record", "--subprocesses", "--nonblocking", "--rate", "29",
               "--format", "raw", "--output", str(profile), "--", *cmd]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with log.open("a", encoding="utf-8") as out:
        out.write(f"\n$ {' '.join(cmd)}\n")
        out.flush()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        with TreeMemory(proc.pid) as memory:
            code = proc.wait()
    if memory_csv is not None:
        memory.write_csv(memory_csv)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({code}); see {log}")
    return {"seconds": seconds,
            "cpu": after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime,
            "pss": memory.peak_pss_kb / 1024, "rss": memory.peak_rss_kb / 1024,
            "processes": memory.peak_processes}


def du_mb(path: Path) -> int:
    found = subprocess.run(["du", "-s", "--block-size=1M", str(path)], check=True,
                           capture_output=True, text=True).stdout
    return int(found.split()[0])


def steps(log_text: str) -> dict[str, str]:
    """The build's own figures from the last build in the log."""
    text = log_text.rsplit("$ ", 1)[-1]
    found = {}
    for name, pattern in [
            ("pelican", r"Processed (\d+) articles?.*?in ([\d.]+) seconds"),
            ("search", r"thai_search: \d+ articles \((\d+) segmented, \d+ from cache\) in "
                       r"([\d.]+) s; .*? written in ([\d.]+) s"),
            ("related", r"thai_related: .*? lists ranked in ([\d.]+) s")]:
        m = re.search(pattern, text, re.S)
        found[name] = " / ".join(m.groups()) if m else "–"
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true",
                        help="keep the clone's venv and node_modules")
    parser.add_argument("--profile", action="store_true", help="py-spy both builds")
    parser.add_argument("--name", default="", help="a suffix for the results file")
    args = parser.parse_args()
    if args.profile and not PY_SPY.is_file():
        raise SystemExit(f"--profile needs py-spy in the project's venv ({PY_SPY}): "
                         ".venv/bin/pip install py-spy (a profiler, not a project dependency)")
    if not lib.ARCHIVE.is_dir():
        raise SystemExit(f"no unpacked archive in {lib.ARCHIVE}: run bench/scale.py once")
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=lib.ROOT, check=True,
                            capture_output=True, text=True).stdout.strip()
    if args.reuse and (CLONE / ".git").is_dir():
        subprocess.run(["git", "fetch", "--quiet", str(lib.ROOT), commit], cwd=CLONE, check=True)
        subprocess.run(["git", "reset", "--quiet", "--hard", commit], cwd=CLONE, check=True)
        subprocess.run(["git", "clean", "-qfdx", "-e", ".venv", "-e", "node_modules"],
                       cwd=CLONE, check=True)
    else:
        shutil.rmtree(CLONE, ignore_errors=True)
        subprocess.run(["git", "clone", "--quiet", str(lib.ROOT), str(CLONE)], check=True)
        subprocess.run(["git", "checkout", "--quiet", commit], cwd=CLONE, check=True)
    log = lib.WORK / f"fresh{args.name}.log"
    log.write_text(f"fresh build of {commit}\n", encoding="utf-8")
    rows = []
    setup = run(["make", "setup"], CLONE, log)
    imported = run([".venv/bin/invoke", "import-thaigov", str(lib.ARCHIVE)], CLONE, log)
    articles = sum(1 for _ in (CLONE / "content" / "news").rglob("*.md"))
    print(f"setup {setup['seconds']:.0f} s, import {imported['seconds']:.0f} s: "
          f"{articles} articles", flush=True)

    def build(name: str, step: str) -> None:
        """`make build`, measured, as row `name`; files named after `step`."""
        spy = lib.WORK / f"fresh{args.name}-{step}.spy" if args.profile else None
        found = run(["make", "build"], CLONE, log, spy, lib.WORK / f"fresh{args.name}-{step}.csv")
        found.update(steps(log.read_text("utf-8")), output=du_mb(CLONE / "output"),
                     search_mb=du_mb(CLONE / "output" / "search"))
        rows.append((name, found))
        print(rows[-1], flush=True)

    build("full build", "full")
    files = sorted((CLONE / "content" / "news").rglob("*.md"))
    edited = files[len(files) // 2]
    edited.write_text(edited.read_text("utf-8") + "\nย่อหน้าที่แก้ไขเพื่อทดสอบ\n", "utf-8")
    build("rebuild after one edit", "rebuild")

    kept = " (venv and node_modules kept)" if args.reuse else ""
    table = [f"Commit {commit[:7]}, cloned fresh{kept}; "
             f"{articles:,} articles imported by `invoke import-thaigov` in "
             f"{imported['seconds']:.0f} s; `make setup` {setup['seconds']:.0f} s."
             f"{' Under py-spy (29 samples a second).' if args.profile else ''}", "",
             "| build | wall s | CPU s (all processes) | peak PSS MB (sum) | peak RSS MB (sum) "
             "| Pelican: articles / s | search: segmented / s / writing s | related s "
             "| output MB (du) | of which search |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name, r in rows:
        table.append(f"| {name} | {r['seconds']:.1f} | {r['cpu']:.0f} | {r['pss']:.0f} | "
                     f"{r['rss']:.0f} | {r['pelican']} | {r['search']} | {r['related']} | "
                     f"{r['output']} | {r['search_mb']} |")
    lib.save_table(f"fresh-build{args.name}", "The whole archive from a fresh clone: "
                   "`make build`", table)


if __name__ == "__main__":
    main()
