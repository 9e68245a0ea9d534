"""Build time against a reference commit, in the same run.

    .venv/bin/python bench/build_ab.py --ref <commit> [--archive N] [--rounds R] [--rebuilds]

The machines here are noisy from day to day as well as from run to run (the
same commit built 10k articles in 92 s one day and in 184 s another), so a
build time means something only beside a reference built in the same run.
This builds the same site (our articles and N evenly sampled archive
articles, as search_quality.py) with the working tree and with `ref` (a git
worktree of that commit), alternating, R times each, always with a cold
cache, and prints the medians of the whole build and of the search step's
two parts (segmentation, index writing; from the plugin's log line), their
ratios, and which files of the two sides' last outputs differ (none, when
a change only makes the build faster). With --rebuilds, each round then
appends a paragraph to one article (another each round) and rebuilds each
side on its own warm caches and output: the rebuild an editor's pull
request costs, in the same run; the outputs compared are then those of
the rebuilds.

Each side runs with its own Python environment: the working tree with
.venv, the reference with a venv made from its own pyproject.toml (and its
own packages/pelican-thai-search, if it has one), so that neither builds
with the other's installed search plugin.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lib  # noqa: E402
from search_quality import assemble  # noqa: E402

STEP = re.compile(r"thai_search: \d+ articles .*? in ([\d.]+) s; .*? written in ([\d.]+) s")


def ref_python(tree: Path, work: Path) -> str:
    """A venv with the reference commit's own dependencies and plugins."""
    venv = work / "ref-venv"
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "setuptools"], check=True)
    subprocess.run([*pip, "-e", str(tree)], check=True)
    package = tree / "packages" / "pelican-thai-search"
    if package.is_dir():
        subprocess.run([*pip, "--no-deps", str(package)], check=True)
    return str(venv / "bin" / "python")


def different_files(a: Path, b: Path) -> tuple[list[str], int]:
    """The files (relative paths) that differ between two output trees, or
    exist in one only; and how many files they hold in all."""
    names_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    names_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    differ = sorted(str(p) for p in names_a ^ names_b)
    differ += sorted(str(p) for p in names_a & names_b
                     if not filecmp.cmp(a / p, b / p, shallow=False))
    return differ, len(names_a | names_b)


def build(tree: Path, content: Path, work: Path, python: str = sys.executable,
          cold: bool = True) -> tuple[float, float, float]:
    """(whole build, segmentation, index writing) seconds of one build with
    the code of `tree`: cold, or on the last build's output and caches."""
    output, cache = work / "output", work / "cache"
    if cold:
        shutil.rmtree(output, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
    cmd = [python, "-m", "newsroom.build", str(content), "-s",
           str(tree / "pelicanconf.py"), "-o", str(output), "--verbose",
           "--log-handler", "plain", "-e", f"CACHE_PATH={json.dumps(str(cache))}"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=tree, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    log = proc.stdout + proc.stderr
    found = STEP.search(log)
    if proc.returncode or not found:
        raise SystemExit(f"build with {tree} failed:\n{log[-3000:]}")
    return seconds, float(found.group(1)), float(found.group(2))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", required=True, help="the commit to compare with")
    parser.add_argument("--archive", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--rebuilds", action="store_true",
                        help="after each round's cold builds, one edit and a rebuild each")
    args = parser.parse_args()
    ref = subprocess.run(["git", "rev-parse", "--short", args.ref], cwd=lib.ROOT, check=True,
                         capture_output=True, text=True).stdout.strip()
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=lib.ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()
    work = lib.WORK / f"build-ab-{args.archive}"
    work.mkdir(parents=True, exist_ok=True)
    content = assemble(work, args.archive)
    tree = work / "ref"
    if tree.exists():
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=lib.ROOT)
    subprocess.run(["git", "worktree", "add", "--detach", "-f", str(tree), ref], cwd=lib.ROOT,
                   check=True, capture_output=True)
    (tree / "node_modules").symlink_to(lib.ROOT / "node_modules")
    python = ref_python(tree, work)
    from newsroom.search_package import ensure_current

    ensure_current()  # the working tree's search package, as it is now
    times: dict[str, list[tuple[float, float, float]]] = {"ref": [], "head": []}
    rebuilds: dict[str, list[tuple[float, float, float]]] = {"ref": [], "head": []}
    articles = sorted((content / "news").rglob("*.md"))
    try:
        for round_ in range(args.rounds):
            times["ref"].append(build(tree, content, work / "ref-build", python))
            times["head"].append(build(lib.ROOT, content, work / "head-build"))
            if args.rebuilds:
                edited = articles[len(articles) // 2 + round_]
                edited.write_text(edited.read_text("utf-8") + f"\nย่อหน้าที่แก้ไข {round_}\n",
                                  "utf-8")
                rebuilds["ref"].append(build(tree, content, work / "ref-build", python, False))
                rebuilds["head"].append(build(lib.ROOT, content, work / "head-build", cold=False))
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=lib.ROOT)
    articles = sum(1 for p in articles if not p.name.startswith("_"))
    medians = {k: [lib.median([t[i] for t in v]) for i in range(3)] for k, v in times.items()}
    lines = [f"Site: {articles} articles; {args.rounds} cold builds each, alternating"
             f"{', each round then one edit and a rebuild each' if args.rebuilds else ''}; "
             f"reference {ref}, working tree at {head}"
             + (" with uncommitted changes" if subprocess.run(
                 ["git", "status", "--porcelain", "--untracked-files=no"], cwd=lib.ROOT,
                 capture_output=True, text=True).stdout.strip() else "") + ".", "",
             "| code | full build s | search: segmentation s | search: index writing s |"
             " search total s |", "|---|---|---|---|---|"]
    for name, label in (("ref", ref), ("head", f"{head} (working tree)")):
        m = medians[name]
        lines.append(f"| {label} | {m[0]:.1f} | {m[1]:.1f} | {m[2]:.1f} | {m[1] + m[2]:.1f} |")
    r, h = medians["ref"], medians["head"]
    lines.append(f"| ratio | {h[0] / r[0]:.2f} | {h[1] / r[1]:.2f} | {h[2] / r[2]:.2f} | "
                 f"{(h[1] + h[2]) / (r[1] + r[2]):.2f} |")
    if args.rebuilds:
        r, h = (lib.median([t[0] for t in rebuilds[k]]) for k in ("ref", "head"))
        lines += ["", "| code | rebuild after one edit s |", "|---|---|",
                  f"| {ref} | {r:.1f} |", f"| {head} (working tree) | {h:.1f} |",
                  f"| ratio | {h / r:.2f} |", "", "Every rebuild: " + "; ".join(
                      f"{name} " + ", ".join(f"{t[0]:.1f}" for t in v)
                      for name, v in rebuilds.items())]
    lines += ["", "Every build: " + "; ".join(
        f"{name} " + ", ".join(f"{t[0]:.0f}" for t in v) for name, v in times.items())]
    differ, files = different_files(work / "ref-build" / "output", work / "head-build" / "output")
    lines += ["", f"Outputs of the last builds: {files} files, "
              + (f"{len(differ)} differ: " + ", ".join(differ[:10]) if differ
                 else "byte for byte the same")]
    lib.save_table(f"build-ab-{args.archive}-ref-{ref}", f"Build time against {ref}, same run",
                   lines)


if __name__ == "__main__":
    main()
