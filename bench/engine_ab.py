"""The search engine's warm work in Node: the working tree's code against a
reference commit's, on one built site's index, with every result compared.

    .venv/bin/python bench/engine_ab.py --site bench/work/fresh/output --ref HEAD [--rounds 5]

The searches: scale.py's 50 queries, the judged queries of the last
search_quality.py run at archive scale (bench/work/quality-70000/judged.json,
when there is one) and the first 60 queries again in each of three
categories. Each side runs in its own Node process (bench/engine_run.mjs),
alternating, `rounds` times: the series once to load the files, then again,
timed. Node runs the same V8 as Chromium without fetches, rendering or a
page: a change to the engine's own work shows here, where the browser's
warm query (warm_ab.py) varies by more than the change. Fails if the two
sides return different results (totals, ids, order, scores to 1e-9).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

import lib

JUDGED = lib.WORK / "quality-70000" / "judged.json"


def searches(manifest: dict) -> list:
    queries = json.loads((lib.ROOT / "bench" / "scale_queries.json").read_text("utf-8"))["queries"]
    if JUDGED.exists():
        queries += [q["query"] for q in json.loads(JUDGED.read_text("utf-8"))["queries"]]
    queries = list(dict.fromkeys(queries))
    return ([[q, {}] for q in queries]
            + [[q, {"category": c}] for q in queries[:60] for c in manifest["categories"][:3]])


def run(engine: Path, index: Path, series: Path) -> dict:
    out = subprocess.run(["node", str(lib.ROOT / "bench" / "engine_run.mjs"), str(engine),
                          str(index), str(series)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--ref", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    index = args.site / "search"
    manifest = json.loads((index / "manifest.json").read_text("utf-8"))
    tmp = Path(tempfile.mkdtemp(prefix="engine-ab-"))
    try:
        series = tmp / "searches.json"
        wanted = searches(manifest)
        series.write_text(json.dumps(wanted, ensure_ascii=False), "utf-8")
        sides = {"working tree": lib.ROOT / lib.SEARCH_JS / "engine.js",
                 args.ref: lib.search_code_at(args.ref, tmp / "ref") / "engine.js"}
        found: dict[str, list[float]] = {name: [] for name in sides}
        results: dict[str, list] = {}
        for _ in range(args.rounds):
            for name, engine in sides.items():
                done = run(engine, index, series)
                found[name].append(done["ms"])
                results.setdefault(name, done["results"])
                print(name, f"{done['ms']:.0f} ms", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    differ = [wanted[i] for i, (a, b) in enumerate(zip(*results.values(), strict=True)) if a != b]
    table = [f"Site {args.site} ({manifest['docCount']:,} articles); working tree "
             f"{lib.git_head()} against {args.ref}; {len(wanted)} searches a pass, the warm pass "
             f"timed, {args.rounds} runs a side, alternating, each in its own Node process.", "",
             "| search code | warm pass ms, each run | median | ms a search |", "|---|---|---|---|"]
    for name, runs in found.items():
        median = statistics.median(runs)
        table.append(f"| {name} | {', '.join(f'{x:.0f}' for x in runs)} | {median:.0f} | "
                     f"{median / len(wanted):.2f} |")
    ratio = statistics.median(found["working tree"]) / statistics.median(found[args.ref])
    table += ["", f"Working tree / {args.ref}: {ratio:.2f}. Searches whose results differ: "
              f"{len(differ)} of {len(wanted)}."]
    table += [f"- {q!r} {f}" for q, f in differ[:20]]
    lib.save_table("engine-ab", "The search engine's warm work in Node, against a reference", table)
    if differ:
        raise SystemExit(f"{len(differ)} searches differ")


if __name__ == "__main__":
    main()
